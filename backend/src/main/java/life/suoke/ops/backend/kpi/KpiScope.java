package life.suoke.ops.backend.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What a figure covers: incidents created in [from, to) (local days {@code firstDay} to {@code
 * lastDay} in {@code zone}), of these services (null: every service), of this team (the incident's
 * owner group; null: every team) and of this priority (null: every priority).
 */
public record KpiScope(
    LocalDate firstDay,
    LocalDate lastDay,
    ZoneId zone,
    List<String> services,
    String team,
    String priority) {

  public Instant from() {
    return firstDay.atStartOfDay(zone).toInstant();
  }

  public Instant to() {
    return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The same filters over other days. */
  public KpiScope days(LocalDate first, LocalDate last) {
    return new KpiScope(first, last, zone, services, team, priority);
  }
}
