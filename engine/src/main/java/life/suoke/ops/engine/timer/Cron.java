package life.suoke.ops.engine.timer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression in the syntax Zeebe accepts for a timer cycle: Spring's (5.3 and later) six
 * fields {@code second minute hour day-of-month month day-of-week}, e.g. {@code 0 0 9-17 * * MON-FRI}.
 *
 * <ul>
 *   <li>each field is {@code *}, a value, a range {@code a-b}, a step {@code x/n} (where {@code x}
 *       is {@code *}, a range, or a value meaning "from the value to the end of the range"), or a
 *       comma-separated list of these;
 *   <li>months may be given as {@code JAN}-{@code DEC}, days of week as {@code SUN}-{@code SAT}
 *       (case does not matter); day of week {@code 0} and {@code 7} are both Sunday;
 *   <li>{@code ?} may stand for {@code *} in the two day fields;
 *   <li>day of month: {@code L} (last day), {@code L-n} (n days before the last), {@code nW} (the
 *       weekday nearest to day n, within the month), {@code LW} (the last weekday);
 *   <li>day of week: {@code dL} (the last day d of the month, e.g. {@code 5L} or {@code FRIL}),
 *       {@code d#n} (the n-th day d of the month, e.g. {@code MON#1});
 *   <li>macros: {@code @yearly} (or {@code @annually}), {@code @monthly}, {@code @weekly}, {@code
 *       @daily} (or {@code @midnight}), {@code @hourly}.
 * </ul>
 *
 * <p>As in Spring, a time matches when every field matches, both day fields included. Times are
 * wall-clock times of a time zone: a time that falls in a daylight-saving gap fires as soon as the
 * clock reaches it again (shifted by the length of the gap), a time that occurs twice fires once.
 */
final class Cron {

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 0 1 1 *",
          "@annually", "0 0 0 1 1 *",
          "@monthly", "0 0 0 1 * *",
          "@weekly", "0 0 0 * * 0",
          "@daily", "0 0 0 * * *",
          "@midnight", "0 0 0 * * *",
          "@hourly", "0 0 * * * *");

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** How far ahead to look for a matching day: one Gregorian cycle, after which days repeat. */
  private static final int YEARS_TO_SEARCH = 400;

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet months;
  private final List<DayRule> daysOfMonth;
  private final List<DayRule> daysOfWeek;

  private Cron(
      String text,
      BitSet seconds,
      BitSet minutes,
      BitSet hours,
      BitSet months,
      List<DayRule> daysOfMonth,
      List<DayRule> daysOfWeek) {
    this.text = text;
    this.seconds = seconds;
    this.minutes = minutes;
    this.hours = hours;
    this.months = months;
    this.daysOfMonth = daysOfMonth;
    this.daysOfWeek = daysOfWeek;
  }

  /** The expression as it was given. */
  String text() {
    return text;
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException with a message naming the fault, e.g. {@code Cron expression
   *     contains 1 parts but we expect one of [6]} (the wording of the library Zeebe uses)
   */
  static Cron parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Cron expression must not be empty");
    }
    String expression = text.strip();
    String macro = MACROS.get(expression.toLowerCase(Locale.ROOT));
    if (macro != null) {
      expression = macro;
    }
    String[] fields = expression.split("\\s+");
    if (fields.length != 6) {
      throw new IllegalArgumentException(
          String.format(
              "Cron expression contains %d parts but we expect one of [6]", fields.length));
    }
    return new Cron(
        text,
        values(fields[0], "second", 0, 59, null),
        values(fields[1], "minute", 0, 59, null),
        values(fields[2], "hour", 0, 23, null),
        values(fields[4], "month", 1, 12, MONTHS),
        daysOfMonth(fields[3]),
        daysOfWeek(fields[5]));
  }

  // ------------------------------------------------------------------ matching

  /**
   * The first time strictly after {@code after} that matches, in the given zone; empty if the
   * expression never matches again (e.g. {@code 0 0 0 30 2 *}).
   */
  Optional<ZonedDateTime> next(Instant after, ZoneId zone) {
    ZonedDateTime start = after.atZone(zone);
    // whole seconds only: the first candidate is the next full second after `after`
    LocalDateTime t = start.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    int lastYear = t.getYear() + YEARS_TO_SEARCH;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        int month = months.nextSetBit(t.getMonthValue());
        t =
            month < 0
                ? LocalDateTime.of(t.getYear() + 1, months.nextSetBit(1), 1, 0, 0)
                : LocalDateTime.of(t.getYear(), month, 1, 0, 0);
        continue;
      }
      if (!matchesDay(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      int hour = hours.nextSetBit(t.getHour());
      if (hour < 0) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      } else if (hour != t.getHour()) {
        t = t.toLocalDate().atTime(hour, 0);
      }
      int minute = minutes.nextSetBit(t.getMinute());
      if (minute < 0) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      } else if (minute != t.getMinute()) {
        t = t.withMinute(minute).withSecond(0);
      }
      int second = seconds.nextSetBit(t.getSecond());
      if (second < 0) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        continue;
      }
      t = t.withSecond(second);
      ZonedDateTime candidate = ZonedDateTime.ofLocal(t, zone, null);
      if (candidate.toInstant().isAfter(after)) {
        return Optional.of(candidate);
      }
      // the wall-clock time occurred before `after` (a repeated hour when clocks go back)
      t = t.plusSeconds(1);
    }
    return Optional.empty();
  }

  private boolean matchesDay(LocalDate date) {
    return anyMatches(daysOfMonth, date) && anyMatches(daysOfWeek, date);
  }

  private static boolean anyMatches(List<DayRule> rules, LocalDate date) {
    for (DayRule rule : rules) {
      if (rule.matches(date)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }

  // ------------------------------------------------------------------ parsing

  /** A condition on a date, one item of a day-of-month or day-of-week list. */
  @FunctionalInterface
  private interface DayRule {
    boolean matches(LocalDate date);
  }

  private static List<DayRule> daysOfMonth(String field) {
    List<DayRule> rules = new ArrayList<>();
    for (String item : items(field, "day of month")) {
      String upper = item.toUpperCase(Locale.ROOT);
      if (upper.equals("?") || upper.equals("*")) {
        rules.add(date -> true);
      } else if (upper.equals("L")) {
        rules.add(date -> date.getDayOfMonth() == date.lengthOfMonth());
      } else if (upper.equals("LW")) {
        rules.add(date -> date.equals(lastWeekday(date)));
      } else if (upper.startsWith("L-")) {
        int offset = number(upper.substring(2), item, "day of month", 0, 30);
        rules.add(date -> date.getDayOfMonth() == Math.max(1, date.lengthOfMonth() - offset));
      } else if (upper.endsWith("W")) {
        int day = number(upper.substring(0, upper.length() - 1), item, "day of month", 1, 31);
        rules.add(
            date ->
                day <= date.lengthOfMonth()
                    && date.equals(nearestWeekday(date.withDayOfMonth(day))));
      } else {
        BitSet days = values(item, "day of month", 1, 31, null);
        rules.add(date -> days.get(date.getDayOfMonth()));
      }
    }
    return rules;
  }

  private static List<DayRule> daysOfWeek(String field) {
    List<DayRule> rules = new ArrayList<>();
    for (String item : items(field, "day of week")) {
      String upper = item.toUpperCase(Locale.ROOT);
      if (upper.equals("?") || upper.equals("*")) {
        rules.add(date -> true);
      } else if (upper.length() > 1 && upper.endsWith("L")) {
        DayOfWeek day = dayOfWeek(upper.substring(0, upper.length() - 1), item);
        rules.add(
            date ->
                date.getDayOfWeek() == day
                    && date.equals(date.with(TemporalAdjusters.lastInMonth(day))));
      } else if (upper.contains("#")) {
        int hash = upper.indexOf('#');
        DayOfWeek day = dayOfWeek(upper.substring(0, hash), item);
        int ordinal = number(upper.substring(hash + 1), item, "day of week", 1, 5);
        rules.add(
            date -> date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == ordinal);
      } else {
        BitSet values = values(item, "day of week", 0, 7, DAYS);
        BitSet days = new BitSet(8);
        values.stream().forEach(v -> days.set(v == 0 ? 7 : v)); // java.time: Monday 1 .. Sunday 7
        rules.add(date -> days.get(date.getDayOfWeek().getValue()));
      }
    }
    return rules;
  }

  private static DayOfWeek dayOfWeek(String text, String item) {
    int value = value(text, item, "day of week", 0, 7, DAYS);
    return DayOfWeek.of(value == 0 ? 7 : value);
  }

  private static LocalDate lastWeekday(LocalDate date) {
    LocalDate last = date.with(TemporalAdjusters.lastDayOfMonth());
    return switch (last.getDayOfWeek()) {
      case SATURDAY -> last.minusDays(1);
      case SUNDAY -> last.minusDays(2);
      default -> last;
    };
  }

  /** The weekday nearest to the date, without leaving its month (Quartz's and Spring's "W"). */
  private static LocalDate nearestWeekday(LocalDate day) {
    return switch (day.getDayOfWeek()) {
      case SATURDAY -> day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
      case SUNDAY ->
          day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
      default -> day;
    };
  }

  private static String[] items(String field, String name) {
    String[] items = field.split(",", -1);
    for (String item : items) {
      if (item.isEmpty()) {
        throw invalid(field, name, "empty list item");
      }
    }
    return items;
  }

  /** A list of values, ranges and steps, as a set of the values in [min, max]. */
  private static BitSet values(String field, String name, int min, int max, List<String> names) {
    BitSet set = new BitSet(max + 1);
    for (String item : items(field, name)) {
      int slash = item.indexOf('/');
      String range = slash < 0 ? item : item.substring(0, slash);
      int step = 1;
      if (slash >= 0) {
        step = number(item.substring(slash + 1), item, name, 1, max - min + 1);
      }
      int from;
      int to;
      if (range.equals("*") || (range.equals("?") && name.startsWith("day"))) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        int dash = range.indexOf('-');
        from = value(range.substring(0, dash), item, name, min, max, names);
        to = value(range.substring(dash + 1), item, name, min, max, names);
        if (from > to) {
          throw invalid(item, name, "the range " + range + " ends before it starts");
        }
      } else {
        from = value(range, item, name, min, max, names);
        to = slash < 0 ? from : max;
      }
      for (int value = from; value <= to; value += step) {
        set.set(value);
      }
    }
    return set;
  }

  private static int value(
      String text, String item, String name, int min, int max, List<String> names) {
    if (names != null) {
      int index = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (index >= 0) {
        return index + min;
      }
    }
    return number(text, item, name, min, max);
  }

  private static int number(String text, String item, String name, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalid(
          item,
          name,
          "'"
              + text
              + "' is not a number"
              + (name.equals("month") || name.equals("day of week") ? " nor a name" : ""));
    }
    if (value < min || value > max) {
      throw invalid(item, name, String.format("value %d not in range [%d, %d]", value, min, max));
    }
    return value;
  }

  private static IllegalArgumentException invalid(String item, String name, String reason) {
    return new IllegalArgumentException(
        String.format("Failed to parse '%s' as %s: %s", item, name, reason));
  }
}
