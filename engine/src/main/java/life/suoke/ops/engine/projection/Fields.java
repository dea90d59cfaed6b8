package life.suoke.ops.engine.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Record values in the forms the projection's columns take (keys that name nothing and blank texts
 * are null).
 */
final class Fields {

  private Fields() {}

  /** A key, null when it names nothing (-1 or 0). */
  static Long key(long key) {
    return key > 0 ? key : null;
  }

  /** A text, null when it is empty. */
  static String text(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  static OffsetDateTime time(long epochMillis) {
    return epochMillis < 0
        ? null
        : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** An ISO date-time as user tasks carry them; blank or unreadable is null. */
  static OffsetDateTime date(String value) {
    String text = text(value);
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
