package life.suoke.ops.engine.record;

import java.util.List;
import java.util.Map;

/** Typed reads from a record's value map. */
public final class Values {

  private Values() {}

  public static String str(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v == null ? "" : v.toString();
  }

  public static long lng(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v == null ? -1 : ((Number) v).longValue();
  }

  public static int integer(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v == null ? 0 : ((Number) v).intValue();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  public static <T> List<T> list(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v == null ? List.of() : (List<T>) v;
  }
}
