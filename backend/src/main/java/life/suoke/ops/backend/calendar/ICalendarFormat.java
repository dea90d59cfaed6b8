package life.suoke.ops.backend.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Business calendar days as iCalendar (RFC 5545), through ical4j.
 *
 * <p><b>Reading.</b> Every all-day {@code VEVENT} ({@code DTSTART;VALUE=DATE}) gives one day per
 * date from {@code DTSTART} up to, not including, {@code DTEND} (or {@code DTSTART + DURATION}; one
 * day when neither is given), so multi-day events are expanded. Its kind:
 *
 * <ol>
 *   <li>a {@code CATEGORIES} value {@code HOLIDAY} or {@code WORKDAY} (any case) decides;
 *   <li>otherwise it is a make-up working day (WORKDAY) when {@code SUMMARY} or a category contains
 *       {@code 班} (班, 补班, 上班, 调休上班) or, in any case, {@code workday}, {@code working day}, {@code
 *       make-up} or {@code makeup};
 *   <li>otherwise it is a public holiday (HOLIDAY).
 * </ol>
 *
 * The day's name is the {@code SUMMARY}. Events with a time of day and cancelled events are skipped
 * (counted); recurring events ({@code RRULE}, {@code RDATE}) and events longer than 366 days are
 * refused, as is a date given both kinds.
 *
 * <p><b>Writing.</b> One all-day {@code VEVENT} per day: {@code SUMMARY} the name (or the kind),
 * {@code CATEGORIES} the kind, {@code UID} {@code <calendar>-<date>@suoke-ops}; the calendar's name
 * and zone as {@code X-WR-CALNAME} and {@code X-WR-TIMEZONE}.
 */
public final class ICalendarFormat {

  /** What a file held: its days in file order (merged by date) and how many events were skipped. */
  public record Parsed(List<CalendarDay> days, int skipped) {}

  /** A file that cannot be read as calendar days, with the reason in words. */
  public static final class FormatException extends Exception {
    FormatException(String message) {
      super(message);
    }
  }

  static final int MAX_EVENT_DAYS = 366;
  private static final List<String> WORKDAY_MARKS =
      List.of("班", "workday", "working day", "make-up", "makeup");

  private ICalendarFormat() {}

