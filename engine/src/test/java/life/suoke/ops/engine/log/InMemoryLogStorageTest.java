package life.suoke.ops.engine.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.record.Record;
import org.junit.jupiter.api.Test;

/** The in-memory log keeps the contract of the PostgreSQL one that the engine relies on. */
class InMemoryLogStorageTest {

  private final InMemoryLogStorage log = new InMemoryLogStorage();

  @Test
  void recordsComeBackAsTheirJsonInPositionOrderAndCompactionHidesNone() {
    log.append(List.of(RecordLogTest.record(1), RecordLogTest.record(2)));
    log.append(List.of(RecordLogTest.record(3)));
    assertThat(log.lastPosition()).isEqualTo(3);
    assertThat(log.read(1, 10)).extracting(Record::position).containsExactly(2L, 3L);
    Record back = log.read(0, 1).get(0);
    assertThat(back).isNotSameAs(RecordLogTest.record(1));
    assertThat(RecordJson.toJson(back)).isEqualTo(RecordJson.toJson(RecordLogTest.record(1)));

    assertThat(log.compact(2)).isEqualTo(2);
    assertThat(log.compact(2)).isZero();
    assertThat(log.archivedUpTo()).isEqualTo(2);
    List<Long> replayed = new ArrayList<>();
    assertThat(log.replay(0, r -> replayed.add(r.position()))).isEqualTo(3);
    assertThat(replayed).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aBatchWhosePositionsDoNotIncreaseWritesNothing() {
    log.append(List.of(RecordLogTest.record(1)));
    assertThatThrownBy(() -> log.append(List.of(RecordLogTest.record(2), RecordLogTest.record(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.append(List.of(RecordLogTest.record(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(log.lastPosition()).isEqualTo(1);
  }

  @Test
  void exporterPositionsNeverMoveBackAndTheTwoNewestSnapshotsAreKept() {
    log.acknowledge("audit", 5);
    log.acknowledge("audit", 3);
    assertThat(log.exporterPosition("audit")).isEqualTo(5);
    assertThat(log.exporterPosition("other")).isZero();

    log.saveSnapshot(10, 1, new byte[] {1});
    log.saveSnapshot(20, 1, new byte[] {2});
    log.saveSnapshot(30, 1, new byte[] {3});
    assertThat(log.snapshots()).extracting(SnapshotInfo::position).containsExactly(30L, 20L);
    assertThat(log.latestSnapshot())
        .hasValueSatisfying(s -> assertThat(s.data()).containsExactly(3));
    assertThatThrownBy(() -> log.saveSnapshot(0, 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReopenedLogHasEverythingAndAClosedOneRefuses() {
    log.append(List.of(RecordLogTest.record(1)));
    log.saveSnapshot(1, 1, new byte[] {7});
    log.acknowledge("audit", 1);
    InMemoryLogStorage reopened = log.reopen();
    log.close();
    assertThatThrownBy(() -> log.read(0, 1)).isInstanceOf(IllegalStateException.class);
    assertThat(reopened.read(0, 10)).hasSize(1);
    assertThat(reopened.latestSnapshot()).isPresent();
    assertThat(reopened.exporterPosition("audit")).isEqualTo(1);
  }
}
