package life.suoke.ops.processes.incident;

/**
 * Ids, job types, messages and variable names of {@code incident/incident-management.bpmn} and its
 * decision {@code incident/incident-priority.dmn}: an incident is classified P0-P3, tier-1 is
 * paged, acknowledges and handles it within the priority's deadlines (escalating to tier-2, then
 * tier-3, when a deadline passes or on request), the reporter confirms the resolution or it closes
 * by itself, and P0/P1 (P2 on request) start an event review.
 *
 * <p>The backend, the job workers and the process tests use these names; nothing spells them twice.
 */
public final class IncidentProcess {

  public static final String RESOURCE = "incident/incident-management.bpmn";
  public static final String DECISION_RESOURCE = "incident/incident-priority.dmn";

  /** The forms of the user tasks, deployed with the process. */
  public static final String ACKNOWLEDGE_FORM_RESOURCE = "incident/incident-acknowledge.form";

  public static final String HANDLE_FORM_RESOURCE = "incident/incident-handle.form";
  public static final String CONFIRM_FORM_RESOURCE = "incident/incident-confirm.form";
  public static final String PROCESS_ID = "incident-management";
  public static final String PRIORITY_DECISION_ID = "incident-priority";

  // ---- user tasks (element ids) and their forms
  /**
   * Tier on call acknowledges: candidate groups {@link #VAR_PAGED_GROUPS}, due {@link
   * #VAR_RESPONSE_DUE}.
   */
  public static final String ACKNOWLEDGE_TASK = "Acknowledge";

  /**
   * The acknowledging person handles: assignee {@link #VAR_HANDLER}, due {@link #VAR_HANDLING_DUE}.
   */
  public static final String HANDLE_TASK = "Handle";

  /** The reporter confirms the resolution or reopens (assignee {@link #VAR_REPORTER}). */
  public static final String CONFIRM_TASK = "ConfirmResolution";

  public static final String ACKNOWLEDGE_FORM = "incident-acknowledge";
  public static final String HANDLE_FORM = "incident-handle";
  public static final String CONFIRM_FORM = "incident-confirm";

  // ---- job types (service tasks); workers live in the workers module, area incident
  /**
   * Computes the open deadlines from the priority, the SLA clock (pauses) and the business
   * calendar; records the status its task header {@link #HEADER_STATUS} names first, when it has
   * one (the triage records {@link #STATUS_TRIAGED} in the same job: one job fewer before the
   * page).
   */
  public static final String JOB_COMPUTE_DEADLINES = "incident.compute-deadlines";

  /** Pages the on-call of tier {@link #VAR_TIER} for the service (input mapping {@code tier}). */
  public static final String JOB_PAGE = "incident.page";

  /**
   * Escalates one tier up (at most tier-3): pages it, notifies the managers, widens the open task.
   */
  public static final String JOB_ESCALATE = "incident.escalate";

  /** Reminds the commander to post a status update. */
  public static final String JOB_REMIND_STATUS_UPDATE = "incident.remind-status-update";

  /** Records a status change of the incident (task header {@link #HEADER_STATUS}). */
  public static final String JOB_STATUS = "incident.status";

  /** Starts the event review of the incident. */
  public static final String JOB_START_REVIEW = "incident.start-review";

  /**
   * Task header of {@link #JOB_STATUS} service tasks (and of {@link #COMPUTE_DEADLINES_TASK})
   * naming the new status.
   */
  public static final String HEADER_STATUS = "status";

  // ---- statuses written by JOB_STATUS (header values)
  public static final String STATUS_TRIAGED = "triaged";
  public static final String STATUS_ACKNOWLEDGED = "acknowledged";
  public static final String STATUS_RESOLVED = "resolved";
  public static final String STATUS_REOPENED = "reopened";
  public static final String STATUS_CLOSED = "closed";
  public static final String STATUS_CANCELLED = "cancelled";

  // ---- messages, all correlated by VAR_INCIDENT_NUMBER
  /**
   * The deadlines changed (re-classification, SLA clock paused or resumed): the open stage restarts
   * with new deadlines. Variables: {@code priority} when it changed.
   */
  public static final String MESSAGE_DEADLINES_CHANGED = "incident-deadlines-changed";

  /** Someone asks for the next tier now. */
  public static final String MESSAGE_ESCALATION_REQUESTED = "incident-escalation-requested";

  /** Every alert of the incident's alert group resolved. */
  public static final String MESSAGE_ALERT_RESOLVED = "incident-alert-resolved";

  /** The incident is a duplicate (variable {@code duplicateOf}) or otherwise cancelled. */
  public static final String MESSAGE_CANCELLED = "incident-cancelled";

