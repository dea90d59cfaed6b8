package life.suoke.ops.processes.review;

import java.util.List;

/**
 * Element ids, job types, forms and variables of {@code review/event-review.bpmn}: the
 * post-incident review of one incident, from the owner's start through analysis, action items,
 * approval by the service owner group and publication to the knowledge base, to the follow-up of
 * every action item (one inner instance of {@link #FOLLOW_UP} per item).
 *
 * <p>Started by the incident process ({@code incident.start-review}) or by hand, with {@link
 * #VAR_INCIDENT_NUMBER}, {@code businessKey}, {@link #VAR_SERVICE}, {@link #VAR_PRIORITY} and,
 * optionally, {@link #VAR_REVIEW_OWNER}.
 */
public final class EventReviewProcess {

  public static final String RESOURCE = "review/event-review.bpmn";
  public static final String PROCESS_ID = "event-review";

  public static final String START_FORM_RESOURCE = "review/event-review-start.form";
  public static final String ANALYSIS_FORM_RESOURCE = "review/event-review-analysis.form";
  public static final String ACTIONS_FORM_RESOURCE = "review/event-review-actions.form";
  public static final String APPROVE_FORM_RESOURCE = "review/event-review-approve.form";
  public static final String ACTION_ITEM_FORM_RESOURCE = "review/event-review-action-item.form";
  public static final String APPROVE_DUE_DATE_FORM_RESOURCE =
      "review/event-review-approve-due-date.form";
  public static final String ACCEPT_NOT_DONE_FORM_RESOURCE =
      "review/event-review-accept-not-done.form";

  /** Every resource of the process, for deployment. */
  public static final List<String> RESOURCES =
      List.of(
          RESOURCE,
          START_FORM_RESOURCE,
          ANALYSIS_FORM_RESOURCE,
          ACTIONS_FORM_RESOURCE,
          APPROVE_FORM_RESOURCE,
          ACTION_ITEM_FORM_RESOURCE,
          APPROVE_DUE_DATE_FORM_RESOURCE,
          ACCEPT_NOT_DONE_FORM_RESOURCE);

  public static final String START_FORM = "event-review-start";
  public static final String ANALYSIS_FORM = "event-review-analysis";
  public static final String ACTIONS_FORM = "event-review-actions";
  public static final String APPROVE_FORM = "event-review-approve";
  public static final String ACTION_ITEM_FORM = "event-review-action-item";
  public static final String APPROVE_DUE_DATE_FORM = "event-review-approve-due-date";
  public static final String ACCEPT_NOT_DONE_FORM = "event-review-accept-not-done";

  // ---- elements of the review
  public static final String REQUESTED = "ReviewRequested";
  public static final String PREPARE_TASK = "PrepareReview";
  public static final String START_TASK = "StartReview";
  public static final String START_OVERDUE = "StartOverdue";
  public static final String ESCALATE_LATE_START_TASK = "EscalateLateStart";
  public static final String LATE_START_ESCALATED = "LateStartEscalated";
  public static final String ASSEMBLE_TIMELINE_TASK = "AssembleTimeline";
  public static final String ANALYSIS_TASK = "AnalyseIncident";
  public static final String ACTIONS_TASK = "PlanActionItems";
  public static final String CHECK_SECTIONS_TASK = "CheckSections";
  public static final String SECTIONS_COMPLETE = "SectionsComplete";
  public static final String APPROVE_TASK = "ApproveReview";
  public static final String APPROVED = "ReviewApproved";
  public static final String PUBLISH_TASK = "PublishReview";
  public static final String FOLLOW_UP = "FollowUpActionItems";
  public static final String CLOSE_TASK = "CloseReview";
  public static final String CLOSED = "ReviewClosed";

  // ---- elements of one action item's follow-up
  public static final String ITEM_OPENED = "ActionItemOpened";
  public static final String ITEM_OPEN = "ActionItemOpen";
  public static final String ITEM_TASK = "CompleteActionItem";
  public static final String ITEM_REMINDER_DUE = "ReminderDue";
  public static final String ITEM_OVERDUE = "ActionItemOverdue";
  public static final String REMIND_ITEM_TASK = "RemindActionItemOwner";
  public static final String OWNER_REMINDED = "OwnerReminded";
  public static final String ESCALATE_ITEM_TASK = "EscalateOverdueItem";
  public static final String ITEM_ESCALATED = "OverdueItemEscalated";
  public static final String ITEM_OUTCOME = "ActionItemOutcome";
  public static final String RECORD_DONE_TASK = "RecordItemDone";
  public static final String ITEM_DONE = "ActionItemDone";
  public static final String APPROVE_DUE_DATE_TASK = "ApproveNewDueDate";
  public static final String DUE_DATE_APPROVED = "NewDueDateApproved";
  public static final String RECORD_DUE_DATE_TASK = "RecordNewDueDate";
  public static final String ACCEPT_NOT_DONE_TASK = "AcceptNotDone";
  public static final String NOT_DONE_ACCEPTED = "NotDoneAccepted";
  public static final String RECORD_NOT_DONE_TASK = "RecordItemNotDone";
  public static final String ITEM_NOT_DONE = "ActionItemNotDone";

