package life.suoke.ops.backend.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event review of one incident (its number is the review's id), as its record holds it. The
 * sections may hold personal data: {@link #toString()} leaves them out.
 *
 * @param status {@code requested}, {@code in-progress}, {@code in-approval}, {@code following-up}
 *     or {@code closed}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Review(
    String incidentNumber,
    String service,
    String priority,
    String status,
    String reviewOwner,
    String ownerGroup,
    Instant startDue,
    Instant lateStartEscalatedAt,
    Long processInstanceKey,
    Sections sections,
    String approvedBy,
    Instant approvedAt,
    Long documentId,
    Instant startedAt,
    Instant closedAt,
    Instant createdAt,
    Instant updatedAt) {

  public static final String REQUESTED = "requested";
  public static final String IN_PROGRESS = "in-progress";
  public static final String IN_APPROVAL = "in-approval";
  public static final String FOLLOWING_UP = "following-up";
  public static final String CLOSED = "closed";

  /** Root cause, contributing factors, impact (users, minutes, data) and what went well. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Sections(
      String rootCause,
      String contributingFactors,
      Integer impactUsers,
      Integer impactDurationMinutes,
      String impactData,
      String wentWell) {

    /**
     * The required sections that are empty: {@code rootCause}, {@code contributingFactors}, {@code
     * impact}, {@code wentWell}.
     */
    public List<String> missing() {
      List<String> missing = new ArrayList<>();
      if (blank(rootCause)) {
        missing.add("rootCause");
      }
      if (blank(contributingFactors)) {
        missing.add("contributingFactors");
      }
      if (impactUsers == null || impactDurationMinutes == null || blank(impactData)) {
        missing.add("impact");
      }
      if (blank(wentWell)) {
        missing.add("wentWell");
      }
      return missing;
    }

    private static boolean blank(String text) {
      return text == null || text.isBlank();
    }
  }

  /** Whether its texts may still change (before it is published). */
  public boolean open() {
    return REQUESTED.equals(status) || IN_PROGRESS.equals(status) || IN_APPROVAL.equals(status);
  }

  @Override
  public String toString() {
    return "Review[" + incidentNumber + ", " + status + ", " + service + "]";
  }
}
