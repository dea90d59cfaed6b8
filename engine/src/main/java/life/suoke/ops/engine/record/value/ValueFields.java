package life.suoke.ops.engine.record.value;

import java.util.List;

/**
 * Where a {@link RecordValue} writes its fields ({@link RecordValue#writeFields}), in order: each
 * field once, by its JSON name. Two kinds take them: a map ({@link RecordValue#toJson()}, Zeebe's
 * JSON shape as plain Java values) and the log's JSON writer, which writes them as JSON text
 * without building a map ({@code log.RecordJson}). Both turn the same calls into the same JSON.
 *
 * <p>The typed overloads keep a field's JSON number type without boxing: an {@code int} field is an
 * {@link Integer} in the map, a {@code long} one a {@link Long}. A boxed or nullable field goes
 * through {@link #put(String, Object)} like any other plain JSON value.
 */
public interface ValueFields {

  /**
   * A field holding a plain JSON value: Map, List, String, Number, Boolean or null, nested as deep
   * as it is (the log writes anything else the way its mapper does).
   */
  void put(String name, Object value);

  /** A string field (null for none). */
  void put(String name, String value);

  /** A 64-bit integer field. */
  void put(String name, long value);

  /** A 32-bit integer field. */
  void put(String name, int value);

  /** A boolean field. */
  void put(String name, boolean value);

  /** A field holding one object, whose fields {@code fields} writes from {@code part}. */
  <T> void putObject(String name, T part, Writer<? super T> fields);

  /**
   * A field holding an array of objects, one per element of {@code parts} (null for none), each
   * written by {@code fields}.
   */
  <T> void putObjects(String name, List<? extends T> parts, Writer<? super T> fields);

  /** Writes the fields of one part of a value (such as a job of a job batch) as an object. */
  @FunctionalInterface
  interface Writer<T> {
    void write(T part, ValueFields out);
  }
}
