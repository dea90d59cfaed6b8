package life.suoke.ops.backend.incident;

import java.time.Instant;
import java.util.Map;

/**
 * How incidents are opened and told about their alerts: by the alert integrations (Alertmanager,
 * events API, heartbeats) and by user reports. Each call is audited by the implementation.
 */
public interface IncidentIntake {

  /**
   * Opens an incident and starts its {@code incident-management} instance; returns its number
   * (INC-yyyyMMdd-nnnn).
   */
  String open(NewIncident incident);

  /**
   * A note on the incident's timeline from its alert source (an alert fired again, a new alert in
   * the group).
   */
  void alertActivity(String incidentNumber, String summary, Map<String, Object> details);

  /** Every alert of the incident's group resolved. */
  void alertResolved(String incidentNumber, Instant resolvedAt);

  /** An acknowledgement from the alert source (events API {@code acknowledge}). */
  void acknowledgedBySource(String incidentNumber, String source);

  /**
   * An incident to open.
   *
   * @param severity critical, error, warning or info
   * @param source alert, report or heartbeat
   * @param reporter the reporting user, null for alerts
   * @param integration the integration's name, null for reports
   * @param alertKey the alert group (Alertmanager {@code groupKey}, events API {@code dedup_key}),
   *     null for reports
   * @param detectedAt when the problem started (the first alert's {@code startsAt}, or now)
   */
  record NewIncident(
      String title,
      String description,
      String service,
      String severity,
      int affectedUsers,
      boolean dataOrSafetyImpact,
      String source,
      String reporter,
      String integration,
      String alertKey,
      Map<String, String> labels,
      Instant detectedAt) {}
}
