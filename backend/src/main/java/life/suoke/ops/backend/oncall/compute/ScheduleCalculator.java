package life.suoke.ops.backend.oncall.compute;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the final schedule of a range: plain Java on {@code java.time}, no I/O, no framework, so
 * that it is fast and tested on its own.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>A layer's turn {@code k} starts at {@code startDate + handoff + k * turn} as a wall-clock
 *       time in the layer's zone and belongs to {@code members[k mod n]}; nothing is covered before
 *       the first turn. Wall-clock arithmetic keeps daily and weekly hand-offs at their time of day
 *       across daylight-saving changes (a day of 23 or 25 hours). A hand-off time that does not
 *       exist that day (clocks jump forward) is the instant of the jump; one that exists twice
 *       (clocks fall back) is its first occurrence.
 *   <li>A layer is on duty inside its restrictions (all the time without any), intersected with its
 *       business calendar's working hours when it has one (none on a holiday; a make-up working day
 *       has a normal day's hours). A restriction end that exists twice is its later occurrence.
 *   <li>Higher layers win where they are on duty; overrides win over every layer, the later over
 *       the earlier; where nobody is on call the result has a gap.
 *   <li>A layer that skips people on leave gives a turn whose member is on leave at any time of it
 *       to the next member in order who is not; when all are, the turn is not covered.
 * </ul>
 */
public final class ScheduleCalculator {

  private ScheduleCalculator() {}

  /** The final schedule of {@code [from, to)}. */
  public static FinalSchedule compute(ScheduleSpec spec, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    Map<Long, List<Segment>> layers = new LinkedHashMap<>();
    for (LayerSpec layer : spec.layers()) {
      layers.put(layer.id(), layerSegments(layer, spec.leaves(), from, to));
    }
    Painter painter = new Painter();
    List<PersonRange> overrides = spec.overrides();
    for (int i = overrides.size() - 1; i >= 0; i--) {
      PersonRange override = overrides.get(i);
      if (override.overlaps(from, to) && override.start().isBefore(override.end())) {
        painter.paint(
            new Segment(
                    override.start(),
                    override.end(),
                    override.user(),
                    Segment.Source.OVERRIDE,
                    null,
                    override.id())
                .clip(from, to));
      }
    }
    List<LayerSpec> ordered = spec.layers();
    for (int i = ordered.size() - 1; i >= 0; i--) {
      for (Segment segment : layers.get(ordered.get(i).id())) {
        painter.paint(segment);
      }
    }
    return new FinalSchedule(from, to, painter.withGaps(from, to), layers);
  }

  /** Where a layer is on duty in {@code [from, to)} and who is, in order. */
  public static List<Segment> layerSegments(
      LayerSpec layer, List<PersonRange> leaves, Instant from, Instant to) {
    List<String> members = layer.members();
    if (members.isEmpty() || !from.isBefore(to)) {
      return List.of();
    }
    ZoneRules rules = layer.zone().getRules();
    LocalDateTime origin = layer.startDate().atTime(layer.handoff());
    Instant first = earlier(rules, origin);
    Instant lo = from.isBefore(first) ? first : from;
    if (!lo.isBefore(to)) {
      return List.of();
    }
    List<Instant[]> duty = dutyIntervals(layer, lo, to);
    if (duty.isEmpty()) {
      return List.of();
    }
    Turn turn = layer.turn();
    long k = Math.max(0, estimateTurn(origin, LocalDateTime.ofInstant(lo, layer.zone()), turn) - 1);
    while (!turnStart(rules, origin, turn, k + 1).isAfter(lo)) {
      k++;
    }
    List<Segment> segments = new ArrayList<>();
    int d = 0;
    while (d < duty.size()) {
      Instant start = turnStart(rules, origin, turn, k);
      if (!start.isBefore(to)) {
        break;
      }
      Instant end = turnStart(rules, origin, turn, k + 1);
      if (end.isAfter(start)) {
        String user = member(layer, leaves, k, start, end);
        while (d < duty.size() && !duty.get(d)[1].isAfter(start)) {
          d++;
        }
        for (int j = d; j < duty.size() && duty.get(j)[0].isBefore(end); j++) {
          Instant s = max(duty.get(j)[0], start);
          Instant e = min(duty.get(j)[1], end);
          if (user != null && s.isBefore(e)) {
            segments.add(new Segment(s, e, user, Segment.Source.LAYER, layer.id(), null));
          }
        }
      }
      k++;
    }
    return segments;
  }

