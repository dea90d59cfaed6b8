package life.suoke.ops.backend.review;

/**
 * The audit actions of reviews (object type {@code review}, object id and business key the incident
 * number). Details name sections, items and states, never their texts.
 */
public final class ReviewAuditActions {

  public static final String OBJECT_TYPE = "review";
  public static final String SYSTEM = "system";

  public static final String STARTED_BY_HAND = "review.start";
  public static final String PREPARED = "review.prepared";
  public static final String LATE_START_ESCALATED = "review.late-start-escalated";
  public static final String TIMELINE_ASSEMBLED = "review.timeline-assembled";
  public static final String TIMELINE_ADD = "review.timeline-add";
  public static final String TIMELINE_EDIT = "review.timeline-edit";
  public static final String SECTIONS = "review.sections";
  public static final String SECTIONS_CHECKED = "review.sections-checked";
  public static final String ACTION_ITEMS = "review.action-items";
  public static final String APPROVE = "review.approve";
  public static final String REQUEST_CHANGES = "review.request-changes";
  public static final String PUBLISHED = "review.published";
  public static final String CLOSED = "review.closed";
  public static final String ITEM_REMINDED = "review.item-reminded";
  public static final String ITEM_ESCALATED = "review.item-escalated";
  public static final String ITEM_STATE = "review.item-state";

  private ReviewAuditActions() {}
}
