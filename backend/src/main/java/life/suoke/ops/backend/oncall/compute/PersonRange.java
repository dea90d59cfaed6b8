package life.suoke.ops.backend.oncall.compute;

import java.time.Instant;

/**
 * A time range {@code [start, end)} of one person: an override (the person is on call, over every
 * layer) or a leave (the person is away; rotations that skip people on leave skip them).
 *
 * @param id the record's id (segments of an override name it)
 */
public record PersonRange(long id, String user, Instant start, Instant end) {

  public boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }
}
