package life.suoke.ops.workers.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The confirm form's rating as the closing status job reads it. */
class RecordStatusWorkerRatingTest {

  @Test
  void aWholeNumberOrItsTextIsARatingAnythingElseIsNone() {
    assertThat(RecordStatusWorker.rating(4)).isEqualTo(4);
    assertThat(RecordStatusWorker.rating(5.0)).isEqualTo(5);
    assertThat(RecordStatusWorker.rating(" 3 ")).isEqualTo(3);
    assertThat(RecordStatusWorker.rating(4.5)).isNull();
    assertThat(RecordStatusWorker.rating("good")).isNull();
    assertThat(RecordStatusWorker.rating("7")).isNull();
    assertThat(RecordStatusWorker.rating(null)).isNull();
  }
}
