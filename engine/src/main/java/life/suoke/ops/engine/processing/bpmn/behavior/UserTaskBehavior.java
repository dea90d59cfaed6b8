package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import life.suoke.ops.engine.api.JobResult;
import life.suoke.ops.engine.model.ExecutableUserTask;
import life.suoke.ops.engine.model.UserTaskDefinition;
import life.suoke.ops.engine.processing.EngineListener;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.UserTask;

/**
 * The lifecycle transitions of Camunda user tasks (CREATING, ASSIGNING, UPDATING, COMPLETING,
 * CANCELING) and how they end: each waits for its task listeners ({@link TaskListenerBehavior}
 * starts them one after the other; a listener's completion corrects or denies the transition), then
 * finishes (CREATED, ASSIGNED, UPDATED, COMPLETED, CANCELED) with what it leads to: the assignment
 * of the model's assignee, the completion of the element, the end of its termination.
 */
public final class UserTaskBehavior {

  private final ExpressionBehavior expressions;
  private final TaskListenerBehavior taskListeners;
  private final EngineListener listener;
  private final BpmnStateTransitions transitions;

  UserTaskBehavior(
      ExpressionBehavior expressions,
      TaskListenerBehavior taskListeners,
      EngineListener listener,
      BpmnStateTransitions transitions) {
    this.expressions = expressions;
    this.taskListeners = taskListeners;
    this.listener = listener;
    this.transitions = transitions;
  }

  /**
   * Creates a user task: CREATING, its creating listeners, then CREATED (and the assignment of the
   * model's assignee).
   */
  public void create(ProcessingContext ctx, long key, UserTaskValue value) {
    ctx.event(UserTaskIntent.CREATING, key, value);
    transition(ctx, key);
  }

  /** Whether the transition just begun waits for task listeners; if not, it is finished now. */
  public boolean transition(ProcessingContext ctx, long key) {
    if (taskListeners.listenerPending(ctx, key)) {
      return true;
    }
    finishTransition(ctx, key);
    return false;
  }

  /** Finishes the task's transition in progress with its (corrected) record. */
  public void finishTransition(ProcessingContext ctx, long key) {
    UserTask task = ctx.state().userTask(key);
    if (task == null || task.transition() == null) {
      return;
    }
    UserTaskValue value = task.transition();
    switch (task.state()) {
      case CREATING -> {
        ctx.event(UserTaskIntent.CREATED, key, value);
        ElementInstance instance = ctx.state().elementInstance(task.elementInstanceKey);
        String assignee = instance == null ? "" : initialAssignee(ctx, instance);
        if (!assignee.isEmpty() && ctx.state().userTask(key).assignee().isEmpty()) {
          UserTaskValue.Builder assigned = userTaskValue(ctx.state().userTask(key)).toBuilder();
          assigned.assignee = assignee;
          assigned.changedAttributes = List.of("assignee");
          assigned.action = "assign";
          ctx.event(UserTaskIntent.ASSIGNING, key, assigned.build());
          transition(ctx, key);
        }
      }
      case ASSIGNING -> ctx.event(UserTaskIntent.ASSIGNED, key, value);
      case UPDATING -> ctx.event(UserTaskIntent.UPDATED, key, value);
      case COMPLETING -> {
        ctx.event(UserTaskIntent.COMPLETED, key, value);
        ElementInstance instance = ctx.state().elementInstance(task.elementInstanceKey);
        if (instance != null) {
          transitions.complete(ctx, instance, value.variables());
        }
      }
      case CANCELING -> {
        ctx.event(UserTaskIntent.CANCELED, key, value);
        ElementInstance instance = ctx.state().elementInstance(task.elementInstanceKey);
        if (instance != null) {
          // the element waited for the canceling listeners
          transitions.continueTermination(ctx, instance);
        }
        return; // no command waits for a cancellation
      }
      default -> {
        return;
      }
    }
    ctx.afterCommit(() -> listener.userTaskTransitionEnded(key, null));
  }

