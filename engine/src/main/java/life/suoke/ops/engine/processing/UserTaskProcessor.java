package life.suoke.ops.engine.processing;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.processing.bpmn.behavior.UserTaskBehavior;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.state.UserTask;

/**
 * The commands on Camunda user tasks: assignment, update, completion, with Zeebe's checks. The
 * transition a command begins waits for its task listeners ({@link UserTaskBehavior}); the commands
 * say whether the transition is still pending, so that their answer waits for its end.
 */
final class UserTaskProcessor {

  private final UserTaskBehavior userTasks;

  UserTaskProcessor(UserTaskBehavior userTasks) {
    this.userTasks = userTasks;
  }

  boolean assign(
      ProcessingContext ctx, long key, String assignee, boolean allowOverride, String action) {
    UserTask task = requireTask(ctx, key, "assign");
    if (!allowOverride && !task.assignee().isEmpty() && !task.assignee().equals(assignee)) {
      throw Rejection.invalidState(
          "Expected to assign user task with key '%d', but it is already assigned to a different user",
          key);
    }
    UserTaskValue.Builder value = UserTaskBehavior.userTaskValue(task).toBuilder();
    value.assignee = assignee == null ? "" : assignee;
    value.changedAttributes = List.of("assignee");
    value.action = action == null || action.isBlank() ? "assign" : action;
    ctx.event(UserTaskIntent.ASSIGNING, key, value.build());
    return userTasks.transition(ctx, key);
  }

  boolean unassign(ProcessingContext ctx, long key, String action) {
    return assign(ctx, key, "", true, action == null || action.isBlank() ? "unassign" : action);
  }

  boolean update(ProcessingContext ctx, long key, Map<String, Object> changes, String action) {
    UserTask task = requireTask(ctx, key, "update");
    UserTaskValue.Builder value = UserTaskBehavior.userTaskValue(task).toBuilder();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, Object> change : changes.entrySet()) {
      Object v = change.getValue();
      switch (change.getKey()) {
        case "candidateGroups" -> {
          value.candidateGroupsList = stringList(key, "candidateGroups", v);
          changed.add("candidateGroupsList");
        }
        case "candidateUsers" -> {
          value.candidateUsersList = stringList(key, "candidateUsers", v);
          changed.add("candidateUsersList");
        }
        case "dueDate" -> {
          value.dueDate = dateTime(key, "dueDate", v);
          changed.add("dueDate");
        }
        case "followUpDate" -> {
          value.followUpDate = dateTime(key, "followUpDate", v);
          changed.add("followUpDate");
        }
        case "priority" -> {
          if (!(v instanceof Number n) || n.intValue() < 0 || n.intValue() > 100) {
            throw Rejection.invalidArgument(
                "Expected to update user task with key '%d', but priority must be an integer between 0 and 100, was '%s'",
                key, v);
          }
          value.priority = n.intValue();
          changed.add("priority");
        }
        default ->
            throw Rejection.invalidArgument(
                "Expected to update user task with key '%d', but attribute '%s' cannot be changed",
                key, change.getKey());
      }
    }
    value.changedAttributes = changed;
    value.action = action == null || action.isBlank() ? "update" : action;
    ctx.event(UserTaskIntent.UPDATING, key, value.build());
    return userTasks.transition(ctx, key);
  }

  boolean complete(ProcessingContext ctx, long key, Map<String, Object> variables, String action) {
    UserTask task = requireTask(ctx, key, "complete");
    UserTaskValue.Builder value = UserTaskBehavior.userTaskValue(task).toBuilder();
    value.variables = variables == null ? Map.of() : variables;
    value.action = action == null || action.isBlank() ? "complete" : action;
    ctx.event(UserTaskIntent.COMPLETING, key, value.build());
    return userTasks.transition(ctx, key);
  }

  private static UserTask requireTask(ProcessingContext ctx, long key, String action) {
    UserTask task = ctx.state().userTask(key);
    if (task == null) {
      throw Rejection.notFound(
          "Expected to %s user task with key '%d', but no such user task was found", action, key);
    }
    if (task.state() != UserTask.State.CREATED) {
      throw Rejection.invalidState(
          "Expected to %s user task with key '%d', but it is in state '%s'",
          action, key, task.state().name());
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
}
