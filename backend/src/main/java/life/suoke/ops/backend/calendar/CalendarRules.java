package life.suoke.ops.backend.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The business time of one calendar, computed in the calendar's zone with {@code java.time}: for
 * each local date its working windows (none on a holiday; the normal working day's on a make-up
 * working day; otherwise the working week's), turned into instants with the zone's rules of that
 * date, so that a working hour is a real hour across daylight-saving changes. Computations walk day
 * by day and window by window, never minute by minute. Immutable and thread-safe.
 *
 * <p>Daylight saving: a window boundary that falls in a gap (clocks jump forward) is the instant of
 * the jump; one that falls in an overlap (clocks fall back) is its earlier instant for a start and
 * its later instant for an end. A day of 01:00-05:00 is therefore 3 hours long on the day clocks
 * move from 02:00 to 03:00 and 5 hours long on the day they fall back from 03:00 to 02:00.
 */
public final class CalendarRules {

  /**
   * How far ahead a computation walks before it gives up (a calendar always has working time within
   * it).
   */
  static final int MAX_YEARS = 200;

  private final BusinessCalendar calendar;
  private final ZoneRules zoneRules;
  private final Map<LocalDate, DayKind> exceptions;
  private final List<WorkingWindow> normalDay;
  private final Duration normalDayTime;

  public CalendarRules(BusinessCalendar calendar, Collection<CalendarDay> days) {
    this.calendar = calendar;
    this.zoneRules = calendar.timeZone().getRules();
    this.exceptions = new HashMap<>();
    days.forEach(day -> exceptions.put(day.date(), day.kind()));
    this.normalDay = normalDay(calendar);
    this.normalDayTime =
        Duration.ofMinutes(normalDay.stream().mapToInt(WorkingWindow::minutes).sum());
    if (normalDay.isEmpty()) {
      throw new IllegalArgumentException(
          "calendar '" + calendar.id() + "' has no working hours in its week");
    }
  }

  /**
   * The normal working day: the weekday with the most working time (the first in the week, Monday
   * first, when several have as much). Make-up working days have its windows, and one business day
   * is its working time.
   */
  public static List<WorkingWindow> normalDay(BusinessCalendar calendar) {
    List<WorkingWindow> best = List.of();
    int bestMinutes = 0;
    for (DayOfWeek day : DayOfWeek.values()) {
      List<WorkingWindow> windows = calendar.workingWeek().get(day);
      int minutes = windows.stream().mapToInt(WorkingWindow::minutes).sum();
      if (minutes > bestMinutes) {
        best = windows;
        bestMinutes = minutes;
      }
    }
    return best;
  }

  public BusinessCalendar calendar() {
    return calendar;
  }

  public ZoneId zone() {
    return calendar.timeZone();
  }

  /** The working time of one normal working day, as its hours say (one business day). */
  public Duration normalDayTime() {
    return normalDayTime;
  }

  /** The working windows of a local date, as wall-clock times. */
  public List<WorkingWindow> windowsOn(LocalDate date) {
    DayKind kind = exceptions.get(date);
    List<WorkingWindow> week = calendar.workingWeek().get(date.getDayOfWeek());
    if (kind == DayKind.HOLIDAY) {
      return List.of();
    }
    if (kind == DayKind.WORKDAY && week.isEmpty()) {
      return normalDay;
    }
    return week;
  }

  /** Whether the local date has working hours. */
  public boolean isWorkingDay(LocalDate date) {
    return !windowsOn(date).isEmpty();
  }

  /**
   * The instant at which {@code amount} of working time has passed after {@code start}; {@code
   * start} itself for zero.
   */
  public Instant addBusinessTime(Instant start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("business time must not be negative: " + amount);
    }
    if (amount.isZero()) {
      return start;
    }
    Duration remaining = amount;
    Instant cursor = start;
    LocalDate date = LocalDate.ofInstant(start, zone()).minusDays(1);
    LocalDate limit = date.plusYears(MAX_YEARS);
    while (!date.isAfter(limit)) {
      for (Instant[] interval : intervals(date)) {
        if (!interval[1].isAfter(cursor)) {
          continue;
        }
        Instant from = interval[0].isAfter(cursor) ? interval[0] : cursor;
        Duration available = Duration.between(from, interval[1]);
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
        cursor = interval[1];
      }
      date = date.plusDays(1);
    }
    throw new IllegalArgumentException(
        "business time " + amount + " reaches beyond " + MAX_YEARS + " years");
  }

  /**
   * {@code days} business days after {@code start}: {@code days} times the working time of a normal
   * working day.
   */
  public Instant addBusinessDays(Instant start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("business days must not be negative: " + days);
    }
    return addBusinessTime(start, normalDayTime.multipliedBy(days));
  }

  /** The working time between two instants (zero when {@code to} is not after {@code from}). */
  public Duration businessTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    Instant cursor = from;
    LocalDate date = LocalDate.ofInstant(from, zone()).minusDays(1);
    LocalDate last = LocalDate.ofInstant(to, zone()).plusDays(1);
    while (!date.isAfter(last)) {
      for (Instant[] interval : intervals(date)) {
        Instant start = interval[0].isAfter(cursor) ? interval[0] : cursor;
        Instant end = interval[1].isBefore(to) ? interval[1] : to;
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
          cursor = end;
        }
      }
      date = date.plusDays(1);
    }
    return total;
  }

  /** Whether the instant lies in a working window of a working day. */
  public boolean isWorkingTime(Instant instant) {
    LocalDate date = LocalDate.ofInstant(instant, zone());
    for (LocalDate day : List.of(date.minusDays(1), date)) {
      for (Instant[] interval : intervals(day)) {
        if (!instant.isBefore(interval[0]) && instant.isBefore(interval[1])) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The working windows of a local date as instants {@code [start, end)}, in order; empty ones left
   * out.
   */
  List<Instant[]> intervals(LocalDate date) {
    List<WorkingWindow> windows = windowsOn(date);
    if (windows.isEmpty()) {
      return List.of();
    }
    List<Instant[]> intervals = new ArrayList<>(windows.size());
    for (WorkingWindow window : windows) {
      Instant start = instant(date, window.startMinute(), false);
      Instant end = instant(date, window.endMinute(), true);
      if (end.isAfter(start)) {
        intervals.add(new Instant[] {start, end});
      }
    }
    return intervals;
  }

  /**
   * The instant of a wall-clock minute of a local date in the zone (see the class comment for gaps
   * and overlaps).
   */
  private Instant instant(LocalDate date, int minute, boolean end) {
    LocalDateTime local =
        minute == WorkingWindow.DAY
            ? date.plusDays(1).atStartOfDay()
            : date.atTime(LocalTime.ofSecondOfDay(minute * 60L));
    List<ZoneOffset> offsets = zoneRules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return zoneRules.getTransition(local).getInstant();
    }
    Instant first = local.toInstant(offsets.get(0));
    Instant last = local.toInstant(offsets.get(offsets.size() - 1));
    if (end) {
      return first.isAfter(last) ? first : last;
    }
    return first.isBefore(last) ? first : last;
  }
}
