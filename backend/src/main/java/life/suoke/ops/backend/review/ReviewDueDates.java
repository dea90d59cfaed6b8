package life.suoke.ops.backend.review;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import org.springframework.stereotype.Component;

/**
 * The business-day dates of reviews, on the incident's business calendar: a review must start
 * within {@value #START_WITHIN_BUSINESS_DAYS} business days of the incident's close; an action
 * item's owner is reminded one business day before its due date. A due date given as a day means
 * the end of that day's working hours (18:00 Asia/Shanghai, the default calendar's close).
 */
@Component
class ReviewDueDates {

  static final int START_WITHIN_BUSINESS_DAYS = 5;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final LocalTime END_OF_DAY = LocalTime.of(18, 0);

  private final BusinessCalendars calendars;

  ReviewDueDates(BusinessCalendars calendars) {
    this.calendars = calendars;
  }

  Instant startDue(String calendarId, Instant closedAt) {
    return calendars.addBusinessDays(calendar(calendarId), closedAt, START_WITHIN_BUSINESS_DAYS);
  }

  /**
   * When to remind: one day before the due date, or earlier in steps of 12 hours until one business
   * day from there ends no later than the due date (so that a weekend or holiday lies before it);
   * never before {@code now}.
   */
  Instant remindAt(String calendarId, Instant due, Instant now) {
    String calendar = calendar(calendarId);
    Instant candidate = due.minus(Duration.ofDays(1));
    for (int step = 0; step < 60; step++) {
      if (!calendars.addBusinessDays(calendar, candidate, 1).isAfter(due)) {
        break;
      }
      candidate = candidate.minus(Duration.ofHours(12));
    }
    return candidate.isBefore(now) ? now : candidate;
  }

  /**
   * A due date as written: a day ({@code 2026-11-30}) or an instant with offset; null when it is
   * neither.
   */
  static Instant parseDue(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atTime(END_OF_DAY).atZone(ZONE).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private static String calendar(String calendarId) {
    return calendarId == null || calendarId.isBlank() ? BusinessCalendars.DEFAULT : calendarId;
  }
}
