package life.suoke.ops.backend.oncall.compute;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one member's turn in a rotation lasts. Daily and weekly turns (and custom turns of whole
 * days) hand off at the same wall-clock time of day whatever daylight saving does; custom turns of
 * hours count wall-clock hours from the rotation's start.
 *
 * @param length the custom length (whole hours, at least one); one day or one week for the others
 */
public record Turn(Kind kind, Duration length) {

  /** The kinds of turn. */
  public enum Kind {
    DAILY,
    WEEKLY,
    CUSTOM
  }

  public static final Turn DAILY = new Turn(Kind.DAILY, Duration.ofDays(1));
  public static final Turn WEEKLY = new Turn(Kind.WEEKLY, Duration.ofDays(7));

  public Turn {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.DAILY) {
      length = Duration.ofDays(1);
    } else if (kind == Kind.WEEKLY) {
      length = Duration.ofDays(7);
    }
    if (length == null
        || length.compareTo(Duration.ofHours(1)) < 0
        || length.toSeconds() % 3600 != 0) {
      throw new IllegalArgumentException("a turn lasts whole hours, at least one: " + length);
    }
  }

  public static Turn custom(Duration length) {
    return new Turn(Kind.CUSTOM, length);
  }

  /** Whole days, or 0 when the turn is counted in hours. */
  long days() {
    return length.toSeconds() % 86_400 == 0 ? length.toDays() : 0;
  }
}
