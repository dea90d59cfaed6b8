package life.suoke.ops.processes.oncall;

/**
 * Ids, job types, messages, errors and variable names of {@code oncall/on-call-escalation.bpmn}:
 * the generic escalation subprocess a caller (the incident process) starts as a call activity, so
 * that an escalation policy is data ({@link EscalationPolicy} in variable {@link #VAR_POLICY}), not
 * a diagram.
 *
 * <p>How it runs: for each round (the policy once, then {@link EscalationPolicy#repeat()} times
 * again) and each level in order, {@link #JOB_CHECK_BUSINESS_HOURS} answers {@link #VAR_WAIT_UNTIL}
 * (the start of the next working time when the level pages the priority only in business hours and
 * now is outside them; null otherwise) and the process waits until then; {@link
 * #JOB_RESOLVE_RECIPIENTS} answers who is on call at this level now ({@link #VAR_RECIPIENTS}, in
 * the order to page them); a round-robin level notifies them one at a time, any other level all at
 * once, each time with {@link #JOB_NOTIFY} followed by the level's time to acknowledge. An
 * acknowledgement ({@link #MESSAGE_ACKNOWLEDGED}) interrupts the paging at any point; then, when
 * the policy has a {@link EscalationPolicy#repageAfter()}, an incident not resolved ({@link
 * #MESSAGE_RESOLVED}) within it is paged again from the first level ({@link #VAR_REPAGES} counts
 * these). Nobody acknowledging in any round ends with {@link #OUTCOME_EXHAUSTED}.
 *
 * <p>Outputs for the caller: {@link #VAR_OUTCOME}, {@link #VAR_ACKNOWLEDGED_BY}, {@link
 * #VAR_ACKNOWLEDGED_LEVEL}, {@link #VAR_ACKNOWLEDGED_ROUND}, {@link #VAR_REPAGES}.
 */
public final class OnCallEscalationProcess {

  public static final String RESOURCE = "oncall/on-call-escalation.bpmn";
  public static final String PROCESS_ID = "on-call-escalation";

  // ---- job types
  /**
   * Is this level allowed to page now? Input (local): {@link #VAR_LEVEL} (the level's map), {@link
   * #VAR_CALENDAR_ID} (the policy's business calendar), and the instance's {@link #VAR_PRIORITY}.
   * Answers {@link #VAR_WAIT_UNTIL}: an ISO date-time to wait for (the next start of working time
   * on the calendar) when the level lists the priority in {@code businessHoursOnlyFor} and now is
   * outside working time; null (or nothing) when it may page now.
   */
  public static final String JOB_CHECK_BUSINESS_HOURS = "oncall.escalation.check-business-hours";

  /**
   * Who is on call at this level now. Input (local): {@link #VAR_LEVEL}, {@link #VAR_POLICY_ID};
   * and {@link #VAR_LEVEL_NUMBER}, {@link #VAR_ROUND}, {@link #VAR_ESCALATION_KEY}, {@link
   * #VAR_SERVICE}. Answers {@link #VAR_RECIPIENTS}: user names in the order to page them (for a
   * round-robin level the worker starts with the next one in turn); an empty list when nobody is
   * (the level is skipped).
   */
  public static final String JOB_RESOLVE_RECIPIENTS = "oncall.escalation.resolve-recipients";

  /**
   * Pages the people of input {@link #VAR_RECIPIENTS} (local: this turn's recipients) through the
   * notification service, with their contact rules. Also sees {@link #VAR_LEVEL}, {@link
   * #VAR_LEVEL_NUMBER}, {@link #VAR_ROUND}, {@link #VAR_BATCH_NUMBER}, {@link #VAR_REPAGES}, {@link
   * #VAR_ESCALATION_KEY} (so an idempotency key {@code
   * escalationKey:repages:round:level:batch:user} pages once). Answers nothing.
   */
  public static final String JOB_NOTIFY = "oncall.escalation.notify";

  // ---- messages, both correlated by VAR_ESCALATION_KEY
  /** Someone acknowledged (variable {@link #VAR_ACKNOWLEDGED_BY}): the paging stops. */
  public static final String MESSAGE_ACKNOWLEDGED = "on-call-escalation-acknowledged";

  /** The incident is resolved (or otherwise needs no one any more): the escalation ends. */
  public static final String MESSAGE_RESOLVED = "on-call-escalation-resolved";

