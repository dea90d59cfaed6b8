package life.suoke.ops.engine.model;

/**
 * An intermediate throw or end event. Its {@link #eventType()} says which of its definitions it
 * has: the job of a {@code MESSAGE} event (a job worker publishes the message), the signal of a
 * {@code SIGNAL} event, and so on; the others are null. A {@code NONE} or {@code TERMINATE} event
 * has none.
 */
public final class ExecutableThrowEvent extends ExecutableEvent {

  private JobDefinition jobDefinition;
  private ExecutableCatchEvent linkTarget;
  private String compensationActivityId;

  ExecutableThrowEvent(String id, String name, BpmnElementType type) {
    super(id, name, type);
  }

  /** The job of a {@code MESSAGE} throw or end event; null otherwise. */
  public JobDefinition jobDefinition() {
    return jobDefinition;
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

  void setLinkTarget(ExecutableCatchEvent linkTarget) {
    this.linkTarget = linkTarget;
  }

  void setCompensationActivityId(String compensationActivityId) {
    this.compensationActivityId = compensationActivityId;
  }
}
