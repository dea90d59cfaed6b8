package life.suoke.ops.backend.oncall.handover;

/**
 * The audit actions of handovers (object type {@link #OBJECT_TYPE}, id the record's id, business
 * key {@code HO-<id>}).
 */
public final class HandoverAuditActions {

  public static final String OBJECT_TYPE = "handover";

  /** Who acts for the application (starting, prefilling, escalating). */
  public static final String SYSTEM = "system";

  public static final String STARTED = "handover.start";
  public static final String PREFILLED = "handover.prefill";

  /** Actor: the outgoing person. */
  public static final String WRITTEN = "handover.write";

  /** Actor: the incoming person. */
  public static final String ACKNOWLEDGED = "handover.acknowledge";

  public static final String ESCALATED = "handover.escalate";

  private HandoverAuditActions() {}
}
