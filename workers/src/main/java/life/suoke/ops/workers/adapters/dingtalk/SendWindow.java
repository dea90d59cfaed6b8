package life.suoke.ops.workers.adapters.dingtalk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A sliding window: at most {@code limit} sends in any closed interval of length {@code per}. Not
 * thread-safe; {@link DingTalkOutbox} holds its lock around it.
 */
final class SendWindow {

  private final int limit;
  private final Duration per;
  private final Deque<Instant> sends = new ArrayDeque<>();

  SendWindow(int limit, Duration per) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.per = per;
  }

  /** Takes a place for a send at {@code now} when one is free. */
  boolean tryAcquire(Instant now) {
    forgetBefore(now.minus(per));
    if (sends.size() >= limit) {
      return false;
    }
    sends.addLast(now);
    return true;
  }

  /** When the next place frees up (now, if one is free). */
  Instant nextFreeAt(Instant now) {
    forgetBefore(now.minus(per));
    if (sends.size() < limit) {
      return now;
    }
    // the oldest send leaves the window just after it is `per` old
    return sends.peekFirst().plus(per).plusNanos(1);
  }

  private void forgetBefore(Instant start) {
    // a send exactly at the start of the window still counts: the interval is closed
    while (!sends.isEmpty() && sends.peekFirst().isBefore(start)) {
      sends.removeFirst();
    }
  }
}
