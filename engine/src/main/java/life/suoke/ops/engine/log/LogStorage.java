package life.suoke.ops.engine.log;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import life.suoke.ops.engine.record.Record;

/**
 * Where the engine's records, exporter positions and state snapshots are kept: what the processing
 * loop, the exporter runners and the snapshot director need of a log. {@link RecordLog} keeps them
 * durably in PostgreSQL; {@link InMemoryLogStorage} keeps them in memory, for fast tests of
 * processors and appliers (a start on the same storage replays it, as after a restart).
 *
 * <p>Contract shared by both: positions of appended records strictly increase; what is appended is
 * all there or not at all; readers see the whole log in position order whatever has been compacted;
 * an exporter's position never moves backwards.
 */
public interface LogStorage extends AutoCloseable {

  /**
   * Appends the batch at once, or nothing (positions must strictly increase, above the last one).
   */
  void append(List<Record> batch);

  /** The highest position in the log, 0 if it is empty. */
  long lastPosition();

  /** Passes every record above the position to the consumer, in order; returns how many. */
  long replay(long fromPositionExclusive, Consumer<Record> consumer);

  /** Up to {@code maxRecords} records above the position, in order. */
  List<Record> read(long fromPositionExclusive, int maxRecords);

  /**
   * The same records as {@link #read}, but where the log still holds them as the engine wrote them,
   * those very records: their typed values in hand, not decoded from the stored bytes again. Their
   * envelope and typed values equal a read's; their JSON values may box numbers differently
   * (Integer where a read gives Long), so only a reader of envelopes and typed values takes them
   * (the search projection), not one that digests or copies the JSON (the audit trail). By default
   * the same as {@link #read}.
   */
  default List<Record> readWritten(long fromPositionExclusive, int maxRecords) {
    return read(fromPositionExclusive, maxRecords);
  }

  /** When the recent batches were committed (see {@link CommitTimes}). */
  CommitTimes commitTimes();

  /** The last position the exporter acknowledged, 0 if it never did. */
  long exporterPosition(String exporterId);

  /** Records that the exporter has exported everything up to the position; never backwards. */
  void acknowledge(String exporterId, long position);

  /** Stores the state snapshot at the position (the two newest are kept). */
  void saveSnapshot(long position, int format, byte[] data);

  /** The newest whole snapshot, if any. */
  Optional<StoredSnapshot> latestSnapshot();

  /** The snapshots kept, newest first. */
  List<SnapshotInfo> snapshots();

  /**
   * Moves records at or below the position out of the part of the log a start reads; reads still
   * see them. Returns how many moved. A storage may move only whole parts of its log ({@link
   * RecordLog} moves whole segments), so records near the position may stay.
   */
  long compact(long upToInclusive);

  /** The highest compacted position, 0 if none. */
  long archivedUpTo();

  @Override
  void close();
}
