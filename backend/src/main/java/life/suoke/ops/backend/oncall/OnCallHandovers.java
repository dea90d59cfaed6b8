package life.suoke.ops.backend.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.handover.HandoverRecord;
import life.suoke.ops.backend.oncall.handover.HandoverStarter;
import life.suoke.ops.backend.oncall.handover.ShiftChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the shift handover at every change of shift of a tier-1 or tier-2 schedule: a schedule
 * whose team is the tier-1 (else tier-2) group of a service of the catalog. Each check looks back
 * {@code suoke.oncall.handover.look-back} (PT15M), so a change is handed over even when a check was
 * missed (a restart); the starter is idempotent per schedule, tier and change, so a change seen by
 * several checks has one handover. A change from or into a gap has nobody to write or to
 * acknowledge, and is not handed over.
 */
@Component
public class OnCallHandovers {

  private static final Logger log = LoggerFactory.getLogger(OnCallHandovers.class);

  private final OnCallStore store;
  private final OnCallSpecs specs;
  private final JdbcServiceCatalog catalog;
  private final HandoverStarter starter;
  private final Duration lookBack;

  OnCallHandovers(
      OnCallStore store,
      OnCallSpecs specs,
      JdbcServiceCatalog catalog,
      HandoverStarter starter,
      @Value("${suoke.oncall.handover.look-back:PT15M}") Duration lookBack) {
    this.store = store;
    this.specs = specs;
    this.catalog = catalog;
    this.starter = starter;
    this.lookBack = lookBack;
  }

  /** Hands over the changes of shift in {@code (now - look-back, now]}; the handovers answered. */
  public List<HandoverRecord> handOver(Instant now) {
    List<ServiceDefinition> services = catalog.list();
    List<HandoverRecord> started = new ArrayList<>();
    for (Schedule schedule : store.schedules()) {
      int tier = tierOf(schedule.team(), services);
      if (tier == 0 || schedule.layers().isEmpty()) {
        continue;
      }
      try {
        started.addAll(handOver(schedule, tier, now));
      } catch (RuntimeException e) {
        log.warn(
            "Handovers of on-call schedule {} failed: {}",
            schedule.id(),
            e.getClass().getSimpleName());
      }
    }
    return started;
  }

  private List<HandoverRecord> handOver(Schedule schedule, int tier, Instant now) {
    // Eight days ahead, so that the end of an incoming weekly shift is known.
    FinalSchedule fs =
        specs.near(
            schedule.id(), now.minus(lookBack).minusSeconds(1), now.plus(Duration.ofDays(8)));
    if (fs == null) {
      return List.of();
    }
    List<HandoverRecord> records = new ArrayList<>();
    for (FinalSchedule.Handoff change : fs.handoffs()) {
      if (change.at().isAfter(now)
          || !change.at().isAfter(now.minus(lookBack))
          || change.outgoing() == null
          || change.incoming() == null) {
        continue;
      }
      Optional<Instant> end = fs.shiftEnd(change.at());
      if (end.isEmpty()) {
        continue;
      }
      starter
          .start(
              new ShiftChange(
                  Long.toString(schedule.id()),
                  schedule.team(),
                  tier,
                  change.outgoing(),
                  change.incoming(),
                  change.at(),
                  end.get()))
          .ifPresent(records::add);
    }
    return records;
  }

  /** 1 when the team is a service's tier-1 group, else 2 when it is a tier-2 group, else 0. */
  static int tierOf(String team, List<ServiceDefinition> services) {
    if (services.stream().anyMatch(s -> team.equals(s.tier1Group()))) {
      return 1;
    }
    return services.stream().anyMatch(s -> team.equals(s.tier2Group())) ? 2 : 0;
  }
}