  // ---- variables
  public static final String VAR_INCIDENT_NUMBER = "incidentNumber";
  public static final String VAR_TITLE = "title";
  public static final String VAR_SERVICE = "service";

  /** core, agent or support (99.9 / 99.5 / 99.0 %). */
  public static final String VAR_SERVICE_CLASS = "serviceClass";

  /** critical, error, warning or info (the alert's or reporter's). */
  public static final String VAR_SEVERITY = "severity";

  public static final String VAR_AFFECTED_USERS = "affectedUsers";
  public static final String VAR_DATA_OR_SAFETY_IMPACT = "dataOrSafetyImpact";

  /** alert, report or heartbeat. */
  public static final String VAR_SOURCE = "source";

  /** The reporting user's name, absent for an alert. */
  public static final String VAR_REPORTER = "reporter";

  /** P0, P1, P2 or P3: the decision's result, later the commander's re-classification. */
  public static final String VAR_PRIORITY = "priority";

  public static final String VAR_TIER1_GROUP = "tier1Group";
  public static final String VAR_TIER2_GROUP = "tier2Group";
  public static final String VAR_TIER3_GROUP = "tier3Group";

  /** The group notified on every escalation (the service's managers). */
  public static final String VAR_MANAGER_GROUP = "managerGroup";

  /** The highest tier paged so far (1-3). */
  public static final String VAR_TIER = "tier";

  /** The groups of every tier paged so far: candidate groups of the open task. */
  public static final String VAR_PAGED_GROUPS = "pagedGroups";

  /** ISO date-time when the response (acknowledgement) is due; set by JOB_COMPUTE_DEADLINES. */
  public static final String VAR_RESPONSE_DUE = "responseDue";

  /** ISO date-time when handling is due; set by JOB_COMPUTE_DEADLINES. */
  public static final String VAR_HANDLING_DUE = "handlingDue";

  /**
   * ISO 8601 cycle of status-update reminders (R/PT30M for P0, R/PT2H for P1, very long otherwise).
   */
  public static final String VAR_STATUS_UPDATE_CYCLE = "statusUpdateCycle";

  /**
   * ISO date-time of the next escalation while a stage's deadline has passed; set by JOB_ESCALATE.
   */
  public static final String VAR_NEXT_ESCALATION_AT = "nextEscalationAt";

  /**
   * The service's escalation policy (a map as {@code EscalationPolicy.toMap()} builds it) or null;
   * set by JOB_COMPUTE_DEADLINES.
   */
  public static final String VAR_ESCALATION_POLICY = "escalationPolicy";

  /** How the policy's paging ended: resolved, exhausted or invalid-policy. */
  public static final String VAR_ESCALATION_OUTCOME = "escalationOutcome";

  /** True once someone acknowledged. */
  public static final String VAR_ACKNOWLEDGED = "acknowledged";

  /** Who acknowledged: the assignee of the handle task. */
  public static final String VAR_HANDLER = "handler";

  /** workaround or permanent-fix (handle form). */
  public static final String VAR_RESOLUTION_TYPE = "resolutionType";

  public static final String VAR_RESOLUTION_SUMMARY = "resolutionSummary";

  /** The handler asks for an event review (P2). */
  public static final String VAR_REVIEW_REQUESTED = "reviewRequested";

  /** True when the alert group resolved. */
  public static final String VAR_ALERT_RESOLVED = "alertResolved";

  /** The reporter's answer on the confirm task: true confirms, false reopens. */
  public static final String VAR_CONFIRMED = "confirmed";

  /** ISO 8601 duration after which an unconfirmed resolution closes by itself. */
  public static final String VAR_AUTO_CLOSE_AFTER = "autoCloseAfter";

  public static final String VAR_DUPLICATE_OF = "duplicateOf";

  /** The optional note on the acknowledge form. */
  public static final String VAR_ACKNOWLEDGE_NOTE = "acknowledgeNote";

  /** What is still wrong: the confirm form's comment, required when the reporter reopens. */
  public static final String VAR_CONFIRMATION_COMMENT = "confirmationComment";

  /** The reporter's rating of the resolution on the confirm form (1-5, optional), for the KPIs. */
  public static final String VAR_SATISFACTION = "satisfaction";

  /** The reporter's optional comment with the rating. */
  public static final String VAR_SATISFACTION_COMMENT = "satisfactionComment";

  // ---- the other elements of the process (stable ids: the process tests and monitoring use them)
  /** The none start event. */
  public static final String STARTED = "IncidentReported";

  /** Everything up to closing; the cancellation ({@link #CANCELLED_EVENT}) interrupts it. */
  public static final String OPEN_SUBPROCESS = "IncidentOpen";

