package life.suoke.ops.processes.incident;

/**
 * Ids, job types, messages and variable names of {@code incident/incident-management.bpmn} and
 * its decision {@code incident/incident-priority.dmn}: an incident is classified P0-P3, tier-1 is
 * paged, acknowledges and handles it within the priority's deadlines (escalating to tier-2, then
 * tier-3, when a deadline passes or on request), the reporter confirms the resolution or it closes
 * by itself, and P0/P1 (P2 on request) start an event review.
 *
 * <p>The backend, the job workers and the process tests use these names; nothing spells them twice.
 */
public final class IncidentProcess {

  public static final String RESOURCE = "incident/incident-management.bpmn";
  public static final String DECISION_RESOURCE = "incident/incident-priority.dmn";
  public static final String PROCESS_ID = "incident-management";
  public static final String PRIORITY_DECISION_ID = "incident-priority";

  // ---- user tasks (element ids) and their forms
  /** Tier on call acknowledges: candidate groups {@link #VAR_PAGED_GROUPS}, due {@link #VAR_RESPONSE_DUE}. */
  public static final String ACKNOWLEDGE_TASK = "Acknowledge";
  /** The acknowledging person handles: assignee {@link #VAR_HANDLER}, due {@link #VAR_HANDLING_DUE}. */
  public static final String HANDLE_TASK = "Handle";
  /** The reporter confirms the resolution or reopens (assignee {@link #VAR_REPORTER}). */
  public static final String CONFIRM_TASK = "ConfirmResolution";
  public static final String ACKNOWLEDGE_FORM = "incident-acknowledge";
  public static final String HANDLE_FORM = "incident-handle";
  public static final String CONFIRM_FORM = "incident-confirm";

  // ---- job types (service tasks); workers live in the workers module, area incident
  /** Computes the open deadlines from the priority, the SLA clock (pauses) and the business calendar. */
  public static final String JOB_COMPUTE_DEADLINES = "incident.compute-deadlines";
  /** Pages the on-call of tier {@link #VAR_TIER} for the service (input mapping {@code tier}). */
  public static final String JOB_PAGE = "incident.page";
  /** Escalates one tier up (at most tier-3): pages it, notifies the managers, widens the open task. */
  public static final String JOB_ESCALATE = "incident.escalate";
  /** Reminds the commander to post a status update. */
  public static final String JOB_REMIND_STATUS_UPDATE = "incident.remind-status-update";
  /** Records a status change of the incident (task header {@link #HEADER_STATUS}). */
  public static final String JOB_STATUS = "incident.status";
  /** Starts the event review of the incident. */
  public static final String JOB_START_REVIEW = "incident.start-review";
  /** Task header of {@link #JOB_STATUS} service tasks naming the new status. */
  public static final String HEADER_STATUS = "status";

  // ---- statuses written by JOB_STATUS (header values)
  public static final String STATUS_TRIAGED = "triaged";
  public static final String STATUS_ACKNOWLEDGED = "acknowledged";
  public static final String STATUS_RESOLVED = "resolved";
  public static final String STATUS_REOPENED = "reopened";
  public static final String STATUS_CLOSED = "closed";
  public static final String STATUS_CANCELLED = "cancelled";

  // ---- messages, all correlated by VAR_INCIDENT_NUMBER
  /** The deadlines changed (re-classification, SLA clock paused or resumed): the open stage restarts with new deadlines. Variables: {@code priority} when it changed. */
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
  /** ISO 8601 cycle of status-update reminders (R/PT30M for P0, R/PT2H for P1, very long otherwise). */
  public static final String VAR_STATUS_UPDATE_CYCLE = "statusUpdateCycle";
  /** ISO date-time of the next escalation while a stage's deadline has passed; set by JOB_ESCALATE. */
  public static final String VAR_NEXT_ESCALATION_AT = "nextEscalationAt";
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

  private IncidentProcess() {}
}