  public static Parsed read(String text) throws FormatException {
    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new StringReader(text));
    } catch (ParserException e) {
      throw new FormatException(
          "is not an iCalendar file (line " + e.getLineNo() + "): " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new FormatException("is not an iCalendar file: " + e.getMessage());
    }
    Map<LocalDate, CalendarDay> days = new LinkedHashMap<>();
    int skipped = 0;
    for (Component component : calendar.getComponents(Component.VEVENT)) {
      VEvent event = (VEvent) component;
      String summary = value(event, Property.SUMMARY).map(String::strip).orElse(null);
      String label =
          "event '" + (summary == null ? value(event, Property.UID).orElse("?") : summary) + "'";
      if (value(event, Property.STATUS).map(s -> s.equalsIgnoreCase("CANCELLED")).orElse(false)) {
        skipped++;
        continue;
      }
      Optional<DateProperty<Temporal>> start = event.getProperty(Property.DTSTART);
      if (start.isEmpty() || start.get().getDate() == null) {
        throw new FormatException(label + " has no DTSTART");
      }
      if (!(start.get().getDate() instanceof LocalDate first)) {
        skipped++;
        continue;
      }
      if (event.getProperty(Property.RRULE).isPresent()
          || event.getProperty(Property.RDATE).isPresent()) {
        throw new FormatException(
            label + " repeats (RRULE/RDATE); recurring events are not supported, list each date");
      }
      LocalDate end = end(event, first, label);
      if (ChronoUnit.DAYS.between(first, end) > MAX_EVENT_DAYS) {
        throw new FormatException(label + " spans more than " + MAX_EVENT_DAYS + " days");
      }
      DayKind kind = kind(summary, categories(event));
      String name = summary == null || summary.isEmpty() ? null : truncate(summary);
      for (LocalDate date = first; date.isBefore(end); date = date.plusDays(1)) {
        CalendarDay day = new CalendarDay(date, kind, name);
        CalendarDay before = days.putIfAbsent(date, day);
        if (before != null && before.kind() != kind) {
          throw new FormatException(
              date
                  + " is both "
                  + before.kind()
                  + " ("
                  + before.name()
                  + ") and "
                  + kind
                  + " ("
                  + name
                  + ")");
        }
      }
    }
    return new Parsed(List.copyOf(days.values()), skipped);
  }

  private static LocalDate end(VEvent event, LocalDate first, String label) throws FormatException {
    Optional<DateProperty<Temporal>> end = event.getProperty(Property.DTEND);
    if (end.isPresent() && end.get().getDate() != null) {
      if (!(end.get().getDate() instanceof LocalDate last)) {
        throw new FormatException(
            label + " starts on a date but ends at a time (DTEND must be a DATE)");
      }
      return last.isAfter(first) ? last : first.plusDays(1);
    }
    Optional<net.fortuna.ical4j.model.property.Duration> duration =
        event.getProperty(Property.DURATION);
    if (duration.isPresent()) {
      long days = wholeDays(duration.get().getDuration());
      if (days < 0) {
        throw new FormatException(label + " has a DURATION that is not whole days");
      }
      return days == 0 ? first.plusDays(1) : first.plusDays(days);
    }
    return first.plusDays(1);
  }

  /** The whole days of a DURATION (P3D, P1W, or PT72H), or -1 when it is not whole days. */
  private static long wholeDays(TemporalAmount amount) {
    if (amount instanceof Period period) {
      return period.toTotalMonths() == 0 && period.getDays() >= 0 ? period.getDays() : -1;
    }
    if (amount instanceof java.time.Duration exact) {
      return !exact.isNegative() && exact.toSeconds() % 86_400 == 0 ? exact.toDays() : -1;
    }
    return -1;
  }

  private static List<String> categories(VEvent event) {
    List<String> categories = new ArrayList<>();
    for (Property property : event.getProperties(Property.CATEGORIES)) {
      if (property instanceof Categories list && list.getCategories() != null) {
        list.getCategories().getTexts().forEach(text -> categories.add(text.strip()));
      }
    }
    return categories;
  }

  /** The kind of an event by the rule in the class comment. */
  static DayKind kind(String summary, List<String> categories) {
    for (String category : categories) {
      for (DayKind kind : DayKind.values()) {
        if (category.equalsIgnoreCase(kind.name())) {
          return kind;
        }
      }
    }
    List<String> texts = new ArrayList<>(categories);
    if (summary != null) {
      texts.add(summary);
    }
    for (String text : texts) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (WORKDAY_MARKS.stream().anyMatch(lower::contains)) {
        return DayKind.WORKDAY;
      }
    }
    return DayKind.HOLIDAY;
  }

  private static Optional<String> value(Component component, String name) {
    Optional<Property> property = component.getProperty(name);
    return property.map(Property::getValue);
  }

  private static String truncate(String name) {
    return name.length() <= CalendarAdministration.MAX_NAME
        ? name
        : name.substring(0, CalendarAdministration.MAX_NAME);
  }

  /**
   * The calendar's days as an iCalendar file; {@code stamp} is every event's DTSTAMP (the
   * calendar's last change).
   */
  public static String write(BusinessCalendar calendar, List<CalendarDay> days, Instant stamp) {
    Calendar ics = new Calendar();
    ics.add(new ProdId("-//Suoke Ops//Business calendar//EN"));
    ics.add(ImmutableVersion.VERSION_2_0);
    ics.add(ImmutableCalScale.GREGORIAN);
    ics.add(new XProperty("X-WR-CALNAME", calendar.name()));
    ics.add(new XProperty("X-WR-TIMEZONE", calendar.timeZone().getId()));
    for (CalendarDay day : days) {
      String summary =
          day.name() != null
              ? day.name()
              : day.kind() == DayKind.HOLIDAY ? "Holiday" : "Make-up working day";
      VEvent event = new VEvent(day.date(), day.date().plusDays(1), summary);
      event.replace(new DtStamp(stamp));
      event.add(new Uid(calendar.id() + "-" + day.date() + "@suoke-ops"));
      event.add(new Categories(day.kind().name()));
      ics.add(event);
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(ics, out);
    } catch (IOException | ValidationException e) {
      throw new IllegalStateException(
          "could not write the calendar '" + calendar.id() + "' as iCalendar", e);
    }
    return out.toString();
  }
}
