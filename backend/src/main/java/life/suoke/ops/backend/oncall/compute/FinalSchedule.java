package life.suoke.ops.backend.oncall.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The computed schedule of a range {@code [from, to)}: {@code entries} cover the range without
 * overlap, in order, with a {@link Segment.Source#GAP gap} wherever nobody is on call; {@code
 * layers} holds each layer's own rotation (where it is on duty) by layer id, before layers and
 * overrides were combined.
 */
public record FinalSchedule(
    Instant from, Instant to, List<Segment> entries, Map<Long, List<Segment>> layers) {

  public FinalSchedule {
    entries = List.copyOf(entries);
    layers = Map.copyOf(layers);
  }

  /** The gaps, in order. */
  public List<Segment> gaps() {
    return entries.stream().filter(Segment::isGap).toList();
  }

  /** The entry at an instant of the range. */
  public Optional<Segment> at(Instant instant) {
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Segment segment = entries.get(mid);
      if (instant.isBefore(segment.start())) {
        hi = mid - 1;
      } else if (!instant.isBefore(segment.end())) {
        lo = mid + 1;
      } else {
        return Optional.of(segment);
      }
    }
    return Optional.empty();
  }

  /**
   * When the shift of the person on call at {@code instant} ends: the end of the run of entries of
   * that person from there (an override followed by the same person's rotation is one shift); empty
   * in a gap or outside the range. The range's end when the run reaches it.
   */
  public Optional<Instant> shiftEnd(Instant instant) {
    Optional<Segment> current = at(instant);
    if (current.isEmpty() || current.get().isGap()) {
      return Optional.empty();
    }
    int index = entries.indexOf(current.get());
    Instant end = current.get().end();
    for (int i = index + 1; i < entries.size(); i++) {
      Segment next = entries.get(i);
      if (!next.start().equals(end) || !current.get().user().equals(next.user())) {
        break;
      }
      end = next.end();
    }
    return Optional.of(end);
  }

  /**
   * A change of shift: at {@code at} the person on call changes from {@code outgoing} to {@code
   * incoming} (either null for a gap).
   */
  public record Handoff(Instant at, String outgoing, String incoming) {}

  /**
   * The changes of shift inside the range, in order (an override's start and end are changes too).
   */
  public List<Handoff> handoffs() {
    List<Handoff> handoffs = new java.util.ArrayList<>();
    for (int i = 1; i < entries.size(); i++) {
      String before = entries.get(i - 1).user();
      String after = entries.get(i).user();
      if (!java.util.Objects.equals(before, after)) {
        handoffs.add(new Handoff(entries.get(i).start(), before, after));
      }
    }
    return handoffs;
  }
}
