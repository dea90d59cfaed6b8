package life.suoke.ops.backend.change;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change request as stored.
 *
 * @param changeType standard, normal or emergency
 * @param status requested, approved, rejected, scheduled, frozen, implementing, closed, cancelled
 * @param risk low, medium or high (decided for a normal change; low for standard, high for
 *     emergency)
 * @param assessment the impact assessment's answers (affected users, downtime, rollback tested,
 *     plans)
 */
public record Change(
    String number,
    String changeType,
    String title,
    String description,
    String service,
    String status,
    String risk,
    String requester,
    String implementerGroup,
    String templateKey,
    Integer templateVersion,
    String incidentNumber,
    Instant plannedStart,
    Instant plannedEnd,
    Instant windowStart,
    Instant windowEnd,
    String closeCode,
    Map<String, Object> assessment,
    Long processInstanceKey,
    boolean reviewed,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt) {

  public static final String STANDARD = "standard";
  public static final String NORMAL = "normal";
  public static final String EMERGENCY = "emergency";
  public static final List<String> TYPES = List.of(STANDARD, NORMAL, EMERGENCY);
  public static final List<String> STATUSES =
      List.of(
          "requested",
          "approved",
          "rejected",
          "scheduled",
          "frozen",
          "implementing",
          "closed",
          "cancelled");
  public static final List<String> RISKS = List.of("low", "medium", "high");

  public boolean finished() {
    return "closed".equals(status) || "rejected".equals(status) || "cancelled".equals(status);
  }
}
