package life.suoke.ops.engine.model;

/**
 * A user task listener ({@code zeebe:taskListener}) of a Camunda user task: a job of kind {@code
 * TASK_LISTENER} created when the task enters the listener's lifecycle transition.
 */
public record TaskListener(EventType eventType, Expression type, Expression retries) {

  /**
   * The transition the listener runs in; the names are Zeebe's {@code jobListenerEventType} values.
   */
  public enum EventType {
    CREATING,
    ASSIGNING,
    UPDATING,
    COMPLETING,
    CANCELING
  }
}
