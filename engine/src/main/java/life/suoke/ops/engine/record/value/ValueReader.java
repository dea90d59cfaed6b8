package life.suoke.ops.engine.record.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.ValueType;

/**
 * Reads the fields of one record value from its JSON form. A required field that is missing (or
 * null) or of another JSON type throws a {@link RecordValueException}; an optional one that is
 * missing reads as null. Lists and objects are handed out as they are, not copied.
 */
final class ValueReader {

  private final ValueType type;
  private final Map<String, Object> json;

  ValueReader(ValueType type, Map<String, Object> json) {
    if (json == null) {
      throw new RecordValueException(type, "value", "is missing");
    }
    this.type = type;
    this.json = json;
  }

  private Object required(String field) {
    Object value = json.get(field);
    if (value == null) {
      throw new RecordValueException(type, field, "has no field");
    }
    return value;
  }

  private RecordValueException mistyped(String field, String expected) {
    return new RecordValueException(type, field, "has a field that is not " + expected);
  }

  String string(String field) {
    if (required(field) instanceof String s) {
      return s;
    }
    throw mistyped(field, "a string");
  }

  long int64(String field) {
    if (required(field) instanceof Number n) {
      return n.longValue();
    }
    throw mistyped(field, "a number");
  }

  int int32(String field) {
    if (required(field) instanceof Number n && n.longValue() == n.intValue()) {
      return n.intValue();
    }
    throw mistyped(field, "a 32-bit integer");
  }

  boolean bool(String field) {
    if (required(field) instanceof Boolean b) {
      return b;
    }
    throw mistyped(field, "a boolean");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> object(String field) {
    if (required(field) instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw mistyped(field, "an object");
  }

  @SuppressWarnings("unchecked")
  List<Object> array(String field) {
    if (required(field) instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw mistyped(field, "an array");
  }

  @SuppressWarnings("unchecked")
  List<String> strings(String field) {
    List<Object> list = array(field);
    for (Object element : list) {
      if (!(element instanceof String)) {
        throw mistyped(field, "an array of strings");
      }
    }
    return (List<String>) (List<?>) list;
  }

  List<Long> longs(String field) {
    List<Object> list = array(field);
    List<Long> longs = new ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof Number n)) {
        throw mistyped(field, "an array of numbers");
      }
      longs.add(n.longValue());
    }
    return longs;
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> objects(String field) {
    List<Object> list = array(field);
    for (Object element : list) {
      if (!(element instanceof Map)) {
        throw mistyped(field, "an array of objects");
      }
    }
    return (List<Map<String, Object>>) (List<?>) list;
  }

  List<JobValue> jobs(String field) {
    List<Map<String, Object>> list = objects(field);
    List<JobValue> jobs = new ArrayList<>(list.size());
    for (Map<String, Object> job : list) {
      jobs.add(JobValue.of(job));
    }
    return jobs;
  }

  String optionalString(String field) {
    return json.get(field) == null ? null : string(field);
  }

  Long optionalInt64(String field) {
    return json.get(field) == null ? null : int64(field);
  }

  Integer optionalInt32(String field) {
    return json.get(field) == null ? null : int32(field);
  }

  Map<String, Object> optionalObject(String field) {
    return json.get(field) == null ? null : object(field);
  }

  List<Object> optionalArray(String field) {
    return json.get(field) == null ? null : array(field);
  }

  List<Map<String, Object>> optionalObjects(String field) {
    return json.get(field) == null ? null : objects(field);
  }
}
