package life.suoke.ops.backend.incident;

import java.time.Instant;
import java.util.List;

/**
 * A search of incidents.
 *
 * @param statuses any of these statuses (empty: all)
 * @param priorities any of these priorities (empty: all)
 * @param assignee handler or commander
 * @param from created at or after (inclusive)
 * @param to created before (exclusive)
 * @param text a part of the number, title or service (case-insensitive)
 */
public record IncidentQuery(
    List<String> statuses,
    List<String> priorities,
    String service,
    String assignee,
    Instant from,
    Instant to,
    String text,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  public IncidentQuery {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    priorities = priorities == null ? List.of() : List.copyOf(priorities);
  }
}
