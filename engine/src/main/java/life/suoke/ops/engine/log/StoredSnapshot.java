package life.suoke.ops.engine.log;

import java.time.Instant;
import java.util.Objects;

/**
 * A state snapshot read back from the record log's snapshot tables ({@link
 * RecordLog#latestSnapshot()}): the bytes the engine saved at a log position, checked against the
 * checksum stored with them.
 *
 * @param position the log position the state was taken at: it contains the effect of every record
 *     up to and including this position, so a replay continues after it
 * @param format the format number the engine saved it with, for the engine to pick its reader
 * @param createdAt when the snapshot was stored
 * @param data the serialized state, exactly as saved
 */
public record StoredSnapshot(long position, int format, Instant createdAt, byte[] data) {

  public StoredSnapshot {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(data, "data");
  }

  /** Names the snapshot and the size of its data, not the bytes. */
  @Override
  public String toString() {
    return "StoredSnapshot[position="
        + position
        + ", format="
        + format
        + ", createdAt="
        + createdAt
        + ", "
        + data.length
        + " bytes]";
  }
}
