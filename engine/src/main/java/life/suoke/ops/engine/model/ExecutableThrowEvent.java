package life.suoke.ops.engine.model;

/**
 * An intermediate throw or end event. Its {@link #eventType()} says which of its definitions it
 * has: the job of a {@code MESSAGE} event (a job worker publishes the message), the signal of a
 * {@code SIGNAL} event, and so on; the others are null. A {@code NONE} or {@code TERMINATE} event
 * has none.
 */
public final class ExecutableThrowEvent extends ExecutableElement {

  private JobDefinition jobDefinition;
  private SignalDefinition signalDefinition;
  private ErrorDefinition errorDefinition;
  private EscalationDefinition escalationDefinition;
  private String linkName;
  private ExecutableCatchEvent linkTarget;
  private String compensationActivityId;

  ExecutableThrowEvent(String id, String name, BpmnElementType type) {
    super(id, name, type);
  }

  /** The job of a {@code MESSAGE} throw or end event; null otherwise. */
  public JobDefinition jobDefinition() {
    return jobDefinition;
  }

  /** The signal a {@code SIGNAL} event broadcasts; null otherwise. */
  public SignalDefinition signalDefinition() {
    return signalDefinition;
  }

  /** The error an {@code ERROR} end event throws; null otherwise. */
  public ErrorDefinition errorDefinition() {
    return errorDefinition;
  }

  /** The escalation an {@code ESCALATION} event throws; null otherwise. */
  public EscalationDefinition escalationDefinition() {
    return escalationDefinition;
  }

  /** The name of a {@code LINK} throw event; null otherwise. */
  public String linkName() {
    return linkName;
  }

  /** For a {@code LINK} throw event: the link catch event it jumps to. */
  public ExecutableCatchEvent linkTarget() {
    return linkTarget;
  }

  /**
   * For a {@code COMPENSATION} event: the activity its {@code activityRef} names, or null: every
   * completed activity of its scope. Null for other events.
   */
  public String compensationActivityId() {
    return compensationActivityId;
  }

  void setJobDefinition(JobDefinition jobDefinition) {
    this.jobDefinition = jobDefinition;
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

  void setLinkTarget(ExecutableCatchEvent linkTarget) {
    this.linkTarget = linkTarget;
  }

  void setCompensationActivityId(String compensationActivityId) {
    this.compensationActivityId = compensationActivityId;
  }
}
