package life.suoke.ops.engine.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import life.suoke.ops.engine.log.CommitTimes;
import life.suoke.ops.engine.log.InMemoryLogStorage;
import life.suoke.ops.engine.log.LogStorage;
import life.suoke.ops.engine.log.SnapshotInfo;
import life.suoke.ops.engine.log.StoredSnapshot;
import life.suoke.ops.engine.record.Record;

/**
 * A log that passes everything to an in-memory one; tests override what they hold back, slow down
 * or fail.
 */
public abstract class ForwardingLogStorage implements LogStorage {

  protected final InMemoryLogStorage log;

  protected ForwardingLogStorage(InMemoryLogStorage log) {
    this.log = log;
  }

  @Override
  public void append(List<Record> batch) {
    log.append(batch);
  }

  @Override
  public long lastPosition() {
    return log.lastPosition();
  }

  @Override
  public long replay(long fromPositionExclusive, Consumer<Record> consumer) {
    return log.replay(fromPositionExclusive, consumer);
  }

  @Override
  public List<Record> read(long fromPositionExclusive, int maxRecords) {
    return log.read(fromPositionExclusive, maxRecords);
  }

  @Override
  public CommitTimes commitTimes() {
    return log.commitTimes();
  }

  @Override
  public long exporterPosition(String exporterId) {
    return log.exporterPosition(exporterId);
  }

  @Override
  public void acknowledge(String exporterId, long position) {
    log.acknowledge(exporterId, position);
  }

  @Override
  public void saveSnapshot(long position, int format, byte[] data) {
    log.saveSnapshot(position, format, data);
  }

  @Override
  public Optional<StoredSnapshot> latestSnapshot() {
    return log.latestSnapshot();
  }

  @Override
  public List<SnapshotInfo> snapshots() {
    return log.snapshots();
  }

  @Override
  public long compact(long upToInclusive) {
    return log.compact(upToInclusive);
  }

  @Override
  public long archivedUpTo() {
    return log.archivedUpTo();
  }

  @Override
  public void close() {
    log.close();
  }
}
