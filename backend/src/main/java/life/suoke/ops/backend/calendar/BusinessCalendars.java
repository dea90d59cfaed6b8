package life.suoke.ops.backend.calendar;

import java.time.Duration;
import java.time.Instant;

/**
 * Business time on the business calendars: working days and hours in the calendar's time zone,
 * public holidays, and the weekend days that become working days (make-up days). Every business-day
 * deadline of the product (SLA targets, reviews, changes) is computed here.
 */
public interface BusinessCalendars {

  /**
   * The calendar used when none is named (Asia/Shanghai, Monday to Friday 09:00-18:00 with the
   * holidays).
   */
  String DEFAULT = "default";

  /** The instant at which {@code businessTime} of working time has passed after {@code start}. */
  Instant addBusinessTime(String calendarId, Instant start, Duration businessTime);

  /**
   * {@code days} business days after {@code start}: {@code days} times the working time of one
   * working day.
   */
  Instant addBusinessDays(String calendarId, Instant start, int days);

  /** The working time between two instants (zero when {@code to} is not after {@code from}). */
  Duration businessTimeBetween(String calendarId, Instant from, Instant to);

  /** Whether the instant lies in the calendar's working hours of a working day. */
  boolean isWorkingTime(String calendarId, Instant instant);
}
