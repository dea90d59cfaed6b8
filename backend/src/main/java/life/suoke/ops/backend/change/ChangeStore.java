package life.suoke.ops.backend.change;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The change tables ({@code change_request}, {@code change_event}, {@code change_approval}) over
 * JDBC.
 */
@Repository
public class ChangeStore {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  ChangeStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** One timeline entry. */
  public record Event(
      Instant at, String actor, String kind, String summary, Map<String, Object> details) {}

  /** One approval decision. */
  public record Approval(
      String level, String approver, String decision, String comment, Instant decidedAt) {}

  /** The next number of the year, CHG-YYYY-NNNNN (call in a transaction). */
  String nextNumber(Instant now) {
    int year = Year.from(now.atZone(ZoneOffset.UTC)).getValue();
    Integer next =
        jdbc.queryForObject(
            "INSERT INTO change_number_counter (year, last_number) VALUES (?, 1)"
                + " ON CONFLICT (year) DO UPDATE SET last_number = change_number_counter.last_number + 1 RETURNING last_number",
            Integer.class,
            year);
    return String.format("CHG-%d-%05d", year, next);
  }

  void insert(Change c) {
    jdbc.update(
        "INSERT INTO change_request (number, change_type, title, description, service, status, risk, requester,"
            + " implementer_group, template_key, template_version, incident_number, planned_start, planned_end,"
            + " window_start, window_end, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.number(),
        c.changeType(),
        c.title(),
        c.description(),
        c.service(),
        c.risk(),
        c.requester(),
        c.implementerGroup(),
        c.templateKey(),
        c.templateVersion(),
        c.incidentNumber(),
        ts(c.plannedStart()),
        ts(c.plannedEnd()),
        ts(c.windowStart()),
        ts(c.windowEnd()),
        ts(c.createdAt()),
        ts(c.createdAt()));
  }

  Optional<Change> find(String number) {
    return jdbc.query("SELECT * FROM change_request WHERE number = ?", this::row, number).stream()
        .findFirst();
  }

  /** Changes newest first, filtered (null = any). */
  List<Change> list(
      List<String> types,
      List<String> statuses,
      String service,
      String requester,
      String text,
      int offset,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM change_request WHERE TRUE");
    List<Object> args = new ArrayList<>();
    where(sql, args, types, statuses, service, requester, text);
    sql.append(" ORDER BY created_at DESC, number DESC OFFSET ? LIMIT ?");
    args.add(offset);
    args.add(limit);
    return jdbc.query(sql.toString(), this::row, args.toArray());
  }

  long count(
      List<String> types, List<String> statuses, String service, String requester, String text) {
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM change_request WHERE TRUE");
    List<Object> args = new ArrayList<>();
    where(sql, args, types, statuses, service, requester, text);
    Long n = jdbc.queryForObject(sql.toString(), Long.class, args.toArray());
    return n == null ? 0 : n;
  }

  private static void where(
      StringBuilder sql,
      List<Object> args,
      List<String> types,
      List<String> statuses,
      String service,
      String requester,
      String text) {
    if (types != null && !types.isEmpty()) {
      sql.append(" AND change_type = ANY (?)");
      args.add(types.toArray(String[]::new));
    }
    if (statuses != null && !statuses.isEmpty()) {
      sql.append(" AND status = ANY (?)");
      args.add(statuses.toArray(String[]::new));
    }
    if (service != null) {
      sql.append(" AND service = ?");
      args.add(service);
    }
    if (requester != null) {
      sql.append(" AND requester = ?");
      args.add(requester);
    }
    if (text != null) {
      sql.append(" AND (title ILIKE ? OR number ILIKE ? OR description ILIKE ?)");
      String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      args.add(like);
      args.add(like);
      args.add(like);
    }
  }

