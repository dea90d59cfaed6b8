package life.suoke.ops.backend.review;

import java.util.List;

/** What the review API takes. */
public final class ReviewInputs {

  private ReviewInputs() {}

  /** Start a review by hand; the owner defaults to the incident's commander (then its handler). */
  public record Start(String incidentNumber, String reviewOwner) {}

  /** The sections to change: a field left out (null) stays as it is. */
  public record Sections(
      String rootCause,
      String contributingFactors,
      Integer impactUsers,
      Integer impactDurationMinutes,
      String impactData,
      String wentWell) {}

  /**
   * A timeline entry to add ({@code at} ISO 8601, {@code summary}), or a change of one (any field).
   */
  public record TimelineEntry(String at, String summary, Boolean hidden) {}

  /** One action item as planned: {@code dueDate} a day (yyyy-mm-dd) or an ISO date-time. */
  public record Item(String title, String owner, String dueDate, String priority, String type) {}

  /** The action items, replacing those planned so far. */
  public record Items(List<Item> items) {}

  /** The service owner group's decision. */
  public record Approval(Boolean approved, String comment) {}
}
