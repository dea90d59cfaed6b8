package life.suoke.ops.engine.model;

/**
 * A start, intermediate catch or boundary event ({@link ExecutableBoundaryEvent}). Its {@link
 * #eventType()} says which of its definitions it has: the timer of a {@code TIMER} event, the
 * message of a {@code MESSAGE} event, and so on; the others are null.
 */
public sealed class ExecutableCatchEvent extends ExecutableEvent permits ExecutableBoundaryEvent {

  private TimerDefinition timerDefinition;
  private MessageDefinition messageDefinition;
  private boolean interrupting = true;
  private String eventBasedGatewayId;

  ExecutableCatchEvent(String id, String name, BpmnElementType type) {
    super(id, name, type);
  }

  /** The timer of a {@code TIMER} event; null otherwise. */
  public TimerDefinition timerDefinition() {
    return timerDefinition;
  }

  /**
   * The message of a {@code MESSAGE} event (a process's message start event has a static name and
   * no correlation key); null otherwise.
   */
  public MessageDefinition messageDefinition() {
    return messageDefinition;
  }

  /**
   * For a boundary event: whether it interrupts (cancels) the activity when triggered, BPMN's
   * {@code cancelActivity}. For the start event of an event subprocess: BPMN's {@code
   * isInterrupting}. True unless the model says "false", and for every other catch event.
   */
  public boolean interrupting() {
    return interrupting;
  }

  /**
   * For an intermediate catch event that follows an event-based gateway: the id of the gateway
   * (whose only incoming flow leads to it, as Zeebe requires); null otherwise.
   */
  public String eventBasedGatewayId() {
    return eventBasedGatewayId;
  }

  void setTimerDefinition(TimerDefinition timerDefinition) {
    this.timerDefinition = timerDefinition;
  }

  void setMessageDefinition(MessageDefinition messageDefinition) {
    this.messageDefinition = messageDefinition;
  }

  void setInterrupting(boolean interrupting) {
    this.interrupting = interrupting;
  }

  void setEventBasedGatewayId(String eventBasedGatewayId) {
    this.eventBasedGatewayId = eventBasedGatewayId;
  }
}
