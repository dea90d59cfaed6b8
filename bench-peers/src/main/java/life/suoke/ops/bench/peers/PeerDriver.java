package life.suoke.ops.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives one process on one peer engine: worker threads that fetch-and-lock external tasks and
 * complete them in-process (the peers' counterpart of job workers), instance starts, and the
 * bookkeeping of which instance started when and ended when.
 *
 * <p>Each worker loops: fetch-and-lock up to {@code batch} tasks of any of the process' topics,
 * complete each; then start the instances waiting to be started (the closed loop's replacements);
 * when it found nothing to do, sleep {@code pollMillis}. The engine reports each instance whose end
 * has committed ({@link #instanceEnded}); in the closed loop, each end asks for one new start.
 *
 * <p>Latency runs from when a start was due (the closed loop: when it was asked for; the open loop:
 * the pacer's schedule) to when the instance's end was committed.
 */
final class PeerDriver implements AutoCloseable {

  private final PeerProcess process;
  private final int workers;
  private final int batch;
  private final int pollMillis;
  private PeerEngine engine;

  /** Per instance id: {due nanos, ended nanos}, 0 while unknown; gone once both are known. */
  private final ConcurrentHashMap<String, long[]> open = new ConcurrentHashMap<>();

  /** Open loop: the threads that make the pacer's starts. */
  static final int STARTERS = 2;

  /** Closed loop: starts asked for and not yet made; a worker makes them between its fetches. */
  private final AtomicInteger pendingStarts = new AtomicInteger();

  private volatile boolean replaceEnded;
  private volatile boolean running;
  private volatile long measureFrom = Long.MAX_VALUE;
  private volatile long measureUntil = Long.MAX_VALUE;
  private final List<Thread> threads = new ArrayList<>();
  private ExecutorService starters;

  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder tasks = new LongAdder();
  private final LongAdder fetches = new LongAdder();
  private final LongAdder emptyFetches = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder measured = new LongAdder();
  private final AtomicReference<RuntimeException> firstError = new AtomicReference<>();
  private final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);

  PeerDriver(PeerProcess process, int workers, int batch, int pollMillis) {
    this.process = process;
    this.workers = workers;
    this.batch = batch;
    this.pollMillis = pollMillis;
  }

  /** The engine this driver works on; built with {@link #instanceEnded} as its end callback. */
  void attach(PeerEngine engine) {
    this.engine = engine;
  }

  /** Called by the engine (any thread) once the end of an instance has committed. */
  void instanceEnded(String instanceId) {
    pair(instanceId, 0, System.nanoTime());
    if (replaceEnded) {
      pendingStarts.incrementAndGet();
    }
  }

  private void pair(String id, long due, long ended) {
    long[] times =
        open.merge(
            id,
            new long[] {due, ended},
            (a, b) -> new long[] {a[0] != 0 ? a[0] : b[0], a[1] != 0 ? a[1] : b[1]});
    if (times[0] != 0 && times[1] != 0) {
      open.remove(id);
      completed.increment();
      if (times[0] >= measureFrom && times[0] < measureUntil) {
        latencyMicros.recordValue(Math.max(0, (times[1] - times[0]) / 1_000));
        measured.increment();
      }
    }
  }

  /** Starts one instance, its latency counted from {@code dueNanos}. */
  private void startOne(long dueNanos) {
    try {
      String id = engine.start(process);
      started.increment();
      pair(id, dueNanos, 0);
    } catch (RuntimeException e) {
      failed(e);
      if (replaceEnded) {
        pendingStarts.incrementAndGet(); // the closed loop keeps its count in flight
      }
    }
  }

  private void failed(RuntimeException e) {
    errors.increment();
    firstError.compareAndSet(null, e);
  }

  /** Starts the worker threads. */
  void startWorkers() {
    running = true;
    for (int i = 0; i < workers; i++) {
      String workerId = "peer-worker-" + i;
      Thread t = new Thread(() -> work(workerId), workerId);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void work(String workerId) {
    List<String> topics = process.topics();
    while (running) {
      int done = 0;
      try {
        done = engine.fetchAndComplete(workerId, topics, batch);
      } catch (RuntimeException e) {
        failed(e);
      }
      fetches.increment();
      tasks.add(done);
      int made = 0;
      while (running && pendingStarts.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        startOne(System.nanoTime());
        made++;
      }
      if (done == 0 && made == 0) {
        emptyFetches.increment();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
      }
    }
  }

  /** Closed loop: keeps {@code inFlight} instances going, a new one started as each one ends. */
  void closedLoop(int inFlight) {
    replaceEnded = true;
    pendingStarts.addAndGet(inFlight);
  }

  /** Stops replacing ended instances (the closed loop's end) and any pacer's further starts. */
  void stopLoad() {
    replaceEnded = false;
    pendingStarts.set(0);
  }

  /**
   * Open loop: starts instances at {@code rate} per second from now for {@code seconds}, each start
   * handed to one of a few starter threads so that a slow start does not delay the next one.
   * Returns the pacer thread; it ends when the schedule does.
   */
  Thread pace(double rate, long seconds) {
    starters =
        Executors.newFixedThreadPool(
            STARTERS,
            r -> {
              Thread t = new Thread(r, "peer-starter");
              t.setDaemon(true);
              return t;
            });
    long period = Math.round(1e9 / rate);
    long begin = System.nanoTime();
    long end = begin + TimeUnit.SECONDS.toNanos(seconds);
    Thread pacer =
        new Thread(
            () -> {
              for (long k = 0; ; k++) {
                long due = begin + k * period;
                if (due >= end || !running) {
                  return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                }
                starters.execute(() -> startOne(due));
              }
            },
            "peer-pacer");
    pacer.setDaemon(true);
    pacer.start();
    return pacer;
  }

  /** Latency is recorded for instances due from {@code fromNanos} up to {@code untilNanos}. */
  void measureBetween(long fromNanos, long untilNanos) {
    measureUntil = untilNanos;
    measureFrom = fromNanos;
  }

  /** Runs {@code count} instances to their end (no replacement); false if the time ran out. */
  boolean runInstances(int count, long timeoutMillis) throws InterruptedException {
    long target = completed.sum() + count;
    pendingStarts.addAndGet(count);
    return awaitCompleted(target, timeoutMillis);
  }

  /** Waits until {@code target} instances have ended; false if the time ran out. */
  boolean awaitCompleted(long target, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (completed.sum() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Waits until every started instance has ended; false if the time ran out. */
  boolean drain(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (inFlight() > 0 || pendingStarts.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  long started() {
    return started.sum();
  }

  long completed() {
    return completed.sum();
  }

  long inFlight() {
    return started.sum() - completed.sum();
  }

  long tasks() {
    return tasks.sum();
  }

  long fetches() {
    return fetches.sum();
  }

  long emptyFetches() {
    return emptyFetches.sum();
  }

  long errors() {
    return errors.sum();
  }

  RuntimeException firstError() {
    return firstError.get();
  }

  /** Instances due in the measured interval that have ended. */
  long measured() {
    return measured.sum();
  }

  /** Latency in microseconds of the instances due in the measured interval. */
  Histogram latency() {
    return latencyMicros;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    replaceEnded = false;
    if (starters != null) {
      starters.shutdownNow();
      starters.awaitTermination(10, TimeUnit.SECONDS);
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
