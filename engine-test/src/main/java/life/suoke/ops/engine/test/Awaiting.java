package life.suoke.ops.engine.test;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Polls the record stream until a check holds, cannot hold any more, or the time is up. */
final class Awaiting {

  private Awaiting() {}

  /** How a wait ended. */
  record Result(Outcome outcome, Duration waited) {

    boolean holds() {
      return outcome == Outcome.HOLDS;
    }

    /** Why the assertion stopped waiting, for its failure message. */
    String why() {
      long ms = waited.toMillis();
      String time = ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
      return outcome == Outcome.NEVER
          ? "this can no longer come true; gave up after " + time
          : "waited " + time + ", the assertion timeout";
    }
  }

  static Result await(
      RecordStream stream, Duration timeout, Duration interval, Function<History, Outcome> check) {
    AtomicReference<Outcome> last = new AtomicReference<>(Outcome.NOT_YET);
    long start = System.nanoTime();
    try {
      Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(interval)
          .atMost(timeout)
          .until(
              () -> {
                Outcome outcome = stream.query(check);
                last.set(outcome);
                return outcome != Outcome.NOT_YET;
              });
    } catch (ConditionTimeoutException e) {
      // reported by the caller, with what the history shows
    }
    return new Result(last.get(), Duration.ofNanos(System.nanoTime() - start));
  }
}
