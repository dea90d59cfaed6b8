package life.suoke.ops.engine.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A batch's rows in PostgreSQL's binary {@code COPY} format, in the column order of the log's
 * tables: the 11-byte signature, flags and header extension (both 0), then per row the field count
 * and each field as its length (-1 for NULL) and its bytes (big-endian {@code int8}/{@code int2},
 * UTF-8 text, raw {@code bytea}), then the trailer -1. Writing rows this way spares PostgreSQL the
 * parsing of one array per column and lets it insert a page of rows at a time (one write-ahead
 * record per page of the heap instead of one per row).
 */
final class CopyRows {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  private static final short FIELDS = 12;

  private byte[] buf;
  private int size;

  private CopyRows(int capacity) {
    buf = new byte[capacity];
  }

  /** The rows with {@code dataFormat} in their {@code data_format} column. */
  static byte[] encode(LogRows rows, short dataFormat) {
    int n = rows.size();
    int capacity = 21;
    for (byte[] d : rows.data()) {
      capacity += d.length + 160;
    }
    CopyRows out = new CopyRows(capacity);
    out.bytes(SIGNATURE);
    out.int32(0);
    out.int32(0);
    for (int i = 0; i < n; i++) {
      out.int16(FIELDS);
      out.int8Field(rows.positions()[i]);
      out.int8Field(rows.sources()[i]);
      out.int8Field(rows.keys()[i]);
      out.int8Field(rows.timestamps()[i]);
      out.text(rows.recordTypes()[i]);
      out.text(rows.valueTypes()[i]);
      out.text(rows.intents()[i]);
      out.text(rows.rejectionTypes()[i]);
      out.text(rows.rejectionReasons()[i]);
      out.text(rows.brokerVersions()[i]);
      out.int32(2);
      out.int16(dataFormat);
      out.int32(rows.data()[i].length);
      out.bytes(rows.data()[i]);
    }
    out.int16((short) -1);
    return out.size == out.buf.length ? out.buf : Arrays.copyOf(out.buf, out.size);
  }

  private void int8Field(long v) {
    int32(8);
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  private void text(String s) {
    if (s == null) {
      int32(-1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int32(utf8.length);
    bytes(utf8);
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
