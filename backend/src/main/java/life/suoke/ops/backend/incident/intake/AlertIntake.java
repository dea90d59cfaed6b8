package life.suoke.ops.backend.incident.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.incident.IncidentIntake;
import life.suoke.ops.backend.incident.IncidentIntake.NewIncident;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every alert source comes down to: a group of alerts (an Alertmanager group, an events API
 * dedup key, a missed heartbeat) is one incident. The first firing send of a group opens the
 * incident (unless a maintenance window or silence covers it: then the group is recorded and pages
 * nobody); later sends add alerts by fingerprint, and a re-fired alert goes on the incident's
 * timeline; the group resolving resolves the alert side of the incident.
 *
 * <p>One send is one transaction, serialised per group key, so that two deliveries of the same
 * group never open two incidents and a refused send writes nothing.
 */
@Service
public class AlertIntake {

  /**
   * One send of a group.
   *
   * @param groupKey the group's key within its integration
   * @param resolved the whole group resolved
   * @param severity critical, error, warning or info
   */
  record GroupSend(
      String groupKey,
      boolean resolved,
      String title,
      String description,
      String severity,
      Map<String, String> labels,
      List<IncomingAlert> alerts,
      Instant detectedAt) {}

  /**
   * What a send did.
   *
   * @param outcome opened, suppressed, updated, resolved or ignored
   */
  public record Outcome(String outcome, String incidentNumber, long alertGroupId) {}

  private record OpenGroup(long id, String incidentNumber, Long suppressedBy) {}

  private final JdbcTemplate jdbc;
  private final ServiceCatalog catalog;
  private final Silences silences;
  private final IncidentIntake incidents;
  private final AuditTrail audit;
  private final ObjectMapper json;

  AlertIntake(
      JdbcTemplate jdbc,
      ServiceCatalog catalog,
      Silences silences,
      IncidentIntake incidents,
      AuditTrail audit,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.silences = silences;
    this.incidents = incidents;
    this.audit = audit;
    this.json = json;
  }

  @Transactional
  public Outcome receive(Integration integration, GroupSend send) {
    jdbc.queryForList(
        "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
        integration.id() + "\n" + send.groupKey());
    Optional<OpenGroup> open =
        jdbc
            .query(
                "SELECT id, incident_number, suppressed_by FROM alert_group WHERE integration_id = ? AND group_key = ?"
                    + " AND status = 'firing'",
                (rs, i) ->
                    new OpenGroup(
                        rs.getLong("id"),
                        rs.getString("incident_number"),
                        (Long) rs.getObject("suppressed_by")),
                integration.id(),
                send.groupKey())
            .stream()
            .findFirst();
    if (open.isEmpty()) {
      return send.resolved() || send.alerts().stream().noneMatch(IncomingAlert::firing)
          ? new Outcome("ignored", null, 0)
          : open(integration, send);
    }
    OpenGroup group = open.get();
    List<String> changes = upsertAlerts(group.id(), group.incidentNumber(), send.alerts());
    if (send.resolved()) {
      Instant now = Instant.now();
      jdbc.update(
          "UPDATE alert_group SET status = 'resolved', resolved_at = ? WHERE id = ?",
          Timestamp.from(now),
          group.id());
      jdbc.update(
          "UPDATE incident_alert SET status = 'resolved', ends_at = coalesce(ends_at, ?) WHERE alert_group_id = ?",
          Timestamp.from(now),
          group.id());
      if (group.incidentNumber() != null) {
        incidents.alertResolved(group.incidentNumber(), now);
      } else {
        auditSuppressed(integration, group.id(), "alert.resolved", send);
      }
      return new Outcome("resolved", group.incidentNumber(), group.id());
    }
    if (!changes.isEmpty() && group.incidentNumber() != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("integration", integration.name());
      details.put("alerts", changes);
      incidents.alertActivity(group.incidentNumber(), String.join("; ", changes), details);
    }
    return new Outcome("updated", group.incidentNumber(), group.id());
  }

  /** The open alert group of a key, to acknowledge its incident. */
  Optional<String> openIncident(Integration integration, String groupKey) {
    return jdbc
        .query(
            "SELECT incident_number FROM alert_group WHERE integration_id = ? AND group_key = ?"
                + " AND status = 'firing' AND incident_number IS NOT NULL",
            (rs, i) -> rs.getString(1),
            integration.id(),
            groupKey)
        .stream()
        .findFirst();
  }