  /** Business rule task evaluating {@link #PRIORITY_DECISION_ID} into {@link #VAR_PRIORITY}. */
  public static final String CLASSIFY_TASK = "ClassifyIncident";

  /**
   * {@link #JOB_COMPUTE_DEADLINES} before the response starts, recording {@link #STATUS_TRIAGED}
   * first.
   */
  public static final String COMPUTE_DEADLINES_TASK = "ComputeDeadlines";

  /**
   * Default flow to {@link #PAGE_TASK}; to {@link #PAGING_FORK} when {@link #VAR_ESCALATION_POLICY}
   * is set (the service has an escalation policy).
   */
  public static final String ESCALATION_POLICY_GATEWAY = "EscalationPolicyGateway";

  /**
   * {@link #JOB_PAGE} with {@code tier = 1}, once per incident, for a service without an escalation
   * policy.
   */
  public static final String PAGE_TASK = "PageTier1";

  /** Starts the response and, beside it, {@link #PAGE_BY_POLICY}. */
  public static final String PAGING_FORK = "PagingFork";

  /**
   * Call activity of {@code on-call-escalation} (the generic escalation subprocess) with the
   * service's policy: inputs escalationKey and incidentNumber (the number), service, priority,
   * policy ({@link #VAR_ESCALATION_POLICY}); outputs {@link #VAR_ESCALATION_OUTCOME},
   * policyAcknowledgedBy, policyRepages. It ends when someone acknowledges and the incident is
   * resolved, or when nobody acknowledged in any round; the incident's closing or cancellation
   * terminates it.
   */
  public static final String PAGE_BY_POLICY = "PageByPolicy";

  public static final String POLICY_PAGING_ENDED = "PolicyPagingEnded";

  /** Merges the first entry and every restart of {@link #RESPONSE_SUBPROCESS}. */
  public static final String RESPONSE_JOIN = "ResponseJoin";

  /**
   * The response: the acknowledge stage, then the handle stage; restarts on {@link
   * #DEADLINES_CHANGED_EVENT}.
   */
  public static final String RESPONSE_SUBPROCESS = "Response";

  /** Chooses the stage by {@link #VAR_ACKNOWLEDGED}. */
  public static final String ACKNOWLEDGED_GATEWAY = "AcknowledgedGateway";

  /** Embedded subprocess around {@link #ACKNOWLEDGE_TASK} and its escalation. */
  public static final String ACKNOWLEDGE_STAGE = "AcknowledgeStage";

  /** Terminate end event of the acknowledge stage (ends its escalation too). */
  public static final String ACKNOWLEDGE_STAGE_DONE = "AcknowledgeStageDone";

  /**
   * Event subprocess of the acknowledge stage: its non-interrupting timer at {@link
   * #VAR_RESPONSE_DUE}.
   */
  public static final String RESPONSE_OVERDUE_SUBPROCESS = "ResponseOverdue";

  public static final String RESPONSE_DUE_PASSED = "ResponseDuePassed";

  /** {@link #JOB_ESCALATE} while the response is overdue. */
  public static final String ESCALATE_OVERDUE_RESPONSE_TASK = "EscalateOverdueResponse";

  /** Waits until {@link #VAR_NEXT_ESCALATION_AT} while a higher tier is left. */
  public static final String RESPONSE_NEXT_TIER_GATEWAY = "ResponseNextTierGateway";

  public static final String NEXT_RESPONSE_ESCALATION_TIMER = "NextResponseEscalationDue";
  public static final String RESPONSE_ESCALATIONS_DONE = "ResponseEscalationsDone";

  /**
   * Interrupting message boundary event ({@link #MESSAGE_ALERT_RESOLVED}) on the acknowledge stage.
   */
  public static final String ALERT_RESOLVED_BEFORE_ACKNOWLEDGEMENT =
      "AlertResolvedBeforeAcknowledgement";

  /** Terminate end event of the response after {@link #ALERT_RESOLVED_BEFORE_ACKNOWLEDGEMENT}. */
  public static final String RESOLVED_BY_ALERT = "ResolvedByAlert";

  /** {@link #JOB_STATUS} {@link #STATUS_ACKNOWLEDGED}. */
  public static final String RECORD_ACKNOWLEDGED_TASK = "RecordAcknowledged";

  public static final String HANDLE_JOIN = "HandleJoin";

  /** Embedded subprocess around {@link #HANDLE_TASK} and its escalation. */
  public static final String HANDLE_STAGE = "HandleStage";

  public static final String HANDLE_STAGE_DONE = "HandleStageDone";

