package life.suoke.ops.backend.kpi;

import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.Groups;
import life.suoke.ops.backend.incident.IncidentProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may read which KPIs.
 *
 * <ul>
 *   <li>Every figure: the incident managers, auditors and administrators.
 *   <li>The figures of their own services: the members of a service's owner group or of one of its
 *       tier groups (the catalog's groups). Without a service filter their figures cover exactly
 *       those services; asking for another service, or for a team they are not in, is refused.
 *   <li>Everyone else: nothing (403).
 * </ul>
 */
@Component
public class KpiAccess {

  private final JdbcTemplate jdbc;
  private final Set<String> readAll;

  KpiAccess(JdbcTemplate jdbc, IncidentProperties incidents) {
    this.jdbc = jdbc;
    this.readAll = Set.of(incidents.managerGroup(), Groups.AUDITORS, Groups.ADMINS);
  }

  /** Whether the user reads every figure. */
  public boolean readsAll(CurrentUser user) {
    return user.inAnyGroup(readAll);
  }

  /**
   * The services whose figures the user reads: null for every service; never empty (403 instead).
   */
  public List<String> services(CurrentUser user) {
    if (readsAll(user)) {
      return null;
    }
    String[] groups = user.groups().toArray(String[]::new);
    List<String> own =
        jdbc.queryForList(
            "SELECT name FROM service WHERE owner_group = ANY (?) OR tier1_group = ANY (?)"
                + " OR tier2_group = ANY (?) OR tier3_group = ANY (?) ORDER BY name",
            String.class,
            groups,
            groups,
            groups,
            groups);
    if (own.isEmpty()) {
      throw ApiProblem.forbidden(
          "KPIs are for incident managers, auditors, administrators and the teams of a service.");
    }
    return own;
  }

  /**
   * The services a request covers: those asked for (400 when unknown, 403 when not the user's),
   * otherwise all the user may read.
   */
  public List<String> scope(CurrentUser user, String service) {
    List<String> allowed = services(user);
    if (service == null) {
      return allowed;
    }
    Integer known =
        jdbc.queryForObject("SELECT count(*) FROM service WHERE name = ?", Integer.class, service);
    Integer seen =
        jdbc.queryForObject(
            "SELECT count(*) FROM (SELECT 1 FROM incident WHERE service = ? LIMIT 1) s",
            Integer.class,
            service);
    if ((known == null || known == 0) && (seen == null || seen == 0)) {
      throw ApiProblem.badRequest("service", "is not a known service");
    }
    if (allowed != null && !allowed.contains(service)) {
      throw ApiProblem.forbidden("You may read the KPIs of your own services only.");
    }
    return List.of(service);
  }

  /**
   * The team filter: a known group (400), one of the user's when they do not read everything (403).
   */
  public String team(CurrentUser user, String team) {
    if (team == null) {
      return null;
    }
    Integer known =
        jdbc.queryForObject("SELECT count(*) FROM app_group WHERE name = ?", Integer.class, team);
    if (known == null || known == 0) {
      throw ApiProblem.badRequest("team", "is not a known group");
    }
    if (!readsAll(user) && !user.inGroup(team)) {
      throw ApiProblem.forbidden("You may read the KPIs of your own teams only.");
    }
    return team;
  }
}
