package life.suoke.ops.engine.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import life.suoke.ops.engine.record.Values;

/**
 * Reads of record values in the forms the projection's columns take (absent keys and blank texts
 * are null).
 */
final class Fields {

  private Fields() {}

  static Long key(Map<String, Object> value, String field) {
    long key = Values.lng(value, field);
    return key > 0 ? key : null;
  }

  static Integer integer(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v instanceof Number n ? n.intValue() : null;
  }

  static String text(Map<String, Object> value, String field) {
    Object v = value.get(field);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  static OffsetDateTime time(long epochMillis) {
    return epochMillis < 0
        ? null
        : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** An ISO date-time as user tasks carry them; blank or unreadable is null. */
  static OffsetDateTime date(Map<String, Object> value, String field) {
    String text = text(value, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
