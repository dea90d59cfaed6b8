package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.JobResult;
import life.suoke.ops.engine.model.ExecutableUserTask;
import life.suoke.ops.engine.model.TaskListener;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.Job;
import life.suoke.ops.engine.state.JsonValues;
import life.suoke.ops.engine.state.UserTask;

/**
 * User task listeners ({@code zeebe:taskListeners}), Zeebe's semantics: when a Camunda user task
 * enters a lifecycle transition (CREATING, ASSIGNING, UPDATING, COMPLETING, CANCELING), the
 * listeners of that transition run one after the other, each as a job of kind {@code
 * TASK_LISTENER}; the task stays in the intermediate state until the last one is completed, then
 * the transition finishes (CREATED, ASSIGNED, UPDATED, COMPLETED, CANCELED) with the corrections
 * the listeners made. A listener of an assigning, updating or completing transition can deny it:
 * the task goes back to CREATED (ASSIGNMENT_DENIED, UPDATE_DENIED, COMPLETION_DENIED) and the
 * command that started the transition is rejected. Canceling listeners run when the task's element
 * is terminated, which waits for them.
 *
 * <p>This behaviour starts the listeners (their jobs) and checks a listener job's result; what a
 * completed listener does to the transition is {@link UserTaskBehavior}'s. The record of the
 * transition in progress and the number of listener jobs created for it are kept by the user task's
 * state, derived from the USER_TASK and JOB events, so a restart goes on with the right listener.
 */
public final class TaskListenerBehavior {

  /** Corrections a listener can make, by the user task record's attribute names. */
  public static final List<String> CORRECTABLE =
      List.of(
          "assignee",
          "candidateGroupsList",
          "candidateUsersList",
          "dueDate",
          "followUpDate",
          "priority");

  private final ExpressionBehavior expressions;
  private final JobBehavior jobs;
  private final IncidentBehavior incidents;

  TaskListenerBehavior(
      ExpressionBehavior expressions, JobBehavior jobs, IncidentBehavior incidents) {
    this.expressions = expressions;
    this.jobs = jobs;
    this.incidents = incidents;
  }

  public static TaskListener.EventType eventType(UserTask.State state) {
    return switch (state) {
      case CREATING -> TaskListener.EventType.CREATING;
      case ASSIGNING -> TaskListener.EventType.ASSIGNING;
      case UPDATING -> TaskListener.EventType.UPDATING;
      case COMPLETING -> TaskListener.EventType.COMPLETING;
      default -> TaskListener.EventType.CANCELING;
    };
  }

