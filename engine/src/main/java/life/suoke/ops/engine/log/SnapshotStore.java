package life.suoke.ops.engine.log;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import life.suoke.ops.engine.log.RecordLog.RecordLogException;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state snapshots of a {@link RecordLog}: tables {@code snapshot} (one row per snapshot: its
 * position, format, size and SHA-256) and {@code snapshot_chunk} (its bytes, in chunks of at most
 * {@value #CHUNK_BYTES} bytes). Each call works on a connection of its own, opened for the call and
 * closed after it, so that a snapshot of hundreds of megabytes never holds up the log's writer or
 * its readers.
 */
final class SnapshotStore {

  /**
   * The most bytes in one chunk row: big enough that a snapshot of hundreds of MB takes few rows,
   * small enough to stay far from PostgreSQL's 1 GB limit on a value and to keep the memory a row
   * needs on either side modest.
   */
  static final int CHUNK_BYTES = 8 << 20;

  /** How many snapshots are kept: the newest and the one before it, as a fallback. */
  static final int KEPT = 2;

  private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener connections;
  private final String snapshotTable;
  private final String chunkTable;

  SnapshotStore(Opener connections, String schema) {
    this.connections = connections;
    this.snapshotTable = '"' + schema + "\".snapshot";
    this.chunkTable = '"' + schema + "\".snapshot_chunk";
  }

  /**
   * The statements that create the tables if they are absent (run by {@link RecordLog#migrate}).
   */
  List<String> ddl() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + snapshotTable
            + " ("
            + "position BIGINT PRIMARY KEY,"
            + " format INT NOT NULL,"
            + " size BIGINT NOT NULL,"
            + " checksum TEXT NOT NULL,"
            + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        "COMMENT ON TABLE "
            + snapshotTable
            + " IS 'State snapshots of the workflow engine: its state after every record up to position."
            + " format: the engine''s serialization format; size: bytes; checksum: SHA-256 of the bytes,"
            + " lower-case hex. The bytes are in snapshot_chunk.'",
        "CREATE TABLE IF NOT EXISTS "
            + chunkTable
            + " ("
            + "snapshot_position BIGINT NOT NULL REFERENCES "
            + snapshotTable
            + " (position) ON DELETE CASCADE,"
            + " seq INT NOT NULL,"
            + " data BYTEA NOT NULL,"
            + " PRIMARY KEY (snapshot_position, seq))",
        "COMMENT ON TABLE "
            + chunkTable
            + " IS 'The bytes of each state snapshot: chunks of at most 8 MiB, in seq order from 0.'",
        // Stored as they are, not compressed: pglz, PostgreSQL's compression, is slow. Measured on
        // 64 MiB: random bytes took as long either way (pglz gives up on them), binary state-like
        // data took 3.0 s instead of 0.45 s to store, for a third of the room. A format that wants
        // smaller snapshots compresses them itself, on the engine's side. (Altered only when
        // needed: ALTER TABLE takes a lock that would wait for readers of the table.)
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '"
            + chunkTable
            + "'::regclass AND attname = 'data' AND attstorage <> 'e') THEN ALTER TABLE "
            + chunkTable
            + " ALTER COLUMN data SET STORAGE EXTERNAL; END IF; END $$");
  }

  /**
   * Stores the snapshot and all its chunks in one transaction, then deletes the snapshots older
   * than the {@value #KEPT} newest.
   *
   * @return false (and nothing written) if a snapshot at that position is already stored
   */
  boolean save(long position, int format, byte[] data) {
    if (position <= 0) {
      throw new IllegalArgumentException("a snapshot position must be positive: " + position);
    }
    Objects.requireNonNull(data, "data");
    String checksum = sha256(data);
    try (Connection c = connections.open()) {
      boolean stored;
      c.setAutoCommit(false);
      try {
        stored = insert(c, position, format, data, checksum);
        if (stored) {
          c.commit();
        }
      } finally {
        rollbackQuietly(c); // whatever was not committed, including a snapshot already there
      }
      c.setAutoCommit(true);
      if (stored) {
        try {
          deleteOld(c);
        } catch (SQLException e) {
          // The snapshot is stored; the old ones go with the next save.
          log.warn(
              "snapshot at position {} stored, but the older snapshots could not be deleted: {}",
              position,
              e.getMessage());
        }
      }
      return stored;
    } catch (SQLException e) {
      throw new RecordLogException(
          "could not store the snapshot at position "
              + position
              + " ("
              + data.length
              + " bytes): "
              + e.getMessage(),
          e);
    }
  }

  /** Inserts the snapshot's row and chunks; false if the position is already taken. */
  private boolean insert(Connection c, long position, int format, byte[] data, String checksum)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + snapshotTable
                + " (position, format, size, checksum) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (position) DO NOTHING")) {
      ps.setLong(1, position);
      ps.setInt(2, format);
      ps.setLong(3, data.length);
      ps.setString(4, checksum);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + chunkTable + " (snapshot_position, seq, data) VALUES (?, ?, ?)")) {
      int seq = 0;
      for (int offset = 0; offset < data.length; offset += CHUNK_BYTES) {
        int length = Math.min(CHUNK_BYTES, data.length - offset);
        ps.setLong(1, position);
        ps.setInt(2, seq++);
        ps.setBinaryStream(3, new ByteArrayInputStream(data, offset, length), length);
        ps.executeUpdate();
      }
    }
    return true;
  }

  /** Deletes every snapshot below the {@value #KEPT} highest positions, chunks and all. */
  private void deleteOld(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM "
                + snapshotTable
                + " WHERE position < (SELECT position FROM "
                + snapshotTable
                + " ORDER BY position DESC OFFSET ? LIMIT 1)")) {
      ps.setInt(1, KEPT - 1);
      ps.executeUpdate();
    }
  }

  /**
   * The newest snapshot whose chunks are all there and match its size and checksum; a damaged one
   * is logged and passed over for the one before it.
   */
  Optional<StoredSnapshot> latest() {
    try (Connection c = connections.open()) {
      Optional<StoredSnapshot> found;
      c.setAutoCommit(false);
      try {
        // One view of the tables for the listing and every chunk, whatever a save deletes
        // meanwhile (for this transaction only: a pooled connection keeps its own level).
        try (Statement s = c.createStatement()) {
          s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        found = firstIntact(c);
      } finally {
        rollbackQuietly(c);
      }
      c.setAutoCommit(true);
      return found;
    } catch (SQLException e) {
      throw new RecordLogException("could not read the latest snapshot: " + e.getMessage(), e);
    }
  }

  private Optional<StoredSnapshot> firstIntact(Connection c) throws SQLException {
    for (Header h : headers(c)) {
      String damage;
      if (h.size > Integer.MAX_VALUE - 8) {
        damage = "its size " + h.size + " does not fit in a byte array";
      } else {
        byte[] data = new byte[(int) h.size];
        damage = readChunks(c, h, data);
        if (damage == null) {
          return Optional.of(new StoredSnapshot(h.position, h.format, h.createdAt, data));
        }
      }
      log.warn(
          "snapshot at position {} (format {}, {} bytes, stored {}) is damaged and is skipped: {}",
          h.position,
          h.format,
          h.size,
          h.createdAt,
          damage);
    }
    return Optional.empty();
  }

  /** Reads the chunks of the snapshot into {@code data}; what is wrong with them, or null. */
  private String readChunks(Connection c, Header h, byte[] data) throws SQLException {
    MessageDigest sha = sha256();
    int filled = 0;
    int expectedSeq = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, data FROM " + chunkTable + " WHERE snapshot_position = ? ORDER BY seq")) {
      ps.setFetchSize(1); // one chunk in memory at a time
      ps.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea as raw bytes
      ps.setLong(1, h.position);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int seq = rs.getInt(1);
          if (seq != expectedSeq) {
            return "chunk " + expectedSeq + " is missing";
          }
          byte[] chunk = rs.getBytes(2);
          if (chunk.length > data.length - filled) {
            return "its chunks hold more than its size of " + h.size + " bytes";
          }
          System.arraycopy(chunk, 0, data, filled, chunk.length);
          sha.update(chunk);
          filled += chunk.length;
          expectedSeq++;
        }
      }
    }
    if (filled != data.length) {
      return "its chunks hold " + filled + " of its " + h.size + " bytes";
    }
    String actual = HexFormat.of().formatHex(sha.digest());
    if (!actual.equals(h.checksum)) {
      return "its bytes have SHA-256 " + actual + ", not " + h.checksum;
    }
    return null;
  }

  /** Every snapshot stored, newest (highest position) first. */
  List<SnapshotInfo> list() {
    try (Connection c = connections.open()) {
      List<SnapshotInfo> out = new ArrayList<>();
      for (Header h : headers(c)) {
        out.add(new SnapshotInfo(h.position, h.format, h.size, h.createdAt));
      }
      return out;
    } catch (SQLException e) {
      throw new RecordLogException("could not list the snapshots: " + e.getMessage(), e);
    }
  }

  private record Header(long position, int format, long size, String checksum, Instant createdAt) {}

  private List<Header> headers(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT position, format, size, checksum, created_at FROM "
                    + snapshotTable
                    + " ORDER BY position DESC");
        ResultSet rs = ps.executeQuery()) {
      List<Header> out = new ArrayList<>();
      while (rs.next()) {
        out.add(
            new Header(
                rs.getLong(1),
                rs.getInt(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant()));
      }
      return out;
    }
  }

  static String sha256(byte[] data) {
    MessageDigest sha = sha256();
    sha.update(data);
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed() && !c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }
}
