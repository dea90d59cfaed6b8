package life.suoke.ops.engine.feel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValContext;
import org.camunda.feel.syntaxtree.ValDate;
import org.camunda.feel.syntaxtree.ValDateTime;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValLocalDateTime;
import org.camunda.feel.syntaxtree.ValLocalTime;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.syntaxtree.ValTime;
import org.camunda.feel.syntaxtree.ValYearMonthDuration;

/**
 * Turns FEEL values into the JSON-like Java values the engine stores as variables, the way Zeebe
 * writes FEEL results to its documents: an integral number becomes a {@code Long}, any other number
 * a {@code Double}; a context becomes a {@code LinkedHashMap}, a list a {@code List}; dates, times
 * and durations become their ISO-8601 text (a date-time with its offset, e.g. {@code
 * 2024-01-01T10:00:00+01:00}); functions and ranges, which have no JSON form, become {@code null}.
 */
final class FeelValues {

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private FeelValues() {}

  /** The name Zeebe gives the type of a result in its error messages. */
  static String typeName(Object value) {
    if (value == null || value == ValNull$.MODULE$) {
      return "NULL";
    } else if (value instanceof ValBoolean) {
      return "BOOLEAN";
    } else if (value instanceof ValNumber) {
      return "NUMBER";
    } else if (value instanceof ValString) {
      return "STRING";
    } else if (value instanceof ValList) {
      return "ARRAY";
    } else if (value instanceof ValContext) {
      return "OBJECT";
    } else if (value instanceof ValDayTimeDuration) {
      return "DURATION";
    } else if (value instanceof ValYearMonthDuration) {
      return "PERIOD";
    } else if (value instanceof ValDate) {
      return "DATE";
    } else if (value instanceof ValDateTime || value instanceof ValLocalDateTime) {
      return "DATE_TIME";
    }
    return "UNKNOWN";
  }

  /** Converts a FEEL value (or a plain Java value found inside a context) to a JSON-like value. */
  static Object toJson(Object value) {
    if (value == null || value == ValNull$.MODULE$) {
      return null;
    } else if (value instanceof ValBoolean b) {
      return b.value();
    } else if (value instanceof ValNumber n) {
      return number(n.value().bigDecimal());
    } else if (value instanceof ValString s) {
      return s.value();
    } else if (value instanceof ValList list) {
      List<Object> items = new ArrayList<>(list.itemsAsSeq().size());
      list.itemsAsSeq().foreach(item -> items.add(toJson(item)));
      return items;
    } else if (value instanceof ValContext context) {
      Map<String, Object> entries = new LinkedHashMap<>();
      context
          .context()
          .variableProvider()
          .getVariables()
          .foreach(entry -> entries.put(entry._1(), toJson(entry._2())));
      return entries;
    } else if (value instanceof ValDate date) {
      return date.value().toString();
    } else if (value instanceof ValDateTime dateTime) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime.value());
    } else if (value instanceof ValLocalDateTime dateTime) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime.value());
    } else if (value instanceof ValTime time) {
      return time.value().format();
    } else if (value instanceof ValLocalTime time) {
      return time.value().toString();
    } else if (value instanceof ValDayTimeDuration duration) {
      return ValDayTimeDuration.format(duration.value());
    } else if (value instanceof ValYearMonthDuration period) {
      return ValYearMonthDuration.format(period.value());
    } else if (value instanceof Val) {
      return null; // function, range, error: no JSON representation
    }
    return javaToJson(value);
  }

  /** Normalizes a plain Java value to the JSON-like value types. */
  static Object javaToJson(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    } else if (value instanceof Long || value instanceof Double) {
      return value;
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    } else if (value instanceof Float f) {
      return f.doubleValue();
    } else if (value instanceof BigDecimal d) {
      return number(d);
    } else if (value instanceof BigInteger i) {
      return number(new BigDecimal(i));
    } else if (value instanceof scala.math.BigDecimal d) {
      return number(d.bigDecimal());
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      map.forEach((k, v) -> entries.put(String.valueOf(k), javaToJson(v)));
      return entries;
    } else if (value instanceof Collection<?> collection) {
      List<Object> items = new ArrayList<>(collection.size());
      collection.forEach(item -> items.add(javaToJson(item)));
      return items;
    } else if (value instanceof Val) {
      return toJson(value);
    } else if (value instanceof TemporalAccessor
        || value instanceof java.time.Duration
        || value instanceof java.time.Period) {
      return value.toString();
    } else if (value instanceof Character || value instanceof Enum<?>) {
      return value.toString();
    }
    return value.toString();
  }

  /** An integral number that fits a long becomes a Long, any other number a Double (as Zeebe). */
  static Object number(BigDecimal number) {
    if (isIntegral(number) && number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0) {
      return number.longValueExact();
    }
    return number.doubleValue();
  }

  static boolean isIntegral(BigDecimal number) {
    return number.signum() == 0 || number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
  }
}