  /**
   * Event subprocess of the handle stage: its non-interrupting timer at {@link #VAR_HANDLING_DUE}.
   */
  public static final String HANDLING_OVERDUE_SUBPROCESS = "HandlingOverdue";

  public static final String HANDLING_DUE_PASSED = "HandlingDuePassed";
  public static final String ESCALATE_OVERDUE_HANDLING_TASK = "EscalateOverdueHandling";
  public static final String HANDLING_NEXT_TIER_GATEWAY = "HandlingNextTierGateway";
  public static final String NEXT_HANDLING_ESCALATION_TIMER = "NextHandlingEscalationDue";
  public static final String HANDLING_ESCALATIONS_DONE = "HandlingEscalationsDone";

  /**
   * Non-interrupting message start event ({@link #MESSAGE_ALERT_RESOLVED}) of the handle stage:
   * records it only.
   */
  public static final String ALERT_RESOLVED_WHILE_HANDLING = "AlertResolvedWhileHandling";

  /** Terminate end event of the response after {@link #HANDLE_TASK}. */
  public static final String HANDLED = "Handled";

  /**
   * Event subprocess of the response: non-interrupting timer cycle {@link
   * #VAR_STATUS_UPDATE_CYCLE}.
   */
  public static final String REMINDERS_SUBPROCESS = "StatusUpdateReminders";

  public static final String REMINDER_TIMER = "StatusUpdateDue";

  /** {@link #JOB_REMIND_STATUS_UPDATE}. */
  public static final String REMIND_STATUS_UPDATE_TASK = "RemindStatusUpdate";

  /** Event subprocess of the response: non-interrupting {@link #MESSAGE_ESCALATION_REQUESTED}. */
  public static final String ESCALATION_REQUESTS_SUBPROCESS = "EscalationRequests";

  public static final String ESCALATION_REQUESTED_EVENT = "EscalationRequested";

  /** {@link #JOB_ESCALATE} once per request. */
  public static final String ESCALATE_ON_REQUEST_TASK = "EscalateOnRequest";

  /** Interrupting message boundary event ({@link #MESSAGE_DEADLINES_CHANGED}) on the response. */
  public static final String DEADLINES_CHANGED_EVENT = "DeadlinesChanged";

  public static final String RECOMPUTE_JOIN = "RecomputeJoin";

  /** {@link #JOB_COMPUTE_DEADLINES} before the response restarts (deadlines changed, reopened). */
  public static final String RECOMPUTE_DEADLINES_TASK = "RecomputeDeadlines";

  /** {@link #JOB_STATUS} {@link #STATUS_RESOLVED}. */
  public static final String RECORD_RESOLVED_TASK = "RecordResolved";

  /** A reporter confirms when there is one and someone handled the incident. */
  public static final String CONFIRMATION_GATEWAY = "ConfirmationGateway";

  public static final String NO_CONFIRMATION_NEEDED = "NoConfirmationNeeded";

  /** Interrupting timer boundary event ({@link #VAR_AUTO_CLOSE_AFTER}) on {@link #CONFIRM_TASK}. */
  public static final String AUTO_CLOSE_TIMER = "AutoCloseTimer";

  public static final String AUTO_CLOSED = "AutoClosed";
  public static final String CONFIRMED_GATEWAY = "ConfirmedGateway";
  public static final String RESOLUTION_CONFIRMED = "ResolutionConfirmed";

  /** {@link #JOB_STATUS} {@link #STATUS_REOPENED}. */
  public static final String RECORD_REOPENED_TASK = "RecordReopened";

  /**
   * Interrupting message boundary event ({@link #MESSAGE_CANCELLED}) on {@link #OPEN_SUBPROCESS}.
   */
  public static final String CANCELLED_EVENT = "IncidentCancelled";

  /** {@link #JOB_STATUS} {@link #STATUS_CANCELLED}. */
  public static final String RECORD_CANCELLED_TASK = "RecordCancelled";

  public static final String CANCELLED = "Cancelled";

  /** {@link #JOB_STATUS} {@link #STATUS_CLOSED}. */
  public static final String RECORD_CLOSED_TASK = "RecordClosed";

  /** P0 or P1, or {@link #VAR_REVIEW_REQUESTED}: {@link #START_REVIEW_TASK}. */
  public static final String REVIEW_GATEWAY = "ReviewGateway";

  /** {@link #JOB_START_REVIEW}. */
  public static final String START_REVIEW_TASK = "StartReview";

  public static final String CLOSED_WITH_REVIEW = "ClosedWithReview";
  public static final String CLOSED = "Closed";

  private IncidentProcess() {}
}
