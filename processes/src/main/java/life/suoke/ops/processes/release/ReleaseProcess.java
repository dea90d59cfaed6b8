package life.suoke.ops.processes.release;

/**
 * Element ids, job types, messages and variables of {@code release/release.bpmn}: a release of a
 * new version of a service, inside an approved change. Plan, prepare the environment, deploy the
 * new version, verify it functionally (HTTP smoke probes) and check its performance, then shift
 * traffic step by step as the strategy's steps say ({@link ReleaseStrategy}; one multi-instance
 * subprocess runs every strategy), analysing each step; confirm and record the outcome.
 *
 * <p>A failed verification or analysis, or a person's roll-back, throws compensation: every step
 * taken is undone (traffic back to the stable version, the new version scaled down), the outcome is
 * recorded as backed out and an incident is opened on the service. An inconclusive analysis, a
 * manual pause step or a person's pause waits for a person's decision (promote or roll back).
 *
 * <p>Messages are correlated by {@link #VAR_RELEASE_ID}: {@link #MESSAGE_PAUSE}, {@link
 * #MESSAGE_PROMOTE} and {@link #MESSAGE_ROLLBACK} are caught while a step waits out its pause;
 * {@link #MESSAGE_ROLLBACK} also while the previous version is kept after the switch.
 */
public final class ReleaseProcess {

  public static final String RESOURCE = "release/release.bpmn";
  public static final String DECIDE_FORM = "release/release-decide.form";
  public static final String PROCESS_ID = "release";

  // elements
  public static final String START = "ReleaseRequested";
  public static final String PLAN_TASK = "PlanRelease";
  public static final String PLAN_ACCEPTED_GATEWAY = "PlanAccepted";
  public static final String RECORD_REFUSED_TASK = "RecordRefused";
  public static final String REFUSED = "ReleaseRefused";
  public static final String PREPARE_TASK = "PrepareEnvironment";
  public static final String DEPLOY_TASK = "DeployNewVersion";
  public static final String DEPLOY_UNDO = "DeployUndo";
  public static final String SCALE_DOWN_TASK = "ScaleDownNewVersion";
  public static final String VERIFY_TASK = "VerifyFunctions";
  public static final String PERFORMANCE_TASK = "CheckPerformance";
  public static final String VERIFIED_GATEWAY = "Verified";
  public static final String SHIFT_TRAFFIC = "ShiftTraffic";
  public static final String STEP_START = "StepStarted";
  public static final String APPLY_STEP_TASK = "ApplyStep";
  public static final String APPLY_STEP_UNDO = "ApplyStepUndo";
  public static final String RESTORE_TRAFFIC_TASK = "RestoreTraffic";
  public static final String MANUAL_GATEWAY = "ManualStep";
  public static final String WAIT_GATEWAY = "StepWait";
  public static final String PAUSE_OVER = "StepPauseOver";
  public static final String PAUSE_REQUESTED = "PauseRequested";
  public static final String PROMOTE_REQUESTED = "PromoteRequested";
  public static final String ROLLBACK_REQUESTED = "RollbackRequested";
  public static final String ANALYSE_TASK = "AnalyseStep";
  public static final String VERDICT_GATEWAY = "StepVerdict";
  public static final String DECIDE_TASK = "DecideStep";
  public static final String DECISION_GATEWAY = "StepDecision";
  public static final String STEP_DONE = "StepDone";
  public static final String STEP_ROLLED_BACK = "StepRolledBack";
  public static final String ROLLED_BACK_GATEWAY = "RolledBack";
  public static final String UNDO_RELEASE = "UndoRelease";
  public static final String RECORD_BACKED_OUT_TASK = "RecordBackedOut";
  public static final String BACKED_OUT = "ReleaseBackedOut";
  public static final String CONFIRM_TASK = "ConfirmRelease";
  public static final String KEEP_PREVIOUS_GATEWAY = "KeepPrevious";
  public static final String KEEP_PREVIOUS_OVER = "KeepPreviousOver";
  public static final String LATE_ROLLBACK = "LateRollbackRequested";
  public static final String RETIRE_PREVIOUS_TASK = "RetirePrevious";
  public static final String RECORD_PROMOTED_TASK = "RecordPromoted";
  public static final String PROMOTED = "ReleasePromoted";

  // job types
  public static final String JOB_PLAN = "release.plan";
  public static final String JOB_PREPARE = "release.prepare";
  public static final String JOB_DEPLOY = "release.deploy";
  public static final String JOB_SCALE_DOWN = "release.scale-down";
  public static final String JOB_VERIFY = "release.verify";
  public static final String JOB_ANALYSE = "release.analyse";
  public static final String JOB_APPLY_STEP = "release.apply-step";
  public static final String JOB_RESTORE_TRAFFIC = "release.restore-traffic";
  public static final String JOB_CONFIRM = "release.confirm";
  public static final String JOB_RETIRE_PREVIOUS = "release.retire-previous";
  public static final String JOB_OUTCOME = "release.outcome";

  /** Task header of {@link #JOB_OUTCOME}: promoted, backed-out or refused. */
  public static final String HEADER_OUTCOME = "outcome";

  /** Task header of {@link #JOB_ANALYSE}: performance (before the traffic shift) or step. */
  public static final String HEADER_PHASE = "phase";

  public static final String OUTCOME_PROMOTED = "promoted";
  public static final String OUTCOME_BACKED_OUT = "backed-out";
  public static final String OUTCOME_REFUSED = "refused";

  // messages (correlation key: releaseId)
  public static final String MESSAGE_PAUSE = "release-pause";
  public static final String MESSAGE_PROMOTE = "release-promote";
  public static final String MESSAGE_ROLLBACK = "release-rollback";

  /** The group offered the decision tasks. */
  public static final String GROUP_RELEASE_MANAGERS = "release-managers";

  // variables
  public static final String VAR_RELEASE_ID = "releaseId";
  public static final String VAR_SERVICE = "service";
  public static final String VAR_CHANGE_ID = "changeId";

  /** The strategy as given (a map: type and its parameters, see {@link ReleaseStrategy}). */
  public static final String VAR_STRATEGY = "strategy";

  /**
   * The steps the plan expanded the strategy into (a list of maps, see {@link ReleaseStrategy}).
   */
  public static final String VAR_STEPS = "steps";

  public static final String VAR_STEP = "step";
  public static final String VAR_PLAN_ACCEPTED = "planAccepted";
  public static final String VAR_VERIFICATION_PASSED = "verificationPassed";
  public static final String VAR_PERFORMANCE_VERDICT = "performanceVerdict";

  /** Analysis verdict: Successful, Failed or Inconclusive. */
  public static final String VAR_VERDICT = "verdict";

  /** A person's decision on a waiting step: promote or rollback. */
  public static final String VAR_DECISION = "decision";

  public static final String VAR_ROLLBACK_REQUESTED = "rollbackRequested";

  /** One entry per step taken: promoted or rollback. */
  public static final String VAR_STEP_RESULTS = "stepResults";

  /** ISO 8601 duration the previous version is kept after the switch (PT0S when not). */
  public static final String VAR_KEEP_PREVIOUS = "keepPrevious";

  public static final String VERDICT_SUCCESSFUL = "Successful";
  public static final String VERDICT_FAILED = "Failed";
  public static final String VERDICT_INCONCLUSIVE = "Inconclusive";
  public static final String DECISION_PROMOTE = "promote";
  public static final String DECISION_ROLLBACK = "rollback";

  private ReleaseProcess() {}
}
