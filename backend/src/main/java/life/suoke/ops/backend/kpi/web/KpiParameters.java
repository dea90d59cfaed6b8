package life.suoke.ops.backend.kpi.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;

/**
 * The filters every KPI endpoint takes, read strictly: a {@code month} (YYYY-MM) or a range {@code
 * from}-{@code to} of local days (both inclusive, at most two years), otherwise the current month;
 * {@code service}, {@code team}, {@code priority}. Each bad value is named in one 400 problem.
 */
final class KpiParameters {

  static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
  static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  final List<ApiProblem.FieldError> errors = new ArrayList<>();
  LocalDate firstDay;
  LocalDate lastDay;
  String service;
  String team;
  String priority;

  static KpiParameters read(
      String month,
      String from,
      String to,
      String service,
      String team,
      String priority,
      ZoneId zone) {
    KpiParameters p = new KpiParameters();
    if (blank(month) && blank(from) && blank(to)) {
      YearMonth current = YearMonth.now(zone);
      p.firstDay = current.atDay(1);
      p.lastDay = current.atEndOfMonth();
    } else if (!blank(month)) {
      if (!blank(from) || !blank(to)) {
        p.errors.add(
            new ApiProblem.FieldError("month", "give either month or from and to, not both"));
      } else if (!MONTH.matcher(month.trim()).matches()) {
        p.errors.add(new ApiProblem.FieldError("month", "must be a month such as 2026-11"));
      } else {
        YearMonth m = YearMonth.parse(month.trim());
        p.firstDay = m.atDay(1);
        p.lastDay = m.atEndOfMonth();
      }
    } else {
      p.firstDay = p.day("from", from);
      p.lastDay = p.day("to", to);
      if (p.firstDay != null && p.lastDay != null) {
        if (p.lastDay.isBefore(p.firstDay)) {
          p.errors.add(new ApiProblem.FieldError("to", "must not be before from"));
        } else if (ChronoUnit.DAYS.between(p.firstDay, p.lastDay) > 731) {
          p.errors.add(new ApiProblem.FieldError("to", "must be at most two years after from"));
        }
      }
    }
    p.service = p.name("service", service);
    p.team = p.name("team", team);
    if (!blank(priority)) {
      if (PRIORITIES.contains(priority.trim())) {
        p.priority = priority.trim();
      } else {
        p.errors.add(new ApiProblem.FieldError("priority", "must be one of P0, P1, P2, P3"));
      }
    }
    return p;
  }

  private LocalDate day(String field, String value) {
    if (blank(value)) {
      errors.add(
          new ApiProblem.FieldError(
              field, "is required with " + ("from".equals(field) ? "to" : "from")));
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(value.trim());
      if (day.getYear() < 2000 || day.getYear() > 2200) {
        errors.add(new ApiProblem.FieldError(field, "must be a day from 2000 to 2200"));
        return null;
      }
      return day;
    } catch (DateTimeParseException e) {
      errors.add(new ApiProblem.FieldError(field, "must be a day such as 2026-11-30"));
      return null;
    }
  }

  private String name(String field, String value) {
    if (blank(value)) {
      return null;
    }
    if (!NAME.matcher(value.trim()).matches()) {
      errors.add(new ApiProblem.FieldError(field, "is not a known " + field));
      return null;
    }
    return value.trim();
  }

  /** An option of a list (null when absent and not required). */
  String option(String field, String value, List<String> allowed, String absent) {
    if (blank(value)) {
      return absent;
    }
    if (!allowed.contains(value.trim())) {
      errors.add(new ApiProblem.FieldError(field, "must be one of " + String.join(", ", allowed)));
      return absent;
    }
    return value.trim();
  }

  int integer(String field, String value, int absent, int min, int max) {
    if (blank(value)) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    errors.add(
        new ApiProblem.FieldError(field, "must be a whole number from " + min + " to " + max));
    return absent;
  }

  void check() {
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
