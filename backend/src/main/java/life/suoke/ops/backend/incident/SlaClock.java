package life.suoke.ops.backend.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import life.suoke.ops.backend.calendar.BusinessCalendars;

/**
 * The arithmetic of one SLA clock, without a database: time counts from the start, except while
 * paused, in the clock's own time (wall-clock time, or working time on a business calendar). The
 * same arithmetic serves every change (start, pause, resume, re-classification, reopening), so a
 * breach time is always the instant at which the counted time reaches the goal.
 */
final class SlaClock {

  /** A pause; {@code resumedAt} is null while it lasts. */
  record Pause(Instant pausedAt, Instant resumedAt) {}

  /** How a clock measures time. */
  interface Metric {
    Duration between(Instant from, Instant to);

    Instant add(Instant start, Duration time);

    boolean working(Instant instant);

    /** Wall-clock time, around the clock. */
    static Metric wall() {
      return new Metric() {
        @Override
        public Duration between(Instant from, Instant to) {
          return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }

        @Override
        public Instant add(Instant start, Duration time) {
          return start.plus(time);
        }

        @Override
        public boolean working(Instant instant) {
          return true;
        }
      };
    }

    /** Working time on a business calendar. */
    static Metric calendar(BusinessCalendars calendars, String calendarId) {
      return new Metric() {
        @Override
        public Duration between(Instant from, Instant to) {
          return to.isAfter(from)
              ? calendars.businessTimeBetween(calendarId, from, to)
              : Duration.ZERO;
        }

        @Override
        public Instant add(Instant start, Duration time) {
          return calendars.addBusinessTime(calendarId, start, time);
        }

        @Override
        public boolean working(Instant instant) {
          return calendars.isWorkingTime(calendarId, instant);
        }
      };
    }
  }

  private SlaClock() {}

  /**
   * The goal in the clock's time: the wall duration, or the working time of the business days after
   * {@code start}.
   */
  static Duration goalTime(
      SlaPolicy.Goal goal, Instant start, BusinessCalendars calendars, String calendarId) {
    if (!goal.onCalendar()) {
      return goal.wall();
    }
    Instant end = calendars.addBusinessDays(calendarId, start, goal.businessDays());
    Duration time = calendars.businessTimeBetween(calendarId, start, end);
    return time.isZero() || time.isNegative() ? Duration.ofMillis(1) : time;
  }

  /** Time counted from {@code start} to {@code end}, leaving out the pauses (sorted by start). */
  static Duration elapsed(Instant start, Instant end, List<Pause> pauses, Metric metric) {
    Duration total = metric.between(start, end);
    for (Pause pause : pauses) {
      Instant from = pause.pausedAt().isAfter(start) ? pause.pausedAt() : start;
      Instant resumed = pause.resumedAt() == null ? end : pause.resumedAt();
      Instant to = resumed.isBefore(end) ? resumed : end;
      if (to.isAfter(from)) {
        total = total.minus(metric.between(from, to));
      }
    }
    return total.isNegative() ? Duration.ZERO : total;
  }

  /**
   * The instant at which the counted time reaches {@code goal}; null while a pause that began
   * before that instant lasts (the clock cannot breach while it stands).
   */
  static Instant breach(Instant start, Duration goal, List<Pause> pauses, Metric metric) {
    Instant cursor = start;
    Duration remaining = goal;
    for (Pause pause : pauses) {
      if (pause.pausedAt().isAfter(cursor)) {
        Duration running = metric.between(cursor, pause.pausedAt());
        if (running.compareTo(remaining) >= 0) {
          return metric.add(cursor, remaining);
        }
        remaining = remaining.minus(running);
      }
      if (pause.resumedAt() == null) {
        return null;
      }
      if (pause.resumedAt().isAfter(cursor)) {
        cursor = pause.resumedAt();
      }
    }
    return metric.add(cursor, remaining);
  }
}
