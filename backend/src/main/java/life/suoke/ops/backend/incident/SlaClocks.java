package life.suoke.ops.backend.incident;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SLA clocks of incidents in {@code incident_sla} and {@code incident_sla_pause}: started at
 * triage (from the incident's creation), paused and resumed, re-classified, stopped with met or
 * breached. Callers run these inside a transaction that holds the incident's row lock, so that
 * changes to one incident's clocks take turns.
 */
@Component
class SlaClocks {

  /** Due date of a paused clock: it cannot breach until it runs again. */
  static final Instant PAUSED_DUE = Instant.parse("9999-12-31T00:00:00Z");

  /** A clock's row. */
  record Row(
      String number,
      String target,
      String priority,
      String goal,
      String calendarId,
      long goalMillis,
      Instant startTime,
      Instant breachTime,
      Instant pausedSince,
      Duration pausedTotal,
      Instant stoppedAt,
      String outcome) {

    boolean running() {
      return stoppedAt == null;
    }
  }

  private final JdbcTemplate jdbc;
  private final BusinessCalendars calendars;

  SlaClocks(JdbcTemplate jdbc, BusinessCalendars calendars) {
    this.jdbc = jdbc;
    this.calendars = calendars;
  }

  // ---- changes

  /**
   * Starts the clocks of {@code priority} from {@code start}, those not started yet; whether any
   * was started now.
   */
  boolean start(Incident incident, String priority, Instant start) {
    // both targets in one statement: one round trip per triage
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO incident_sla (incident_number, target, priority, goal, calendar_id,"
                + " goal_millis, start_time, breach_time) VALUES ");
    List<Object> values = new ArrayList<>(8 * SlaPolicy.TARGETS.size());
    for (String target : SlaPolicy.TARGETS) {
      SlaPolicy.Goal goal = SlaPolicy.goal(priority, target);
      String calendarId = goal.onCalendar() ? incident.calendarId() : null;
      Duration goalTime = SlaClock.goalTime(goal, start, calendars, calendarId);
      Instant breach = SlaClock.breach(start, goalTime, List.of(), metric(calendarId));
      sql.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
      values.add(incident.number());
      values.add(target);
      values.add(priority);
      values.add(goal.iso());
      values.add(calendarId);
      values.add(goalTime.toMillis());
      values.add(Timestamp.from(start));
      values.add(timestamp(breach));
    }
    sql.append(" ON CONFLICT DO NOTHING");
    return jdbc.update(sql.toString(), values.toArray()) > 0;
  }

  /** Stops a running clock with met or breached; false when it was not running (or not started). */
  boolean stop(String number, String target, Instant at) {
    Optional<Row> found = row(number, target);
    if (found.isEmpty() || !found.get().running()) {
      return false;
    }
    Row row = found.get();
    closePause(row, at);
    List<SlaClock.Pause> pauses = pauses(number, target);
    Duration elapsed = SlaClock.elapsed(row.startTime(), at, pauses, metric(row.calendarId()));
    String outcome = elapsed.toMillis() > row.goalMillis() ? "breached" : "met";
    jdbc.update(
        "UPDATE incident_sla SET stopped_at = ?, outcome = ? WHERE incident_number = ? AND target = ?",
        Timestamp.from(at),
        outcome,
        number,
        target);
    return true;
  }

  /** Stops every running clock of a cancelled incident, neither met nor breached. */
  void cancel(String number, Instant at) {
    for (Row row : rows(number)) {
      if (row.running()) {
        closePause(row, at);
        jdbc.update(
            "UPDATE incident_sla SET stopped_at = ?, outcome = 'cancelled' WHERE incident_number = ? AND target = ?",
            Timestamp.from(at),
            number,
            row.target());
      }
    }
  }

  /** Pauses every running clock that is not paused; false when there was none. */
  boolean pause(String number, Instant at, String reason) {
    boolean any = false;
    for (Row row : rows(number)) {
      if (row.running() && row.pausedSince() == null) {
        jdbc.update(
            "INSERT INTO incident_sla_pause (incident_number, target, paused_at, reason) VALUES (?, ?, ?, ?)",
            number,
            row.target(),
            Timestamp.from(at),
            reason);
        jdbc.update(
            "UPDATE incident_sla SET paused_since = ? WHERE incident_number = ? AND target = ?",
            Timestamp.from(at),
            number,
            row.target());
        any = true;
      }
    }
    return any;
  }

  /**
   * Resumes every paused clock: its breach time moves by the time it stood; false when none was
   * paused.
   */
  boolean resume(String number, Instant at) {
    boolean any = false;
    for (Row row : rows(number)) {
      if (row.running() && row.pausedSince() != null) {
        closePause(row, at);
        recomputeBreach(number, row.target());
        any = true;
      }
    }
    return any;
  }

  /**
   * Running clocks take the goals of {@code priority}, counted from their start with the time
   * already spent.
   */
  void reclassify(Incident incident, String priority) {
    for (Row row : rows(incident.number())) {
      if (!row.running()) {
        continue;
      }
      SlaPolicy.Goal goal = SlaPolicy.goal(priority, row.target());
      String calendarId = goal.onCalendar() ? incident.calendarId() : null;
      Duration goalTime = SlaClock.goalTime(goal, row.startTime(), calendars, calendarId);
      jdbc.update(
          "UPDATE incident_sla SET priority = ?, goal = ?, calendar_id = ?, goal_millis = ?"
              + " WHERE incident_number = ? AND target = ?",
          priority,
          goal.iso(),
          calendarId,
          goalTime.toMillis(),
          incident.number(),
          row.target());
      recomputeBreach(incident.number(), row.target());
    }
  }

  /**
   * A reopened resolution: the handling clock runs on, the time it was resolved counted as a pause.
   */
  void reopenHandling(String number, Instant at) {
    Optional<Row> found = row(number, SlaPolicy.HANDLING);
    if (found.isEmpty() || found.get().running()) {
      return;
    }
    Row row = found.get();
    Instant from = row.stoppedAt().isAfter(at) ? at : row.stoppedAt();
    jdbc.update(
        "INSERT INTO incident_sla_pause (incident_number, target, paused_at, resumed_at, reason)"
            + " VALUES (?, ?, ?, ?, 'resolved')",
        number,
        SlaPolicy.HANDLING,
        Timestamp.from(from),
        Timestamp.from(at));
    jdbc.update(
        "UPDATE incident_sla SET stopped_at = NULL, outcome = NULL, paused_total = paused_total + ?::interval"
            + " WHERE incident_number = ? AND target = ?",
        interval(Duration.between(from, at)),
        number,
        SlaPolicy.HANDLING);
    recomputeBreach(number, SlaPolicy.HANDLING);
  }

  // ---- reading

  boolean anyPaused(String number) {
    return rows(number).stream().anyMatch(r -> r.running() && r.pausedSince() != null);
  }

  boolean anyRunningUnpaused(String number) {
    return rows(number).stream().anyMatch(r -> r.running() && r.pausedSince() == null);
  }

  /** Due instants by target: the breach time, {@link #PAUSED_DUE} while paused. */
  Map<String, Instant> dues(String number) {
    Map<String, Instant> dues = new LinkedHashMap<>();
    for (Row row : rows(number)) {
      dues.put(
          row.target(),
          row.pausedSince() != null || row.breachTime() == null ? PAUSED_DUE : row.breachTime());
    }
    return dues;
  }

  List<SlaView> views(String number, Instant now) {
    return views(List.of(number), now).getOrDefault(number, List.of());
  }

  /** The clocks of several incidents (two queries), by number. */
  Map<String, List<SlaView>> views(List<String> numbers, Instant now) {
    Map<String, List<SlaView>> views = new LinkedHashMap<>();
    if (numbers.isEmpty()) {
      return views;
    }
    String[] keys = numbers.toArray(String[]::new);
    Map<String, List<SlaClock.Pause>> pauses = new LinkedHashMap<>();
    jdbc.query(
        "SELECT incident_number, target, paused_at, resumed_at FROM incident_sla_pause"
            + " WHERE incident_number = ANY (?) ORDER BY paused_at, id",
        rs -> {
          pauses
              .computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
              .add(
                  new SlaClock.Pause(
                      IncidentStore.instant(rs, "paused_at"),
                      IncidentStore.instant(rs, "resumed_at")));
        },
        (Object) keys);
    for (Row row : query("incident_number = ANY (?)", (Object) keys)) {
      views
          .computeIfAbsent(row.number(), k -> new ArrayList<>())
          .add(view(row, pauses.getOrDefault(row.number() + "/" + row.target(), List.of()), now));
    }
    return views;
  }

  private SlaView view(Row row, List<SlaClock.Pause> pauses, Instant now) {
    SlaClock.Metric metric = metric(row.calendarId());
    Instant end = row.running() ? now : row.stoppedAt();
    Duration elapsed = SlaClock.elapsed(row.startTime(), end, pauses, metric);
    long remaining = row.goalMillis() - elapsed.toMillis();
    boolean paused = row.running() && row.pausedSince() != null;
    Duration pausedTotal =
        row.pausedTotal().plus(paused ? Duration.between(row.pausedSince(), now) : Duration.ZERO);
    boolean breached = row.running() ? remaining < 0 : "breached".equals(row.outcome());
    Boolean met =
        row.outcome() == null || "cancelled".equals(row.outcome())
            ? null
            : "met".equals(row.outcome());
    return new SlaView(
        row.target(),
        row.priority(),
        row.goal(),
        row.calendarId(),
        row.goalMillis(),
        iso(row.startTime()),
        paused ? null : iso(row.breachTime()),
        breached,
        paused,
        iso(row.pausedSince()),
        pausedTotal.toMillis(),
        met,
        row.outcome(),
        iso(row.stoppedAt()),
        elapsed.toMillis(),
        remaining,
        row.calendarId() == null || metric.working(now));
  }

  List<Row> rows(String number) {
    return query("incident_number = ?", number);
  }

  private List<Row> query(String condition, Object argument) {
    return jdbc
        .query(
            "SELECT *, EXTRACT(EPOCH FROM paused_total) * 1000 AS paused_total_ms FROM incident_sla"
                + " WHERE "
                + condition
                + " ORDER BY incident_number, CASE target WHEN 'response' THEN 0 ELSE 1 END",
            (rs, i) ->
                new Row(
                    rs.getString("incident_number"),
                    rs.getString("target"),
                    rs.getString("priority"),
                    rs.getString("goal"),
                    rs.getString("calendar_id"),
                    rs.getLong("goal_millis"),
                    IncidentStore.instant(rs, "start_time"),
                    IncidentStore.instant(rs, "breach_time"),
                    IncidentStore.instant(rs, "paused_since"),
                    Duration.ofMillis(Math.round(rs.getDouble("paused_total_ms"))),
                    IncidentStore.instant(rs, "stopped_at"),
                    rs.getString("outcome")),
            argument)
        .stream()
        .toList();
  }

  // ---- helpers

  private Optional<Row> row(String number, String target) {
    return rows(number).stream().filter(r -> r.target().equals(target)).findFirst();
  }

  private List<SlaClock.Pause> pauses(String number, String target) {
    return jdbc.query(
        "SELECT paused_at, resumed_at FROM incident_sla_pause WHERE incident_number = ? AND target = ?"
            + " ORDER BY paused_at, id",
        (rs, i) ->
            new SlaClock.Pause(
                IncidentStore.instant(rs, "paused_at"), IncidentStore.instant(rs, "resumed_at")),
        number,
        target);
  }

  /** Ends the clock's open pause at {@code at} (its time added to paused_total). */
  private void closePause(Row row, Instant at) {
    if (row.pausedSince() == null) {
      return;
    }
    Instant end = at.isBefore(row.pausedSince()) ? row.pausedSince() : at;
    jdbc.update(
        "UPDATE incident_sla_pause SET resumed_at = ? WHERE incident_number = ? AND target = ? AND resumed_at IS NULL",
        Timestamp.from(end),
        row.number(),
        row.target());
    jdbc.update(
        "UPDATE incident_sla SET paused_since = NULL, paused_total = paused_total + ?::interval"
            + " WHERE incident_number = ? AND target = ?",
        interval(Duration.between(row.pausedSince(), end)),
        row.number(),
        row.target());
  }

  private void recomputeBreach(String number, String target) {
    Row row = row(number, target).orElseThrow();
    Instant breach =
        SlaClock.breach(
            row.startTime(),
            Duration.ofMillis(row.goalMillis()),
            pauses(number, target),
            metric(row.calendarId()));
    if (breach != null) {
      jdbc.update(
          "UPDATE incident_sla SET breach_time = ? WHERE incident_number = ? AND target = ?",
          Timestamp.from(breach),
          number,
          target);
    }
  }

  private SlaClock.Metric metric(String calendarId) {
    return calendarId == null
        ? SlaClock.Metric.wall()
        : SlaClock.Metric.calendar(calendars, calendarId);
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String interval(Duration duration) {
    return (duration.isNegative() ? 0 : duration.toMillis()) + " milliseconds";
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
