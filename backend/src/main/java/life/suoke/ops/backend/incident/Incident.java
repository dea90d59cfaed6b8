package life.suoke.ops.backend.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incident as its record holds it. Title, description and resolution summary may hold personal
 * or health data: {@link #toString()} leaves them out, and nothing logs them.
 *
 * @param status open (recorded, not yet triaged), triaged, acknowledged, resolved, closed or
 *     cancelled
 * @param priority P0-P3 once triaged, null before
 * @param tier the highest tier paged so far
 * @param pagedGroups the groups of every tier paged so far
 * @param calendarId the business calendar of its business-day SLA goals (the service's)
 */
public record Incident(
    String number,
    String title,
    String description,
    String service,
    String serviceClass,
    String severity,
    String priority,
    String status,
    String source,
    String reporter,
    String integration,
    String alertKey,
    int affectedUsers,
    boolean dataOrSafetyImpact,
    Long processInstanceKey,
    int tier,
    List<String> pagedGroups,
    String tier1Group,
    String tier2Group,
    String tier3Group,
    String managerGroup,
    String calendarId,
    String commander,
    String communicationsLead,
    String scribe,
    String handler,
    String duplicateOf,
    String resolutionType,
    String resolutionSummary,
    boolean reviewRequested,
    Instant detectedAt,
    Instant createdAt,
    Instant acknowledgedAt,
    Instant resolvedAt,
    Instant closedAt,
    Instant updatedAt,
    Map<String, String> labels) {

  public Incident {
    pagedGroups = pagedGroups == null ? List.of() : List.copyOf(pagedGroups);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The groups whose members respond to it: its three tiers' groups. */
  public List<String> tierGroups() {
    return List.of(tier1Group, tier2Group, tier3Group);
  }

  /** The group of a tier (1-3). */
  public String tierGroup(int n) {
    return switch (n) {
      case 1 -> tier1Group;
      case 2 -> tier2Group;
      case 3 -> tier3Group;
      default -> throw new IllegalArgumentException("tier " + n);
    };
  }

  /** Triaged or acknowledged: someone must still respond or handle. */
  public boolean inProgress() {
    return IncidentStatus.TRIAGED.equals(status) || IncidentStatus.ACKNOWLEDGED.equals(status);
  }

  /** Closed or cancelled: nothing happens to it any more. */
  public boolean finished() {
    return IncidentStatus.CLOSED.equals(status) || IncidentStatus.CANCELLED.equals(status);
  }

  @Override
  public String toString() {
    return "Incident[" + number + ", " + status + ", " + priority + ", " + service + "]";
  }
}
