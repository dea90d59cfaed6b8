package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.integer;
import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;
import static life.suoke.ops.engine.state.SharedStrings.emptyShared;
import static life.suoke.ops.engine.state.SharedStrings.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.Values;
import life.suoke.ops.engine.record.intent.UserTaskIntent;

/** The appliers of USER_TASK events. */
final class UserTaskAppliers {

  private UserTaskAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> creating(e, s.userTasks, s.elementInstances), UserTaskIntent.CREATING);
    registry.register(
        (e, s) -> beginTransition(e, s.userTasks, UserTask.State.ASSIGNING),
        UserTaskIntent.ASSIGNING,
        UserTaskIntent.CLAIMING);
    registry.register(
        (e, s) -> beginTransition(e, s.userTasks, UserTask.State.UPDATING),
        UserTaskIntent.UPDATING);
    registry.register(
        (e, s) -> beginTransition(e, s.userTasks, UserTask.State.COMPLETING),
        UserTaskIntent.COMPLETING);
    registry.register(
        (e, s) -> beginTransition(e, s.userTasks, UserTask.State.CANCELING),
        UserTaskIntent.CANCELING);
    registry.register((e, s) -> corrected(e, s.userTasks), UserTaskIntent.CORRECTED);
    registry.register(
        (e, s) -> transitionEnded(e, s.userTasks),
        UserTaskIntent.CREATED,
        UserTaskIntent.ASSIGNED,
        UserTaskIntent.UPDATED);
    registry.register(
        (e, s) -> transitionDenied(e, s.userTasks),
        UserTaskIntent.ASSIGNMENT_DENIED,
        UserTaskIntent.UPDATE_DENIED,
        UserTaskIntent.COMPLETION_DENIED);
    registry.register(
        (e, s) -> ended(e, s.userTasks, s.elementInstances),
        UserTaskIntent.COMPLETED,
        UserTaskIntent.CANCELED);
    registry.register((e, s) -> migrated(e, s.userTasks), UserTaskIntent.MIGRATED);
  }

  /** A new task in its creating transition; it is its element instance's task. */
  static void creating(Record event, UserTaskState userTasks, ElementInstanceState instances) {
    Map<String, Object> v = event.value();
    UserTask task =
        new UserTask(
            event.key(),
            lng(v, "elementInstanceKey"),
            lng(v, "processInstanceKey"),
            lng(v, "processDefinitionKey"),
            shared(str(v, "bpmnProcessId")),
            integer(v, "processDefinitionVersion"),
            shared(str(v, "elementId")),
            shared(str(v, "elementName")),
            shared(str(v, "tenantId")),
            lng(v, "creationTimestamp"));
    userTasks.add(task, attributes(v), new LinkedHashMap<>(v));
    instances.userTaskCreated(task.elementInstanceKey, task.key);
  }

  /** The attributes a transition's record sets, with the strings many tasks share shared. */
  static UserTaskState.Attributes attributes(Map<String, Object> v) {
    return new UserTaskState.Attributes(
        shared(str(v, "assignee")),
        shared(Values.<String>list(v, "candidateGroupsList")),
        shared(Values.<String>list(v, "candidateUsersList")),
        emptyShared(str(v, "dueDate")),
        emptyShared(str(v, "followUpDate")),
        v.containsKey("priority") ? integer(v, "priority") : 50,
        lng(v, "formKey"),
        emptyShared(str(v, "externalFormReference")));
  }

  static void beginTransition(Record event, UserTaskState userTasks, UserTask.State state) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.beginTransition(task, state, new LinkedHashMap<>(event.value()));
    }
  }

  /** A task listener corrected the transition's record. */
  static void corrected(Record event, UserTaskState userTasks) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.correctTransition(task, new LinkedHashMap<>(event.value()));
    }
  }

  /** The transition ended with the (corrected) values of its record. */
  static void transitionEnded(Record event, UserTaskState userTasks) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.endTransition(task, attributes(event.value()));
    }
  }

  /** A task listener denied the transition: the task is back in the state before it. */
  static void transitionDenied(Record event, UserTaskState userTasks) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.denyTransition(task);
    }
  }

  /** The task completed or was canceled: it is no longer its element instance's task. */
  static void ended(Record event, UserTaskState userTasks, ElementInstanceState instances) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.remove(task.key);
      instances.userTaskEnded(task.elementInstanceKey, task.key);
    }
  }

  /** A process instance migration moved the task's element to another process. */
  static void migrated(Record event, UserTaskState userTasks) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      Map<String, Object> v = event.value();
      userTasks.migrate(
          task,
          lng(v, "processDefinitionKey"),
          str(v, "bpmnProcessId"),
          integer(v, "processDefinitionVersion"),
          str(v, "elementId"),
          v.containsKey("elementName") ? str(v, "elementName") : null);
    }
  }
}
