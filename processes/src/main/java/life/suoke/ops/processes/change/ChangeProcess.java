package life.suoke.ops.processes.change;

import java.util.List;

/**
 * Process ids, element ids, job types, messages and variables of the change processes under {@code
 * change/}: {@code change-standard}, {@code change-normal}, {@code change-emergency} (one per
 * change type) and {@code change-implementation}, which each of them calls once the change is
 * approved and scheduled. Workers, the backend and the tests use these names only.
 */
public final class ChangeProcess {

  public static final String STANDARD_RESOURCE = "change/change-standard.bpmn";
  public static final String NORMAL_RESOURCE = "change/change-normal.bpmn";
  public static final String EMERGENCY_RESOURCE = "change/change-emergency.bpmn";
  public static final String IMPLEMENTATION_RESOURCE = "change/change-implementation.bpmn";
  public static final String RISK_RESOURCE = "change/change-risk.dmn";

  public static final String STANDARD_PROCESS_ID = "change-standard";
  public static final String NORMAL_PROCESS_ID = "change-normal";
  public static final String EMERGENCY_PROCESS_ID = "change-emergency";
  public static final String IMPLEMENTATION_PROCESS_ID = "change-implementation";
  public static final String RISK_DECISION_ID = "change-risk";

  // ---- change types (variable changeType)
  public static final String TYPE_STANDARD = "standard";
  public static final String TYPE_NORMAL = "normal";
  public static final String TYPE_EMERGENCY = "emergency";

  // ---- elements shared by the three change processes
  public static final String CHANGE_REQUESTED = "ChangeRequested";
  public static final String PREPARE_CHANGE = "PrepareChange";
  public static final String SCHEDULE_TASK = "ScheduleChange";
  public static final String SCHEDULE_WINDOW = "ScheduleWindow";
  public static final String WINDOW_REFUSED = "WindowRefused";
  public static final String IMPLEMENT = "Implement";
  public static final String CHANGE_CLOSED = "ChangeClosed";
  public static final String CHANGE_REJECTED = "ChangeRejected";
  public static final String RECORD_APPROVAL = "RecordApproval";
  public static final String APPROVED_GATEWAY = "Approved";
  public static final String INFORMATION_SUBPROCESS = "InformationRequestSubprocess";
  public static final String INFORMATION_REQUESTED = "InformationRequested";
  public static final String ASK_FOR_INFORMATION = "AskForInformation";
  public static final String RECORD_INFORMATION_ANSWER = "RecordInformationAnswer";
  public static final String INFORMATION_ANSWERED = "InformationAnswered";

  // ---- change-normal
  public static final String ASSESS_TASK = "AssessImpact";
  public static final String ASSESS_RISK = "AssessRisk";
  public static final String RISK_GATEWAY = "RiskLevel";
  public static final String CHANGE_MANAGER_APPROVAL = "ChangeManagerApproval";
  public static final String SERVICE_OWNER_APPROVAL = "ServiceOwnerApproval";
  public static final String PREPARE_CAB = "PrepareCab";
  public static final String COUNT_QUORUM = "CountQuorum";
  public static final String CAB_VOTE = "CabVote";
  public static final String TALLY_CAB_VOTES = "TallyCabVotes";
  public static final String APPROVAL_GIVEN = "ApprovalGiven";

  // ---- change-standard
  public static final String RESPONSE_DUE = "ResponseDue";
  public static final String ESCALATE_RESPONSE = "EscalateResponse";
  public static final String RESPONSE_ESCALATED = "ResponseEscalated";

  // ---- change-emergency
  public static final String EMERGENCY_APPROVAL = "EmergencyApproval";
  public static final String APPROVAL_DUE = "ApprovalDue";
  public static final String ESCALATE_APPROVAL = "EscalateApproval";
  public static final String APPROVAL_ESCALATED = "ApprovalEscalated";
  public static final String RETROSPECTIVE_TASK = "RetrospectiveReview";
  public static final String RECORD_REVIEW = "RecordReview";

