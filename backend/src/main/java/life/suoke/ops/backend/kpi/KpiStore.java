package life.suoke.ops.backend.kpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The KPI queries: each figure is one SQL aggregation over the incidents of a scope (the {@code
 * incident_kpi_created_idx} range of creation times, filtered by service, team and priority), so a
 * year of incidents is summed by the database, never loaded.
 */
@Component
class KpiStore {

  static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");
  private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9/_+-]+");

  /** When an incident was resolved: its resolution, or its closing when it closed without one. */
  static final String RESOLVED_AT =
      "COALESCE(i.resolved_at, CASE WHEN i.status = 'closed' THEN i.closed_at END)";

  /** A clock counts as breached when it stopped late or runs (not paused) past its breach time. */
  static final String SLA_BREACHED =
      "(s.outcome = 'breached' OR (s.outcome IS NULL AND s.paused_since IS NULL"
          + " AND s.breach_time <= now()))";

  private final JdbcTemplate jdbc;

  KpiStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static String zoneName(ZoneId zone) {
    String id = zone.getId();
    if (!ZONE.matcher(id).matches()) {
      throw new IllegalArgumentException("unusual time zone id " + id);
    }
    return id;
  }

  /**
   * The scope's conditions on incident alias {@code i}, by creation time ({@code timed}) or not.
   */
  static String where(KpiScope scope, boolean timed, List<Object> args) {
    List<String> conditions = new ArrayList<>();
    if (timed) {
      conditions.add("i.created_at >= ? AND i.created_at < ?");
      args.add(Timestamp.from(scope.from()));
      args.add(Timestamp.from(scope.to()));
    }
    if (scope.services() != null) {
      conditions.add("i.service = ANY (?)");
      args.add(scope.services().toArray(String[]::new));
    }
    if (scope.team() != null) {
      conditions.add("i.manager_group = ?");
      args.add(scope.team());
    }
    if (scope.priority() != null) {
      conditions.add("i.priority = ?");
      args.add(scope.priority());
    }
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
  }

  /** The incident figures per group, SLA met and breached merged in. */
  List<KpiFigures.Group> groups(KpiScope scope, KpiGroup by) {
    List<Object> args = new ArrayList<>();
    String key = by.sql(scope.zone());
    String live = "i.status <> 'cancelled'";
    String sql =
        "SELECT "
            + key
            + " AS k,"
            + " count(*) FILTER (WHERE "
            + live
            + ") AS incidents,"
            + " count(*) FILTER (WHERE i.status = 'cancelled') AS cancelled,"
            + " count(*) FILTER (WHERE "
            + live
            + " AND i.priority = 'P0') AS p0,"
            + " count(*) FILTER (WHERE "
            + live
            + " AND i.priority = 'P1') AS p1,"
            + " count(*) FILTER (WHERE "
            + live
            + " AND i.priority = 'P2') AS p2,"
            + " count(*) FILTER (WHERE "
            + live
            + " AND i.priority = 'P3') AS p3,"
            + " count(i.acknowledged_at) FILTER (WHERE "
            + live
            + ") AS acknowledged,"
            + " avg(extract(epoch FROM i.acknowledged_at - i.created_at)) FILTER (WHERE "
            + live
            + ") AS mtta,"
            + " count("
            + RESOLVED_AT
            + ") FILTER (WHERE "
            + live
            + ") AS resolved,"
            + " avg(extract(epoch FROM "
            + RESOLVED_AT
            + " - i.created_at)) FILTER (WHERE "
            + live
            + ") AS mttr,"
            + " count(i.handling_started_at) FILTER (WHERE "
            + live
            + ") AS handled,"
            + " avg(extract(epoch FROM i.handling_started_at - i.created_at)) FILTER (WHERE "
            + live
            + ") AS tth,"
            + " count(*) FILTER (WHERE "
            + live
            + " AND i.tier > 1) AS escalated,"
            + " count(i.satisfaction) AS rated, avg(i.satisfaction) AS csat,"
            + " count(*) FILTER (WHERE i.satisfaction >= 4) AS satisfied"
            + " FROM incident i WHERE "
            + where(scope, true, args)
            + " GROUP BY 1 ORDER BY 1";
    Map<String, long[]> sla = slaByGroup(scope, by);
    return jdbc.query(
        sql,
        (rs, n) -> group(rs, sla.getOrDefault(rs.getString("k"), new long[2])),
        args.toArray());
  }

  private static KpiFigures.Group group(ResultSet rs, long[] sla) throws SQLException {
    Map<String, Long> byPriority = new LinkedHashMap<>();
    for (String p : PRIORITIES) {
      byPriority.put(p, rs.getLong(p.toLowerCase()));
    }
    long incidents = rs.getLong("incidents");
    long escalated = rs.getLong("escalated");
    return new KpiFigures.Group(
        rs.getString("k"),
        incidents,
        rs.getLong("cancelled"),
        byPriority,
        rs.getLong("acknowledged"),
        dbl(rs, "mtta"),
        rs.getLong("resolved"),
        dbl(rs, "mttr"),
        rs.getLong("handled"),
        dbl(rs, "tth"),
        escalated,
        ratio(escalated, incidents),
        sla[0],
        sla[1],
        ratio(sla[0], sla[0] + sla[1]),
        rs.getLong("rated"),
        dbl(rs, "csat"),
        rs.getLong("satisfied"));
  }

  private Map<String, long[]> slaByGroup(KpiScope scope, KpiGroup by) {
    List<Object> args = new ArrayList<>();
    String sql =
        "SELECT "
            + by.sql(scope.zone())
            + " AS k,"
            + " count(*) FILTER (WHERE s.outcome = 'met') AS met, count(*) FILTER (WHERE "
            + SLA_BREACHED
            + ") AS breached"
            + " FROM incident i JOIN incident_sla s ON s.incident_number = i.number"
            + " WHERE "
            + where(scope, true, args)
            + " AND i.status <> 'cancelled' GROUP BY 1";
    Map<String, long[]> result = new LinkedHashMap<>();
    jdbc.query(
        sql,
        rs -> {
          result.put(rs.getString("k"), new long[] {rs.getLong("met"), rs.getLong("breached")});
        },
        args.toArray());
    return result;
  }

  /** SLA clocks per priority (the clock's, after re-classification) and target. */
  List<KpiFigures.Sla> sla(KpiScope scope) {
    List<Object> args = new ArrayList<>();
    String sql =
        "SELECT s.priority, s.target, count(*) FILTER (WHERE s.outcome = 'met') AS met,"
            + " count(*) FILTER (WHERE "
            + SLA_BREACHED
            + ") AS breached,"
            + " count(*) FILTER (WHERE s.outcome IS NULL AND NOT "
            + SLA_BREACHED
            + ") AS running"
            + " FROM incident i JOIN incident_sla s ON s.incident_number = i.number"
            + " WHERE "
            + where(scope, true, args)
            + " AND i.status <> 'cancelled'"
            + " GROUP BY 1, 2 ORDER BY 1, 2 DESC";
    return jdbc.query(
        sql,
        (rs, n) -> {
          long met = rs.getLong("met");
          long breached = rs.getLong("breached");
          return new KpiFigures.Sla(
              rs.getString("priority"),
              rs.getString("target"),
              met,
              breached,
              rs.getLong("running"),
              ratio(met, met + breached));
        },
        args.toArray());
  }

  /** Reviews of the incidents in scope; overdue: open action items past their due date now. */
  KpiFigures.Reviews reviews(KpiScope scope) {
    List<Object> args = new ArrayList<>();
    String where = where(scope, true, args);
    List<Object> itemArgs = new ArrayList<>(args);
    long[] r =
        jdbc.query(
            "SELECT count(*), count(*) FILTER (WHERE r.status = 'closed'),"
                + " count(r.document_id), count(r.late_start_escalated_at)"
                + " FROM incident i JOIN review r ON r.incident_number = i.number WHERE "
                + where,
            rs ->
                rs.next()
                    ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}
                    : new long[4],
            args.toArray());
    long[] a =
        jdbc.query(
            "SELECT count(*), count(*) FILTER (WHERE a.state = 'done'),"
                + " count(*) FILTER (WHERE a.state = 'open'), count(*) FILTER (WHERE a.state = 'open' AND a.due_date < now())"
                + " FROM incident i JOIN review_action_item a ON a.incident_number = i.number WHERE "
                + where,
            rs ->
                rs.next()
                    ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}
                    : new long[4],
            itemArgs.toArray());
    return new KpiFigures.Reviews(
        r[0], r[1], r[2], r[3], ratio(r[1], r[0]), a[0], a[1], a[2], a[3]);
  }

  /** The SQL that tells a page at {@code n.created_at} sent at night in the zone. */
  static String nightSql(ZoneId zone, int startHour, int endHour) {
    String hour = "extract(hour FROM n.created_at AT TIME ZONE '" + zoneName(zone) + "')";
    return startHour > endHour
        ? "(" + hour + " >= " + startHour + " OR " + hour + " < " + endHour + ")"
        : "(" + hour + " >= " + startHour + " AND " + hour + " < " + endHour + ")";
  }

  /**
   * Sent pages per person in the scope's days (by the time paged) of the incidents of its services,
   * team, priority.
   */
  List<KpiFigures.OnCall> onCall(KpiScope scope, int nightStart, int nightEnd) {
    List<Object> args = new ArrayList<>();
    args.add(Timestamp.from(scope.from()));
    args.add(Timestamp.from(scope.to()));
    String sql =
        "SELECT n.recipient, count(*) AS pages,"
            + " count(*) FILTER (WHERE "
            + nightSql(scope.zone(), nightStart, nightEnd)
            + ") AS night,"
            + " count(DISTINCT i.number) AS incidents"
            + " FROM notification n JOIN incident i ON i.number = split_part(n.idempotency_key, ':', 1)"
            + " WHERE n.urgency = 'PAGE' AND n.state = 'SENT' AND n.idempotency_key LIKE '%:page:%'"
            + " AND n.created_at >= ? AND n.created_at < ? AND "
            + where(scope, false, args)
            + " GROUP BY 1 ORDER BY 2 DESC, 1";
    return jdbc.query(
        sql,
        (rs, n) ->
            new KpiFigures.OnCall(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
        args.toArray());
  }

  /**
   * Outage seconds per service and month (full, partial beyond full) with the service's class and
   * owner group.
   */
  List<OutageRow> outages(KpiScope scope, LocalDate firstMonth, LocalDate lastMonth) {
    String zone = zoneName(scope.zone());
    List<Object> args = new ArrayList<>();
    args.add(java.sql.Date.valueOf(firstMonth));
    args.add(java.sql.Date.valueOf(lastMonth));
    StringBuilder services =
        new StringBuilder("SELECT name, service_class, owner_group FROM service WHERE TRUE");
    List<Object> serviceArgs = new ArrayList<>();
    if (scope.services() != null) {
      services.append(" AND name = ANY (?)");
      serviceArgs.add(scope.services().toArray(String[]::new));
    }
    if (scope.team() != null) {
      services.append(" AND owner_group = ?");
      serviceArgs.add(scope.team());
    }
    // services no longer (or never) in the catalog that had an outage: class and team from their
    // incidents
    services.append(
        " UNION SELECT DISTINCT ON (i.service) i.service, i.service_class, i.manager_group FROM incident i"
            + " WHERE i.outage_start IS NOT NULL AND NOT EXISTS (SELECT 1 FROM service c WHERE c.name = i.service) AND ");
    services.append(
        where(
            new KpiScope(
                scope.firstDay(),
                scope.lastDay(),
                scope.zone(),
                scope.services(),
                scope.team(),
                null),
            false,
            serviceArgs));
    args.addAll(serviceArgs);
    String end = "COALESCE(i.outage_end, GREATEST(now(), i.outage_start))";
    String range = "tstzrange(GREATEST(i.outage_start, m.ms), LEAST(" + end + ", m.me))";
    String sql =
        "WITH months AS (SELECT to_char(d, 'YYYY-MM') AS month, d AT TIME ZONE '"
            + zone
            + "' AS ms,"
            + " (d + interval '1 month') AT TIME ZONE '"
            + zone
            + "' AS me"
            + " FROM generate_series(?::timestamp, ?::timestamp, interval '1 month') d),"
            + " svc AS ("
            + services
            + "),"
            + " o AS (SELECT s.name, m.month, count(i.number) AS incidents,"
            + " COALESCE(range_agg("
            + range
            + ") FILTER (WHERE i.outage_kind = 'full'), '{}'::tstzmultirange) AS full_r,"
            + " COALESCE(range_agg("
            + range
            + ") FILTER (WHERE i.outage_kind = 'partial'), '{}'::tstzmultirange) AS part_r"
            + " FROM svc s CROSS JOIN months m LEFT JOIN incident i ON i.service = s.name AND i.outage_start IS NOT NULL"
            + " AND i.status <> 'cancelled' AND i.outage_start < m.me AND "
            + end
            + " > m.ms"
            + " GROUP BY 1, 2)"
            + " SELECT s.name, s.service_class, s.owner_group, m.month, extract(epoch FROM m.me - m.ms) AS month_seconds,"
            + " extract(epoch FROM LEAST(m.me, GREATEST(now(), m.ms)) - m.ms) AS passed_seconds, o.incidents,"
            + " COALESCE((SELECT sum(extract(epoch FROM upper(r) - lower(r))) FROM unnest(o.full_r) r), 0) AS full_seconds,"
            + " COALESCE((SELECT sum(extract(epoch FROM upper(r) - lower(r))) FROM unnest(o.part_r - o.full_r) r), 0)"
            + " AS partial_seconds"
            + " FROM svc s CROSS JOIN months m JOIN o ON o.name = s.name AND o.month = m.month"
            + " ORDER BY m.month, s.name";
    return jdbc.query(
        sql,
        (rs, n) ->
            new OutageRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getDouble(5),
                rs.getDouble(6),
                rs.getLong(7),
                rs.getDouble(8),
                rs.getDouble(9)),
        args.toArray());
  }

  /** A service's outage in a month, in seconds. */
  record OutageRow(
      String service,
      String serviceClass,
      String team,
      String month,
      double monthSeconds,
      double passedSeconds,
      long incidents,
      double fullSeconds,
      double partialSeconds) {}

  /** The incidents behind a figure, newest first. */
  KpiFigures.IncidentPage incidents(
      KpiScope scope, String figure, String target, int page, int size) {
    List<Object> args = new ArrayList<>();
    String condition = figureSql(scope, figure, target, args);
    Long total =
        jdbc.queryForObject(
            "SELECT count(*) FROM incident i WHERE " + condition, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    String sql =
        "SELECT i.number, i.title, i.service, i.manager_group, i.priority, i.status, i.created_at,"
            + " extract(epoch FROM i.acknowledged_at - i.created_at)::bigint AS ack,"
            + " extract(epoch FROM "
            + RESOLVED_AT
            + " - i.created_at)::bigint AS res, i.tier, i.satisfaction,"
            + " i.outage_kind, extract(epoch FROM "
            + "COALESCE(i.outage_end, GREATEST(now(), i.outage_start)) - i.outage_start)"
            + "::float8 / 60 AS outage_minutes"
            + " FROM incident i WHERE "
            + condition
            + " ORDER BY i.created_at DESC, i.number DESC LIMIT ? OFFSET ?";
    List<KpiFigures.IncidentRow> rows =
        jdbc.query(
            sql,
            (rs, n) ->
                new KpiFigures.IncidentRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant().toString(),
                    (Long) rs.getObject(8, Long.class),
                    (Long) rs.getObject(9, Long.class),
                    rs.getInt(10),
                    (Integer) rs.getObject(11, Integer.class),
                    rs.getString(12),
                    (Double) rs.getObject(13, Double.class)),
            pageArgs.toArray());
    return new KpiFigures.IncidentPage(figure, total == null ? 0 : total, page, size, rows);
  }

  /** The figures a drill-down knows. */
  static final List<String> FIGURES =
      List.of(
          "incidents",
          "acknowledged",
          "resolved",
          "escalated",
          "sla-met",
          "sla-breached",
          "rated",
          "dissatisfied",
          "outage",
          "reviews",
          "reviews-open",
          "actions-overdue",
          "cancelled");

  private static String figureSql(KpiScope scope, String figure, String target, List<Object> args) {
    if ("outage".equals(figure)) {
      String where = where(scope, false, args);
      args.add(Timestamp.from(scope.to()));
      args.add(Timestamp.from(scope.from()));
      return where
          + " AND i.status <> 'cancelled' AND i.outage_start IS NOT NULL AND i.outage_start < ?"
          + " AND COALESCE(i.outage_end, GREATEST(now(), i.outage_start)) > ?";
    }
    String where = where(scope, true, args);
    String live = " AND i.status <> 'cancelled'";
    return switch (figure) {
      case "incidents" -> where + live;
      case "cancelled" -> where + " AND i.status = 'cancelled'";
      case "acknowledged" -> where + live + " AND i.acknowledged_at IS NOT NULL";
      case "resolved" -> where + live + " AND " + RESOLVED_AT + " IS NOT NULL";
      case "escalated" -> where + live + " AND i.tier > 1";
      case "rated" -> where + " AND i.satisfaction IS NOT NULL";
      case "dissatisfied" -> where + " AND i.satisfaction <= 2";
      case "reviews" ->
          where + " AND EXISTS (SELECT 1 FROM review r WHERE r.incident_number = i.number)";
      case "reviews-open" ->
          where
              + " AND EXISTS (SELECT 1 FROM review r WHERE r.incident_number = i.number"
              + " AND r.status <> 'closed')";
      case "actions-overdue" ->
          where
              + " AND EXISTS (SELECT 1 FROM review_action_item a"
              + " WHERE a.incident_number = i.number AND a.state = 'open' AND a.due_date < now())";
      case "sla-met", "sla-breached" -> {
        StringBuilder sla =
            new StringBuilder(
                where
                    + live
                    + " AND EXISTS (SELECT 1 FROM incident_sla s"
                    + " WHERE s.incident_number = i.number AND "
                    + ("sla-met".equals(figure) ? "s.outcome = 'met'" : SLA_BREACHED));
        if (target != null) {
          sla.append(" AND s.target = ?");
          args.add(target);
        }
        yield sla + ")";
      }
      default -> throw new IllegalArgumentException(figure);
    };
  }

  private static Double dbl(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
