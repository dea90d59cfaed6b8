package life.suoke.ops.backend.identity;

import java.util.Map;

/**
 * The groups that mean a role everywhere. Every other group (tier1-oncall, tier2, cab, ...) is a
 * BPMN candidate group: its members see and act on the tasks offered to it.
 */
public final class Groups {

  /** Manage users and groups. */
  public static final String ADMINS = "admins";

  /** Read everything (tasks, audit trail, instances) and change nothing. */
  public static final String AUDITORS = "auditors";

  /** Deploy processes, decisions and forms. */
  public static final String PROCESS_DESIGNERS = "process-designers";

  /** Act on process instances (cancel, repair). */
  public static final String OPERATORS = "operators";

  /** The Spring Security role each of those groups carries ({@code hasRole("ADMIN")}, ...). */
  public static final Map<String, String> ROLES =
      Map.of(
          ADMINS, "ADMIN",
          AUDITORS, "AUDITOR",
          PROCESS_DESIGNERS, "DESIGNER",
          OPERATORS, "OPERATOR");

  private Groups() {}
}
