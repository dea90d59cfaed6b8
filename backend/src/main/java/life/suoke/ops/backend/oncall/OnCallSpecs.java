package life.suoke.ops.backend.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import life.suoke.ops.backend.calendar.BusinessCalendarService;
import life.suoke.ops.backend.oncall.OnCall.Layer;
import life.suoke.ops.backend.oncall.OnCall.RestrictionJson;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.LayerSpec;
import life.suoke.ops.backend.oncall.compute.PersonRange;
import life.suoke.ops.backend.oncall.compute.Restriction;
import life.suoke.ops.backend.oncall.compute.ScheduleCalculator;
import life.suoke.ops.backend.oncall.compute.ScheduleSpec;
import life.suoke.ops.backend.oncall.compute.Turn;
import life.suoke.ops.backend.oncall.compute.WorkingDays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Final schedules from the stored records: any range straight from the database, and the near
 * future ({@link #near}) from a short-lived copy per schedule, which answers "who is on call now"
 * without reading overrides for every page. A change made here forgets the copy at once; changes
 * made by another instance of the application are seen after {@code suoke.oncall.cache-ttl} (10 s).
 */
@Component
public class OnCallSpecs {

  /** How far the cached copy reaches before and after the moment it was loaded. */
  static final Duration NEAR_BEFORE = Duration.ofDays(2);

  static final Duration NEAR_AFTER = Duration.ofDays(45);

  private record Near(
      Schedule schedule, ScheduleSpec spec, Instant from, Instant to, long loadedAt) {}

  private final OnCallStore store;
  private final BusinessCalendarService calendars;
  private final long ttlNanos;
  private final Map<Long, Near> near = new ConcurrentHashMap<>();
  private volatile long generation;

  OnCallSpecs(
      OnCallStore store,
      BusinessCalendarService calendars,
      @Value("${suoke.oncall.cache-ttl:PT10S}") Duration ttl) {
    this.store = store;
    this.calendars = calendars;
    this.ttlNanos = ttl.toNanos();
  }

  /** Forgets every cached copy (after any change of schedules, overrides or leave). */
  public void changed() {
    generation++;
    near.clear();
  }

  /** The final schedule of {@code [from, to)}, read from the database. */
  public FinalSchedule compute(Schedule schedule, Instant from, Instant to) {
    return ScheduleCalculator.compute(spec(schedule, from, to), from, to);
  }

  /**
   * The final schedule of {@code [from, to)} for a range near now (within the cached copy), else
   * from the database.
   */
  public FinalSchedule near(long scheduleId, Instant from, Instant to) {
    Near copy = copy(scheduleId);
    if (copy == null) {
      return null;
    }
    if (from.isBefore(copy.from()) || to.isAfter(copy.to())) {
      return compute(copy.schedule(), from, to);
    }
    return ScheduleCalculator.compute(copy.spec(), from, to);
  }

  /** The schedule of the cached copy (null when it no longer exists). */
  public Schedule schedule(long scheduleId) {
    Near copy = copy(scheduleId);
    return copy == null ? null : copy.schedule();
  }

  private Near copy(long scheduleId) {
    Near copy = near.get(scheduleId);
    if (copy != null && System.nanoTime() - copy.loadedAt() < ttlNanos) {
      return copy;
    }
    long seen = generation;
    var schedule = store.schedule(scheduleId);
    if (schedule.isEmpty()) {
      near.remove(scheduleId);
      return null;
    }
    Instant now = Instant.now();
    Instant from = now.minus(NEAR_BEFORE);
    Instant to = now.plus(NEAR_AFTER);
    Near loaded =
        new Near(schedule.get(), spec(schedule.get(), from, to), from, to, System.nanoTime());
    if (seen == generation) {
      near.put(scheduleId, loaded);
    }
    return loaded;
  }

  /**
   * The computation's input for {@code [from, to)}: layers, the overrides and leave overlapping the
   * range.
   */
  ScheduleSpec spec(Schedule schedule, Instant from, Instant to) {
    List<LayerSpec> layers = new ArrayList<>();
    boolean anySkips = false;
    for (Layer layer : schedule.layers()) {
      layers.add(layerSpec(layer));
      anySkips |= layer.skipOnLeave();
    }
    List<PersonRange> overrides =
        store.overrides(schedule.id(), from, to).stream()
            .map(o -> new PersonRange(o.id(), o.user(), o.start(), o.end()))
            .toList();
    // a turn may start up to a turn's length before the range: leave around it counts
    List<PersonRange> leaves =
        anySkips
            ? store
                .leaves(null, from.minus(Duration.ofDays(400)), to.plus(Duration.ofDays(400)))
                .stream()
                .map(l -> new PersonRange(l.id(), l.user(), l.start(), l.end()))
                .toList()
            : List.of();
    return new ScheduleSpec(layers, overrides, leaves);
  }

  LayerSpec layerSpec(Layer layer) {
    Turn turn =
        switch (layer.turn()) {
          case "daily" -> Turn.DAILY;
          case "weekly" -> Turn.WEEKLY;
          default -> Turn.custom(Duration.ofHours(layer.turnHours()));
        };
    List<Restriction> restrictions = new ArrayList<>();
    for (RestrictionJson r : layer.restrictions()) {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      r.days().forEach(d -> days.add(DayOfWeek.valueOf(d)));
      restrictions.add(
          new Restriction(days, OnCallInputs.time(r.start()), OnCallInputs.time(r.end())));
    }
    WorkingDays hours =
        layer.businessCalendar() == null ? null : workingDays(layer.businessCalendar());
    return new LayerSpec(
        layer.id(),
        layer.name(),
        layer.members(),
        turn,
        OnCallInputs.time(layer.handoffTime()),
        layer.startDate(),
        ZoneId.of(layer.timeZone()),
        restrictions,
        hours,
        layer.skipOnLeave());
  }

  /**
   * A business calendar's working days (a deleted calendar has none: the layer is never on duty).
   */
  private WorkingDays workingDays(String calendarId) {
    return calendars
        .find(calendarId)
        .map(CalendarWorkingDays::of)
        .orElseGet(CalendarWorkingDays::none);
  }
}
