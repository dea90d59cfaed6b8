package life.suoke.ops.engine.model;

import java.util.Map;

/**
 * {@code zeebe:taskDefinition} (type and retries, static or FEEL) and {@code zeebe:taskHeaders}.
 *
 * <p>For a job-worker user task (a user task without {@code zeebe:userTask}) the type is {@link
 * #USER_TASK_JOB_TYPE}, the retries are 1, and the assignment, schedule and form key travel as the
 * reserved headers below. A static value is already resolved into {@link #headers()}; a FEEL value
 * is in {@link #headerExpressions()} and is evaluated when the job is created (see {@code
 * FeelEvaluator.evaluateJobHeaders}). A linked form's key is found when the job is created too and
 * travels as {@link #FORM_KEY_HEADER}.
 *
 * @param headers static custom headers, in modelling order
 * @param headerExpressions reserved headers whose value is a FEEL expression, keyed by header name;
 *     empty for service and send tasks
 * @param linkedForm the deployed form a job-worker user task links to ({@code zeebe:formDefinition
 *     formId}), or null
 */
public record JobDefinition(
    Expression type,
    Expression retries,
    Map<String, String> headers,
    Map<String, Expression> headerExpressions,
    LinkedForm linkedForm) {

  /** The job type of a job-worker user task. */
  public static final String USER_TASK_JOB_TYPE = "io.camunda.zeebe:userTask";

  /** Header keys starting with this prefix are reserved for the engine. */
  public static final String RESERVED_HEADER_PREFIX = "io.camunda.zeebe:";

  public static final String ASSIGNEE_HEADER = "io.camunda.zeebe:assignee";

  /** A JSON list of strings, e.g. {@code ["sales","ops"]}. */
  public static final String CANDIDATE_GROUPS_HEADER = "io.camunda.zeebe:candidateGroups";

  /** A JSON list of strings, e.g. {@code ["anna","ben"]}. */
  public static final String CANDIDATE_USERS_HEADER = "io.camunda.zeebe:candidateUsers";

  public static final String DUE_DATE_HEADER = "io.camunda.zeebe:dueDate";
  public static final String FOLLOW_UP_DATE_HEADER = "io.camunda.zeebe:followUpDate";
  public static final String FORM_KEY_HEADER = "io.camunda.zeebe:formKey";

  public JobDefinition {
    headers = headers == null ? Map.of() : headers;
    headerExpressions = headerExpressions == null ? Map.of() : headerExpressions;
  }

  public JobDefinition(Expression type, Expression retries, Map<String, String> headers) {
    this(type, retries, headers, Map.of(), null);
  }
}