  // ---- change-implementation
  public static final String IMPLEMENTATION_STARTED = "ImplementationStarted";
  public static final String WINDOW_OPENS = "WindowOpens";
  public static final String CHECK_FREEZE = "CheckFreeze";
  public static final String FROZEN_GATEWAY = "Frozen";
  public static final String FREEZE_LIFTED = "FreezeLifted";
  public static final String IMPLEMENT_TASK = "ImplementChange";
  public static final String WINDOW_END_PASSED = "WindowEndPassed";
  public static final String RECORD_OVERRUN = "RecordOverrun";
  public static final String RESOLVE_OVERRUN_TASK = "ResolveOverrun";
  public static final String OVERRUN_RESOLVED = "OverrunResolved";
  public static final String RELEASE_ENDED = "ReleaseEnded";
  public static final String RELEASE_OUTCOME_GATEWAY = "ReleaseOutcome";
  public static final String MARK_BACKED_OUT = "MarkBackedOut";
  public static final String VERIFY_TASK = "VerifyChange";
  public static final String REVIEW_GATEWAY = "ReviewNeeded";
  public static final String REVIEW_TASK = "PostImplementationReview";
  public static final String CLOSE_CHANGE = "CloseChange";

  // ---- forms
  public static final String ASSESS_FORM = "change-assess";
  public static final String APPROVE_FORM = "change-approve";
  public static final String CAB_VOTE_FORM = "change-cab-vote";
  public static final String SCHEDULE_FORM = "change-schedule";
  public static final String IMPLEMENT_FORM = "change-implement";
  public static final String OVERRUN_FORM = "change-window-overrun";
  public static final String VERIFY_FORM = "change-verify";
  public static final String REVIEW_FORM = "change-review";
  public static final String RETROSPECTIVE_FORM = "change-retrospective";
  public static final List<String> FORMS =
      List.of(
          ASSESS_FORM,
          APPROVE_FORM,
          CAB_VOTE_FORM,
          SCHEDULE_FORM,
          IMPLEMENT_FORM,
          OVERRUN_FORM,
          VERIFY_FORM,
          REVIEW_FORM,
          RETROSPECTIVE_FORM);

  // ---- job types (all with 3 retries)
  /**
   * Resolves the service, groups and risk facts; standard: {@code responseDue}; emergency: the
   * window now.
   */
  public static final String JOB_PREPARE = "change.prepare";

  /**
   * Records the approval outcome (variable {@code approval}) and who gave it; {@code cabVotes} for
   * the CAB.
   */
  public static final String JOB_RECORD_APPROVAL = "change.record-approval";

  /**
   * Answers {@code cabMembers}, {@code cabQuorum}, {@code cabQuorumPercent}, {@code
   * cabRejectionLimit}.
   */
  public static final String JOB_PREPARE_CAB = "change.prepare-cab";

  /**
   * Books {@code windowStart}..{@code windowEnd}; BPMN error {@link #ERROR_WINDOW_REFUSED} when it
   * may not.
   */
  public static final String JOB_SCHEDULE = "change.schedule";

  /** Tells the change managers that a deadline passed; task header {@link #HEADER_REASON}. */
  public static final String JOB_ESCALATE = "change.escalate";

  /** Answers {@code frozen}: whether an open P0/P1 incident freezes the change's service now. */
  public static final String JOB_CHECK_FREEZE = "change.check-freeze";

  /**
   * Records that the change ran past {@code windowEnd} and tells the implementers and change
   * managers.
   */
  public static final String JOB_WINDOW_OVERRUN = "change.window-overrun";

  /** Closes the change with {@code closeCode}. */
  public static final String JOB_CLOSE = "change.close";

  /** Records a status named by the task header {@link #HEADER_STATUS}. */
  public static final String JOB_STATUS = "change.status";

  /** Records the answer of an information request. */
  public static final String JOB_INFORMATION_ANSWERED = "change.information-answered";

  public static final String HEADER_REASON = "reason";
  public static final String HEADER_STATUS = "status";
  public static final String REASON_RESPONSE_DUE = "response-due";
  public static final String REASON_APPROVAL_DUE = "approval-due";
  public static final String STATUS_REVIEWED = "reviewed";

  public static final String ERROR_WINDOW_REFUSED = "window-refused";

  // ---- messages (correlation key: the change number)
  /**
   * Asks for information about the change: variables {@code requestedFrom}, {@code question},
   * {@code requestId}.
   */
  public static final String MESSAGE_INFORMATION_REQUESTED = "change-information-requested";

