package life.suoke.ops.processes.oncall;

/**
 * Element ids, message and variables of {@code oncall/on-call-gap.bpmn}: a gap (nobody on call)
 * found in a schedule's next 14 days becomes a task for the team's managers (the team itself when
 * it has none); the task ends when the manager completes it, when the schedule no longer has the
 * gap (the backend publishes {@link #MESSAGE_COVERED}), or when the gap is over.
 */
public final class OnCallGapProcess {

  public static final String RESOURCE = "oncall/on-call-gap.bpmn";
  public static final String PROCESS_ID = "on-call-gap";

  public static final String GAP_FOUND = "GapFound";
  public static final String COVER_TASK = "CoverGap";
  public static final String HANDLED = "GapHandled";
  public static final String COVERED = "GapCovered";
  public static final String COVERED_END = "CoveredBySchedule";
  public static final String PASSED = "GapPassed";
  public static final String PASSED_END = "GapPassedUncovered";

  /**
   * Published by the backend when the schedule covers the gap; correlation key {@link
   * #VAR_GAP_KEY}.
   */
  public static final String MESSAGE_COVERED = "on-call-gap-covered";

  /** {@code <scheduleId>:<gap start epoch second>}: the gap's correlation key. */
  public static final String VAR_GAP_KEY = "gapKey";

  /** The gap's start (ISO date-time): the task's due date. */
  public static final String VAR_GAP_START = "gapStart";

  /** The gap's end (ISO date-time): the task ends by itself then. */
  public static final String VAR_GAP_END = "gapEnd";

  /** The team's managers: candidate users of the task. */
  public static final String VAR_MANAGERS = "managers";

  /** Candidate groups of the task: the team when it has no managers, else none. */
  public static final String VAR_CANDIDATE_GROUPS = "candidateGroups";

  public static final String VAR_SCHEDULE_ID = "scheduleId";
  public static final String VAR_SCHEDULE_NAME = "scheduleName";
  public static final String VAR_TEAM = "team";
  public static final String VAR_BUSINESS_KEY = "businessKey";

  private OnCallGapProcess() {}
}
