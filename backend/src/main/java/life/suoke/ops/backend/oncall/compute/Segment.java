package life.suoke.ops.backend.oncall.compute;

import java.time.Instant;

/**
 * A stretch {@code [start, end)} of a schedule: who is on call and why, or nobody (a gap).
 *
 * @param user null in a gap
 * @param layerId the layer whose rotation put the user there (null for an override or a gap)
 * @param overrideId the override that put the user there (null otherwise)
 */
public record Segment(
    Instant start, Instant end, String user, Source source, Long layerId, Long overrideId) {

  /** Why a segment is what it is. */
  public enum Source {
    LAYER,
    OVERRIDE,
    GAP
  }

  public static Segment gap(Instant start, Instant end) {
    return new Segment(start, end, null, Source.GAP, null, null);
  }

  public boolean isGap() {
    return source == Source.GAP;
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  Segment withEnd(Instant newEnd) {
    return new Segment(start, newEnd, user, source, layerId, overrideId);
  }

  Segment clip(Instant from, Instant to) {
    Instant s = start.isBefore(from) ? from : start;
    Instant e = end.isAfter(to) ? to : end;
    return new Segment(s, e, user, source, layerId, overrideId);
  }

  boolean sameAs(Segment other) {
    return java.util.Objects.equals(user, other.user)
        && source == other.source
        && java.util.Objects.equals(layerId, other.layerId)
        && java.util.Objects.equals(overrideId, other.overrideId);
  }
}
