package life.suoke.ops.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.LongStream;
import life.suoke.ops.engine.record.Record;
import org.junit.jupiter.api.Test;

/** The log's memory of its newest batches: what it can answer, and when it must say it cannot. */
class RecentBatchesTest {

  /** A batch of events at positions {@code from..to}, after the log's position {@code after}. */
  private static RecentBatches.Batch batch(long after, long from, long to) {
    int n = (int) (to - from + 1);
    long[] positions = LongStream.rangeClosed(from, to).toArray();
    String[] types = new String[n];
    String[] valueTypes = new String[n];
    String[] intents = new String[n];
    String[] versions = new String[n];
    byte[][] data = new byte[n][];
    for (int i = 0; i < n; i++) {
      types[i] = "EVENT";
      valueTypes[i] = "PROCESS_INSTANCE";
      intents[i] = "ELEMENT_ACTIVATED";
      versions[i] = "8.8.14";
      data[i] = ("{\"elementId\":\"e" + positions[i] + "\"}").getBytes(StandardCharsets.UTF_8);
    }
    return new RecentBatches.Batch(
        after,
        new LogRows(
            positions,
            new long[n],
            positions.clone(),
            new long[n],
            types,
            valueTypes,
            intents,
            new String[n],
            new String[n],
            versions,
            data));
  }

  @Test
  void answersPagesAcrossBatchesAndNothingBeforeItsFirstBatch() {
    RecentBatches recent = new RecentBatches(1_000);
    assertThat(recent.read(0, 10)).isNull();
    recent.committed(batch(10, 11, 13));
    recent.committed(batch(13, 14, 20));

    assertThat(recent.read(9, 10)).as("from before the first batch").isNull();
    assertThat(recent.read(10, 100))
        .extracting(Record::position)
        .containsExactlyElementsOf(LongStream.rangeClosed(11, 20).boxed().toList());
    assertThat(recent.read(12, 3)).extracting(Record::position).containsExactly(13L, 14L, 15L);
    assertThat(recent.read(20, 10)).isEmpty();
    assertThat(recent.read(14, 1).get(0).value()).containsEntry("elementId", "e15");
  }

  @Test
  void eachRecordIsDecodedOnceAndSharedByItsReaders() {
    RecentBatches recent = new RecentBatches(1_000);
    recent.committed(batch(0, 1, 5));
    Record first = recent.read(2, 1).get(0);
    // a second exporter reading the same position gets the record the first one decoded
    assertThat(recent.read(0, 10).get(2)).isSameAs(first);
    assertThat(recent.read(2, 1).get(0)).isSameAs(first);
  }

  @Test
  void keepsTheNewestBatchesUpToItsSizeAndStartsAfreshAfterAGapOrAClear() {
    RecentBatches recent = new RecentBatches(10);
    recent.committed(batch(0, 1, 6));
    recent.committed(batch(6, 7, 12));
    // 12 records: the oldest batch went
    assertThat(recent.read(0, 100)).isNull();
    assertThat(recent.read(6, 100)).hasSize(6);

    // a batch that does not follow the last one (another writer's records between them)
    recent.committed(batch(15, 16, 17));
    assertThat(recent.read(12, 100)).isNull();
    assertThat(recent.read(15, 100)).extracting(Record::position).containsExactly(16L, 17L);

    recent.clear();
    assertThat(recent.read(17, 100)).isNull();
    // a memory of size 0 never answers
    RecentBatches none = new RecentBatches(0);
    none.committed(batch(0, 1, 2));
    assertThat(none.read(0, 10)).isNull();
  }
}
