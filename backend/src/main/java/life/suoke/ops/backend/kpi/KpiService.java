package life.suoke.ops.backend.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.calendar.BusinessCalendar;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The KPIs of a scope: incident figures per group, SLA achievement, reviews, on-call load and
 * availability against the service class's target (core 99.9 %, agent 99.5 %, support 99.0 %).
 */
@Service
public class KpiService {

  /** The figures whose incidents the drill-down lists. */
  public static final List<String> FIGURES = KpiStore.FIGURES;

  /** The availability target of each service class. */
  public static final Map<String, Double> TARGETS =
      Map.of("core", 0.999, "agent", 0.995, "support", 0.99);

  private final KpiStore store;
  private final KpiProperties properties;
  private final JdbcTemplate jdbc;

  KpiService(KpiStore store, KpiProperties properties, JdbcTemplate jdbc) {
    this.store = store;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /** The zone that cuts months and nights: the configured business calendar's. */
  public ZoneId zone() {
    List<String> zones =
        jdbc.queryForList(
            "SELECT time_zone FROM business_calendar WHERE id = ?",
            String.class,
            properties.calendar());
    try {
      return zones.isEmpty() ? BusinessCalendar.DEFAULT_ZONE : ZoneId.of(zones.get(0));
    } catch (java.time.DateTimeException e) {
      return BusinessCalendar.DEFAULT_ZONE;
    }
  }

  /** Every service of the catalog and every service incidents name. */
  public List<String> allServices() {
    return jdbc.queryForList(
        "SELECT name FROM service UNION SELECT DISTINCT service FROM incident ORDER BY 1",
        String.class);
  }

  /** Every team: the owner groups of services and of incidents. */
  public List<String> allTeams() {
    return jdbc.queryForList(
        "SELECT owner_group FROM service UNION SELECT DISTINCT manager_group FROM incident"
            + " ORDER BY 1",
        String.class);
  }

  /** The owner groups of these services. */
  public List<String> teamsOf(List<String> services) {
    return jdbc.queryForList(
        "SELECT DISTINCT owner_group FROM service WHERE name = ANY (?) ORDER BY 1",
        String.class,
        (Object) services.toArray(String[]::new));
  }

  public KpiFigures.Summary summary(KpiScope scope) {
    List<KpiFigures.Group> all = store.groups(scope, KpiGroup.ALL);
    KpiFigures.Group totals = all.isEmpty() ? empty("all") : all.get(0);
    List<KpiFigures.OnCall> onCall = onCall(scope);
    return new KpiFigures.Summary(
        period(scope),
        totals,
        store.sla(scope),
        store.reviews(scope),
        onCall.stream().mapToLong(KpiFigures.OnCall::pages).sum(),
        onCall.stream().mapToLong(KpiFigures.OnCall::nightPages).sum(),
        availability(scope));
  }

  public List<KpiFigures.Group> breakdown(KpiScope scope, KpiGroup by) {
    return store.groups(scope, by);
  }

  public List<KpiFigures.Sla> sla(KpiScope scope) {
    return store.sla(scope);
  }

  public List<KpiFigures.OnCall> onCall(KpiScope scope) {
    return store.onCall(scope, properties.nightStartHour(), properties.nightEndHour());
  }

  public KpiFigures.Reviews reviews(KpiScope scope) {
    return store.reviews(scope);
  }

  /** Availability per service and month of the scope's days (whole months). */
  public List<KpiFigures.Availability> availability(KpiScope scope) {
    LocalDate first = YearMonth.from(scope.firstDay()).atDay(1);
    LocalDate last = YearMonth.from(scope.lastDay()).atDay(1);
    double weight = properties.partialOutageWeight();
    return store.outages(scope, first, last).stream()
        .map(
            row -> {
              double target = TARGETS.getOrDefault(row.serviceClass(), 0.99);
              double fullMinutes = row.fullSeconds() / 60.0;
              double partialMinutes = row.partialSeconds() / 60.0;
              double downtime = fullMinutes + partialMinutes * weight;
              double period = row.passedSeconds() / 60.0;
              double availability = period <= 0 ? 1.0 : Math.max(0, 1 - downtime / period);
              double budget = (1 - target) * row.monthSeconds() / 60.0;
              double left = budget - downtime;
              return new KpiFigures.Availability(
                  row.service(),
                  row.serviceClass(),
                  row.team(),
                  row.month(),
                  round(period),
                  round(fullMinutes),
                  round(partialMinutes),
                  round(downtime),
                  availability,
                  target,
                  availability >= target,
                  round(budget),
                  round(left),
                  budget <= 0 ? 0 : left / budget,
                  row.incidents());
            })
        .toList();
  }

  public KpiFigures.IncidentPage incidents(
      KpiScope scope, String figure, String target, int page, int size) {
    return store.incidents(scope, figure, target, page, size);
  }

  static KpiFigures.Period period(KpiScope scope) {
    return new KpiFigures.Period(
        scope.firstDay().toString(),
        scope.lastDay().toString(),
        scope.from().toString(),
        scope.to().toString(),
        scope.zone().getId());
  }

  static KpiFigures.Group empty(String key) {
    Map<String, Long> byPriority = new java.util.LinkedHashMap<>();
    KpiStore.PRIORITIES.forEach(p -> byPriority.put(p, 0L));
    return new KpiFigures.Group(
        key, 0, 0, byPriority, 0, null, 0, null, 0, null, 0, null, 0, 0, null, 0, null, 0);
  }

  private static double round(double minutes) {
    return Math.round(minutes * 100) / 100.0;
  }
}
