package life.suoke.ops.engine.state;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primitive layer of a state snapshot: big-endian numbers, strings as UTF-8 with their length
 * (or null), <em>symbols</em> (ids, names, tenants: strings that many entities share, written once
 * and then referred to by number, and read back as one shared copy), and the plain values records
 * carry (null, booleans, numbers of their exact Java type, strings, lists and maps).
 */
final class SnapshotStreams {

  private SnapshotStreams() {}

  private static final int NULL = 0;
  private static final int TRUE = 1;
  private static final int FALSE = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int DECIMAL = 6;
  private static final int BIG_INTEGER = 7;
  private static final int STRING = 8;
  private static final int LIST = 9;
  private static final int MAP = 10;

  /** Writes a snapshot into memory. */
  static final class Out {
    /** The largest array the JVM allocates. */
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

    private byte[] buf = new byte[1 << 16];
    private int pos;
    private final Map<String, Integer> symbols = new HashMap<>();

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(buf, pos);
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        long needed = (long) pos + more;
        if (needed > MAX_SIZE) {
          throw new IllegalStateException("the engine state is too large for one snapshot");
        }
        buf =
            java.util.Arrays.copyOf(
                buf, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * buf.length)));
      }
    }

    void bool(boolean value) {
      ensure(1);
      buf[pos++] = (byte) (value ? 1 : 0);
    }

    void i32(int value) {
      ensure(4);
      INT_VIEW.set(buf, pos, value);
      pos += 4;
    }

    void i64(long value) {
      ensure(8);
      LONG_VIEW.set(buf, pos, value);
      pos += 8;
    }

    void str(String value) {
      if (value == null) {
        i32(-1);
        return;
      }
      bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(byte[] value) {
      i32(value.length);
      ensure(value.length);
      System.arraycopy(value, 0, buf, pos, value.length);
      pos += value.length;
    }

    /** A string many entities share: written once, then by its number. */
    void sym(String value) {
      if (value == null) {
        i32(-1);
        return;
      }
      Integer known = symbols.get(value);
      if (known != null) {
        i32(known);
        return;
      }
      int number = symbols.size();
      symbols.put(value, number);
      i32(number);
      str(value);
    }

    <E extends Enum<E>> void enumeration(E value) {
      i32(value == null ? -1 : value.ordinal());
    }

    void longs(long[] values) {
      i32(values.length);
      for (long v : values) {
        i64(v);
      }
    }

    /** A plain value as records carry it, keeping its exact Java type. */
    void value(Object value) {
      if (value == null) {
        tag(NULL);
      } else if (value instanceof Boolean b) {
        tag(b ? TRUE : FALSE);
      } else if (value instanceof Integer i) {
        tag(INT);
        i32(i);
      } else if (value instanceof Long l) {
        tag(LONG);
        i64(l);
      } else if (value instanceof Double d) {
        tag(DOUBLE);
        i64(Double.doubleToRawLongBits(d));
      } else if (value instanceof BigDecimal d) {
        tag(DECIMAL);
        str(d.toString());
      } else if (value instanceof BigInteger b) {
        tag(BIG_INTEGER);
        str(b.toString());
      } else if (value instanceof String s) {
        tag(STRING);
        str(s);
      } else if (value instanceof List<?> list) {
        tag(LIST);
        i32(list.size());
        for (Object item : list) {
          value(item);
        }
      } else if (value instanceof Map<?, ?> map) {
        tag(MAP);
        i32(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          sym((String) e.getKey());
          value(e.getValue());
        }
      } else if (value instanceof Number n) {
        // Short, Byte, Float: none is parsed from JSON, so keep the value as a decimal.
        tag(DECIMAL);
        str(new BigDecimal(n.toString()).toString());
      } else {
        throw new IllegalStateException(
            "A value of type " + value.getClass().getName() + " cannot be put in a snapshot");
      }
    }

    private void tag(int tag) {
      ensure(1);
      buf[pos++] = (byte) tag;
    }
  }

  /** Reads a snapshot written by {@link Out}. */
  static final class In {
    private final byte[] buf;
    private int pos;
    private final List<String> symbols = new ArrayList<>();

    In(byte[] data) {
      this.buf = data;
    }

    private int take(int n) {
      if (n < 0 || pos + n > buf.length) {
        throw new IllegalStateException("snapshot ends early (at byte " + pos + ")");
      }
      int at = pos;
      pos += n;
      return at;
    }

    boolean bool() {
      return buf[take(1)] != 0;
    }

    int i32() {
      return (int) INT_VIEW.get(buf, take(4));
    }

    long i64() {
      return (long) LONG_VIEW.get(buf, take(8));
    }

    String str() {
      int length = i32();
      if (length < 0) {
        return null;
      }
      return new String(buf, take(length), length, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      int length = i32();
      int at = take(length);
      return java.util.Arrays.copyOfRange(buf, at, at + length);
    }

    String sym() {
      int number = i32();
      if (number < 0) {
        return null;
      }
      if (number < symbols.size()) {
        return symbols.get(number);
      }
      if (number != symbols.size()) {
        throw new IllegalStateException("snapshot symbol " + number + " out of order");
      }
      String value = str().intern();
      symbols.add(value);
      return value;
    }

    <E extends Enum<E>> E enumeration(E[] values) {
      int ordinal = i32();
      return ordinal < 0 ? null : values[ordinal];
    }

    long[] longs() {
      long[] values = new long[i32()];
      for (int i = 0; i < values.length; i++) {
        values[i] = i64();
      }
      return values;
    }

    Object value() {
      int tag = buf[take(1)] & 0xFF;
      return switch (tag) {
        case NULL -> null;
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case INT -> i32();
        case LONG -> i64();
        case DOUBLE -> Double.longBitsToDouble(i64());
        case DECIMAL -> new BigDecimal(str());
        case BIG_INTEGER -> new BigInteger(str());
        case STRING -> str();
        case LIST -> {
          int size = i32();
          List<Object> list = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            list.add(value());
          }
          yield list;
        }
        case MAP -> map(i32());
        default -> throw new IllegalStateException("unknown value tag " + tag + " in snapshot");
      };
    }

    /** A map written by {@link Out#value} (its tag already read when size is given). */
    @SuppressWarnings("unchecked")
    Map<String, Object> mapValue() {
      Object value = value();
      return (Map<String, Object>) value;
    }

    private Map<String, Object> map(int size) {
      Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
      for (int i = 0; i < size; i++) {
        map.put(sym(), value());
      }
      return map;
    }

    void expectEnd() {
      if (pos != buf.length) {
        throw new IllegalStateException("snapshot has bytes after its end");
      }
    }
  }

  private static final java.lang.invoke.VarHandle INT_VIEW =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          int[].class, java.nio.ByteOrder.BIG_ENDIAN);
  private static final java.lang.invoke.VarHandle LONG_VIEW =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.BIG_ENDIAN);
}
