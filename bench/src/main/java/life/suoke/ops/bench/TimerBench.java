package life.suoke.ops.bench;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import life.suoke.ops.engine.Engine;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code timers <count>}: many timers due at the same instant. Deploys {@code start → intermediate
 * timer catch event (timeDate = T) → end}, creates {@code count} instances through the client (so
 * {@code count} timers wait for T), checks in the log that every TIMER is CREATED, then lets time
 * reach T and measures how the engine fires them.
 *
 * <p>With {@code --clock=pin} (the default) the engine clock stands well before T while the
 * instances are created, and is then pinned to T with Camunda's clock API: the engine takes the pin
 * as a command, and every timer due by then fires. This measures the firing alone, starting from a
 * known wall-clock moment (the pin request leaves the client), whatever the timer scheduler's
 * wake-up precision. With {@code --clock=system} the engine follows the system clock and the driver
 * waits for T: this adds the scheduler's wake-up to the measurement, and the records' timestamps
 * are then real times.
 *
 * <p>With a pinned clock every record written at T carries T as its timestamp, so the log's
 * timestamps cannot tell when a timer fired. The driver therefore dates each record by when its
 * transaction became committed ({@link CommitWatcher}: the log's last position polled every few ms)
 * and reads, after the fact, each TIMER TRIGGERED record's position (the fire order) and the
 * PROCESS ELEMENT_COMPLETED records. A timer's lag is the time from the due instant (the pin
 * request, or T on the system clock) to the commit of its TRIGGERED record; an instance's, to the
 * commit of its completion. The PostgreSQL transaction id of each row (xmin) shows how many engine
 * batches the firing took.
 *
 * <p>A first round of {@code --warmup-timers} instances (a process of its own, due earlier) is
 * fired before the measured one, unmeasured, so that the measured firing does not run in the
 * interpreter. While the timers fire, a probe publishes a message with no subscriber every {@code
 * --probe-ms} and times the answer: how long other commands wait meanwhile.
 */
final class TimerBench {

  private static final String PROCESS_MARKER_NOTE = "PROCESS ELEMENT_COMPLETED";

  private final EngineBench b;
  private final EngineBench.Options o;
  private final Engine engine;
  private final LogStats stats;
  private final String jdbcUrl;

  TimerBench(EngineBench b, Engine engine, LogStats stats, String jdbcUrl) {
    this.b = b;
    this.o = b.o;
    this.engine = engine;
    this.stats = stats;
    this.jdbcUrl = jdbcUrl;
  }

