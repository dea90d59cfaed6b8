package life.suoke.ops.engine.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads of a record value's fields in tests; a missing field fails the test. */
public final class RecordFields {

  private RecordFields() {}

  public static long lng(Map<String, Object> value, String field) {
    return ((Number) present(value, field)).longValue();
  }

  public static String str(Map<String, Object> value, String field) {
    return (String) present(value, field);
  }

  @SuppressWarnings("unchecked")
  public static <T> List<T> list(Map<String, Object> value, String field) {
    return (List<T>) present(value, field);
  }

  private static Object present(Map<String, Object> value, String field) {
    return Objects.requireNonNull(value.get(field), () -> "no field " + field + " in " + value);
  }
}
