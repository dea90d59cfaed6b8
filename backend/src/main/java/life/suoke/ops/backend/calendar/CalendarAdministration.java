package life.suoke.ops.backend.calendar;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to business calendars: every input checked field by field before anything
 * is written (all bad fields named in one 400 answer), written in one transaction, audited, and the
 * parsed calendar dropped from {@link BusinessCalendarService}'s cache. The {@code default}
 * calendar cannot be deleted.
 *
 * <p>Rules: id a slug (lower-case letters, digits, '-', at most 64); name required; time zone an
 * IANA zone id; per weekday working windows {@code HH:mm-HH:mm}, each ending after it starts, not
 * overlapping one another, and at least one in the week; days with distinct dates, kind HOLIDAY or
 * WORKDAY, and a WORKDAY only on a day off of the working week.
 */
@Service
public class CalendarAdministration {

  /**
   * The counts of a write of days: new dates, changed dates, dates that were already so, events
   * skipped (import).
   */
  public record DaysResult(int added, int updated, int unchanged, int skipped) {}

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final int MAX_NAME = 200;
  static final int MIN_YEAR = 1900;
  static final int MAX_YEAR = 2999;

  /** The largest iCalendar file imported, in bytes (1 MiB). */
  public static final int MAX_IMPORT_BYTES = 1 << 20;

  private final CalendarRepository repository;
  private final BusinessCalendarService calendars;
  private final AuditTrail audit;

  public CalendarAdministration(
      CalendarRepository repository, BusinessCalendarService calendars, AuditTrail audit) {
    this.repository = repository;
    this.calendars = calendars;
    this.audit = audit;
  }

  public List<BusinessCalendar> calendars() {
    return repository.calendars();
  }

  public Map<String, List<Integer>> years() {
    return repository.years();
  }

  public BusinessCalendar calendar(String id) {
    return repository
        .calendar(id)
        .orElseThrow(() -> ApiProblem.notFound("No business calendar '" + id + "'."));
  }

  public List<CalendarDay> days(String id, Integer year) {
    calendar(id);
    return repository.days(id, year);
  }

  /**
   * The calendar's days as an iCalendar file ({@link ICalendarFormat}), stamped with its last
   * change.
   */
  @Transactional(readOnly = true)
  public String exportCalendar(String id) {
    BusinessCalendar calendar = calendar(id);
    Instant stamp = repository.updatedAt(id).truncatedTo(ChronoUnit.SECONDS);
    return ICalendarFormat.write(calendar, repository.days(id, null), stamp);
  }