  // ---- job types (every service task has 3 retries)
  /**
   * Creates the review record; returns {@link #VAR_REVIEW_OWNER}, {@link #VAR_OWNER_GROUP}, {@link
   * #VAR_START_DUE}.
   */
  public static final String JOB_PREPARE = "review.prepare";

  /** The review was not started by {@link #VAR_START_DUE}: tells the owner group's managers. */
  public static final String JOB_ESCALATE_LATE_START = "review.escalate-late-start";

  /** Assembles the timeline from the incident's audit trail (the review counts as started). */
  public static final String JOB_ASSEMBLE_TIMELINE = "review.assemble-timeline";

  /**
   * Stores the sections and action items the forms gave; returns {@link #VAR_MISSING_SECTIONS} and
   * the items as {@link #VAR_ACTION_ITEMS} (each with {@code id}, {@code dueAt} and {@code
   * remindAt}).
   */
  public static final String JOB_CHECK_SECTIONS = "review.check-sections";

  /** Publishes the review to the knowledge base. */
  public static final String JOB_PUBLISH = "review.publish";

  /** Every action item is done or accepted as not done: the review is closed. */
  public static final String JOB_CLOSE = "review.close";

  /** Reminds the item's owner that the due date comes near. */
  public static final String JOB_REMIND_ITEM = "review.remind-action-item";

  /** Escalates an overdue item to its owner's manager. */
  public static final String JOB_ESCALATE_ITEM = "review.escalate-action-item";

  /**
   * Records an item's new state (task header {@link #HEADER_STATE}); for {@link #STATE_REDATED}
   * returns {@link #VAR_ITEM_DUE} and {@link #VAR_ITEM_REMIND_AT} of the new due date.
   */
  public static final String JOB_ACTION_ITEM = "review.action-item";

  public static final String HEADER_STATE = "state";
  public static final String STATE_DONE = "done";
  public static final String STATE_NOT_DONE = "not-done";
  public static final String STATE_REDATED = "redated";

  // ---- variables
  public static final String VAR_INCIDENT_NUMBER = "incidentNumber";
  public static final String VAR_SERVICE = "service";
  public static final String VAR_PRIORITY = "priority";
  public static final String VAR_REVIEW_OWNER = "reviewOwner";
  public static final String VAR_OWNER_GROUP = "ownerGroup";

  /** ISO date-time: 5 business days after the incident's close, on the service's calendar. */
  public static final String VAR_START_DUE = "startDue";

  public static final String VAR_ROOT_CAUSE = "rootCause";
  public static final String VAR_CONTRIBUTING_FACTORS = "contributingFactors";
  public static final String VAR_IMPACT_USERS = "impactUsers";
  public static final String VAR_IMPACT_DURATION_MINUTES = "impactDurationMinutes";
  public static final String VAR_IMPACT_DATA = "impactData";
  public static final String VAR_WENT_WELL = "wentWell";
  public static final String VAR_MISSING_SECTIONS = "missingSections";
  public static final String VAR_ACTION_ITEMS = "actionItems";
  public static final String VAR_APPROVED = "approved";
  public static final String VAR_APPROVAL_COMMENT = "approvalComment";
  public static final String VAR_ACTION_ITEM_RESULTS = "actionItemResults";

  /**
   * The item of one inner instance: {@code id, title, owner, dueDate} (the day, as the planning
   * form shows it), {@code dueAt} and {@code remindAt} (ISO instants, for the timers), {@code
   * priority, type}.
   */
  public static final String VAR_ACTION_ITEM = "actionItem";

  public static final String VAR_ITEM_DUE = "itemDue";
  public static final String VAR_ITEM_REMIND_AT = "itemRemindAt";

  /** {@code done}, {@code redate} or {@code not-done}. */
  public static final String VAR_ITEM_OUTCOME = "itemOutcome";

  public static final String VAR_ITEM_REASON = "itemReason";
  public static final String VAR_NEW_DUE_DATE = "newDueDate";
  public static final String VAR_ACCEPTED = "accepted";
  public static final String VAR_DUE_DATE_APPROVED = "dueDateApproved";
  public static final String VAR_DECISION_COMMENT = "decisionComment";

  public static final String OUTCOME_DONE = "done";
  public static final String OUTCOME_REDATE = "redate";
  public static final String OUTCOME_NOT_DONE = "not-done";

  /** The sections a review cannot be approved without. */
  public static final List<String> REQUIRED_SECTIONS =
      List.of("rootCause", "contributingFactors", "impact", "wentWell");

  private EventReviewProcess() {}
}
