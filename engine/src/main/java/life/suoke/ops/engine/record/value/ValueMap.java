package life.suoke.ops.engine.record.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fields written to a {@link LinkedHashMap}: a value's JSON shape, in the order written. */
final class ValueMap implements ValueFields {

  private final Map<String, Object> map;

  private ValueMap(Map<String, Object> map) {
    this.map = map;
  }

  /** The value's fields as a new mutable map, in the order the value writes them. */
  static Map<String, Object> of(RecordValue value) {
    ValueMap fields = new ValueMap(new LinkedHashMap<>(32));
    value.writeFields(fields);
    return fields.map;
  }

  private static <T> Map<String, Object> object(T part, Writer<? super T> fields) {
    ValueMap object = new ValueMap(new LinkedHashMap<>(8));
    fields.write(part, object);
    return object.map;
  }

  @Override
  public void put(String name, Object value) {
    map.put(name, value);
  }

  @Override
  public void put(String name, String value) {
    map.put(name, value);
  }

  @Override
  public void put(String name, long value) {
    map.put(name, value);
  }

  @Override
  public void put(String name, int value) {
    map.put(name, value);
  }

  @Override
  public void put(String name, boolean value) {
    map.put(name, value);
  }

  @Override
  public <T> void putObject(String name, T part, Writer<? super T> fields) {
    map.put(name, object(part, fields));
  }

  @Override
  public <T> void putObjects(String name, List<? extends T> parts, Writer<? super T> fields) {
    if (parts == null) {
      map.put(name, null);
      return;
    }
    List<Map<String, Object>> objects = new ArrayList<>(parts.size());
    for (T part : parts) {
      objects.add(object(part, fields));
    }
    map.put(name, objects);
  }
}