  static BpmnModelInstance model(String processId, long dueMillis) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .intermediateCatchEvent(
            "wait", e -> e.timerWithDate(Instant.ofEpochMilli(dueMillis).toString()))
        .endEvent("end")
        .done();
  }

  void run() throws Exception {
    boolean pinned = o.clock.equals("pin");
    long nextMinute =
        Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES).toEpochMilli();
    b.summary.put(
        "benchmark",
        "timers: "
            + o.count
            + " instances of start → intermediate timer catch event (timeDate T,"
            + " the same for all) → end, created through the client ("
            + o.inFlight
            + " in flight); then "
            + (pinned
                ? "the engine clock, pinned an hour before T, is pinned to T (Camunda clock API)"
                : "the driver waits for T on the system clock (the engine clock follows it)")
            + (o.warmupTimers > 0
                ? "; a first round of " + o.warmupTimers + " timers fired unmeasured (JIT warm-up)"
                : ""));
    if (pinned) {
      b.client
          .newPinClockCommand()
          .time(Instant.ofEpochMilli(nextMinute - TimeUnit.HOURS.toMillis(1)))
          .send()
          .join();
    }
    if (o.warmupTimers > 0) {
      Round warm =
          new Round(
              "warm-up", o.warmupTimers, pinned ? nextMinute - TimeUnit.MINUTES.toMillis(30) : -1);
      warm.run(false);
      b.summary.put(
          "warm-up round",
          String.format(
              "%d timers: created at %.0f PI/s; all fired and instances completed"
                  + " %.0f ms after the due instant",
              warm.count, warm.created.perSecond(), warm.allCompletedMillis));
    }
    Round measured = new Round("measure", o.count, pinned ? nextMinute : -1);
    measured.run(true);
  }

  /** One round: deploy a process due at one instant, create the instances, fire, read the log. */
  private final class Round {
    final String name;
    final int count;
    long due;
    BoundedSender.Result created;
    double allCompletedMillis;

    Round(String name, int count, long pinnedDue) {
      this.name = name;
      this.count = count;
      this.due = pinnedDue;
    }

    void run(boolean measure) throws Exception {
      boolean pinned = due >= 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.limit);
      if (!pinned) {
        // T: a whole second far enough ahead to create every instance first.
        int lead = o.lead > 0 ? o.lead : 10 + count / 500;
        due =
            Instant.now()
                .plusSeconds(lead)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1)
                .toEpochMilli();
      }
      String processId = "bench-timer-" + name;
      b.client
          .newDeployResourceCommand()
          .addProcessModel(model(processId, due), processId + ".bpmn")
          .send()
          .join();
      long before = stats.counters().logPosition();

      System.out.printf(
          "  [%s] creating %d instances, timers due at %s (%s clock)%n",
          name, count, Instant.ofEpochMilli(due), pinned ? "pinned" : "system");
      created =
          BoundedSender.run(
              "create",
              count,
              2,
              o.inFlight,
              i ->
                  b.client
                      .newCreateInstanceCommand()
                      .bpmnProcessId(processId)
                      .latestVersion()
                      .send(),
              null,
              deadline);
      if (created.lost() > 0) {
        throw new IllegalStateException(created.lost() + " instances could not be created");
      }
      long timersCreated =
          waitFor(() -> stats.countEvents("TIMER", "CREATED", before, false), count, 60);
      if (timersCreated != count) {
        throw new IllegalStateException(
            "the log holds " + timersCreated + " TIMER CREATED records, expected " + count);
      }
      if (!pinned && System.currentTimeMillis() >= due) {
        b.notes.add(
            name
                + ": creating the instances took longer than the lead: timers came due while they were"
                + " created (use --lead)");
      }
      long settled = settle();
      if (measure) {
        b.summary.put(
            "instances created",
            String.format(
                "%d in %.1f s: %.0f PI/s%s; create call %s;" + " %d failed attempts",
                count,
                created.seconds(),
                created.perSecond(),
                created.intervals(),
                created.latency(),
                created.failedAttempts()));
        b.summary.put(
            "timers created",
            String.format(
                "%d TIMER CREATED records in the log (checked), due %s;"
                    + " projection exporter caught up %s",
                timersCreated,
                Instant.ofEpochMilli(due),
                settled >= 0
                    ? "before firing"
                    : "NOT before firing (its backlog competes with the firing)"));
      }

      long p0 = stats.counters().logPosition();
      Probe probe = measure && o.probeMillis > 0 ? new Probe() : null;
      EngineThreadSampler sampler =
          measure ? new EngineThreadSampler(o.sampleMillis > 0 ? o.sampleMillis : 1_000_000) : null;
      try (CommitWatcher watcher =
          new CommitWatcher(jdbcUrl, BenchPostgres.USER, "engine", o.pollMillis)) {
        long dueNanos;
        AtomicLong pinAck = new AtomicLong(-1);
        EngineBench.Window w = null;
        if (pinned) {
          if (probe != null) {
            probe.start();
            Thread.sleep(200); // a few probes against the idle engine first
          }
          if (measure) {
            w = EngineBench.Window.open(b, stats, sampler);
          }
          dueNanos = System.nanoTime();
          b.client
              .newPinClockCommand()
              .time(Instant.ofEpochMilli(due))
              .send()
              .whenComplete((r, f) -> pinAck.set(f == null ? System.nanoTime() : -2));
        } else {
          dueNanos =
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(due - System.currentTimeMillis());
          LockSupport.parkNanos(dueNanos - System.nanoTime() - 1_000_000_000L);
          if (probe != null) {
            probe.start();
          }
          if (measure) {
            w = EngineBench.Window.open(b, stats, sampler);
          }
        }
        System.out.printf(
            "  [%s] %d timers due; waiting for every instance to complete%n", name, count);
        long completed = 0;
        long seenPosition = -1;
        long lastPrint = System.nanoTime();
        while (completed < count && System.nanoTime() < deadline) {
          Thread.sleep(20);
          watcher.check();
          long position = watcher.lastPosition();
          if (position != seenPosition) {
            seenPosition = position;
            completed = stats.countEvents("PROCESS_INSTANCE", "ELEMENT_COMPLETED", p0, true);
          }
          if (System.nanoTime() - lastPrint > 2_000_000_000L) {
            lastPrint = System.nanoTime();
            System.out.printf(
                "  [%s] %.1f s after due: log position %d, %d of %d instances completed%n",
                name, (lastPrint - dueNanos) / 1e9, position, completed, count);
          }
        }
        Thread.sleep(3 * o.pollMillis + 50); // the watcher's view of the last commit
        if (w != null) {
          w.close(b, stats, sampler);
        }
        if (probe != null) {
          probe.stop();
        }
        if (completed < count) {
          b.notes.add(
              name
                  + ": only "
                  + completed
                  + " of "
                  + count
                  + " instances completed before the time limit");
        }
        analyse(measure, pinned, p0, dueNanos, pinAck.get(), watcher, probe, w, sampler);
      } finally {
        if (sampler != null) {
          sampler.close();
        }
      }
    }

    private void analyse(
        boolean measure,
        boolean pinned,
        long p0,
        long dueNanos,
        long pinAckNanos,
        CommitWatcher watcher,
        Probe probe,
        EngineBench.Window w,
        EngineThreadSampler sampler)
        throws Exception {
      LogStats.Events triggered = stats.events("TIMER", "TRIGGERED", p0, false, "dueDate");
      LogStats.Events done = stats.events("PROCESS_INSTANCE", "ELEMENT_COMPLETED", p0, true, null);
      Histogram fireLag = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
      Histogram completeLag = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
      Histogram logFireLag = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
      Histogram logCompleteLag = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
      long undated = 0;
      boolean inOrder = true;
      long lastFired = dueNanos;
      Set<Long> firingXids = new HashSet<>();
      for (int i = 0; i < triggered.size(); i++) {
        long at = watcher.visibleAt(triggered.positions()[i]);
        if (at < 0) {
          undated++;
        } else {
          fireLag.recordValue(clamp((at - dueNanos) / 1_000, fireLag));
          lastFired = Math.max(lastFired, at);
        }
        logFireLag.recordValue(clamp(triggered.timestamps()[i] - triggered.field()[i], logFireLag));
        firingXids.add(triggered.xids()[i]);
        if (i > 0
            && (triggered.field()[i] < triggered.field()[i - 1]
                || triggered.field()[i] == triggered.field()[i - 1]
                    && triggered.keys()[i] < triggered.keys()[i - 1])) {
          inOrder = false;
        }
      }
      long lastCompleted = dueNanos;
      for (int i = 0; i < done.size(); i++) {
        long at = watcher.visibleAt(done.positions()[i]);
        if (at < 0) {
          undated++;
        } else {
          completeLag.recordValue(clamp((at - dueNanos) / 1_000, completeLag));
          lastCompleted = Math.max(lastCompleted, at);
        }
        logCompleteLag.recordValue(clamp(done.timestamps()[i] - due, logCompleteLag));
      }
      allCompletedMillis = (lastCompleted - dueNanos) / 1e6;
      if (!measure) {
        return;
      }
      double fireSeconds = (lastFired - dueNanos) / 1e9;
      double allSeconds = (lastCompleted - dueNanos) / 1e9;
      String from = pinned ? "from the pin request" : "from T on the system clock";
      b.summary.put(
          "timers fired",
          String.format(
              "%d TRIGGERED, %d instances completed (log, checked against %d)",
              triggered.size(), done.size(), count));
      b.summary.put(
          "firing (wall clock)",
          String.format(
              "all %d TRIGGERED records committed %.0f ms %s; the last instance's"
                  + " completion committed %.0f ms %s%s",
              triggered.size(),
              fireSeconds * 1000,
              from,
              allSeconds * 1000,
              from,
              pinned && pinAckNanos > 0
                  ? String.format(
                      "; the pin request was answered after %.0f ms",
                      (pinAckNanos - dueNanos) / 1e6)
                  : ""));
      b.summary.put(
          "timers fired/s",
          String.format(
              "%.0f   (%d timers / %.2f s to the last TRIGGERED commit; %.0f instances"
                  + " completed/s to the last completion)",
              triggered.size() / fireSeconds,
              triggered.size(),
              fireSeconds,
              done.size() / allSeconds));
      b.summary.put(
          "lag due → fired",
          String.format(
              "p50 %.0f ms, p99 %.0f ms, max %.0f ms (per timer: due instant, %s, to"
                  + " the commit of its TRIGGERED record)",
              fireLag.getValueAtPercentile(50) / 1000.0,
              fireLag.getValueAtPercentile(99) / 1000.0,
              fireLag.getMaxValue() / 1000.0,
              pinned ? "the pin request" : "T"));
      b.summary.put(
          "lag due → completed",
          String.format(
              "p50 %.0f ms, p99 %.0f ms, max %.0f ms (per instance, to the commit" + " of its %s)",
              completeLag.getValueAtPercentile(50) / 1000.0,
              completeLag.getValueAtPercentile(99) / 1000.0,
              completeLag.getMaxValue() / 1000.0,
              PROCESS_MARKER_NOTE));
      b.summary.put(
          "lag in the log",
          String.format(
              "TRIGGERED timestamp − dueDate: p50 %d, p99 %d, max %d ms; completion"
                  + " timestamp − T: p50 %d, max %d ms%s",
              logFireLag.getValueAtPercentile(50),
              logFireLag.getValueAtPercentile(99),
              logFireLag.getMaxValue(),
              logCompleteLag.getValueAtPercentile(50),
              logCompleteLag.getMaxValue(),
              pinned
                  ? " (pinned clock: every record written after the pin is stamped T, so 0 by construction)"
                  : " (engine clock = system clock; a batch's records share the timestamp taken when it began)"));
      List<LogStats.Transaction> txs = stats.transactions(p0);
      long largest = 0;
      long firingRecords = 0;
      long firingBytes = 0;
      StringBuilder commits = new StringBuilder();
      for (LogStats.Transaction tx : txs) {
        largest = Math.max(largest, tx.records());
        if (firingXids.contains(tx.xid())) {
          firingRecords += tx.records();
          firingBytes += tx.dataBytes();
          long at = watcher.visibleAt(tx.lastPosition());
          if (commits.length() < 400) {
            commits.append(
                String.format(
                    "%s%d records (%.0f MB of JSON) committed at +%.0f ms",
                    commits.length() == 0 ? "" : "; ",
                    tx.records(),
                    tx.dataBytes() / 1e6,
                    at < 0 ? Double.NaN : (at - dueNanos) / 1e6));
          }
        }
      }
      b.summary.put(
          "engine batches",
          String.format(
              "the TRIGGERED records were written by %d transaction(s) holding %d"
                  + " records (%.1f records, %.0f bytes of JSON per timer): %s. Everything from %s to the end: %d records in %d transactions,"
                  + " the largest %d records",
              firingXids.size(),
              firingRecords,
              (double) firingRecords / Math.max(1, triggered.size()),
              (double) firingBytes / Math.max(1, triggered.size()),
              commits,
              pinned ? "the pin" : "the end of the creates",
              txs.stream().mapToLong(LogStats.Transaction::records).sum(),
              txs.size(),
              largest));
      b.summary.put(
          "fire order",
          (inOrder
                  ? "in due order, then creation order (timer key), by log position"
                  : "NOT in due/creation order by log position")
              + (undated > 0 ? "; " + undated + " records not dated by the watcher" : ""));
      b.summary.put("commit watcher", watcher.resolution());
      if (probe != null) {
        b.summary.put("other commands meanwhile", probe.report(dueNanos, lastCompleted));
      }
      w.completed = triggered.size();
      b.logFigures(w);
      b.summary.remove("per instance");
      b.summary.put(
          "record log",
          b.summary.get("record log")
              + String.format(
                  " (window: %.1f s, from %s to the end)",
                  w.seconds(), pinned ? "the pin" : "1 s before T"));
      if (w.gcMillis > 0) {
        b.summary.put(
            "gc",
            String.format(
                "%d ms of collection pauses/cycles in the window (%.1f%%)",
                w.gcMillis, w.gcMillis / 10.0 / w.seconds()));
      }
      b.summary.put("engine thread", String.join("\n", sampler.report(8)));
      b.summary.put("cpu in the window", String.join("\n", b.cpu.report(8)));
    }
  }

  private static long clamp(long v, Histogram h) {
    return Math.max(0, Math.min(v, h.getHighestTrackableValue()));
  }

  /** Polls a count until it reaches the target or the time runs out; returns the last count. */
  private static long waitFor(SqlCount count, long target, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long n = count.get();
    while (n < target && System.nanoTime() < deadline) {
      Thread.sleep(100);
      n = count.get();
    }
    return n;
  }

  @FunctionalInterface
  interface SqlCount {
    long get() throws Exception;
  }

  /**
   * Waits (up to 120 s) until the search projection has applied every record, so that its backlog
   * from the creates does not compete with the firing; returns -1 if it did not.
   */
  private long settle() throws Exception {
    long target = stats.counters().logPosition();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (engine.projectedPosition() < target) {
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(50);
    }
    return engine.projectedPosition();
  }

  /**
   * Publishes a message nobody waits for (TTL 0) every few ms and times the answers: a command that
   * queues behind the firing waits for it.
   */
  private final class Probe {
    private final Histogram micros = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
    private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
    private final Thread thread = new Thread(this::loop, "bench-probe");
    private volatile boolean running = true;

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      long period = TimeUnit.MILLISECONDS.toNanos(o.probeMillis);
      long next = System.nanoTime();
      while (running) {
        long sent = System.nanoTime();
        b.client
            .newPublishMessageCommand()
            .messageName("bench-probe")
            .correlationKey("probe")
            .timeToLive(java.time.Duration.ZERO)
            .send()
            .whenComplete(
                (r, f) -> {
                  if (f == null) {
                    long took = System.nanoTime() - sent;
                    micros.recordValue(Math.min(took / 1_000, micros.getHighestTrackableValue()));
                    samples.add(new long[] {sent, took});
                  }
                });
        next += period;
        LockSupport.parkNanos(next - System.nanoTime());
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(1_000);
      Thread.sleep(200);
    }

    String report(long fromNanos, long toNanos) {
      long during = 0;
      long worst = 0;
      for (long[] s : samples) {
        if (s[0] >= fromNanos && s[0] <= toNanos) {
          during++;
          worst = Math.max(worst, s[1]);
        }
      }
      return String.format(
          "a publish (no subscriber) every %d ms: %d answered, p50 %.1f ms, p99 %.1f ms, max %.0f ms;"
              + " %d sent between the due instant and the last completion, the slowest answered after %.0f ms",
          o.probeMillis,
          micros.getTotalCount(),
          micros.getValueAtPercentile(50) / 1000.0,
          micros.getValueAtPercentile(99) / 1000.0,
          micros.getMaxValue() / 1000.0,
          during,
          worst / 1e6);
    }
  }
}
