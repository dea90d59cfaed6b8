package life.suoke.ops.backend.incident;

/**
 * The audit actions of incidents (object type {@code incident}, object id the number, business key
 * the number). Free texts (notes, reasons) are kept in {@code incident_note}; events name them by
 * {@code noteId} only.
 */
public final class IncidentAuditActions {

  public static final String OBJECT_TYPE = "incident";

  /** The actor of what the process and the application do by themselves. */
  public static final String SYSTEM = "system";

  public static final String OPEN = "incident.open";
  public static final String ACKNOWLEDGE = "incident.acknowledge";
  public static final String ESCALATE = "incident.escalate";
  public static final String PRIORITY = "incident.priority";
  public static final String NOTE = "incident.note";
  public static final String RESOLVE = "incident.resolve";
  public static final String CLOSE = "incident.close";

  /** The reporter's rating arrived with the confirm form (the inbox) and was kept. */
  public static final String RATED = "incident.rated";

  public static final String REOPEN = "incident.reopen";
  public static final String CANCEL = "incident.cancel";
  public static final String ROLES = "incident.roles";
  public static final String SLA_PAUSE = "incident.sla-pause";
  public static final String SLA_RESUME = "incident.sla-resume";

  /** The outage interval was set or cleared (details: start, end, kind). */
  public static final String OUTAGE = "incident.outage";

  public static final String STATUS = "incident.status";
  public static final String PAGE = "incident.page";
  public static final String ESCALATED = "incident.escalated";
  public static final String STATUS_REMINDER = "incident.status-reminder";
  public static final String REVIEW = "incident.review";
  public static final String ALERT_ACTIVITY = "incident.alert-activity";
  public static final String ALERT_RESOLVED = "incident.alert-resolved";
  public static final String SOURCE_ACKNOWLEDGED = "incident.source-acknowledged";
  public static final String DUPLICATE_INSTANCE_CANCELLED = "incident.duplicate-instance-cancelled";

  private IncidentAuditActions() {}
}
