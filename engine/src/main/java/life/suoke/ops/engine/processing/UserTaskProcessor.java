package life.suoke.ops.engine.processing;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.UserTask;

/**
 * The lifecycle of Camunda user tasks: assignment, update, completion, and the end of a
 * cancellation. A transition with task listeners waits for them (see {@link TaskListenerBehavior});
 * the commands say whether the transition is still pending, so that their answer waits for its end.
 */
final class UserTaskProcessor {

  private final BpmnProcessor bpmn;

  UserTaskProcessor(BpmnProcessor bpmn) {
    this.bpmn = bpmn;
  }

  /** Whether the transition just begun waits for task listeners; if not, it is finished now. */
  private boolean transition(ProcessingContext ctx, long key) {
    if (bpmn.taskListeners().listenerPending(ctx, key)) {
      return true;
    }
    finishTransition(ctx, key);
    return false;
  }

  /** Finishes the task's transition in progress with its (corrected) record. */
  void finishTransition(ProcessingContext ctx, long key) {
    UserTask task = ctx.state().userTask(key);
    if (task == null || task.transition == null) {
      return;
    }
    Map<String, Object> value = new LinkedHashMap<>(task.transition);
    switch (task.state) {
      case CREATING -> {
        ctx.event(ValueType.USER_TASK, "CREATED", key, value);
        ElementInstance instance = ctx.state().elementInstance(task.elementInstanceKey);
        String assignee = instance == null ? "" : bpmn.initialAssignee(ctx, instance);
        if (!assignee.isEmpty() && ctx.state().userTask(key).assignee.isEmpty()) {
          Map<String, Object> assigned = userTaskValue(ctx.state().userTask(key));
          assigned.put("assignee", assignee);
          assigned.put("changedAttributes", List.of("assignee"));
          assigned.put("action", "assign");
          ctx.event(ValueType.USER_TASK, "ASSIGNING", key, assigned);
          transition(ctx, key);
        }
      }
      case ASSIGNING -> ctx.event(ValueType.USER_TASK, "ASSIGNED", key, value);
      case UPDATING -> ctx.event(ValueType.USER_TASK, "UPDATED", key, value);
      case COMPLETING -> {
        ctx.event(ValueType.USER_TASK, "COMPLETED", key, value);
        ElementInstance instance = ctx.state().elementInstance(task.elementInstanceKey);
        if (instance != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> variables =
              value.get("variables") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
          bpmn.complete(ctx, instance, variables);
        }
      }
      case CANCELING -> {
        ctx.event(ValueType.USER_TASK, "CANCELED", key, value);
        ElementInstance instance = ctx.state().elementInstance(task.elementInstanceKey);
        if (instance != null) {
          bpmn.continueTermination(ctx, instance); // the element waited for the canceling listeners
        }
        return; // no command waits for a cancellation
      }
      default -> {
        return;
      }
    }
    ctx.afterCommit(() -> bpmn.listener().userTaskTransitionEnded(key, null));
  }

  boolean assign(
      ProcessingContext ctx, long key, String assignee, boolean allowOverride, String action) {
    UserTask task = requireTask(ctx, key, "assign");
    if (!allowOverride && !task.assignee.isEmpty() && !task.assignee.equals(assignee)) {
      throw Rejection.invalidState(
          "Expected to assign user task with key '%d', but it is already assigned to a different user",
          key);
    }
    Map<String, Object> value = userTaskValue(task);
    value.put("assignee", assignee == null ? "" : assignee);
    value.put("changedAttributes", List.of("assignee"));
    value.put("action", action == null || action.isBlank() ? "assign" : action);
    ctx.event(ValueType.USER_TASK, "ASSIGNING", key, value);
    return transition(ctx, key);
  }

  boolean unassign(ProcessingContext ctx, long key, String action) {
    return assign(ctx, key, "", true, action == null || action.isBlank() ? "unassign" : action);
  }

