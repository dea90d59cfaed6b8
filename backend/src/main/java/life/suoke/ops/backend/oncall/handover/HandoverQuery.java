package life.suoke.ops.backend.oncall.handover;

import java.time.Instant;

/**
 * A search of handover records.
 *
 * @param team the team's group
 * @param person the outgoing or the incoming person
 * @param from shift start at or after (inclusive)
 * @param to shift start before (exclusive)
 * @param status requested, prefilled, written or acknowledged
 */
public record HandoverQuery(
    String team, String person, Instant from, Instant to, String status, int page, int size) {

  public static final int MAX_SIZE = 200;
}
