package life.suoke.ops.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock the test moves. */
class SignInThrottleTest {

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aUserIsLockedOutAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
    MovableClock clock = new MovableClock();
    SignInThrottle throttle = new SignInThrottle(3, 100, Duration.ofMinutes(15), clock);

    throttle.failed("alice", "10.0.0.1");
    clock.now = clock.now.plusSeconds(60);
    throttle.failed("alice", "10.0.0.1");
    throttle.failed("alice", "10.0.0.1");

    assertThat(throttle.retryAfterSeconds("alice", "10.0.0.1")).isEqualTo(14 * 60);
    assertThat(throttle.retryAfterSeconds("ALICE", "10.0.0.1"))
        .as("user names are case-insensitive here")
        .isPositive();
    assertThat(throttle.retryAfterSeconds("alice", "10.0.0.2")).as("another address").isZero();
    assertThat(throttle.retryAfterSeconds("bob", "10.0.0.1")).as("another user").isZero();

    clock.now = clock.now.plus(Duration.ofMinutes(14));
    assertThat(throttle.retryAfterSeconds("alice", "10.0.0.1")).isZero();
  }

  @Test
  void oneAddressTryingManyUserNamesIsLockedOutToo() {
    MovableClock clock = new MovableClock();
    SignInThrottle throttle = new SignInThrottle(5, 10, Duration.ofMinutes(15), clock);

    for (int i = 0; i < 10; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }

    assertThat(throttle.retryAfterSeconds("somebody-else", "10.0.0.9")).isEqualTo(15 * 60);
    assertThat(throttle.retryAfterSeconds("somebody-else", "10.0.0.8")).isZero();
  }

  @Test
  void aSuccessClearsTheUsersCount() {
    MovableClock clock = new MovableClock();
    SignInThrottle throttle = new SignInThrottle(2, 100, Duration.ofMinutes(15), clock);
    throttle.failed("carol", "10.0.0.1");
    throttle.succeeded("carol", "10.0.0.1");
    throttle.failed("carol", "10.0.0.1");

    assertThat(throttle.retryAfterSeconds("carol", "10.0.0.1")).isZero();
  }
}
