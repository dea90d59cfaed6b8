package life.suoke.ops.backend.kpi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The KPIs of the current month (in the business calendar's zone) as Prometheus gauges, computed
 * afresh every {@code suoke.kpi.metrics-refresh}. Labels stay few: service, team, priority, target
 * (never a person or an incident). Served at {@code /actuator/prometheus}; {@code ops/grafana/}
 * holds a dashboard of them.
 */
@Component
public class KpiMetrics implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KpiMetrics.class);

  private final KpiService kpis;
  private final KpiProperties properties;
  private final List<Gauges> gauges = new ArrayList<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  KpiMetrics(KpiService kpis, KpiProperties properties, MeterRegistry registry) {
    this.kpis = kpis;
    this.properties = properties;
    Function<String, MultiGauge> gauge = name -> MultiGauge.builder(name).register(registry);
    gauges.add(
        new Gauges(
            gauge.apply("suoke.kpi.incidents"),
            "incidents of the month per service, team and priority"));
    gauges.add(
        new Gauges(
            MultiGauge.builder("suoke.kpi.mtta").baseUnit("seconds").register(registry), "mtta"));
    gauges.add(
        new Gauges(
            MultiGauge.builder("suoke.kpi.mttr").baseUnit("seconds").register(registry), "mttr"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.escalation.ratio"), "escalation"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.csat"), "csat"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.sla.achievement.ratio"), "sla"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.availability.ratio"), "availability"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.availability.target.ratio"), "target"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.error.budget.remaining.ratio"), "budget"));
    gauges.add(
        new Gauges(
            MultiGauge.builder("suoke.kpi.downtime").baseUnit("minutes").register(registry),
            "downtime"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.action.items.overdue"), "overdue"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.pages"), "pages"));
    gauges.add(new Gauges(gauge.apply("suoke.kpi.night.pages"), "night pages"));
  }

  private record Gauges(MultiGauge gauge, String what) {}

  /** Computes every gauge afresh. */
  public void refresh() {
    ZoneId zone = kpis.zone();
    LocalDate today = LocalDate.now(zone);
    KpiScope month = new KpiScope(YearMonth.from(today).atDay(1), today, zone, null, null, null);
    List<KpiFigures.Group> byService = kpis.breakdown(month, KpiGroup.SERVICE);
    List<KpiFigures.Group> byTeam = kpis.breakdown(month, KpiGroup.TEAM);
    List<MultiGauge.Row<?>> incidents = new ArrayList<>();
    for (KpiFigures.Group team : byTeam) {
      KpiScope ofTeam =
          new KpiScope(month.firstDay(), month.lastDay(), zone, null, team.key(), null);
      for (KpiFigures.Group service : kpis.breakdown(ofTeam, KpiGroup.SERVICE)) {
        service
            .byPriority()
            .forEach(
                (priority, count) ->
                    incidents.add(
                        MultiGauge.Row.of(
                            Tags.of(
                                "service", service.key(), "team", team.key(), "priority", priority),
                            count)));
      }
    }
    gauges.get(0).gauge().register(incidents, true);
    gauges.get(1).gauge().register(rows(byService, byTeam, KpiFigures.Group::mttaSeconds), true);
    gauges.get(2).gauge().register(rows(byService, byTeam, KpiFigures.Group::mttrSeconds), true);
    gauges.get(3).gauge().register(rows(byService, byTeam, KpiFigures.Group::escalationRate), true);
    gauges.get(4).gauge().register(rows(byService, byTeam, KpiFigures.Group::csat), true);
    List<MultiGauge.Row<?>> sla = new ArrayList<>();
    for (KpiFigures.Sla row : kpis.sla(month)) {
      if (row.achievement() != null) {
        sla.add(
            MultiGauge.Row.of(
                Tags.of("priority", row.priority(), "target", row.target()), row.achievement()));
      }
    }
    gauges.get(5).gauge().register(sla, true);
    List<KpiFigures.Availability> availability = kpis.availability(month);
    gauges
        .get(6)
        .gauge()
        .register(availability(availability, KpiFigures.Availability::availability), true);
    gauges
        .get(7)
        .gauge()
        .register(availability(availability, KpiFigures.Availability::target), true);
    gauges
        .get(8)
        .gauge()
        .register(availability(availability, KpiFigures.Availability::budgetLeftRatio), true);
    gauges
        .get(9)
        .gauge()
        .register(availability(availability, KpiFigures.Availability::downtimeMinutes), true);
    List<MultiGauge.Row<?>> overdue = new ArrayList<>();
    List<MultiGauge.Row<?>> pages = new ArrayList<>();
    List<MultiGauge.Row<?>> night = new ArrayList<>();
    for (KpiFigures.Group team : byTeam) {
      KpiScope ofTeam =
          new KpiScope(month.firstDay(), month.lastDay(), zone, null, team.key(), null);
      overdue.add(
          MultiGauge.Row.of(
              Tags.of("team", team.key()), kpis.reviews(ofTeam).actionItemsOverdue()));
      List<KpiFigures.OnCall> load = kpis.onCall(ofTeam);
      pages.add(
          MultiGauge.Row.of(
              Tags.of("team", team.key()),
              load.stream().mapToLong(KpiFigures.OnCall::pages).sum()));
      night.add(
          MultiGauge.Row.of(
              Tags.of("team", team.key()),
              load.stream().mapToLong(KpiFigures.OnCall::nightPages).sum()));
    }
    gauges.get(10).gauge().register(overdue, true);
    gauges.get(11).gauge().register(pages, true);
    gauges.get(12).gauge().register(night, true);
  }

  private static List<MultiGauge.Row<?>> rows(
      List<KpiFigures.Group> byService,
      List<KpiFigures.Group> byTeam,
      Function<KpiFigures.Group, Double> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (KpiFigures.Group g : byService) {
      if (value.apply(g) != null) {
        rows.add(MultiGauge.Row.of(Tags.of("service", g.key(), "team", ""), value.apply(g)));
      }
    }
    for (KpiFigures.Group g : byTeam) {
      if (value.apply(g) != null) {
        rows.add(MultiGauge.Row.of(Tags.of("service", "", "team", g.key()), value.apply(g)));
      }
    }
    return rows;
  }

  private static List<MultiGauge.Row<?>> availability(
      List<KpiFigures.Availability> rows, ToDoubleFunction<KpiFigures.Availability> value) {
    return rows.stream()
        .<MultiGauge.Row<?>>map(
            a ->
                MultiGauge.Row.of(
                    Tags.of("service", a.service(), "team", a.team() == null ? "" : a.team()),
                    value.applyAsDouble(a)))
        .toList();
  }

  private void safeRefresh() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("The KPI gauges could not be refreshed: {}", e.toString());
    }
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "suoke-kpi-metrics");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(10_000, properties.metricsRefresh().toMillis());
    scheduler.scheduleWithFixedDelay(this::safeRefresh, 5_000, every, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
