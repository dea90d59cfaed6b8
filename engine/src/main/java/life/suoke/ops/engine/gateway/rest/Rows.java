package life.suoke.ops.engine.gateway.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Projection row values in the forms of the REST API: keys as strings, dates as RFC 3339 with
 * milliseconds.
 */
final class Rows {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private Rows() {}

  static String key(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v instanceof Number n && n.longValue() > 0 ? String.valueOf(n.longValue()) : null;
  }

  static String text(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  static Integer integer(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v instanceof Number n ? n.intValue() : null;
  }

  static Boolean bool(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v instanceof Boolean b ? b : Boolean.FALSE;
  }

  static String date(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v instanceof OffsetDateTime time
        ? DATE.format(time.withOffsetSameInstant(ZoneOffset.UTC))
        : null;
  }

  @SuppressWarnings("unchecked")
  static List<String> texts(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v instanceof List<?> list ? (List<String>) list : List.of();
  }
}
