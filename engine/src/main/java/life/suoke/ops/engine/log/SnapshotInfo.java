package life.suoke.ops.engine.log;

import java.time.Instant;

/**
 * A state snapshot stored in the record log, without its bytes ({@link RecordLog#snapshots()}).
 *
 * @param position the log position the state was taken at
 * @param format the format number the engine saved it with
 * @param size the length of its data in bytes
 * @param createdAt when it was stored
 */
public record SnapshotInfo(long position, int format, long size, Instant createdAt) {}
