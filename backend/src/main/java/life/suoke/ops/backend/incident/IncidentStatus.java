package life.suoke.ops.backend.incident;

import java.util.List;

/** The statuses of an incident record. */
public final class IncidentStatus {

  /** Recorded; its process has not triaged it yet. */
  public static final String OPEN = "open";

  public static final String TRIAGED = "triaged";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String RESOLVED = "resolved";
  public static final String CLOSED = "closed";
  public static final String CANCELLED = "cancelled";

  public static final List<String> ALL =
      List.of(OPEN, TRIAGED, ACKNOWLEDGED, RESOLVED, CLOSED, CANCELLED);

  private IncidentStatus() {}
}
