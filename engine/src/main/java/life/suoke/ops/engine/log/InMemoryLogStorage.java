package life.suoke.ops.engine.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import life.suoke.ops.engine.record.Record;

/**
 * A log in memory, for fast tests of the processing loop, its processors and the state's appliers
 * without PostgreSQL. Records are kept as their JSON bytes ({@link RecordJson}) and parsed on every
 * read, exactly as the PostgreSQL log stores and returns them, so that what a test replays is what
 * a restart would replay. Thread safe. Nothing survives the JVM: durability is {@link RecordLog}'s,
 * tested against a real PostgreSQL.
 */
public final class InMemoryLogStorage implements LogStorage {

  private final List<byte[]> records = new ArrayList<>();
  private final List<Long> positions = new ArrayList<>();

  private long archivedUpTo;
  private final Map<String, Long> exporterPositions = new HashMap<>();
  private final TreeMap<Long, StoredSnapshot> snapshots = new TreeMap<>();
  private final CommitTimes commitTimes = new CommitTimes();
  private boolean closed;

  @Override
  public synchronized void append(List<Record> batch) {
    ensureOpen();
    if (batch.isEmpty()) {
      return;
    }
    long previous = lastPositionLocked();
    for (int i = 0; i < batch.size(); i++) {
      long position = batch.get(i).position();
      if (position <= previous) {
        throw new IllegalArgumentException(
            "record positions must strictly increase: position "
                + position
                + " follows "
                + previous);
      }
      previous = position;
    }
    for (Record record : batch) {
      records.add(RecordJson.toBytes(record));
      positions.add(record.position());
    }
    commitTimes.committed(batch.get(0).position(), previous, System.nanoTime());
  }

  @Override
  public synchronized long lastPosition() {
    ensureOpen();
    return lastPositionLocked();
  }

  private long lastPositionLocked() {
    return positions.isEmpty() ? 0 : positions.get(positions.size() - 1);
  }

  @Override
  public long replay(long fromPositionExclusive, Consumer<Record> consumer) {
    long count = 0;
    long from = fromPositionExclusive;
    List<Record> page;
    while (!(page = read(from, 1000)).isEmpty()) {
      for (Record record : page) {
        consumer.accept(record);
        count++;
      }
      from = page.get(page.size() - 1).position();
    }
    return count;
  }

  @Override
  public synchronized List<Record> read(long fromPositionExclusive, int maxRecords) {
    ensureOpen();
    if (maxRecords <= 0) {
      throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
    }
    int start = firstIndexAbove(fromPositionExclusive);
    List<Record> page = new ArrayList<>();
    for (int i = start; i < records.size() && page.size() < maxRecords; i++) {
      page.add(RecordJson.fromBytes(records.get(i)));
    }
    return page;
  }

  private int firstIndexAbove(long position) {
    int low = 0;
    int high = positions.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (positions.get(mid) <= position) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  @Override
  public CommitTimes commitTimes() {
    return commitTimes;
  }

  @Override
  public synchronized long exporterPosition(String exporterId) {
    ensureOpen();
    return exporterPositions.getOrDefault(exporterId, 0L);
  }

  @Override
  public synchronized void acknowledge(String exporterId, long position) {
    ensureOpen();
    exporterPositions.merge(exporterId, position, Math::max);
  }

  @Override
  public synchronized void saveSnapshot(long position, int format, byte[] data) {
    ensureOpen();
    if (position <= 0) {
      throw new IllegalArgumentException("snapshot position must be positive: " + position);
    }
    snapshots.putIfAbsent(position, new StoredSnapshot(position, format, Instant.now(), data));
    while (snapshots.size() > 2) {
      snapshots.pollFirstEntry();
    }
  }

  @Override
  public synchronized Optional<StoredSnapshot> latestSnapshot() {
    ensureOpen();
    return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.lastEntry().getValue());
  }

  @Override
  public synchronized List<SnapshotInfo> snapshots() {
    ensureOpen();
    List<SnapshotInfo> infos = new ArrayList<>();
    for (StoredSnapshot s : snapshots.descendingMap().values()) {
      infos.add(new SnapshotInfo(s.position(), s.format(), s.data().length, s.createdAt()));
    }
    return infos;
  }

  /** In memory nothing needs moving: notes the bound, reads are unaffected. */
  @Override
  public synchronized long compact(long upToInclusive) {
    ensureOpen();
    long bound = Math.min(upToInclusive, lastPositionLocked());
    if (bound <= archivedUpTo) {
      return 0;
    }
    long moved = firstIndexAbove(bound) - firstIndexAbove(archivedUpTo);
    archivedUpTo = bound;
    return moved;
  }

  @Override
  public synchronized long archivedUpTo() {
    return archivedUpTo;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /**
   * A fresh view of the same records, positions and snapshots, as a new start would open them (this
   * one stays usable).
   */
  public synchronized InMemoryLogStorage reopen() {
    InMemoryLogStorage copy = new InMemoryLogStorage();
    copy.records.addAll(records);
    copy.positions.addAll(positions);
    copy.archivedUpTo = archivedUpTo;
    copy.exporterPositions.putAll(exporterPositions);
    copy.snapshots.putAll(snapshots);
    return copy;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the log is closed");
    }
  }
}