  /** The P0/P1 incident that froze the change's service is closed: check again. */
  public static final String MESSAGE_FREEZE_LIFTED = "change-freeze-lifted";

  /**
   * The release of the change ended: variables {@code releaseOutcome} ({@code successful} or {@code
   * backed-out}), optional {@code releaseId}, {@code releaseSummary}.
   */
  public static final String MESSAGE_RELEASE_ENDED = "change-release-ended";

  // ---- variables
  public static final String VAR_CHANGE_NUMBER = "changeNumber";
  public static final String VAR_BUSINESS_KEY = "businessKey";
  public static final String VAR_CHANGE_TYPE = "changeType";
  public static final String VAR_TITLE = "title";
  public static final String VAR_SERVICE = "service";
  public static final String VAR_SERVICE_CLASS = "serviceClass";
  public static final String VAR_REQUESTER = "requester";
  public static final String VAR_CHANGE_MANAGER_GROUP = "changeManagerGroup";
  public static final String VAR_SERVICE_OWNER_GROUP = "serviceOwnerGroup";
  public static final String VAR_IMPLEMENTER_GROUP = "implementerGroup";
  public static final String VAR_CAB_GROUP = "cabGroup";
  public static final String VAR_EMERGENCY_CAB_GROUP = "emergencyCabGroup";
  public static final String VAR_INCIDENT_NUMBER = "incidentNumber";
  public static final String VAR_PLANNED_START = "plannedStart";
  public static final String VAR_PLANNED_END = "plannedEnd";
  public static final String VAR_PLANNED_HOUR = "plannedHour";
  public static final String VAR_RECENT_FAILURES = "recentFailures";
  public static final String VAR_AFFECTED_USERS = "affectedUsers";
  public static final String VAR_DOWNTIME_REQUIRED = "downtimeRequired";
  public static final String VAR_ROLLBACK_TESTED = "rollbackTested";
  public static final String VAR_RISK = "risk";
  public static final String VAR_APPROVAL = "approval";
  public static final String VAR_APPROVAL_COMMENT = "approvalComment";
  public static final String VAR_APPROVER = "approver";
  public static final String VAR_CAB_MEMBERS = "cabMembers";
  public static final String VAR_CAB_QUORUM = "cabQuorum";
  public static final String VAR_CAB_QUORUM_PERCENT = "cabQuorumPercent";
  public static final String VAR_CAB_REJECTION_LIMIT = "cabRejectionLimit";
  public static final String VAR_CAB_NEEDED = "cabNeeded";
  public static final String VAR_CAB_VOTES = "cabVotes";
  public static final String VAR_VOTE = "vote";
  public static final String VAR_VOTE_COMMENT = "voteComment";
  public static final String VAR_RESPONSE_DUE = "responseDue";
  public static final String VAR_WINDOW_START = "windowStart";
  public static final String VAR_WINDOW_END = "windowEnd";
  public static final String VAR_SCHEDULE_PROBLEM = "scheduleProblem";
  public static final String VAR_FROZEN = "frozen";
  public static final String VAR_CLOSE_CODE = "closeCode";
  public static final String VAR_RELEASE_OUTCOME = "releaseOutcome";
  public static final String VAR_RELEASE_ID = "releaseId";
  public static final String VAR_RELEASE_SUMMARY = "releaseSummary";
  public static final String VAR_REQUESTED_FROM = "requestedFrom";
  public static final String VAR_QUESTION = "question";
  public static final String VAR_ANSWER = "answer";
  public static final String VAR_REQUEST_ID = "requestId";
  public static final String VAR_TEMPLATE_ID = "templateId";
  public static final String VAR_TEMPLATE_VERSION = "templateVersion";

  // ---- values
  public static final String APPROVAL_APPROVED = "approved";
  public static final String APPROVAL_REJECTED = "rejected";
  public static final String QUORUM_ALL = "all";
  public static final String QUORUM_ANY = "any";
  public static final String QUORUM_PERCENTAGE = "percentage";
  public static final String RELEASE_SUCCESSFUL = "successful";
  public static final String RELEASE_BACKED_OUT = "backed-out";
  public static final List<String> CLOSE_CODES =
      List.of("successful", "successful-with-issues", "unsuccessful", "backed-out");

  private ChangeProcess() {}
}
