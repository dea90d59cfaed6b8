package life.suoke.ops.bench;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends {@code count} asynchronous client requests (request {@code i} made by {@code
 * send.apply(i)}) from a few threads, with at most {@code inFlight} outstanding in all, and waits
 * until every one has been acknowledged. A failed request is sent again (up to {@value #ATTEMPTS}
 * times in all), so that every instance or message the benchmark counts on exists. Records each
 * acknowledged request's latency, from when it was sent to when its answer arrived, in
 * microseconds, and prints progress every 5 s.
 */
final class BoundedSender {

  private static final int ATTEMPTS = 5;

  /** What a finished run did. */
  record Result(
      int count,
      long firstSentNanos,
      long lastAckNanos,
      Histogram latencyMicros,
      long failedAttempts,
      long lost,
      double minRate,
      double maxRate) {

    double seconds() {
      return (lastAckNanos - firstSentNanos) / 1e9;
    }

    double perSecond() {
      return (count - lost) / seconds();
    }

    /** The slowest and fastest 5-s interval, or nothing for a run shorter than one. */
    String intervals() {
      return Double.isNaN(minRate)
          ? ""
          : String.format(" (5-s intervals %.0f–%.0f/s)", minRate, maxRate);
    }

    String latency() {
      return String.format(
          "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
          latencyMicros.getValueAtPercentile(50) / 1000.0,
          latencyMicros.getValueAtPercentile(90) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0,
          latencyMicros.getMaxValue() / 1000.0);
    }
  }

  private BoundedSender() {}

  /**
   * @param label what the progress lines call a request
   * @param threads sending threads (request i goes to thread i mod threads)
   * @param onAck called with the request's index and its acknowledgement time, on a client thread
   */
  static Result run(
      String label,
      int count,
      int threads,
      int inFlight,
      IntFunction<CompletionStage<?>> send,
      AckListener onAck,
      long deadlineNanos)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    LongAdder acked = new LongAdder();
    LongAdder failedAttempts = new LongAdder();
    LongAdder lost = new LongAdder();
    AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
    AtomicLong lastAck = new AtomicLong(Long.MIN_VALUE);
    ConcurrentLinkedQueue<int[]> retry = new ConcurrentLinkedQueue<>();

    class Sender {
      void send(int i, int attempt) {
        long sent = System.nanoTime();
        firstSent.accumulateAndGet(sent, Math::min);
        CompletionStage<?> stage;
        try {
          stage = send.apply(i);
        } catch (RuntimeException e) {
          failed(i, attempt);
          return;
        }
        stage.whenComplete(
            (r, failure) -> {
              if (failure != null) {
                failed(i, attempt);
                return;
              }
              long now = System.nanoTime();
              latency.recordValue(
                  Math.min((now - sent) / 1_000, latency.getHighestTrackableValue()));
              lastAck.accumulateAndGet(now, Math::max);
              if (onAck != null) {
                onAck.acked(i, r, now);
              }
              acked.increment();
              permits.release();
            });
      }

      void failed(int i, int attempt) {
        failedAttempts.increment();
        if (attempt < ATTEMPTS) {
          retry.add(new int[] {i, attempt + 1}); // keeps its permit
        } else {
          lost.increment();
          acked.increment();
          permits.release();
        }
      }
    }
    Sender sender = new Sender();

    Thread[] senders = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int first = t;
      senders[t] =
          new Thread(
              () -> {
                try {
                  for (int i = first; i < count; i += threads) {
                    while (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                      if (System.nanoTime() > deadlineNanos) {
                        return;
                      }
                    }
                    sender.send(i, 1);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "bench-sender-" + t);
      senders[t].setDaemon(true);
      senders[t].start();
    }

    double minRate = Double.MAX_VALUE;
    double maxRate = 0;
    long lastPrint = System.nanoTime();
    long lastCount = 0;
    while (acked.sum() < count && System.nanoTime() < deadlineNanos) {
      int[] again;
      while ((again = retry.poll()) != null) {
        Thread.sleep(5);
        sender.send(again[0], again[1]);
      }
      Thread.sleep(10);
      long now = System.nanoTime();
      if (now - lastPrint >= 5_000_000_000L) {
        long done = acked.sum();
        double rate = (done - lastCount) / ((now - lastPrint) / 1e9);
        if (done < count) { // the last interval is partial
          minRate = Math.min(minRate, rate);
          maxRate = Math.max(maxRate, rate);
        }
        System.out.printf(
            "  [%-9s] %7.0f/s acknowledged, %d of %d (%d in flight, %d failed attempts)%n",
            label, rate, done, count, inFlight - permits.availablePermits(), failedAttempts.sum());
        lastPrint = now;
        lastCount = done;
      }
    }
    for (Thread t : senders) {
      t.join(1_000);
    }
    long missing = count - acked.sum();
    return new Result(
        count,
        firstSent.get(),
        lastAck.get(),
        latency,
        failedAttempts.sum(),
        lost.sum() + missing,
        minRate == Double.MAX_VALUE ? Double.NaN : minRate,
        maxRate);
  }

  @FunctionalInterface
  interface AckListener {
    void acked(int index, Object response, long nanos);
  }
}
