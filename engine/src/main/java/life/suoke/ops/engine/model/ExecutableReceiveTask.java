package life.suoke.ops.engine.model;

/** A receive task: it waits for its message (it is not an event: {@code UNSPECIFIED}). */
public final class ExecutableReceiveTask extends ExecutableActivity {

  private final MessageDefinition messageDefinition;

  ExecutableReceiveTask(String id, String name, MessageDefinition messageDefinition) {
    super(id, name, BpmnElementType.RECEIVE_TASK);
    this.messageDefinition = messageDefinition;
  }

  /** The message the task waits for: its name and correlation key. */
  public MessageDefinition messageDefinition() {
    return messageDefinition;
  }
}