  // ---- errors
  /**
   * A worker found the policy unusable (no levels, an unknown schedule or target type, a bad
   * duration): it throws this error with variable {@link #VAR_ESCALATION_ERROR}; the escalation
   * ends with {@link #OUTCOME_INVALID_POLICY} so that the caller can fall back (e.g. page its tier
   * groups).
   */
  public static final String ERROR_INVALID_POLICY = "on-call-escalation-invalid-policy";

  // ---- outcomes (VAR_OUTCOME)
  public static final String OUTCOME_RESOLVED = "resolved";
  public static final String OUTCOME_EXHAUSTED = "exhausted";
  public static final String OUTCOME_INVALID_POLICY = "invalid-policy";

  // ---- input variables
  /** The correlation key of both messages: for the incident process, its incident number. */
  public static final String VAR_ESCALATION_KEY = "escalationKey";

  /** The incident's number, for the notification's text and link. */
  public static final String VAR_INCIDENT_NUMBER = "incidentNumber";

  /** The service (catalog name) whose on-call the schedule targets resolve. */
  public static final String VAR_SERVICE = "service";

  /** P0-P3: decides business-hours-only levels ({@code businessHoursOnlyFor}). */
  public static final String VAR_PRIORITY = "priority";

  /** The policy as data; see {@link EscalationPolicy} for its fields. */
  public static final String VAR_POLICY = "policy";

  // ---- variables the process keeps
  /**
   * The round of the policy, 1 for the first run; the policy runs {@code repeat + 1} rounds at
   * most.
   */
  public static final String VAR_ROUND = "round";

  /** The level being paged (1-based index into {@code policy.levels}). */
  public static final String VAR_LEVEL_NUMBER = "levelNumber";

  /** The turn within the level (1-based index into {@link #VAR_BATCHES}). */
  public static final String VAR_BATCH_NUMBER = "batchNumber";

  /**
   * The level's turns: one list per turn (round-robin: one person each; otherwise one turn of
   * everyone).
   */
  public static final String VAR_BATCHES = "batches";

  /**
   * The answer of {@link #JOB_RESOLVE_RECIPIENTS}; the notify job's local input of the same name is
   * one turn.
   */
  public static final String VAR_RECIPIENTS = "recipients";

  /** The answer of {@link #JOB_CHECK_BUSINESS_HOURS}. */
  public static final String VAR_WAIT_UNTIL = "waitUntil";

  /** How often the policy was started again because an acknowledged incident stayed unresolved. */
  public static final String VAR_REPAGES = "repages";

  /** Local input of the jobs: the current level's map. */
  public static final String VAR_LEVEL = "level";

  /** Local input of {@link #JOB_CHECK_BUSINESS_HOURS}: {@code policy.calendarId}. */
  public static final String VAR_CALENDAR_ID = "calendarId";

  /** Local input of {@link #JOB_RESOLVE_RECIPIENTS}: {@code policy.id}. */
  public static final String VAR_POLICY_ID = "policyId";

  // ---- outputs
  /** {@link #OUTCOME_RESOLVED}, {@link #OUTCOME_EXHAUSTED} or {@link #OUTCOME_INVALID_POLICY}. */
  public static final String VAR_OUTCOME = "escalationOutcome";

  /** Who acknowledged last (the acknowledgement message's variable). */
  public static final String VAR_ACKNOWLEDGED_BY = "acknowledgedBy";

  /** The level that was being paged when the acknowledgement came. */
  public static final String VAR_ACKNOWLEDGED_LEVEL = "acknowledgedLevel";

  /** The round that was being paged when the acknowledgement came. */
  public static final String VAR_ACKNOWLEDGED_ROUND = "acknowledgedRound";

  /** Why the policy was unusable ({@link #ERROR_INVALID_POLICY}'s variable). */
  public static final String VAR_ESCALATION_ERROR = "escalationError";

  // ---- elements (stable ids: the process tests and monitoring use them)
  public static final String STARTED = "EscalationStarted";

  /** Script task: {@link #VAR_REPAGES} = 0. */
  public static final String INIT_TASK = "InitEscalation";

  /** Merges the first paging and every re-page. */
  public static final String REPAGE_JOIN = "RepageJoin";

  /** Embedded subprocess running the policy's rounds and levels; the messages interrupt it. */
  public static final String PAGING_SUBPROCESS = "Paging";

