package life.suoke.ops.engine.model;

/**
 * A BPMN event: a catch event ({@link ExecutableCatchEvent}, {@link ExecutableBoundaryEvent}) or a
 * throw event ({@link ExecutableThrowEvent}). Its {@link #eventType()} says which definition it
 * has; what both sides share is here (the signal, error or escalation, and a link's name), what
 * only one side has is in its type. The definitions other than its own are null.
 */
public abstract sealed class ExecutableEvent extends ExecutableElement
    permits ExecutableCatchEvent, ExecutableThrowEvent {

  private SignalDefinition signalDefinition;
  private ErrorDefinition errorDefinition;
  private EscalationDefinition escalationDefinition;
  private String linkName;

  ExecutableEvent(String id, String name, BpmnElementType type) {
    super(id, name, type);
  }

  /** The signal a {@code SIGNAL} event catches or broadcasts; null otherwise. */
  public SignalDefinition signalDefinition() {
    return signalDefinition;
  }

  /**
   * The error an {@code ERROR} boundary or event subprocess start event catches, or an error end
   * event throws; null otherwise.
   */
  public ErrorDefinition errorDefinition() {
    return errorDefinition;
  }

  /** The escalation an {@code ESCALATION} event catches or throws; null otherwise. */
  public EscalationDefinition escalationDefinition() {
    return escalationDefinition;
  }

  /** The name of a {@code LINK} catch or throw event; null otherwise. */
  public String linkName() {
    return linkName;
  }

  void setSignalDefinition(SignalDefinition signalDefinition) {
    this.signalDefinition = signalDefinition;
  }

  void setErrorDefinition(ErrorDefinition errorDefinition) {
    this.errorDefinition = errorDefinition;
  }

  void setEscalationDefinition(EscalationDefinition escalationDefinition) {
    this.escalationDefinition = escalationDefinition;
  }

  void setLinkName(String linkName) {
    this.linkName = linkName;
  }
}
