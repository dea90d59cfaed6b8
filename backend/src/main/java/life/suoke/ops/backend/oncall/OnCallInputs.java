package life.suoke.ops.backend.oncall;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import life.suoke.ops.backend.oncall.OnCall.Layer;
import life.suoke.ops.backend.oncall.OnCall.LayerInput;
import life.suoke.ops.backend.oncall.OnCall.RestrictionJson;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.OnCall.ScheduleInput;

/**
 * Checks what callers write and turns it into records, collecting every bad field (a JSON path such
 * as {@code layers[0].members}) into one 400 problem, before anything is written.
 */
final class OnCallInputs {

  static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");
  static final int MAX_TURN_HOURS = 24 * 366;

  /** What the checks need to know of the rest of the product. */
  interface Context {
    boolean groupExists(String group);

    Set<String> membersOf(String group);

    boolean calendarExists(String calendarId);
  }

  private final Context context;
  private final List<FieldError> errors = new ArrayList<>();

  OnCallInputs(Context context) {
    this.context = context;
  }

  void add(String field, String reason) {
    errors.add(new FieldError(field, reason));
  }

  /** Throws the 400 problem when any field was bad. */
  void check() {
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  Schedule schedule(long id, ScheduleInput in, List<Layer> layers) {
    String name = text("name", in.name(), 200, true);
    String team = text("team", in.team(), 200, true);
    if (team != null && !context.groupExists(team)) {
      add("team", "no such group");
    }
    String description = text("description", in.description(), 2000, false);
    String zone = zone("timeZone", in.timeZone(), true);
    int lead = in.reminderLeadMinutes() == null ? 60 : in.reminderLeadMinutes();
    if (lead < 0 || lead > 7 * 24 * 60) {
      add("reminderLeadMinutes", "between 0 and 10080 minutes");
    }
    return new Schedule(
        id, name, team, description, zone, Boolean.TRUE.equals(in.swapApproval()), lead, layers);
  }

  /**
   * A layer of a schedule of {@code team} in {@code scheduleZone}; {@code prefix} names its fields
   * ("" or "layers[0].").
   */
  Layer layer(
      String prefix, long id, int position, LayerInput in, String team, String scheduleZone) {
    String name = text(prefix + "name", in.name(), 200, true);
    List<String> members = in.members() == null ? List.of() : in.members();
    if (members.isEmpty()) {
      add(prefix + "members", "a rotation needs at least one member");
    } else if (members.size() > 100) {
      add(prefix + "members", "at most 100 members");
    }
    Set<String> teamMembers = team == null ? Set.of() : context.membersOf(team);
    for (int i = 0; i < members.size(); i++) {
      String member = members.get(i);
      if (member == null || member.isBlank()) {
        add(prefix + "members[" + i + "]", "must not be blank");
      } else if (team != null && !teamMembers.contains(member)) {
        add(prefix + "members[" + i + "]", "'" + member + "' is not a member of the team " + team);
      }
    }
    String turn = in.turn() == null ? null : in.turn().toLowerCase(Locale.ROOT);
    int hours = 0;
    if (turn == null || !Set.of("daily", "weekly", "custom").contains(turn)) {
      add(prefix + "turn", "one of daily, weekly, custom");
    } else if (turn.equals("daily")) {
      hours = 24;
    } else if (turn.equals("weekly")) {
      hours = 168;
    } else if (in.turnHours() == null || in.turnHours() < 1 || in.turnHours() > MAX_TURN_HOURS) {
      add(prefix + "turnHours", "a custom turn lasts 1 to " + MAX_TURN_HOURS + " hours");
    } else {
      hours = in.turnHours();
    }
    String handoff = in.handoffTime() == null ? "09:00" : in.handoffTime();
    if (!TIME.matcher(handoff).matches() || handoff.equals("24:00")) {
      add(prefix + "handoffTime", "a time of day HH:mm");
    }
    LocalDate start = null;
    if (in.startDate() == null) {
      add(prefix + "startDate", "required (yyyy-MM-dd)");
    } else {
      try {
        start = LocalDate.parse(in.startDate());
      } catch (DateTimeParseException e) {
        add(prefix + "startDate", "a date yyyy-MM-dd");
      }
    }
    String zone =
        in.timeZone() == null || in.timeZone().isBlank()
            ? scheduleZone
            : zone(prefix + "timeZone", in.timeZone(), true);
    List<RestrictionJson> restrictions = new ArrayList<>();
    List<RestrictionJson> given = in.restrictions() == null ? List.of() : in.restrictions();
    if (given.size() > 20) {
      add(prefix + "restrictions", "at most 20 restrictions");
    }
    for (int i = 0; i < given.size(); i++) {
      restrictions.add(restriction(prefix + "restrictions[" + i + "]", given.get(i)));
    }
    String calendar =
        in.businessCalendar() == null || in.businessCalendar().isBlank()
            ? null
            : in.businessCalendar();
    if (calendar != null && !context.calendarExists(calendar)) {
      add(prefix + "businessCalendar", "no such business calendar");
    }
    return new Layer(
        id,
        position,
        name,
        List.copyOf(members),
        turn,
        hours,
        handoff,
        start,
        zone,
        restrictions,
        calendar,
        Boolean.TRUE.equals(in.skipOnLeave()));
  }

  private RestrictionJson restriction(String field, RestrictionJson in) {
    if (in == null) {
      add(field, "required");
      return null;
    }
    Set<String> days = new LinkedHashSet<>();
    for (String day : in.days() == null ? List.<String>of() : in.days()) {
      try {
        days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)).name());
      } catch (RuntimeException e) {
        add(field + ".days", "weekdays MONDAY to SUNDAY");
      }
    }
    if (in.start() == null || !TIME.matcher(in.start()).matches() || in.start().equals("24:00")) {
      add(field + ".start", "a time of day HH:mm");
    }
    if (in.end() == null || !TIME.matcher(in.end()).matches()) {
      add(field + ".end", "a time of day HH:mm (24:00 for midnight)");
    }
    return new RestrictionJson(List.copyOf(days), in.start(), in.end());
  }

  String text(String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        add(field, "required");
      }
      return null;
    }
    if (value.length() > max) {
      add(field, "at most " + max + " characters");
    }
    return value.trim();
  }

  String zone(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        add(field, "required (a time zone such as Asia/Shanghai)");
      }
      return null;
    }
    try {
      ZoneId zone = ZoneId.of(value);
      if (!ZoneId.getAvailableZoneIds().contains(zone.getId()) && !zone.getId().equals("UTC")) {
        add(field, "not a time zone of the tz database, e.g. Asia/Shanghai");
      }
      return zone.getId();
    } catch (DateTimeException e) {
      add(field, "not a time zone of the tz database, e.g. Asia/Shanghai");
      return null;
    }
  }

  /** An ISO instant or date-time with offset. */
  Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      add(field, "required (an ISO date-time with offset)");
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e2) {
        add(field, "an ISO date-time with offset, e.g. 2026-12-03T09:00:00+08:00");
        return null;
      }
    }
  }

  /**
   * A range {@code [from, to)} with {@code from} before {@code to} and at most {@code maxDays}
   * long.
   */
  Instant[] range(String fromField, String from, String toField, String to, int maxDays) {
    Instant start = instant(fromField, from);
    Instant end = instant(toField, to);
    if (start != null && end != null) {
      if (!start.isBefore(end)) {
        add(fromField, "must be before " + toField);
      } else if (end.isAfter(start.plus(java.time.Duration.ofDays(maxDays)))) {
        add(toField, "at most " + maxDays + " days after " + fromField);
      }
    }
    return new Instant[] {start, end};
  }

  /** The wall-clock time of a valid {@code HH:mm} ({@code 24:00} as midnight). */
  static LocalTime time(String text) {
    return text.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(text);
  }
}