  @Transactional
  public BusinessCalendar create(CalendarInput input, CurrentUser admin) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input.id() == null || !ID.matcher(input.id()).matches()) {
      errors.add(
          new ApiProblem.FieldError(
              "id",
              "is required: 1-64 lower-case letters, digits or '-', starting with a letter or digit"));
    } else if (repository.exists(input.id())) {
      errors.add(new ApiProblem.FieldError("id", "is taken"));
    }
    String name = checkName(input.name(), errors);
    ZoneId zone =
        input.timeZone() == null
            ? BusinessCalendar.DEFAULT_ZONE
            : checkZone(input.timeZone(), errors);
    Map<DayOfWeek, List<WorkingWindow>> week =
        input.workingWeek() == null
            ? BusinessCalendar.defaultWeek()
            : checkWeek(input.workingWeek(), errors);
    List<CalendarDay> days =
        input.days() == null ? List.of() : checkDays(input.days(), "days", week, errors);
    throwIfAny(errors);
    BusinessCalendar calendar = new BusinessCalendar(input.id(), name, zone, week);
    repository.insert(calendar);
    repository.saveDays(calendar.id(), days);
    calendars.invalidate(calendar.id());
    audit.record(
        AuditEvent.of(
                admin.username(),
                CalendarActions.CREATE,
                CalendarActions.OBJECT_TYPE,
                calendar.id())
            .withDetails(describe(calendar))
            .withDetail("days", days.size()));
    return calendar;
  }

  @Transactional
  public BusinessCalendar update(String id, CalendarInput input, CurrentUser admin) {
    BusinessCalendar before = calendar(id);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input.id() != null && !input.id().equals(id)) {
      errors.add(new ApiProblem.FieldError("id", "cannot be changed (it is the path's calendar)"));
    }
    String name = checkName(input.name(), errors);
    ZoneId zone =
        input.timeZone() == null ? before.timeZone() : checkZone(input.timeZone(), errors);
    Map<DayOfWeek, List<WorkingWindow>> week =
        input.workingWeek() == null ? before.workingWeek() : checkWeek(input.workingWeek(), errors);
    List<CalendarDay> days = null;
    if (input.days() != null) {
      days = checkDays(input.days(), "days", week, errors);
    } else if (input.workingWeek() != null && errors.isEmpty()) {
      List<String> conflicts =
          repository.days(id, null).stream()
              .filter(
                  day ->
                      day.kind() == DayKind.WORKDAY
                          && !week.get(day.date().getDayOfWeek()).isEmpty())
              .map(day -> day.date().toString())
              .toList();
      if (!conflicts.isEmpty()) {
        errors.add(
            new ApiProblem.FieldError(
                "workingWeek",
                "would make the make-up working days "
                    + String.join(", ", conflicts)
                    + " normal working days; remove those days first"));
      }
    }
    throwIfAny(errors);
    BusinessCalendar after = new BusinessCalendar(id, name, zone, week);
    repository.update(after);
    if (days != null) {
      repository.deleteAllDays(id);
      repository.saveDays(id, days);
    }
    calendars.invalidate(id);
    AuditEvent event =
        AuditEvent.of(admin.username(), CalendarActions.UPDATE, CalendarActions.OBJECT_TYPE, id)
            .withDetails(describe(after));
    audit.record(days == null ? event : event.withDetail("days", days.size()));
    return after;
  }

  @Transactional
  public void delete(String id, CurrentUser admin) {
    calendar(id);
    if (BusinessCalendars.DEFAULT.equals(id)) {
      throw ApiProblem.conflict(
          "The calendar '" + id + "' is used whenever no calendar is named and cannot be deleted.");
    }
    repository.delete(id);
    calendars.invalidate(id);
    audit.record(
        AuditEvent.of(admin.username(), CalendarActions.DELETE, CalendarActions.OBJECT_TYPE, id));
  }

  /**
   * Adds the days, or changes those of the same dates. Fields are named {@code [0].date} when the
   * days came as a list ({@code list}), {@code date} when one day came alone.
   */
  @Transactional
  public DaysResult saveDays(
      String id, List<CalendarInput.DayInput> input, boolean list, CurrentUser admin) {
    BusinessCalendar calendar = calendar(id);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input.isEmpty()) {
      errors.add(new ApiProblem.FieldError(list ? "" : "date", "no day given"));
    }
    List<CalendarDay> days = checkDays(input, list ? "" : null, calendar.workingWeek(), errors);
    throwIfAny(errors);
    DaysResult result = write(id, days, 0);
    audit.record(
        AuditEvent.of(admin.username(), CalendarActions.DAYS_SAVE, CalendarActions.OBJECT_TYPE, id)
            .withDetail("added", result.added())
            .withDetail("updated", result.updated())
            .withDetail("days", describe(days)));
    return result;
  }

  @Transactional
  public void deleteDay(String id, LocalDate date, CurrentUser admin) {
    calendar(id);
    if (repository.deleteDay(id, date) == 0) {
      throw ApiProblem.notFound(
          "The calendar '" + id + "' has no holiday or make-up working day on " + date + ".");
    }
    repository.touch(id);
    calendars.invalidate(id);
    audit.record(
        AuditEvent.of(
                admin.username(), CalendarActions.DAYS_DELETE, CalendarActions.OBJECT_TYPE, id)
            .withDetail("date", date.toString()));
  }

  /** Removes every holiday and make-up working day of one year; answers how many. */
  @Transactional
  public int deleteYear(String id, int year, CurrentUser admin) {
    calendar(id);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw ApiProblem.badRequest("year", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
    }
    int deleted = repository.deleteYear(id, year);
    repository.touch(id);
    calendars.invalidate(id);
    audit.record(
        AuditEvent.of(
                admin.username(), CalendarActions.DAYS_DELETE, CalendarActions.OBJECT_TYPE, id)
            .withDetail("year", year)
            .withDetail("deleted", deleted));
    return deleted;
  }

  /**
   * Imports an iCalendar file (see {@link ICalendarFormat}): all of it or, when any of it is
   * refused, nothing.
   */
  @Transactional
  public DaysResult importCalendar(String id, byte[] content, String fileName, CurrentUser admin) {
    BusinessCalendar calendar = calendar(id);
    if (content == null || content.length == 0) {
      throw ApiProblem.badRequest(
          "file",
          "is required: an iCalendar file (multipart field 'file' or a text/calendar body)");
    }
    if (content.length > MAX_IMPORT_BYTES) {
      throw new ApiProblem(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "file: is larger than 1 MiB",
          List.of(new ApiProblem.FieldError("file", "is larger than 1 MiB")));
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    ICalendarFormat.Parsed parsed;
    try {
      parsed = ICalendarFormat.read(text);
    } catch (ICalendarFormat.FormatException e) {
      throw ApiProblem.badRequest("file", e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (CalendarDay day : parsed.days()) {
      String reason = workdayConflict(day, calendar.workingWeek());
      if (reason != null) {
        problems.add(reason);
      } else if (day.date().getYear() < MIN_YEAR || day.date().getYear() > MAX_YEAR) {
        problems.add(day.date() + " is outside the years " + MIN_YEAR + "-" + MAX_YEAR);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.badRequest(
          "file",
          String.join("; ", problems.subList(0, Math.min(problems.size(), 10)))
              + (problems.size() > 10 ? "; and " + (problems.size() - 10) + " more" : ""));
    }
    DaysResult result = write(id, parsed.days(), parsed.skipped());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("file", fileName == null ? "" : fileName);
    details.put("added", result.added());
    details.put("updated", result.updated());
    details.put("unchanged", result.unchanged());
    details.put("skipped", result.skipped());
    audit.record(
        AuditEvent.of(admin.username(), CalendarActions.IMPORT, CalendarActions.OBJECT_TYPE, id)
            .withDetails(details));
    return result;
  }

  private DaysResult write(String id, List<CalendarDay> days, int skipped) {
    Map<LocalDate, CalendarDay> existing = new HashMap<>();
    repository.days(id, null).forEach(day -> existing.put(day.date(), day));
    int added = 0;
    int updated = 0;
    List<CalendarDay> changed = new ArrayList<>();
    for (CalendarDay day : days) {
      CalendarDay before = existing.get(day.date());
      if (before == null) {
        added++;
        changed.add(day);
      } else if (!before.equals(day)) {
        updated++;
        changed.add(day);
      }
    }
    repository.saveDays(id, changed);
    repository.touch(id);
    calendars.invalidate(id);
    return new DaysResult(added, updated, days.size() - added - updated, skipped);
  }

  // checks

  private static String checkName(String name, List<ApiProblem.FieldError> errors) {
    if (name == null || name.isBlank()) {
      errors.add(new ApiProblem.FieldError("name", "is required"));
      return null;
    }
    if (name.strip().length() > MAX_NAME) {
      errors.add(
          new ApiProblem.FieldError("name", "must have at most " + MAX_NAME + " characters"));
    }
    return name.strip();
  }

  private static ZoneId checkZone(String zone, List<ApiProblem.FieldError> errors) {
    if (zone.isBlank() || !ZoneId.getAvailableZoneIds().contains(zone.strip())) {
      errors.add(
          new ApiProblem.FieldError(
              "timeZone", "is not an IANA time zone (such as Asia/Shanghai)"));
      return null;
    }
    return ZoneId.of(zone.strip());
  }

  static Map<DayOfWeek, List<WorkingWindow>> checkWeek(
      Map<String, List<CalendarInput.WindowInput>> input, List<ApiProblem.FieldError> errors) {
    Map<DayOfWeek, List<WorkingWindow>> week = new EnumMap<>(DayOfWeek.class);
    int errorsBefore = errors.size();
    for (Map.Entry<String, List<CalendarInput.WindowInput>> entry : input.entrySet()) {
      String field = "workingWeek." + entry.getKey();
      DayOfWeek day = weekday(entry.getKey());
      if (day == null) {
        errors.add(new ApiProblem.FieldError(field, "is not a weekday (MONDAY ... SUNDAY)"));
        continue;
      }
      if (week.containsKey(day)) {
        errors.add(new ApiProblem.FieldError(field, "is given twice"));
        continue;
      }
      List<WorkingWindow> windows = new ArrayList<>();
      List<CalendarInput.WindowInput> given =
          entry.getValue() == null ? List.of() : entry.getValue();
      for (int i = 0; i < given.size(); i++) {
        CalendarInput.WindowInput window = given.get(i);
        String at = field + "[" + i + "]";
        if (window == null) {
          errors.add(
              new ApiProblem.FieldError(
                  at, "is required: {\"start\": \"HH:mm\", \"end\": \"HH:mm\"}"));
          continue;
        }
        int start = WorkingWindow.parseMinute(window.start());
        int end = WorkingWindow.parseMinute(window.end());
        if (start < 0 || start >= WorkingWindow.DAY) {
          errors.add(
              new ApiProblem.FieldError(at + ".start", "is not a time HH:mm from 00:00 to 23:59"));
        }
        if (end < 0) {
          errors.add(
              new ApiProblem.FieldError(at + ".end", "is not a time HH:mm from 00:01 to 24:00"));
        }
        if (start >= 0 && start < WorkingWindow.DAY && end >= 0) {
          if (end <= start) {
            errors.add(
                new ApiProblem.FieldError(
                    at + ".end", "must be after start (" + window.start() + ")"));
          } else {
            windows.add(new WorkingWindow(start, end));
          }
        }
      }
      windows.sort(Comparator.comparingInt(WorkingWindow::startMinute));
      for (int i = 1; i < windows.size(); i++) {
        if (windows.get(i).startMinute() < windows.get(i - 1).endMinute()) {
          errors.add(
              new ApiProblem.FieldError(
                  field, "windows overlap: " + windows.get(i - 1) + " and " + windows.get(i)));
        }
      }
      week.put(day, windows);
    }
    if (errors.size() == errorsBefore && week.values().stream().allMatch(List::isEmpty)) {
      errors.add(
          new ApiProblem.FieldError(
              "workingWeek", "has no working hours: at least one weekday needs a window"));
    }
    return week;
  }

  private static DayOfWeek weekday(String name) {
    if (name == null) {
      return null;
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
        return day;
      }
    }
    return null;
  }

  /**
   * Checks a list of days. {@code prefix} names the fields: {@code "days"} gives {@code
   * days[0].date}, {@code ""} gives {@code [0].date}, {@code null} (a single day) gives {@code
   * date}.
   */
  static List<CalendarDay> checkDays(
      List<CalendarInput.DayInput> input,
      String prefix,
      Map<DayOfWeek, List<WorkingWindow>> week,
      List<ApiProblem.FieldError> errors) {
    List<CalendarDay> days = new ArrayList<>();
    Map<LocalDate, Integer> seen = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      String at = prefix == null ? "" : prefix + "[" + i + "].";
      CalendarInput.DayInput day = input.get(i);
      if (day == null) {
        errors.add(
            new ApiProblem.FieldError(
                prefix == null ? "date" : prefix + "[" + i + "]", "is required"));
        continue;
      }
      LocalDate date = null;
      if (day.date() == null || day.date().isBlank()) {
        errors.add(new ApiProblem.FieldError(at + "date", "is required (yyyy-MM-dd)"));
      } else {
        try {
          date = LocalDate.parse(day.date().strip());
          if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            errors.add(
                new ApiProblem.FieldError(
                    at + "date", "must be in the years " + MIN_YEAR + "-" + MAX_YEAR));
            date = null;
          }
        } catch (DateTimeParseException e) {
          errors.add(new ApiProblem.FieldError(at + "date", "is not a date yyyy-MM-dd"));
        }
      }
      DayKind kind = null;
      if (day.kind() == null || day.kind().isBlank()) {
        errors.add(new ApiProblem.FieldError(at + "kind", "is required: HOLIDAY or WORKDAY"));
      } else {
        try {
          kind = DayKind.valueOf(day.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          errors.add(new ApiProblem.FieldError(at + "kind", "must be HOLIDAY or WORKDAY"));
        }
      }
      String name = day.name() == null || day.name().isBlank() ? null : day.name().strip();
      if (name != null && name.length() > MAX_NAME) {
        errors.add(
            new ApiProblem.FieldError(
                at + "name", "must have at most " + MAX_NAME + " characters"));
      }
      if (date != null) {
        Integer first = seen.putIfAbsent(date, i);
        if (first != null) {
          errors.add(
              new ApiProblem.FieldError(
                  at + "date",
                  "duplicates "
                      + (prefix == null ? "" : prefix)
                      + "["
                      + first
                      + "] ("
                      + date
                      + ")"));
          continue;
        }
      }
      if (date != null && kind != null) {
        CalendarDay checked = new CalendarDay(date, kind, name);
        String conflict = workdayConflict(checked, week);
        if (conflict != null) {
          errors.add(new ApiProblem.FieldError(at + "kind", conflict));
        }
        days.add(checked);
      }
    }
    return days;
  }

  /** Why a day cannot be a WORKDAY (it already is a working day of the week), or {@code null}. */
  static String workdayConflict(CalendarDay day, Map<DayOfWeek, List<WorkingWindow>> week) {
    if (day.kind() == DayKind.WORKDAY
        && !week.getOrDefault(day.date().getDayOfWeek(), List.of()).isEmpty()) {
      return day.date()
          + " is a "
          + day.date()
              .getDayOfWeek()
              .getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
          + ", a working day of the week already: a make-up WORKDAY must be a day off of the week";
    }
    return null;
  }

  private static void throwIfAny(List<ApiProblem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  /** What the audit keeps of a calendar. */
  private static Map<String, Object> describe(BusinessCalendar calendar) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", calendar.name());
    details.put("timeZone", calendar.timeZone().getId());
    Map<String, String> week = new LinkedHashMap<>();
    calendar
        .workingWeek()
        .forEach(
            (day, windows) ->
                week.put(
                    day.name(),
                    windows.stream()
                        .map(WorkingWindow::toString)
                        .collect(Collectors.joining(","))));
    details.put("workingWeek", week);
    return details;
  }

  private static List<String> describe(List<CalendarDay> days) {
    return days.stream().map(day -> day.date() + " " + day.kind()).toList();
  }
}
