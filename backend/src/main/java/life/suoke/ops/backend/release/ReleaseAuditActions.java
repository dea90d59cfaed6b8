package life.suoke.ops.backend.release;

/** The audit trail's actions on releases (object type {@code release}, id the release's id). */
public final class ReleaseAuditActions {

  public static final String OBJECT_TYPE = "release";
  public static final String REQUEST = "release.request";
  public static final String PAUSE = "release.pause";
  public static final String PROMOTE = "release.promote";
  public static final String ROLLBACK = "release.rollback";
  public static final String OUTCOME = "release.outcome";

  private ReleaseAuditActions() {}
}
