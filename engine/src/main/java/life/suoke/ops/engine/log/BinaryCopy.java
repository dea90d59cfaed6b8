package life.suoke.ops.engine.log;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory: the 11-byte signature, flags
 * and header extension (both 0), then per row its field count and each field as its length (-1 for
 * NULL) and its bytes in the type's binary form (big-endian integers, UTF-8 text, raw {@code
 * bytea}, {@code timestamptz} as microseconds since 2000-01-01 UTC), then the trailer -1. A table
 * takes such rows a heap page at a time, with one write-ahead record per page instead of one per
 * row, and parses nothing: no arrays to unnest, no timestamps to read from text.
 */
public final class BinaryCopy {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for its date and time types, in Unix seconds. */
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

  private byte[] buf;
  private int size;

  /** An empty copy with room for about {@code capacity} bytes (it grows as needed). */
  public BinaryCopy(int capacity) {
    buf = new byte[Math.max(capacity, 64)];
    bytes(SIGNATURE);
    int32(0);
    int32(0);
  }

  /** Starts a row of {@code fields} fields; each must then be written, in the table's order. */
  public void row(int fields) {
    int16((short) fields);
  }

  public void nullField() {
    int32(-1);
  }

  public void int8(long v) {
    int32(8);
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  public void int4(int v) {
    int32(4);
    int32(v);
  }

  public void int2(short v) {
    int32(2);
    int16(v);
  }

  public void bool(boolean v) {
    int32(1);
    ensure(1);
    buf[size++] = (byte) (v ? 1 : 0);
  }

  /** A {@code text} field; null is NULL. */
  public void text(String s) {
    if (s == null) {
      nullField();
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int32(utf8.length);
    bytes(utf8);
  }

  /** A {@code bytea} field. */
  public void bytea(byte[] b) {
    int32(b.length);
    bytes(b);
  }

  /** A {@code timestamptz} field (microsecond precision, as PostgreSQL keeps it); null is NULL. */
  public void timestamptz(OffsetDateTime t) {
    if (t == null) {
      nullField();
      return;
    }
    Instant i = t.toInstant();
    int8(
        Math.addExact(
            Math.multiplyExact(i.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
            i.getNano() / 1_000));
  }

  /** The finished copy: the rows and the trailer. Nothing may be written after it. */
  public byte[] finish() {
    int16((short) -1);
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  /**
   * Streams finished rows with {@code copySql} ({@code COPY ... FROM STDIN (FORMAT binary)}) on the
   * connection's transaction; returns the number of rows PostgreSQL took.
   */
  public static long copyIn(Connection c, String copySql, byte[] rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      in.writeToCopy(rows, 0, rows.length);
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private void int32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  private void int16(short v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
