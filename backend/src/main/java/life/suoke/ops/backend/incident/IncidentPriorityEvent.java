package life.suoke.ops.backend.incident;

import java.util.Set;

/**
 * Published (as a Spring application event) after an open incident got its first priority or a new
 * one, once the change is committed: other areas react to it (releases on a service pause while a
 * P0/P1 is open on it).
 *
 * @param previous the priority before, null when it was not classified yet
 */
public record IncidentPriorityEvent(
    String number, String service, String previous, String priority) {

  private static final Set<String> MAJOR = Set.of("P0", "P1");

  /** Whether the incident became P0/P1 just now (it was not before). */
  public boolean becameMajor() {
    return MAJOR.contains(priority) && (previous == null || !MAJOR.contains(previous));
  }
}
