package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An incident as lists show it, with its SLA clocks. Instants are ISO 8601 in UTC; absent values
 * are null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IncidentSummary(
    String number,
    String title,
    String service,
    String severity,
    String priority,
    String status,
    String source,
    String handler,
    String commander,
    int affectedUsers,
    boolean dataOrSafetyImpact,
    String detectedAt,
    String createdAt,
    String acknowledgedAt,
    String resolvedAt,
    String closedAt,
    String updatedAt,
    List<SlaView> sla) {

  static IncidentSummary of(Incident i, List<SlaView> sla) {
    return new IncidentSummary(
        i.number(),
        i.title(),
        i.service(),
        i.severity(),
        i.priority(),
        i.status(),
        i.source(),
        i.handler(),
        i.commander(),
        i.affectedUsers(),
        i.dataOrSafetyImpact(),
        iso(i.detectedAt()),
        iso(i.createdAt()),
        iso(i.acknowledgedAt()),
        iso(i.resolvedAt()),
        iso(i.closedAt()),
        iso(i.updatedAt()),
        sla == null ? List.of() : sla);
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
