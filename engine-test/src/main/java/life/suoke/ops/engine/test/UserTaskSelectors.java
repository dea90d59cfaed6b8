package life.suoke.ops.engine.test;

import io.camunda.client.api.response.ProcessInstanceEvent;
import java.util.Objects;

/** The usual {@link UserTaskSelector}s, named as in Camunda Process Test. */
public final class UserTaskSelectors {

  private UserTaskSelectors() {}

  /**
   * The user task of the BPMN element with this id, in any process instance. The engine of a test
   * class is shared by all its tests, so prefer {@link #byElementId(String, long)} when more than
   * one instance may have the task; otherwise the task created last is used.
   */
  public static UserTaskSelector byElementId(String elementId) {
    Objects.requireNonNull(elementId, "elementId");
    return selector("elementId: " + elementId, task -> elementId.equals(task.elementId()));
  }

  /** The user task of the BPMN element with this id, in the given process instance. */
  public static UserTaskSelector byElementId(String elementId, long processInstanceKey) {
    Objects.requireNonNull(elementId, "elementId");
    return selector(
        "elementId: " + elementId + ", processInstanceKey: " + processInstanceKey,
        task ->
            elementId.equals(task.elementId()) && task.processInstanceKey() == processInstanceKey);
  }

  /** The user task of the BPMN element with this id, in the given process instance. */
  public static UserTaskSelector byElementId(
      String elementId, ProcessInstanceEvent processInstance) {
    return byElementId(elementId, processInstance.getProcessInstanceKey());
  }

  /** The user task whose BPMN element has this name, in any process instance. */
  public static UserTaskSelector byTaskName(String taskName) {
    Objects.requireNonNull(taskName, "taskName");
    return selector("name: " + taskName, task -> taskName.equals(task.name()));
  }

  /** The user task whose BPMN element has this name, in the given process instance. */
  public static UserTaskSelector byTaskName(String taskName, long processInstanceKey) {
    Objects.requireNonNull(taskName, "taskName");
    return selector(
        "name: " + taskName + ", processInstanceKey: " + processInstanceKey,
        task -> taskName.equals(task.name()) && task.processInstanceKey() == processInstanceKey);
  }

  /** A user task of the given process instance (the one created last, if it has several). */
  public static UserTaskSelector byProcessInstanceKey(long processInstanceKey) {
    return selector(
        "processInstanceKey: " + processInstanceKey,
        task -> task.processInstanceKey() == processInstanceKey);
  }

  /** The user task with this key. */
  public static UserTaskSelector byKey(long userTaskKey) {
    return selector("userTaskKey: " + userTaskKey, task -> task.userTaskKey() == userTaskKey);
  }

  private static UserTaskSelector selector(
      String description, java.util.function.Predicate<UserTaskSnapshot> predicate) {
    return new UserTaskSelector() {
      @Override
      public boolean test(UserTaskSnapshot userTask) {
        return predicate.test(userTask);
      }

      @Override
      public String describe() {
        return description;
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
