package life.suoke.ops.backend.change;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The KPIs of change management over a period (changes created in it): the success rate (closed
 * successful or successful with issues, of all closed), the change success score with ServiceNow's
 * weights (+3 successful, -2 with issues, -5 unsuccessful or backed out, -10 / -5 / -2 for a P1 /
 * P2 / P3 incident caused by the change; a P0 counts as a P1), per implementer team and in total,
 * the emergency change ratio and the lead time (request to close). The last 30 days are also
 * Micrometer gauges ({@code suoke.change.*}).
 */
@Service
public class ChangeKpi {

  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  ChangeKpi(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    Gauge.builder("suoke.change.success.rate", this, k -> k.recent().successRate())
        .description(
            "Share of changes closed successful (or with issues) among those closed, last 30 days")
        .register(registry);
    Gauge.builder("suoke.change.emergency.ratio", this, k -> k.recent().emergencyRatio())
        .description("Share of emergency changes among the changes requested, last 30 days")
        .register(registry);
    Gauge.builder("suoke.change.lead.time.hours", this, k -> k.recent().leadTimeHoursAverage())
        .description("Average hours from request to close, last 30 days")
        .register(registry);
    Gauge.builder("suoke.change.success.score", this, k -> k.recent().score())
        .description("Change success score (ServiceNow weights), last 30 days")
        .register(registry);
  }

  /** A team's score. */
  public record TeamScore(String team, int closed, int score) {}

  /** The KPIs of a period. */
  public record Kpis(
      Instant from,
      Instant to,
      int requested,
      int closed,
      int successful,
      int successfulWithIssues,
      int unsuccessful,
      int backedOut,
      int emergency,
      double successRate,
      double emergencyRatio,
      double leadTimeHoursAverage,
      double leadTimeHoursMedian,
      int score,
      Map<String, Integer> causedIncidents,
      List<TeamScore> teams) {}

  Kpis recent() {
    Instant now = clock.instant();
    return compute(now.minus(Duration.ofDays(30)), now);
  }

  public Kpis compute(Instant from, Instant to) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT number, change_type, implementer_group, close_code,"
                + " extract(epoch FROM (closed_at - created_at)) AS lead FROM change_request WHERE created_at >= ? AND created_at < ?",
            ChangeStore.ts(from),
            ChangeStore.ts(to));
    Map<String, int[]> teams = new LinkedHashMap<>();
    int requested = rows.size();
    int emergency = 0;
    int closed = 0;
    int[] codes = new int[4];
    List<Double> leads = new ArrayList<>();
    int score = 0;
    for (Map<String, Object> row : rows) {
      if ("emergency".equals(row.get("change_type"))) {
        emergency++;
      }
      String code = (String) row.get("close_code");
      int points = 0;
      if (code != null) {
        closed++;
        switch (code) {
          case "successful" -> {
            codes[0]++;
            points = 3;
          }
          case "successful-with-issues" -> {
            codes[1]++;
            points = -2;
          }
          case "unsuccessful" -> {
            codes[2]++;
            points = -5;
          }
          default -> {
            codes[3]++;
            points = -5;
          }
        }
        if (row.get("lead") != null) {
          leads.add(((Number) row.get("lead")).doubleValue() / 3600.0);
        }
      }
      score += points;
      int[] team = teams.computeIfAbsent((String) row.get("implementer_group"), k -> new int[2]);
      team[0] += code == null ? 0 : 1;
      team[1] += points;
    }
    Map<String, Integer> caused = new LinkedHashMap<>();
    List<Map<String, Object>> incidents =
        jdbc.queryForList(
            "SELECT c.implementer_group,"
                // the incident's priority now (a re-classification or a late classification counts)
                + " COALESCE(inc.priority, i.priority) AS priority FROM change_caused_incident i"
                + " JOIN change_request c ON c.number = i.change_number LEFT JOIN incident inc ON inc.number = i.incident_number WHERE c.created_at >= ? AND c.created_at < ?",
            ChangeStore.ts(from),
            ChangeStore.ts(to));
    for (Map<String, Object> incident : incidents) {
      String priority = (String) incident.get("priority");
      int penalty =
          switch (priority) {
            case "P0", "P1" -> -10;
            case "P2" -> -5;
            case "P3" -> -2;
            default -> 0;
          };
      caused.merge(priority, 1, Integer::sum);
      score += penalty;
      teams.computeIfAbsent((String) incident.get("implementer_group"), k -> new int[2])[1] +=
          penalty;
    }
    leads.sort(null);
    double average = leads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double median =
        leads.isEmpty()
            ? 0
            : leads.size() % 2 == 1
                ? leads.get(leads.size() / 2)
                : (leads.get(leads.size() / 2 - 1) + leads.get(leads.size() / 2)) / 2;
    List<TeamScore> teamScores = new ArrayList<>();
    teams.forEach((team, v) -> teamScores.add(new TeamScore(team, v[0], v[1])));
    teamScores.sort((a, b) -> Integer.compare(b.score(), a.score()));
    return new Kpis(
        from,
        to,
        requested,
        closed,
        codes[0],
        codes[1],
        codes[2],
        codes[3],
        emergency,
        closed == 0 ? 0 : round((codes[0] + codes[1]) / (double) closed),
        requested == 0 ? 0 : round(emergency / (double) requested),
        round(average),
        round(median),
        score,
        caused,
        teamScores);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
