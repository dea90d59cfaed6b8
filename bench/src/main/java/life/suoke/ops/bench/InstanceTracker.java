package life.suoke.ops.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Pairs each instance's start (the moment its create call was issued, or was due in an open loop)
 * with its end (the acknowledgement of its last job's completion), in either order: the create
 * response and the last completion arrive on different client threads. Latencies of instances that
 * started at or after {@link #measureFrom(long)} go into the histogram, in microseconds.
 */
final class InstanceTracker {

  /** A start or an end seen first; removed when its partner arrives. */
  private record Half(boolean start, long nanos) {}

  private final ConcurrentHashMap<Long, Half> open = new ConcurrentHashMap<>();

  /** Acknowledged completions so far of instances that need several (multi-instance). */
  private final ConcurrentHashMap<Long, Integer> partial = new ConcurrentHashMap<>();

  private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
  private final LongAdder created = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder measuredCompleted = new LongAdder();
  private volatile long measureFromNanos = Long.MAX_VALUE;

  /** Instances that start at or after this nanoTime are measured. */
  void measureFrom(long nanos) {
    measureFromNanos = nanos;
  }

  void created(long processInstanceKey, long startNanos) {
    created.increment();
    open.compute(
        processInstanceKey,
        (key, half) -> {
          if (half == null) {
            return new Half(true, startNanos);
          }
          record(startNanos, half.nanos());
          return null;
        });
  }

  void completed(long processInstanceKey, long endNanos) {
    completed.increment();
    open.compute(
        processInstanceKey,
        (key, half) -> {
          if (half == null) {
            return new Half(false, endNanos);
          }
          record(half.nanos(), endNanos);
          return null;
        });
  }

  /**
   * Counts one acknowledged completion of a job of the instance's last task; true when it was the
   * {@code needed}-th, i.e. when the instance is complete (always true when one is needed).
   */
  boolean lastOf(long key, int needed) {
    if (needed == 1) {
      return true;
    }
    boolean[] last = {false};
    partial.compute(
        key,
        (k, n) -> {
          int count = (n == null ? 0 : n) + 1;
          if (count >= needed) {
            last[0] = true;
            return null;
          }
          return count;
        });
    return last[0];
  }

  private void record(long startNanos, long endNanos) {
    if (startNanos < measureFromNanos) {
      return;
    }
    measuredCompleted.increment();
    long micros = Math.max(0, (endNanos - startNanos) / 1_000);
    synchronized (histogram) {
      histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }
  }

  long createdCount() {
    return created.sum();
  }

  long completedCount() {
    return completed.sum();
  }

  /** Instances measured (started after the warm-up) whose completion was seen. */
  long measuredCompletedCount() {
    return measuredCompleted.sum();
  }

  /** Instances created whose end has not been seen yet. */
  long inFlight() {
    return created.sum() - completed.sum();
  }

  /** Created instances, started after the warm-up, whose completion was never seen. */
  long measuredUnfinished() {
    return open.values().stream().filter(h -> h.start() && h.nanos() >= measureFromNanos).count();
  }

  Histogram histogram() {
    synchronized (histogram) {
      return histogram.copy();
    }
  }
}