  private static String member(
      LayerSpec layer, List<PersonRange> leaves, long k, Instant start, Instant end) {
    List<String> members = layer.members();
    int n = members.size();
    int index = (int) (k % n);
    if (!layer.skipOnLeave() || leaves.isEmpty()) {
      return members.get(index);
    }
    for (int step = 0; step < n; step++) {
      String candidate = members.get((index + step) % n);
      if (!onLeave(leaves, candidate, start, end)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean onLeave(
      List<PersonRange> leaves, String user, Instant start, Instant end) {
    for (PersonRange leave : leaves) {
      if (leave.user().equals(user) && leave.overlaps(start, end)) {
        return true;
      }
    }
    return false;
  }

  private static long estimateTurn(LocalDateTime origin, LocalDateTime local, Turn turn) {
    long days = turn.days();
    if (days > 0) {
      return ChronoUnit.DAYS.between(origin, local) / days;
    }
    return Duration.between(origin, local).getSeconds() / turn.length().getSeconds();
  }

  private static Instant turnStart(ZoneRules rules, LocalDateTime origin, Turn turn, long k) {
    long days = turn.days();
    LocalDateTime local =
        days > 0 ? origin.plusDays(k * days) : origin.plusSeconds(k * turn.length().getSeconds());
    return earlier(rules, local);
  }

  /** The intervals in {@code [from, to)} in which the layer is on duty, sorted and disjoint. */
  static List<Instant[]> dutyIntervals(LayerSpec layer, Instant from, Instant to) {
    List<Instant[]> duty;
    if (layer.restrictions().isEmpty()) {
      duty = List.<Instant[]>of(new Instant[] {from, to});
    } else {
      duty = restrictionIntervals(layer.restrictions(), layer.zone(), from, to);
    }
    if (layer.businessHours() != null) {
      duty = intersect(duty, workingIntervals(layer.businessHours(), from, to));
    }
    return duty;
  }

  private static List<Instant[]> restrictionIntervals(
      List<Restriction> restrictions, ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    List<Instant[]> intervals = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1);
        !date.isAfter(last);
        date = date.plusDays(1)) {
      for (Restriction restriction : restrictions) {
        if (!restriction.days().contains(date.getDayOfWeek())) {
          continue;
        }
        Instant start = earlier(rules, date.atTime(restriction.start()));
        LocalDate endDate = restriction.overMidnight() ? date.plusDays(1) : date;
        Instant end = later(rules, endDate.atTime(restriction.end()));
        addClipped(intervals, start, end, from, to);
      }
    }
    return union(intervals);
  }

  private static List<Instant[]> workingIntervals(WorkingDays calendar, Instant from, Instant to) {
    ZoneId zone = calendar.zone();
    ZoneRules rules = zone.getRules();
    List<Instant[]> intervals = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1);
        !date.isAfter(last);
        date = date.plusDays(1)) {
      for (WorkingDays.Window window : calendar.windowsOn(date)) {
        Instant start = earlier(rules, local(date, window.startMinute()));
        Instant end = later(rules, local(date, window.endMinute()));
        addClipped(intervals, start, end, from, to);
      }
    }
    return union(intervals);
  }

  private static LocalDateTime local(LocalDate date, int minute) {
    return minute >= 1440
        ? date.plusDays(1).atStartOfDay()
        : date.atTime(LocalTime.ofSecondOfDay(minute * 60L));
  }

  private static void addClipped(
      List<Instant[]> intervals, Instant start, Instant end, Instant from, Instant to) {
    Instant s = max(start, from);
    Instant e = min(end, to);
    if (s.isBefore(e)) {
      intervals.add(new Instant[] {s, e});
    }
  }

  static List<Instant[]> union(List<Instant[]> intervals) {
    if (intervals.size() < 2) {
      return intervals;
    }
    List<Instant[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(i -> i[0]));
    List<Instant[]> merged = new ArrayList<>();
    Instant[] current = sorted.get(0).clone();
    for (int i = 1; i < sorted.size(); i++) {
      Instant[] next = sorted.get(i);
      if (!next[0].isAfter(current[1])) {
        current[1] = max(current[1], next[1]);
      } else {
        merged.add(current);
        current = next.clone();
      }
    }
    merged.add(current);
    return merged;
  }

  static List<Instant[]> intersect(List<Instant[]> a, List<Instant[]> b) {
    List<Instant[]> result = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      Instant s = max(a.get(i)[0], b.get(j)[0]);
      Instant e = min(a.get(i)[1], b.get(j)[1]);
      if (s.isBefore(e)) {
        result.add(new Instant[] {s, e});
      }
      if (a.get(i)[1].isBefore(b.get(j)[1])) {
        i++;
      } else {
        j++;
      }
    }
    return result;
  }

  /**
   * A wall-clock time as an instant: the first of two, the jump's instant when it does not exist.
   */
  static Instant earlier(ZoneRules rules, LocalDateTime local) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return local
            .toInstant(offsets.get(0))
            .isBefore(local.toInstant(offsets.get(offsets.size() - 1)))
        ? local.toInstant(offsets.get(0))
        : local.toInstant(offsets.get(offsets.size() - 1));
  }

  /**
   * A wall-clock time as an instant: the second of two, the jump's instant when it does not exist.
   */
  static Instant later(ZoneRules rules, LocalDateTime local) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    Instant a = local.toInstant(offsets.get(0));
    Instant b = local.toInstant(offsets.get(offsets.size() - 1));
    return a.isAfter(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Paints segments in priority order: each covers only what nothing before it covered. */
  private static final class Painter {
    private final TreeMap<Instant, Segment> painted = new TreeMap<>();

    void paint(Segment segment) {
      Instant cursor = segment.start();
      Map.Entry<Instant, Segment> floor = painted.floorEntry(cursor);
      if (floor != null && floor.getValue().end().isAfter(cursor)) {
        cursor = floor.getValue().end();
      }
      while (cursor.isBefore(segment.end())) {
        Map.Entry<Instant, Segment> next = painted.ceilingEntry(cursor);
        Instant stop = next == null ? segment.end() : min(next.getKey(), segment.end());
        if (stop.isAfter(cursor)) {
          painted.put(
              cursor,
              new Segment(
                  cursor,
                  stop,
                  segment.user(),
                  segment.source(),
                  segment.layerId(),
                  segment.overrideId()));
        }
        if (next == null || !next.getKey().isBefore(segment.end())) {
          break;
        }
        cursor = next.getValue().end();
      }
    }

    List<Segment> withGaps(Instant from, Instant to) {
      List<Segment> entries = new ArrayList<>();
      Instant cursor = from;
      for (Segment segment : painted.values()) {
        if (segment.start().isAfter(cursor)) {
          add(entries, Segment.gap(cursor, segment.start()));
        }
        add(entries, segment);
        cursor = segment.end();
      }
      if (cursor.isBefore(to)) {
        add(entries, Segment.gap(cursor, to));
      }
      return entries;
    }

    private static void add(List<Segment> entries, Segment segment) {
      if (!entries.isEmpty()) {
        Segment last = entries.get(entries.size() - 1);
        if (last.end().equals(segment.start()) && last.sameAs(segment)) {
          entries.set(entries.size() - 1, last.withEnd(segment.end()));
          return;
        }
      }
      entries.add(segment);
    }
  }
}