  private Outcome open(Integration integration, GroupSend send) {
    String service =
        catalog
            .match(send.labels())
            .map(ServiceCatalog.ServiceInfo::name)
            .orElse(integration.service());
    Instant now = Instant.now();
    Optional<Silences.Silence> silence = silences.matching(service, send.labels(), now);
    if (silence.isPresent()) {
      long id = insertGroup(integration, send, service, silence.get().id(), null, now);
      insertAlerts(id, null, send.alerts());
      audit.record(
          AuditEvent.of(
                  "integration:" + integration.name(),
                  "alert.suppressed",
                  "alert-group",
                  String.valueOf(id))
              .withDetails(
                  Map.of(
                      "service",
                      service,
                      "silence",
                      silence.get().id(),
                      "kind",
                      silence.get().kind(),
                      "alerts",
                      send.alerts().size())));
      return new Outcome("suppressed", null, id);
    }
    // the incident first, so that the group is written once, with its incident (a failure rolls
    // both back: the send is one transaction)
    String number =
        incidents.open(
            new NewIncident(
                send.title(),
                send.description(),
                service,
                send.severity(),
                0,
                false,
                integration.type().equals(Integration.HEARTBEAT) ? "heartbeat" : "alert",
                null,
                integration.name(),
                send.groupKey(),
                send.labels(),
                send.detectedAt() == null ? now : send.detectedAt()));
    long id = insertGroup(integration, send, service, null, number, now);
    insertAlerts(id, number, send.alerts());
    return new Outcome("opened", number, id);
  }

  private long insertGroup(
      Integration integration,
      GroupSend send,
      String service,
      Long suppressedBy,
      String incidentNumber,
      Instant now) {
    Long groupId =
        jdbc.queryForObject(
            "INSERT INTO alert_group (integration_id, group_key, status, suppressed_by, service,"
                + " opened_at, incident_number) VALUES (?, ?, 'firing', ?, ?, ?, ?) RETURNING id",
            Long.class,
            integration.id(),
            send.groupKey(),
            suppressedBy,
            service,
            Timestamp.from(now),
            incidentNumber);
    return groupId == null ? 0 : groupId;
  }

  /**
   * The alerts of a group just opened: none is known yet, so each is inserted without a look-up
   * (unless the send names a fingerprint twice: then the later one updates the first, as for a
   * group already open).
   */
  private void insertAlerts(long groupId, String incidentNumber, List<IncomingAlert> alerts) {
    Set<String> fingerprints = new HashSet<>();
    for (IncomingAlert alert : alerts) {
      if (!fingerprints.add(alert.fingerprint())) {
        upsertAlerts(groupId, incidentNumber, alerts);
        return;
      }
    }
    for (IncomingAlert alert : alerts) {
      insertAlert(groupId, incidentNumber, alert);
    }
  }

  /**
   * Inserts new alerts and updates known ones; answers what changed that the timeline should say.
   */
  private List<String> upsertAlerts(
      long groupId, String incidentNumber, List<IncomingAlert> alerts) {
    List<String> changes = new ArrayList<>();
    for (IncomingAlert alert : alerts) {
      List<Map<String, Object>> known =
          jdbc.queryForList(
              "SELECT id, status, starts_at FROM incident_alert WHERE alert_group_id = ? AND fingerprint = ?",
              groupId,
              alert.fingerprint());
      Timestamp startsAt = alert.startsAt() == null ? null : Timestamp.from(alert.startsAt());
      Timestamp endsAt = alert.endsAt() == null ? null : Timestamp.from(alert.endsAt());
      if (known.isEmpty()) {
        insertAlert(groupId, incidentNumber, alert);
        changes.add("new alert " + alert.summary() + " (" + alert.status() + ")");
        continue;
      }
      Map<String, Object> row = known.get(0);
      boolean refired =
          alert.firing()
              && ("resolved".equals(row.get("status"))
                  || (startsAt != null
                      && row.get("starts_at") != null
                      && !startsAt.equals(row.get("starts_at"))));
      boolean resolvedNow = !alert.firing() && "firing".equals(row.get("status"));
      jdbc.update(
          "UPDATE incident_alert SET status = ?, summary = ?, labels = ?::jsonb, annotations = ?::jsonb,"
              + " starts_at = coalesce(?, starts_at), ends_at = ?, generator_url = coalesce(?, generator_url),"
              + " last_seen_at = now(), count = count + ? WHERE id = ?",
          alert.status(),
          alert.summary(),
          write(alert.labels()),
          write(alert.annotations()),
          startsAt,
          alert.firing() ? null : endsAt,
          alert.generatorUrl(),
          refired ? 1 : 0,
          row.get("id"));
      if (refired) {
        changes.add("alert fired again: " + alert.summary());
      } else if (resolvedNow) {
        changes.add("alert resolved: " + alert.summary());
      }
    }
    return changes;
  }

  private void insertAlert(long groupId, String incidentNumber, IncomingAlert alert) {
    jdbc.update(
        "INSERT INTO incident_alert (alert_group_id, incident_number, fingerprint, status, summary, labels,"
            + " annotations, starts_at, ends_at, generator_url) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)",
        groupId,
        incidentNumber,
        alert.fingerprint(),
        alert.status(),
        alert.summary(),
        write(alert.labels()),
        write(alert.annotations()),
        alert.startsAt() == null ? null : Timestamp.from(alert.startsAt()),
        alert.endsAt() == null ? null : Timestamp.from(alert.endsAt()),
        alert.generatorUrl());
  }

  private void auditSuppressed(
      Integration integration, long groupId, String action, GroupSend send) {
    audit.record(
        AuditEvent.of(
                "integration:" + integration.name(), action, "alert-group", String.valueOf(groupId))
            .withDetail("groupKey", send.groupKey()));
  }

  private String write(Map<String, String> values) {
    try {
      return json.writeValueAsString(values == null ? Map.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
