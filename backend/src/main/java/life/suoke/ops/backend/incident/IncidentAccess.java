package life.suoke.ops.backend.incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.Groups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may see and do what with incidents.
 *
 * <ul>
 *   <li>See every incident: the responder groups {@code tier1-oncall}, {@code tier2}, {@code
 *       tier3}, the incident managers, operators, administrators and auditors (auditors read only).
 *   <li>See one incident: its reporter, the members of its service's groups (its three tier groups
 *       and its manager group), its commander, communications lead, scribe and handler, and the
 *       people its service's escalation policy paged for it.
 *   <li>Manage one (re-classify, cancel, staff, pause its SLA clocks): its commander, its handler,
 *       the incident managers and the members of its manager group.
 *   <li>Ask for escalation: whoever manages it, the members of the groups paged for it or of its
 *       tier groups, and the people paged for it.
 * </ul>
 *
 * Auditors change nothing. Task actions (acknowledge, resolve, close, reopen) follow the task rules
 * of the inbox on top of these.
 */
@Component
public class IncidentAccess {

  /** The responder groups of incidents whose service the catalog does not know. */
  public static final String DEFAULT_TIER1 = "tier1-oncall";

  public static final String DEFAULT_TIER2 = "tier2";
  public static final String DEFAULT_TIER3 = "tier3";

  private final Set<String> seeAll;
  private final String managers;
  private final JdbcTemplate jdbc;

  public IncidentAccess(IncidentProperties properties, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.managers = properties.managerGroup();
    this.seeAll =
        Set.of(
            DEFAULT_TIER1,
            DEFAULT_TIER2,
            DEFAULT_TIER3,
            managers,
            Groups.OPERATORS,
            Groups.ADMINS,
            Groups.AUDITORS);
  }

  public boolean seesAll(CurrentUser user) {
    return user.inAnyGroup(seeAll);
  }

  public boolean visible(CurrentUser user, Incident incident) {
    return seesAll(user)
        || user.username().equals(incident.reporter())
        || user.inAnyGroup(incident.tierGroups())
        || user.inGroup(incident.managerGroup())
        || involved(user, incident)
        || paged(user, incident);
  }

  /** Paged for it by its service's escalation policy (see {@link IncidentResponders}). */
  private boolean paged(CurrentUser user, Incident incident) {
    Boolean paged =
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM incident_paged_user WHERE incident_number = ?"
                + " AND username = ?)",
            Boolean.class,
            incident.number(),
            user.username());
    return Boolean.TRUE.equals(paged);
  }

  /** Commander, communications lead, scribe or handler. */
  private static boolean involved(CurrentUser user, Incident incident) {
    String name = user.username();
    return name.equals(incident.commander())
        || name.equals(incident.communicationsLead())
        || name.equals(incident.scribe())
        || name.equals(incident.handler());
  }

  /** An incident manager, or a member of the incident's manager group. */
  public boolean manager(CurrentUser user, Incident incident) {
    return !user.isAuditor() && (user.inGroup(managers) || user.inGroup(incident.managerGroup()));
  }

  /** Commander, handler or manager: re-classify, cancel, staff, pause. */
  public boolean leads(CurrentUser user, Incident incident) {
    return !user.isAuditor()
        && (user.username().equals(incident.commander())
            || user.username().equals(incident.handler())
            || manager(user, incident));
  }

  /** May ask for the next tier. */
  public boolean responds(CurrentUser user, Incident incident) {
    return !user.isAuditor()
        && (leads(user, incident)
            || user.inAnyGroup(incident.tierGroups())
            || user.inAnyGroup(incident.pagedGroups())
            || paged(user, incident));
  }

  /** May add notes: whoever sees it, but auditors. */
  public boolean notes(CurrentUser user, Incident incident) {
    return !user.isAuditor() && visible(user, incident);
  }

  /**
   * The SQL condition (on table alias {@code i}) for the incidents the user sees, with its
   * arguments appended to {@code args}; null when the user sees every incident.
   */
  String visibleSql(CurrentUser user, List<Object> args) {
    if (seesAll(user)) {
      return null;
    }
    String[] groups = new ArrayList<>(new LinkedHashSet<>(user.groups())).toArray(String[]::new);
    String name = user.username();
    args.add(name);
    args.add(groups);
    args.add(groups);
    args.add(groups);
    args.add(groups);
    args.add(name);
    args.add(name);
    args.add(name);
    args.add(name);
    args.add(name);
    return "(i.reporter = ? OR i.tier1_group = ANY (?) OR i.tier2_group = ANY (?) OR i.tier3_group = ANY (?)"
        + " OR i.manager_group = ANY (?) OR i.commander = ? OR i.communications_lead = ? OR i.scribe = ?"
        + " OR i.handler = ? OR EXISTS (SELECT 1 FROM incident_paged_user p WHERE p.incident_number = i.number"
        + " AND p.username = ?))";
  }
}
