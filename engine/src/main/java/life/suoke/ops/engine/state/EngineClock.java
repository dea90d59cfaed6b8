package life.suoke.ops.engine.state;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * The engine's clock: every due date, record timestamp and user task date is read from it. Normally
 * it follows the system clock; pinned (Camunda's clock API) it stands at the pinned instant until
 * it is pinned again or reset, so that tests move time instead of waiting. The pin is state like
 * any other: it is written as a CLOCK record and restored when the log is replayed.
 */
public final class EngineClock implements LongSupplier {

  private final LongSupplier system;
  private volatile long pinned = -1;

  public EngineClock(LongSupplier system) {
    this.system = system;
  }

  @Override
  public long getAsLong() {
    long at = pinned;
    return at >= 0 ? at : system.getAsLong();
  }

  /**
   * This clock as a {@link Clock} in the system's zone, for FEEL's {@code now()} and {@code
   * today()}.
   */
  public Clock asClock() {
    return asClock(ZoneId.systemDefault());
  }

  private Clock asClock(ZoneId zone) {
    EngineClock engineClock = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return engineClock.asClock(other);
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(engineClock.getAsLong());
      }
    };
  }

  public boolean isPinned() {
    return pinned >= 0;
  }

  void pin(long epochMillis) {
    pinned = epochMillis;
  }

  void reset() {
    pinned = -1;
  }
}
