package life.suoke.ops.backend.calendar.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import life.suoke.ops.backend.api.ApiProblem;

/**
 * Query parameters read with a 400 problem naming the parameter when they are absent or malformed.
 */
final class CalendarParams {

  /** The longest business time computed through the API (ten years of round-the-clock time). */
  static final Duration MAX_BUSINESS_TIME = Duration.ofDays(3650);

  static final int MAX_BUSINESS_DAYS = 3650;

  private CalendarParams() {}

  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest(
          name, "is required: an ISO-8601 instant such as 2026-01-05T01:00:00Z");
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value.strip()).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiProblem.badRequest(
            name,
            "is not an ISO-8601 instant such as 2026-01-05T01:00:00Z or 2026-01-05T09:00+08:00");
      }
    }
  }

  static Duration businessTime(String value) {
    Duration duration;
    try {
      duration = Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "businessTime", "is not an ISO-8601 duration such as PT8H or PT30M");
    }
    if (duration.isNegative()) {
      throw ApiProblem.badRequest("businessTime", "must not be negative");
    }
    if (duration.compareTo(MAX_BUSINESS_TIME) > 0) {
      throw ApiProblem.badRequest("businessTime", "must be at most " + MAX_BUSINESS_TIME);
    }
    return duration;
  }

  static int businessDays(String value) {
    int days;
    try {
      days = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("businessDays", "is not a whole number");
    }
    if (days < 0 || days > MAX_BUSINESS_DAYS) {
      throw ApiProblem.badRequest("businessDays", "must be between 0 and " + MAX_BUSINESS_DAYS);
    }
    return days;
  }

  static Integer year(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int year = Integer.parseInt(value.strip());
      if (year >= 1900 && year <= 2999) {
        return year;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badRequest("year", "is not a year between 1900 and 2999");
  }
}
