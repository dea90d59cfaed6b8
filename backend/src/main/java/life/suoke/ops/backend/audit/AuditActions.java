package life.suoke.ops.backend.audit;

/**
 * The action names of human audit events (engine records are audited as {@code
 * <VALUE_TYPE>.<INTENT>}, e.g. {@code PROCESS_INSTANCE.ELEMENT_COMPLETED}).
 */
public final class AuditActions {

  public static final String SIGN_IN = "auth.sign-in";
  public static final String SIGN_IN_FAILED = "auth.sign-in-failed";
  public static final String SIGN_IN_THROTTLED = "auth.sign-in-throttled";
  public static final String SIGN_OUT = "auth.sign-out";

  public static final String TASK_CLAIM = "task.claim";
  public static final String TASK_UNCLAIM = "task.unclaim";
  public static final String TASK_ASSIGN = "task.assign";
  public static final String TASK_COMPLETE = "task.complete";

  public static final String USER_CREATE = "user.create";
  public static final String USER_UPDATE = "user.update";
  public static final String USER_DELETE = "user.delete";
  public static final String GROUP_CREATE = "group.create";
  public static final String GROUP_UPDATE = "group.update";
  public static final String GROUP_DELETE = "group.delete";

  public static final String PROCESS_DEPLOY = "process.deploy";
  public static final String PROCESS_INSTANCE_START = "process-instance.start";
  public static final String PROCESS_INSTANCE_CANCEL = "process-instance.cancel";
  public static final String CONFIGURATION_CHANGE = "configuration.change";

  public static final String AUDIT_SEARCH = "audit.search";
  public static final String AUDIT_EXPORT = "audit.export";
  public static final String AUDIT_VERIFY = "audit.verify";

  private AuditActions() {}
}