  boolean update(ProcessingContext ctx, long key, Map<String, Object> changes, String action) {
    UserTask task = requireTask(ctx, key, "update");
    Map<String, Object> value = userTaskValue(task);
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, Object> change : changes.entrySet()) {
      Object v = change.getValue();
      switch (change.getKey()) {
        case "candidateGroups" -> {
          value.put("candidateGroupsList", stringList(key, "candidateGroups", v));
          changed.add("candidateGroupsList");
        }
        case "candidateUsers" -> {
          value.put("candidateUsersList", stringList(key, "candidateUsers", v));
          changed.add("candidateUsersList");
        }
        case "dueDate", "followUpDate" -> {
          value.put(change.getKey(), dateTime(key, change.getKey(), v));
          changed.add(change.getKey());
        }
        case "priority" -> {
          if (!(v instanceof Number n) || n.intValue() < 0 || n.intValue() > 100) {
            throw Rejection.invalidArgument(
                "Expected to update user task with key '%d', but priority must be an integer between 0 and 100, was '%s'",
                key, v);
          }
          value.put("priority", n.intValue());
          changed.add("priority");
        }
        default ->
            throw Rejection.invalidArgument(
                "Expected to update user task with key '%d', but attribute '%s' cannot be changed",
                key, change.getKey());
      }
    }
    value.put("changedAttributes", changed);
    value.put("action", action == null || action.isBlank() ? "update" : action);
    ctx.event(ValueType.USER_TASK, "UPDATING", key, value);
    return transition(ctx, key);
  }

  boolean complete(ProcessingContext ctx, long key, Map<String, Object> variables, String action) {
    UserTask task = requireTask(ctx, key, "complete");
    Map<String, Object> value = userTaskValue(task);
    value.put("variables", variables == null ? Map.of() : variables);
    value.put("action", action == null || action.isBlank() ? "complete" : action);
    ctx.event(ValueType.USER_TASK, "COMPLETING", key, value);
    return transition(ctx, key);
  }

  /**
   * Creates a user task: CREATING, its creating listeners, then CREATED (and the assignment of the
   * model's assignee).
   */
  void create(ProcessingContext ctx, long key, Map<String, Object> value) {
    ctx.event(ValueType.USER_TASK, "CREATING", key, value);
    transition(ctx, key);
  }

  private static UserTask requireTask(ProcessingContext ctx, long key, String action) {
    UserTask task = ctx.state().userTask(key);
    if (task == null) {
      throw Rejection.notFound(
          "Expected to %s user task with key '%d', but no such user task was found", action, key);
    }
    if (task.state != UserTask.State.CREATED) {
      throw Rejection.invalidState(
          "Expected to %s user task with key '%d', but it is in state '%s'",
          action, key, task.state.name());
    }
    return task;
  }

  private static List<String> stringList(long key, String field, Object value) {
    if (!(value instanceof List<?> list)) {
      throw Rejection.invalidArgument(
          "Expected to update user task with key '%d', but '%s' must be a list of strings",
          key, field);
    }
    List<String> result = new ArrayList<>();
    for (Object item : list) {
      result.add(String.valueOf(item));
    }
    return result;
  }

  private static String dateTime(long key, String field, Object value) {
    String text = value == null ? "" : value.toString();
    if (text.isEmpty()) {
      return "";
    }
    try {
      return OffsetDateTime.parse(text).toString();
    } catch (DateTimeParseException e) {
      throw Rejection.invalidArgument(
          "Expected to update user task with key '%d', but '%s' is not an ISO 8601 date-time: '%s'",
          key, field, text);
    }
  }

  static Map<String, Object> userTaskValue(UserTask task) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("userTaskKey", task.key);
    value.put("assignee", task.assignee);
    value.put("candidateGroupsList", task.candidateGroups);
    value.put("candidateUsersList", task.candidateUsers);
    value.put("dueDate", task.dueDate);
    value.put("followUpDate", task.followUpDate);
    value.put("priority", task.priority);
    value.put("formKey", task.formDefinitionKey);
    value.put("externalFormReference", task.externalFormReference);
    value.put("elementId", task.elementId);
    value.put("elementName", task.elementName);
    value.put("elementInstanceKey", task.elementInstanceKey);
    value.put("bpmnProcessId", task.bpmnProcessId);
    value.put("processDefinitionVersion", task.processDefinitionVersion);
    value.put("processDefinitionKey", task.processDefinitionKey);
    value.put("processInstanceKey", task.processInstanceKey);
    value.put("tenantId", task.tenantId);
    value.put("creationTimestamp", task.creationTime);
    value.put("changedAttributes", List.of());
    value.put("action", "");
    value.put("variables", Map.of());
    return value;
  }
}
