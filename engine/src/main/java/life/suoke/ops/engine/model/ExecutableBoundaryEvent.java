package life.suoke.ops.engine.model;

/** A boundary event: a catch event attached to an activity. */
public final class ExecutableBoundaryEvent extends ExecutableCatchEvent {

  private final String attachedToId;
  private String compensationHandlerId;

  ExecutableBoundaryEvent(String id, String name, String attachedToId, boolean interrupting) {
    super(id, name, BpmnElementType.BOUNDARY_EVENT);
    this.attachedToId = attachedToId;
    setInterrupting(interrupting);
  }

  /** The id of the activity it is attached to. */
  public String attachedToId() {
    return attachedToId;
  }

  /**
   * For a compensation boundary event: the id of the compensation handler activity associated with
   * it (null if it has none); null for other boundary events.
   */
  public String compensationHandlerId() {
    return compensationHandlerId;
  }

  void setCompensationHandlerId(String compensationHandlerId) {
    this.compensationHandlerId = compensationHandlerId;
  }
}
