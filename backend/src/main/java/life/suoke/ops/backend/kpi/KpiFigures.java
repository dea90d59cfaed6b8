package life.suoke.ops.backend.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The figures the KPI API answers; times in seconds, rates and ratios from 0 to 1 (null: nothing to
 * measure).
 */
public final class KpiFigures {

  private KpiFigures() {}

  /**
   * The incident figures of one group (a month, service, team or priority; {@code all} for the
   * whole scope). Cancelled incidents count only in {@code cancelled}.
   *
   * @param mttaSeconds mean time from creation to acknowledgement
   * @param mttrSeconds mean time from creation to resolution
   * @param timeToHandleSeconds mean time from creation to the first handler
   * @param escalationRate incidents that paged beyond tier 1, of all
   * @param slaAchievement met of met and breached SLA clocks (both targets)
   * @param csat the mean rating (1-5); {@code satisfied} counts ratings of 4 and 5
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Group(
      String key,
      long incidents,
      long cancelled,
      Map<String, Long> byPriority,
      long acknowledged,
      Double mttaSeconds,
      long resolved,
      Double mttrSeconds,
      long handled,
      Double timeToHandleSeconds,
      long escalated,
      Double escalationRate,
      long slaMet,
      long slaBreached,
      Double slaAchievement,
      long rated,
      Double csat,
      long satisfied) {}

  /**
   * SLA clocks of one priority and target: met, breached (stopped late, or running past the breach
   * time), running.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Sla(
      String priority, String target, long met, long breached, long running, Double achievement) {}

  /** Event reviews of the incidents in scope and their action items. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Reviews(
      long reviews,
      long closed,
      long published,
      long lateStarts,
      Double completionRate,
      long actionItems,
      long actionItemsDone,
      long actionItemsOpen,
      long actionItemsOverdue) {}

  /**
   * The pages a person got (sent pages of incidents in scope, by the time paged); night in the
   * calendar's zone.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record OnCall(String person, long pages, long nightPages, long incidents) {}

  /**
   * A service's availability in one month: outage minutes inside the month (full, and partial
   * beyond the full ones), downtime = full + partial x weight, over the minutes of the month
   * passed; the error budget is (1 - target) x the minutes of the whole month.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Availability(
      String service,
      String serviceClass,
      String team,
      String month,
      double periodMinutes,
      double fullOutageMinutes,
      double partialOutageMinutes,
      double downtimeMinutes,
      double availability,
      double target,
      boolean met,
      double budgetMinutes,
      double budgetLeftMinutes,
      double budgetLeftRatio,
      long incidents) {}

  /** The whole picture of a scope. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Summary(
      Period period,
      Group totals,
      List<Sla> sla,
      Reviews reviews,
      long pages,
      long nightPages,
      List<Availability> availability) {}

  /** The period a figure covers: local days in the zone, and the instants [from, to). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Period(String firstDay, String lastDay, String from, String to, String zone) {}

  /** One incident behind a figure. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record IncidentRow(
      String number,
      String title,
      String service,
      String team,
      String priority,
      String status,
      String createdAt,
      Long ackSeconds,
      Long resolveSeconds,
      Integer tier,
      Integer satisfaction,
      String outageKind,
      Double outageMinutes) {}

  /** A page of the incidents behind a figure. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record IncidentPage(
      String figure, long total, int page, int size, List<IncidentRow> items) {}
}
