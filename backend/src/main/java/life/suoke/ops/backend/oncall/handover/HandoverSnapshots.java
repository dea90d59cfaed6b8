package life.suoke.ops.backend.oncall.handover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.Groups;
import life.suoke.ops.backend.incident.IncidentPage;
import life.suoke.ops.backend.incident.IncidentQueries;
import life.suoke.ops.backend.incident.IncidentQuery;
import life.suoke.ops.backend.incident.IncidentStatus;
import life.suoke.ops.backend.incident.IncidentSummary;
import life.suoke.ops.backend.incident.SlaView;
import life.suoke.ops.backend.incident.intake.Silences;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the next shift must know, gathered at the change of shift for the team's services: the open
 * incidents with their SLA state (through the incident queries), the silences and maintenance
 * windows that are active or start before the shift ends (through the intake's silences), the
 * alerts seen in the last {@code suoke.oncall.handover.recent-alerts} (PT12H), and the changes
 * planned in the next shift (not finished, their window or planned time overlapping it).
 *
 * <p>Incident titles and descriptions may hold personal or health data, and every signed-in user
 * reads handover records: the snapshot keeps numbers, services, priorities, statuses and clocks,
 * and the pages link to the incidents, whose own access rules apply.
 */
@Component
class HandoverSnapshots {

  /**
   * Reads every incident, as the operators do; used for the snapshot only, never for a decision.
   */
  private static final CurrentUser READER =
      new CurrentUser(HandoverAuditActions.SYSTEM, Set.of(Groups.OPERATORS));

  private static final List<String> OPEN =
      List.of(
          IncidentStatus.OPEN,
          IncidentStatus.TRIAGED,
          IncidentStatus.ACKNOWLEDGED,
          IncidentStatus.RESOLVED);
  private static final int MAX_ALERTS = 50;

  private final IncidentQueries incidents;
  private final Silences silences;
  private final JdbcServiceCatalog catalog;
  private final JdbcTemplate jdbc;
  private final Duration recentAlerts;

  HandoverSnapshots(
      IncidentQueries incidents,
      Silences silences,
      JdbcServiceCatalog catalog,
      JdbcTemplate jdbc,
      @Value("${suoke.oncall.handover.recent-alerts:PT12H}") Duration recentAlerts) {
    this.incidents = incidents;
    this.silences = silences;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.recentAlerts = recentAlerts;
  }

  /** The snapshot of a handover record (its team, tier and shift end). */
  Map<String, Object> gather(HandoverRecord handover, Instant now) {
    Set<String> services = services(handover.team(), handover.tier());
    Instant shiftEnd = Instant.parse(handover.shiftEnd());
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("gatheredAt", now.toString());
    snapshot.put("services", List.copyOf(services));
    snapshot.put("openIncidents", openIncidents(services));
    snapshot.put(
        "silences",
        silences.current().stream()
            .filter(s -> services.isEmpty() || services.contains(s.service()))
            .filter(s -> s.startsAt().isBefore(shiftEnd))
            .map(
                s -> {
                  Map<String, Object> silence = new LinkedHashMap<>();
                  silence.put("id", s.id());
                  silence.put("kind", s.kind());
                  silence.put("service", s.service());
                  silence.put("startsAt", s.startsAt().toString());
                  silence.put("endsAt", s.endsAt().toString());
                  silence.put("reason", s.reason());
                  return silence;
                })
            .toList());
    snapshot.put("recentAlerts", recentAlerts(services, now));
    snapshot.put("plannedChanges", plannedChanges(services, now, shiftEnd));
    snapshot.put("releases", releases(services));
    return snapshot;
  }

  /**
   * The services whose tier group of this tier is the team; empty (meaning all) when there are
   * none.
   */
  private Set<String> services(String team, int tier) {
    Set<String> names = new TreeSet<>();
    for (ServiceDefinition service : catalog.list()) {
      String group =
          tier == 1
              ? service.tier1Group()
              : tier == 2 ? service.tier2Group() : service.tier3Group();
      if (team.equals(group)) {
        names.add(service.name());
      }
    }
    return names;
  }

  private List<Map<String, Object>> openIncidents(Set<String> services) {
    IncidentPage page =
        incidents.search(
            READER,
            new IncidentQuery(
                OPEN, List.of(), null, null, null, null, null, 0, IncidentQuery.MAX_SIZE));
    List<Map<String, Object>> found = new ArrayList<>();
    for (IncidentSummary incident : page.items()) {
      if (!services.isEmpty() && !services.contains(incident.service())) {
        continue;
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("number", incident.number());
      item.put("service", incident.service());
      item.put("priority", incident.priority());
      item.put("status", incident.status());
      item.put("handler", incident.handler());
      item.put("createdAt", incident.createdAt());
      List<Map<String, Object>> clocks = new ArrayList<>();
      for (SlaView clock : incident.sla()) {
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("target", clock.target());
        sla.put("goal", clock.goal());
        sla.put("breachTime", clock.breachTime());
        sla.put("breached", clock.breached());
        sla.put("paused", clock.paused());
        sla.put("outcome", clock.outcome());
        sla.put("remainingMillis", clock.remainingMillis());
        clocks.add(sla);
      }
      item.put("sla", clocks);
      found.add(item);
    }
    return found;
  }

  /**
   * Changes not finished whose window (or planned time, before one is booked) overlaps the shift.
   */
  private List<Map<String, Object>> plannedChanges(
      Set<String> services, Instant now, Instant shiftEnd) {
    String filter = services.isEmpty() ? "" : " AND service = ANY (?)";
    List<Object> args = new ArrayList<>();
    args.add(java.sql.Timestamp.from(shiftEnd));
    args.add(java.sql.Timestamp.from(now));
    if (!services.isEmpty()) {
      args.add(services.toArray(String[]::new));
    }
    args.add(MAX_ALERTS);
    return jdbc.query(
        "SELECT number, service, change_type, risk, status, coalesce(window_start, planned_start) AS starts,"
            + " coalesce(window_end, planned_end) AS ends FROM change_request"
            + " WHERE status NOT IN ('closed', 'rejected', 'cancelled')"
            + " AND coalesce(window_start, planned_start) < ? AND coalesce(window_end, planned_end) > ?"
            + filter
            + " ORDER BY starts, number LIMIT ?",
        (rs, i) -> {
          Map<String, Object> change = new LinkedHashMap<>();
          change.put("number", rs.getString("number"));
          change.put("service", rs.getString("service"));
          change.put("type", rs.getString("change_type"));
          change.put("risk", rs.getString("risk"));
          change.put("status", rs.getString("status"));
          change.put("startsAt", rs.getTimestamp("starts").toInstant().toString());
          change.put("endsAt", rs.getTimestamp("ends").toInstant().toString());
          return change;
        },
        args.toArray());
  }

  /**
   * Releases not yet ended (requested, running or paused): traffic may be moving during the shift.
   */
  private List<Map<String, Object>> releases(Set<String> services) {
    String filter = services.isEmpty() ? "" : " AND service = ANY (?)";
    List<Object> args = new ArrayList<>();
    if (!services.isEmpty()) {
      args.add(services.toArray(String[]::new));
    }
    args.add(MAX_ALERTS);
    return jdbc.query(
        "SELECT id, service, change_id, stable_version, new_version, status, current_weight, stage,"
            + " strategy ->> 'type' AS strategy FROM release WHERE status IN ('requested', 'running', 'paused')"
            + filter
            + " ORDER BY created_at, id LIMIT ?",
        (rs, i) -> {
          Map<String, Object> release = new LinkedHashMap<>();
          release.put("id", rs.getString("id"));
          release.put("service", rs.getString("service"));
          release.put("changeId", rs.getString("change_id"));
          release.put("stableVersion", rs.getString("stable_version"));
          release.put("newVersion", rs.getString("new_version"));
          release.put("strategy", rs.getString("strategy"));
          release.put("status", rs.getString("status"));
          release.put("weight", rs.getInt("current_weight"));
          release.put("stage", rs.getString("stage"));
          return release;
        },
        args.toArray());
  }

  private List<Map<String, Object>> recentAlerts(Set<String> services, Instant now) {
    String filter = services.isEmpty() ? "" : " AND g.service = ANY (?)";
    List<Object> args = new ArrayList<>();
    args.add(java.sql.Timestamp.from(now.minus(recentAlerts)));
    if (!services.isEmpty()) {
      args.add(services.toArray(String[]::new));
    }
    args.add(MAX_ALERTS);
    return jdbc.query(
        "SELECT g.service, a.summary, a.status, a.fingerprint, a.incident_number, a.last_seen_at, a.count"
            + " FROM incident_alert a JOIN alert_group g ON g.id = a.alert_group_id WHERE a.last_seen_at >= ?"
            + filter
            + " ORDER BY a.last_seen_at DESC, a.id DESC LIMIT ?",
        (rs, i) -> {
          Map<String, Object> alert = new LinkedHashMap<>();
          alert.put("service", rs.getString("service"));
          alert.put("summary", rs.getString("summary"));
          alert.put("status", rs.getString("status"));
          alert.put("fingerprint", rs.getString("fingerprint"));
          alert.put("incidentNumber", rs.getString("incident_number"));
          alert.put("lastSeenAt", rs.getTimestamp("last_seen_at").toInstant().toString());
          alert.put("count", rs.getInt("count"));
          return alert;
        },
        args.toArray());
  }

  /** The snapshot as Markdown for the forms. */
  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> snapshot) {
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> open = (List<Map<String, Object>>) snapshot.get("openIncidents");
    text.append("#### Open incidents (").append(open.size()).append(")\n");
    for (Map<String, Object> incident : open) {
      text.append("- ")
          .append(incident.get("number"))
          .append(" [")
          .append(incident.get("priority"))
          .append("] ")
          .append(incident.get("service"))
          .append(", ")
          .append(incident.get("status"));
      for (Map<String, Object> clock : (List<Map<String, Object>>) incident.get("sla")) {
        if (clock.get("outcome") == null) {
          text.append(", ")
              .append(clock.get("target"))
              .append(
                  Boolean.TRUE.equals(clock.get("breached"))
                      ? " breached"
                      : Boolean.TRUE.equals(clock.get("paused"))
                          ? " paused"
                          : " due " + clock.get("breachTime"));
        }
      }
      text.append('\n');
    }
    List<Map<String, Object>> silenced = (List<Map<String, Object>>) snapshot.get("silences");
    text.append("\n#### Silences and maintenance windows (").append(silenced.size()).append(")\n");
    for (Map<String, Object> s : silenced) {
      text.append("- ")
          .append(s.get("kind"))
          .append(' ')
          .append(s.get("service"))
          .append(": ")
          .append(s.get("startsAt"))
          .append(" - ")
          .append(s.get("endsAt"))
          .append(", ")
          .append(s.get("reason"))
          .append('\n');
    }
    List<Map<String, Object>> changes =
        (List<Map<String, Object>>) snapshot.getOrDefault("plannedChanges", List.of());
    text.append("\n#### Changes planned in the shift (").append(changes.size()).append(")\n");
    for (Map<String, Object> c : changes) {
      text.append("- ")
          .append(c.get("number"))
          .append(' ')
          .append(c.get("service"))
          .append(" (")
          .append(c.get("type"))
          .append(c.get("risk") == null ? "" : ", " + c.get("risk") + " risk")
          .append(", ")
          .append(c.get("status"))
          .append("): ")
          .append(c.get("startsAt"))
          .append(" - ")
          .append(c.get("endsAt"))
          .append('\n');
    }
    List<Map<String, Object>> releases =
        (List<Map<String, Object>>) snapshot.getOrDefault("releases", List.of());
    text.append("\n#### Releases in progress (").append(releases.size()).append(")\n");
    for (Map<String, Object> r : releases) {
      text.append("- ")
          .append(r.get("id"))
          .append(' ')
          .append(r.get("service"))
          .append(' ')
          .append(r.get("stableVersion"))
          .append(" -> ")
          .append(r.get("newVersion"))
          .append(" (")
          .append(r.get("strategy"))
          .append(", ")
          .append(r.get("status"))
          .append(", ")
          .append(r.get("weight"))
          .append(" % on the new version)")
          .append(r.get("changeId") == null ? "" : ", change " + r.get("changeId"))
          .append('\n');
    }
    List<Map<String, Object>> alerts = (List<Map<String, Object>>) snapshot.get("recentAlerts");
    text.append("\n#### Recent alerts (").append(alerts.size()).append(")\n");
    for (Map<String, Object> a : alerts) {
      text.append("- ")
          .append(a.get("service"))
          .append(": ")
          .append(a.get("summary"))
          .append(" (")
          .append(a.get("status"))
          .append(", ")
          .append(a.get("lastSeenAt"))
          .append(")\n");
    }
    return text.toString();
  }
}