  public static final String PAGING_STARTED = "PagingStarted";
  public static final String FIRST_ROUND_TASK = "FirstRound";
  public static final String ROUND_JOIN = "RoundJoin";
  public static final String FIRST_LEVEL_TASK = "FirstLevel";
  public static final String LEVEL_JOIN = "LevelJoin";

  /** {@link #JOB_CHECK_BUSINESS_HOURS}. */
  public static final String CHECK_BUSINESS_HOURS_TASK = "CheckBusinessHours";

  /** Exclusive gateway on {@link #VAR_WAIT_UNTIL}. */
  public static final String BUSINESS_HOURS_GATEWAY = "BusinessHoursGateway";

  /** Timer (date {@link #VAR_WAIT_UNTIL}) until working time starts. */
  public static final String WAIT_FOR_BUSINESS_HOURS = "WaitForBusinessHours";

  public static final String BUSINESS_HOURS_JOIN = "BusinessHoursJoin";

  /** {@link #JOB_RESOLVE_RECIPIENTS}. */
  public static final String RESOLVE_RECIPIENTS_TASK = "ResolveRecipients";

  /**
   * Script task: {@link #VAR_BATCHES} from {@link #VAR_RECIPIENTS} and the level's {@code
   * roundRobin}.
   */
  public static final String PLAN_BATCHES_TASK = "PlanBatches";

  /** Nobody on call at this level: straight to the next level. */
  public static final String ANYONE_GATEWAY = "AnyoneGateway";

  public static final String FIRST_BATCH_TASK = "FirstBatch";
  public static final String BATCH_JOIN = "BatchJoin";

  /** {@link #JOB_NOTIFY}. */
  public static final String NOTIFY_TASK = "Notify";

  /** Timer: the level's {@code acknowledgeWithin} after each notification. */
  public static final String ACKNOWLEDGEMENT_DUE = "AcknowledgementDue";

  public static final String MORE_BATCHES_GATEWAY = "MoreBatchesGateway";
  public static final String NEXT_BATCH_TASK = "NextBatch";
  public static final String MORE_LEVELS_GATEWAY = "MoreLevelsGateway";
  public static final String NEXT_LEVEL_TASK = "NextLevel";
  public static final String MORE_ROUNDS_GATEWAY = "MoreRoundsGateway";
  public static final String NEXT_ROUND_TASK = "NextRound";

  /** End of the paging subprocess when every round passed without an acknowledgement. */
  public static final String PAGING_DONE = "PagingDone";

  /** End event: {@link #OUTCOME_EXHAUSTED}. */
  public static final String EXHAUSTED = "Exhausted";

  /** Interrupting message boundary event ({@link #MESSAGE_ACKNOWLEDGED}) on the paging. */
  public static final String ACKNOWLEDGED_EVENT = "Acknowledged";

  /** Interrupting message boundary event ({@link #MESSAGE_RESOLVED}) on the paging. */
  public static final String RESOLVED_WHILE_PAGING = "ResolvedWhilePaging";

  /** Interrupting error boundary event ({@link #ERROR_INVALID_POLICY}) on the paging. */
  public static final String INVALID_POLICY_EVENT = "InvalidPolicyRaised";

  /** End event: {@link #OUTCOME_INVALID_POLICY}. */
  public static final String INVALID_POLICY = "InvalidPolicy";

  /** After an acknowledgement: does the policy re-page an unresolved incident? */
  public static final String REPAGE_GATEWAY = "RepageGateway";

  /** Event-based gateway: resolved, or {@code policy.repageAfter} passed. */
  public static final String AWAIT_RESOLUTION_GATEWAY = "AwaitResolution";

  public static final String NOT_RESOLVED_IN_TIME = "NotResolvedInTime";

  /** Script task: {@link #VAR_REPAGES} + 1, then the paging starts again. */
  public static final String COUNT_REPAGE_TASK = "CountRepage";

  public static final String RESOLVED_AFTER_ACKNOWLEDGEMENT = "ResolvedAfterAcknowledgement";

  /** Without re-paging: waits for the resolution only. */
  public static final String WAIT_FOR_RESOLUTION = "WaitForResolution";

  public static final String RESOLVED_JOIN = "ResolvedJoin";

  /** End event: {@link #OUTCOME_RESOLVED}. */
  public static final String RESOLVED = "Resolved";

  private OnCallEscalationProcess() {}
}
