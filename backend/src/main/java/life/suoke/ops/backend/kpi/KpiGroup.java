package life.suoke.ops.backend.kpi;

import java.time.ZoneId;

/**
 * How the incident figures are grouped: not at all, by month (of creation, in the zone), service,
 * team or priority.
 */
public enum KpiGroup {
  ALL,
  MONTH,
  SERVICE,
  TEAM,
  PRIORITY;

  String sql(ZoneId zone) {
    return switch (this) {
      case ALL -> "'all'";
      case MONTH ->
          "to_char(i.created_at AT TIME ZONE '" + KpiStore.zoneName(zone) + "', 'YYYY-MM')";
      case SERVICE -> "i.service";
      case TEAM -> "i.manager_group";
      case PRIORITY -> "COALESCE(i.priority, 'none')";
    };
  }
}
