package life.suoke.ops.processes.change;

/**
 * Element ids, job types and variables of {@code change/change-information-request.bpmn}: a request
 * for information about a change is answered by the requested group within 4 hours (the plan's rule
 * for change information requests); otherwise it is escalated.
 */
public final class ChangeInformationRequestProcess {

  public static final String RESOURCE = "change/change-information-request.bpmn";
  public static final String PROCESS_ID = "change-information-request";

  /** The form of the answer task (variable {@code answer}). */
  public static final String ANSWER_FORM = "change-information-answer";

  public static final String ANSWER_FORM_RESOURCE = "change/change-information-answer.form";

  public static final String ANSWER_TASK = "AnswerInformationRequest";
  public static final String DEADLINE_PASSED = "AnswerDeadlinePassed";
  public static final String ESCALATE_TASK = "EscalateUnansweredRequest";
  public static final String ANSWERED = "Answered";
  public static final String ESCALATED = "Escalated";

  public static final String JOB_ESCALATE = "change-information-escalate";

  /** The group asked for the information (a candidate group of the answer task). */
  public static final String VAR_REQUESTED_FROM = "requestedFrom";

  private ChangeInformationRequestProcess() {}
}
