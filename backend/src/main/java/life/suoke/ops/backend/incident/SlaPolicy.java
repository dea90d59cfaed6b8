package life.suoke.ops.backend.incident;

import java.time.Duration;
import java.util.List;

/**
 * The SLA targets of each priority (the plan's table): minutes and hours are wall-clock time around
 * the clock; business days are working time on the service's business calendar.
 *
 * <pre>
 * priority  response          handling
 * P0        PT5M              PT15M
 * P1        PT30M             PT2H
 * P2        PT2H              1 business day
 * P3        1 business day    3 business days
 * </pre>
 */
public final class SlaPolicy {

  public static final String RESPONSE = "response";
  public static final String HANDLING = "handling";
  public static final List<String> TARGETS = List.of(RESPONSE, HANDLING);
  public static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");

  /**
   * A goal: a wall-clock duration, or a number of business days.
   *
   * @param wall the wall-clock goal, null for business days
   * @param businessDays the business days, 0 for a wall-clock goal
   */
  public record Goal(Duration wall, int businessDays) {

    public boolean onCalendar() {
      return wall == null;
    }

    /**
     * The goal as the API writes it: an ISO 8601 duration ({@code PT30M}), or {@code <n>BD} for
     * business days.
     */
    public String iso() {
      return onCalendar() ? businessDays + "BD" : wall.toString();
    }
  }

  private SlaPolicy() {}

  public static boolean isPriority(String priority) {
    return priority != null && PRIORITIES.contains(priority);
  }

  public static Goal goal(String priority, String target) {
    boolean response = RESPONSE.equals(target);
    if (!response && !HANDLING.equals(target)) {
      throw new IllegalArgumentException("unknown SLA target " + target);
    }
    return switch (priority) {
      case "P0" -> new Goal(response ? Duration.ofMinutes(5) : Duration.ofMinutes(15), 0);
      case "P1" -> new Goal(response ? Duration.ofMinutes(30) : Duration.ofHours(2), 0);
      case "P2" -> response ? new Goal(Duration.ofHours(2), 0) : new Goal(null, 1);
      case "P3" -> new Goal(null, response ? 1 : 3);
      default -> throw new IllegalArgumentException("unknown priority " + priority);
    };
  }

  /** How often the commander is reminded to post a status update. */
  public static String statusUpdateCycle(String priority) {
    return switch (priority == null ? "" : priority) {
      case "P0" -> "R/PT30M";
      case "P1" -> "R/PT2H";
      default -> "R/P365D";
    };
  }
}
