package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.state.SharedStrings.emptyShared;
import static life.suoke.ops.engine.state.SharedStrings.shared;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.value.UserTaskValue;

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
    UserTaskValue v = UserTaskValue.of(event);
    UserTask task =
        new UserTask(
            event.key(),
            v.elementInstanceKey(),
            v.processInstanceKey(),
            v.processDefinitionKey(),
            shared(v.bpmnProcessId()),
            v.processDefinitionVersion(),
            shared(v.elementId()),
            shared(v.elementName()),
            shared(v.tenantId()),
            v.creationTimestamp());
    userTasks.add(task, attributes(v), v);
    instances.userTaskCreated(task.elementInstanceKey, task.key);
  }

  /** The attributes a transition's record sets, with the strings many tasks share shared. */
  static UserTaskState.Attributes attributes(UserTaskValue v) {
    return new UserTaskState.Attributes(
        shared(v.assignee()),
        shared(v.candidateGroupsList()),
        shared(v.candidateUsersList()),
        emptyShared(v.dueDate()),
        emptyShared(v.followUpDate()),
        v.priority(),
        v.formKey(),
        emptyShared(v.externalFormReference()));
  }

  static void beginTransition(Record event, UserTaskState userTasks, UserTask.State state) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.beginTransition(task, state, UserTaskValue.of(event));
    }
  }

  /** A task listener corrected the transition's record. */
  static void corrected(Record event, UserTaskState userTasks) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.correctTransition(task, UserTaskValue.of(event));
    }
  }

  /** The transition ended with the (corrected) values of its record. */
  static void transitionEnded(Record event, UserTaskState userTasks) {
    UserTask task = userTasks.userTask(event.key());
    if (task != null) {
      userTasks.endTransition(task, attributes(UserTaskValue.of(event)));
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
      UserTaskValue v = UserTaskValue.of(event);
      userTasks.migrate(
          task,
          v.processDefinitionKey(),
          v.bpmnProcessId(),
          v.processDefinitionVersion(),
          v.elementId(),
          v.elementName());
    }
  }
}