  /**
   * Starts the next listener of the task's transition in progress; false if none is left (the
   * transition can finish). True means the transition waits (for the job, or on an incident).
   */
  public boolean listenerPending(ProcessingContext ctx, long userTaskKey) {
    UserTask task = ctx.state().userTask(userTaskKey);
    ElementInstance instance =
        task == null ? null : ctx.state().elementInstance(task.elementInstanceKey);
    if (instance == null || task.transition() == null) {
      return false;
    }
    List<TaskListener> listeners =
        instance.element(ExecutableUserTask.class).taskListeners(eventType(task.state()));
    if (task.taskListenerIndex() >= listeners.size()) {
      return false;
    }
    TaskListener next = listeners.get(task.taskListenerIndex());
    // a listener whose type or retries cannot be evaluated is an incident the transition waits on:
    // this is where that failure is received and raised
    Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () ->
                new JobBehavior.PlannedJob(
                    expressions.jobType(ctx.state(), next.type(), instance.key),
                    expressions.integer(ctx.state(), next.retries(), instance.key),
                    headers(instance.element(ExecutableUserTask.class), task)))
        .map(
            job -> {
              jobs.create(
                  ctx,
                  instance,
                  job.type(),
                  job.retries(),
                  job.headers(),
                  "TASK_LISTENER",
                  next.eventType().name());
              return null;
            })
        .ifFailure(failure -> incidents.raise(ctx, instance, failure));
    return true;
  }

  /** The task's headers and Zeebe's reserved user task headers (those with a value). */
  private static Map<String, String> headers(ExecutableUserTask element, UserTask task) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.putAll(element.taskHeaders());
    UserTaskValue t = task.transition();
    putText(headers, "io.camunda.zeebe:action", t.action());
    putText(headers, "io.camunda.zeebe:assignee", t.assignee());
    putList(headers, "io.camunda.zeebe:candidateGroups", t.candidateGroupsList());
    putList(headers, "io.camunda.zeebe:candidateUsers", t.candidateUsersList());
    putList(headers, "io.camunda.zeebe:changedAttributes", t.changedAttributes());
    putText(headers, "io.camunda.zeebe:dueDate", t.dueDate());
    putText(headers, "io.camunda.zeebe:followUpDate", t.followUpDate());
    if (t.formKey() > 0) {
      headers.put("io.camunda.zeebe:formKey", String.valueOf(t.formKey()));
    }
    headers.put("io.camunda.zeebe:priority", String.valueOf(t.priority()));
    headers.put("io.camunda.zeebe:userTaskKey", String.valueOf(task.key));
    return headers;
  }

  private static void putText(Map<String, String> headers, String name, String value) {
    if (!value.isEmpty()) {
      headers.put(name, value);
    }
  }

  private static void putList(Map<String, String> headers, String name, List<String> list) {
    if (!list.isEmpty()) {
      headers.put(name, JsonValues.write(list));
    }
  }

  /** Zeebe's checks of a task listener job's completion, before anything is written. */
  public void checkCompletion(
      ProcessingContext ctx, Job job, Map<String, Object> variables, JobResult result) {
    if (variables != null && !variables.isEmpty()) {
      throw new Rejection(
          RejectionType.INVALID_ARGUMENT,
          String.format(
              "Task Listener job completion with variables payload provided is not yet supported "
                  + "(job key '%d', type '%s', processInstanceKey '%d'). Support will be enabled with the resolution of issue #23702.",
              job.key, job.type, job.processInstanceKey));
    }
    if (result == null) {
      return;
    }
    if (result.denied()
        && !List.of("ASSIGNING", "COMPLETING", "UPDATING").contains(job.listenerEventType())) {
      throw new Rejection(
          RejectionType.INVALID_ARGUMENT,
          String.format(
              "Denying result is not supported for '%s' task listener jobs (job key '%d', type '%s', processInstanceKey '%d'). "
                  + "Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].",
              job.listenerEventType(), job.key, job.type, job.processInstanceKey));
    }
    if (result.denied() && !result.corrections().isEmpty()) {
      throw new Rejection(
          RejectionType.INVALID_ARGUMENT,
          String.format(
              "Expected to complete task listener job with corrections, but the job result is denied "
                  + "(job key '%d', type '%s', processInstanceKey '%d'). The corrections would be reverted by the denial. "
                  + "Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.",
              job.key, job.type, job.processInstanceKey));
    }
    for (String attribute : result.corrections().keySet()) {
      if (!CORRECTABLE.contains(attribute)) {
        throw new Rejection(
            RejectionType.INVALID_ARGUMENT,
            String.format(
                "Expected to complete task listener job with a corrections result, but property '%s' cannot be corrected "
                    + "(job key '%d', type '%s', processInstanceKey '%d'). Only the following properties can be corrected: %s.",
                attribute, job.key, job.type, job.processInstanceKey, CORRECTABLE));
      }
    }
    ElementInstance instance = ctx.state().elementInstance(job.elementInstanceKey);
    if ("CREATING".equals(job.listenerEventType())
        && result.corrections().containsKey("assignee")
        && instance != null
        && instance.element() instanceof ExecutableUserTask userTask
        && userTask.userTaskDefinition().assignee() != null) {
      throw new Rejection(
          RejectionType.INVALID_ARGUMENT,
          String.format(
              "Expected to complete task listener job, but correcting the assignee on 'CREATING' event is not supported "
                  + "when the user task has an assignee defined in the model (job key '%d', type '%s', processInstanceKey '%d'). "
                  + "Use the 'CREATING' event to set an assignee only if it was not defined. "
                  + "Use the 'ASSIGNING' event to correct an assignee that is already defined.",
              job.key, job.type, job.processInstanceKey));
    }
  }
}
