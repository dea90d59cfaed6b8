package life.suoke.ops.processes.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables an {@code incident-management} instance starts with. The backend builds them when
 * an incident opens; the process tests build them the same way.
 *
 * @param severity critical, error, warning or info
 * @param serviceClass core, agent or support
 * @param source alert, report or heartbeat
 * @param reporter the reporting user, null for alerts
 * @param autoCloseAfter ISO 8601 duration after which an unconfirmed resolution closes (e.g. P3D)
 */
public record IncidentVariables(
    String incidentNumber,
    String title,
    String service,
    String serviceClass,
    String severity,
    int affectedUsers,
    boolean dataOrSafetyImpact,
    String source,
    String reporter,
    String tier1Group,
    String tier2Group,
    String tier3Group,
    String managerGroup,
    String autoCloseAfter) {

  /** The start variables: null values are left out; tier 1 is the first tier paged. */
  public Map<String, Object> toMap() {
    Map<String, Object> variables = new LinkedHashMap<>();
    put(variables, VAR_INCIDENT_NUMBER, incidentNumber);
    put(variables, VAR_TITLE, title);
    put(variables, VAR_SERVICE, service);
    put(variables, VAR_SERVICE_CLASS, serviceClass);
    put(variables, VAR_SEVERITY, severity);
    variables.put(VAR_AFFECTED_USERS, affectedUsers);
    variables.put(VAR_DATA_OR_SAFETY_IMPACT, dataOrSafetyImpact);
    put(variables, VAR_SOURCE, source);
    put(variables, VAR_REPORTER, reporter);
    put(variables, VAR_TIER1_GROUP, tier1Group);
    put(variables, VAR_TIER2_GROUP, tier2Group);
    put(variables, VAR_TIER3_GROUP, tier3Group);
    put(variables, VAR_MANAGER_GROUP, managerGroup);
    put(variables, VAR_AUTO_CLOSE_AFTER, autoCloseAfter);
    variables.put(VAR_TIER, 1);
    variables.put(VAR_PAGED_GROUPS, List.of(tier1Group));
    variables.put(VAR_ACKNOWLEDGED, false);
    return variables;
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