  void update(String number, String assignments, Object... args) {
    Object[] all = new Object[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = number;
    jdbc.update(
        "UPDATE change_request SET " + assignments + ", updated_at = now() WHERE number = ?", all);
  }

  void assessment(String number, Map<String, Object> answers) {
    try {
      jdbc.update(
          "UPDATE change_request SET assessment = ?::jsonb, updated_at = now() WHERE number = ?",
          json.writeValueAsString(answers),
          number);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the assessment could not be written", e);
    }
  }

  /** Adds a timeline entry; an entry of a job that has one already is not added again. */
  void event(
      String number,
      String actor,
      String kind,
      String summary,
      Map<String, Object> details,
      Long jobKey) {
    try {
      jdbc.update(
          "INSERT INTO change_event (change_number, actor, kind, summary, details, job_key)"
              + " VALUES (?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (job_key) DO NOTHING",
          number,
          actor,
          kind,
          summary,
          json.writeValueAsString(details == null ? Map.of() : details),
          jobKey);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the timeline entry could not be written", e);
    }
  }

  /**
   * Whether the change's timeline has an entry of this kind whose details hold {@code value} at
   * {@code field}.
   */
  boolean hasEvent(String number, String kind, String field, String value) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM change_event WHERE change_number = ?"
                + " AND kind = ? AND details ->> ? = ?)",
            Boolean.class,
            number,
            kind,
            field,
            value));
  }

  List<Event> events(String number) {
    return jdbc.query(
        "SELECT * FROM change_event WHERE change_number = ? ORDER BY at, id",
        (rs, i) ->
            new Event(
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("kind"),
                rs.getString("summary"),
                map(rs.getString("details"))),
        number);
  }

  void approval(
      String number, String level, String approver, String decision, String comment, long jobKey) {
    jdbc.update(
        "INSERT INTO change_approval (change_number, level, approver, decision, comment, job_key)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (change_number, job_key, approver) DO NOTHING",
        number,
        level,
        approver == null ? "" : approver,
        decision,
        comment,
        jobKey);
  }

  List<Approval> approvals(String number) {
    return jdbc.query(
        "SELECT * FROM change_approval WHERE change_number = ? ORDER BY decided_at, id",
        (rs, i) ->
            new Approval(
                rs.getString("level"),
                rs.getString("approver"),
                rs.getString("decision"),
                rs.getString("comment"),
                rs.getTimestamp("decided_at").toInstant()),
        number);
  }

  /**
   * Changes of the services whose windows overlap {@code start}..{@code end}, except {@code
   * number}.
   */
  List<Change> overlapping(List<String> services, Instant start, Instant end, String number) {
    return jdbc.query(
        "SELECT * FROM change_request WHERE service = ANY (?) AND number <> ?"
            + " AND status NOT IN ('rejected', 'cancelled', 'closed') AND window_start IS NOT NULL"
            + " AND window_start < ? AND window_end > ? ORDER BY window_start",
        this::row,
        services.toArray(String[]::new),
        number,
        ts(end),
        ts(start));
  }

  /** Changes with a window overlapping {@code from}..{@code to}, for the calendar. */
  List<Change> scheduledBetween(Instant from, Instant to, String service) {
    String sql =
        "SELECT * FROM change_request WHERE window_start IS NOT NULL AND window_start < ? AND window_end > ?"
            + " AND status NOT IN ('rejected', 'cancelled')"
            + (service == null ? "" : " AND service = ?")
            + " ORDER BY window_start";
    return service == null
        ? jdbc.query(sql, this::row, ts(to), ts(from))
        : jdbc.query(sql, this::row, ts(to), ts(from), service);
  }

  /**
   * Normal and standard changes of the service that closed unsuccessful or backed out since {@code
   * since}.
   */
  int recentFailures(String service, Instant since) {
    Integer n =
        jdbc.queryForObject(
            "SELECT count(*) FROM change_request WHERE service = ? AND closed_at >= ?"
                + " AND close_code IN ('unsuccessful', 'backed-out')",
            Integer.class,
            service,
            ts(since));
    return n == null ? 0 : n;
  }

  /** Changes waiting in status frozen on one of the services. */
  List<String> frozenOn(String service) {
    return jdbc.queryForList(
        "SELECT number FROM change_request WHERE status = 'frozen' AND service = ?",
        String.class,
        service);
  }

  private Change row(ResultSet rs, int i) throws SQLException {
    Object version = rs.getObject("template_version");
    Object instance = rs.getObject("process_instance_key");
    return new Change(
        rs.getString("number"),
        rs.getString("change_type"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("service"),
        rs.getString("status"),
        rs.getString("risk"),
        rs.getString("requester"),
        rs.getString("implementer_group"),
        rs.getString("template_key"),
        version == null ? null : ((Number) version).intValue(),
        rs.getString("incident_number"),
        instant(rs, "planned_start"),
        instant(rs, "planned_end"),
        instant(rs, "window_start"),
        instant(rs, "window_end"),
        rs.getString("close_code"),
        map(rs.getString("assessment")),
        instance == null ? null : ((Number) instance).longValue(),
        rs.getBoolean("reviewed"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "closed_at"));
  }

  private Map<String, Object> map(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, MAP);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Map.of();
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
