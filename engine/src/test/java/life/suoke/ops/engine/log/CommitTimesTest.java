package life.suoke.ops.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Commit times, and readers that wait for the next commit instead of polling. */
class CommitTimesTest {

  @Test
  void aBatchIsFoundByAnyOfItsPositionsAndAGapBelongsToTheNextBatch() {
    CommitTimes times = new CommitTimes();
    assertThat(times.lastCommitted()).isEqualTo(-1);
    times.committed(1, 5, 100);
    times.committed(8, 9, 200);

    assertThat(times.lastCommitted()).isEqualTo(9);
    assertThat(times.committedAt(1)).isEqualTo(100);
    assertThat(times.committedAt(5)).isEqualTo(100);
    assertThat(times.committedAt(6)).isEqualTo(200);
    assertThat(times.committedAt(9)).isEqualTo(200);
    assertThat(times.committedAt(10)).isEqualTo(-1);
  }

  @Test
  void aWaitingReaderWakesWithTheCommitThatGoesPastItsPosition() throws Exception {
    CommitTimes times = new CommitTimes();
    times.committed(1, 5, 100);
    // already past: no wait
    assertThat(times.awaitCommittedAbove(4, 60_000)).isTrue();

    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Boolean> reader =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              try {
                return times.awaitCommittedAbove(5, 60_000);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    waiting.await();
    Thread.sleep(50);
    assertThat(reader).isNotDone();
    times.committed(6, 7, 200);
    assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aWaitWithNoCommitEndsWithItsTimeout() throws Exception {
    CommitTimes times = new CommitTimes();
    long start = System.nanoTime();
    assertThat(times.awaitCommittedAbove(0, 100)).isFalse();
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }
}