  /**
   * A listener job was completed: the transition is corrected or denied, then the next listener or
   * the transition goes on.
   */
  public void listenerCompleted(ProcessingContext ctx, ElementInstance instance, JobResult result) {
    UserTask task =
        instance.userTaskKey() == -1 ? null : ctx.state().userTask(instance.userTaskKey());
    if (task == null || task.transition() == null) {
      return;
    }
    UserTaskValue record = task.transition();
    if (result != null && result.denied()) {
      Map<String, Object> command = record.toJson();
      command.put("deniedReason", result.deniedReason());
      ctx.command(UserTaskIntent.DENY_TASK_LISTENER, task.key, command);
      UserTaskIntent intent;
      String message;
      switch (task.state()) {
        case ASSIGNING -> {
          intent = UserTaskIntent.ASSIGNMENT_DENIED;
          message = "Assignment";
        }
        case UPDATING -> {
          intent = UserTaskIntent.UPDATE_DENIED;
          message = "Update";
        }
        default -> {
          intent = UserTaskIntent.COMPLETION_DENIED;
          message = "Completion";
        }
      }
      UserTaskValue.Builder persisted = userTaskValue(task).toBuilder();
      persisted.deniedReason = result.deniedReason();
      ctx.event(intent, task.key, persisted.build());
      Rejection rejection =
          new Rejection(
              RejectionType.INVALID_STATE,
              String.format(
                  "%s of the User Task with key '%d' was denied by Task Listener. Reason to deny: '%s'",
                  message, task.key, result.deniedReason()));
      long key = task.key;
      ctx.afterCommit(() -> listener.userTaskTransitionEnded(key, rejection));
      return;
    }
    List<String> corrected = new ArrayList<>();
    UserTaskValue.Builder correction = record.toBuilder();
    if (result != null) {
      Map<String, Object> before = record.toJson();
      for (Map.Entry<String, Object> change : result.corrections().entrySet()) {
        if (!Objects.equals(before.get(change.getKey()), change.getValue())) {
          correction.correct(change.getKey(), change.getValue());
          corrected.add(change.getKey());
        }
      }
    }
    ctx.command(UserTaskIntent.COMPLETE_TASK_LISTENER, task.key, correction.build().toJson());
    if (!corrected.isEmpty()) {
      List<String> changed = new ArrayList<>(record.changedAttributes());
      corrected.stream().filter(attribute -> !changed.contains(attribute)).forEach(changed::add);
      correction.changedAttributes = changed;
      ctx.event(UserTaskIntent.CORRECTED, task.key, correction.build());
    }
    if (!taskListeners.listenerPending(ctx, task.key)) {
      finishTransition(ctx, task.key);
    }
  }

  /**
   * Retries the listener whose type or retries expression failed, once its incident is resolved.
   */
  public void retryListener(ProcessingContext ctx, ElementInstance instance) {
    UserTask task =
        instance.userTaskKey() == -1 ? null : ctx.state().userTask(instance.userTaskKey());
    if (task != null
        && task.transition() != null
        && !taskListeners.listenerPending(ctx, task.key)) {
      finishTransition(ctx, task.key);
    }
  }

  /**
   * The assignee the model gives a user task, evaluated now; empty if none or if it cannot be
   * evaluated.
   */
  private String initialAssignee(ProcessingContext ctx, ElementInstance instance) {
    UserTaskDefinition definition = instance.element(ExecutableUserTask.class).userTaskDefinition();
    if (definition.assignee() == null) {
      return "";
    }
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> expressions.string(ctx.state(), definition.assignee(), instance.key))
        .orElse("");
  }

  /**
   * The user task of a terminated element is CANCELING, then CANCELED, as in Zeebe; with canceling
   * listeners it stays CANCELING until they are done (true). A command waiting for the task's other
   * listeners is rejected.
   */
  public boolean cancel(ProcessingContext ctx, ElementInstance instance) {
    UserTask task =
        instance.userTaskKey() == -1 ? null : ctx.state().userTask(instance.userTaskKey());
    if (task == null) {
      return false;
    }
    if (task.transition() != null && task.state() != UserTask.State.CREATING) {
      long taskKey = task.key; // a command waiting for the task's listeners gets no answer any more
      ctx.afterCommit(
          () ->
              listener.userTaskTransitionEnded(
                  taskKey,
                  new Rejection(
                      RejectionType.INVALID_STATE,
                      String.format(
                          "Expected to finish the transition of user task with key '%d', but it was canceled",
                          taskKey))));
    }
    UserTaskValue value = userTaskValue(task);
    ctx.event(UserTaskIntent.CANCELING, task.key, value);
    if (taskListeners.listenerPending(ctx, task.key)) {
      return true;
    }
    ctx.event(UserTaskIntent.CANCELED, task.key, value);
    return false;
  }

  /** The value of a user task's record, as the task is now: no change, action or variables. */
  public static UserTaskValue userTaskValue(UserTask task) {
    return new UserTaskValue(
        task.key,
        task.assignee(),
        task.candidateGroups(),
        task.candidateUsers(),
        task.dueDate(),
        task.followUpDate(),
        task.formDefinitionKey(),
        List.of(),
        Map.of(),
        "",
        task.externalFormReference(),
        task.processInstanceKey,
        task.elementInstanceKey,
        task.elementId(),
        task.elementName(),
        task.bpmnProcessId(),
        task.processDefinitionKey(),
        task.processDefinitionVersion(),
        task.tenantId,
        task.creationTime,
        task.priority(),
        null);
  }
}
