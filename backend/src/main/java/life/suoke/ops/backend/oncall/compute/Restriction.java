package life.suoke.ops.backend.oncall.compute;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a layer is on duty: a wall-clock window {@code [start, end)} on the given weekdays (all days
 * when empty), in the layer's zone. A window whose end is not after its start runs over midnight
 * into the next day (and belongs to the weekday it starts on); {@code start == end} is a whole day
 * from {@code start}.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

  public Restriction {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    days =
        days == null || days.isEmpty()
            ? Set.copyOf(EnumSet.allOf(DayOfWeek.class))
            : Set.copyOf(days);
  }

  /** Every day from {@code start} to {@code end}. */
  public static Restriction daily(LocalTime start, LocalTime end) {
    return new Restriction(Set.of(), start, end);
  }

  /** Whether the window runs over midnight (or is a whole day). */
  public boolean overMidnight() {
    return !end.isAfter(start);
  }
}
