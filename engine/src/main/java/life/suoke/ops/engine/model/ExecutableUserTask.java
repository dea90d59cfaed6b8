package life.suoke.ops.engine.model;

import java.util.List;
import java.util.Map;

/** A Camunda user task ({@code zeebe:userTask}): the engine keeps the task itself. */
public final class ExecutableUserTask extends ExecutableActivity {

  private final UserTaskDefinition userTaskDefinition;
  private final Map<String, String> taskHeaders;
  private final List<TaskListener> taskListeners;

  ExecutableUserTask(
      String id,
      String name,
      UserTaskDefinition userTaskDefinition,
      Map<String, String> taskHeaders,
      List<TaskListener> taskListeners) {
    super(id, name, BpmnElementType.USER_TASK);
    this.userTaskDefinition = userTaskDefinition;
    this.taskHeaders = taskHeaders;
    this.taskListeners = List.copyOf(taskListeners);
  }

  /** Assignment, candidates, dates, priority and form of the task. */
  public UserTaskDefinition userTaskDefinition() {
    return userTaskDefinition;
  }

  /** The static {@code zeebe:taskHeaders} of the task, in modelling order (empty if none). */
  public Map<String, String> taskHeaders() {
    return taskHeaders;
  }

  /** The task listeners of one transition, in modelling order (the order they run in). */
  public List<TaskListener> taskListeners(TaskListener.EventType eventType) {
    return taskListeners.stream().filter(listener -> listener.eventType() == eventType).toList();
  }
}
