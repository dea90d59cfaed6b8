package life.suoke.ops.bench;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.Engine;

/**
 * {@code messages <count>}: message correlation at volume. Deploys {@code start → message catch
 * event (name "bench-msg", correlationKey = key) → end}, creates {@code count} instances, each with
 * its own {@code key} (measured on its own), checks in the log that every subscription is open,
 * then publishes {@code count} messages (TTL 0, one per key) from {@code --threads} client threads
 * with {@code --in-flight} publishes outstanding in all, over the protocol {@code --protocol}
 * picks.
 *
 * <p>The engine answers a publish after the batch holding its records is committed, and the
 * correlation, the catch event's completion, the end event and the process' ELEMENT_COMPLETED are
 * follow-ups of the publish, in the same batch. So an acknowledged publish is a completed instance,
 * durably. The driver checks that against the log (every instance's PROCESS ELEMENT_COMPLETED,
 * dated by {@link CommitWatcher}), and reports the throughput from the first publish sent to the
 * last completion committed, and the client-side publish latency.
 */
final class MessageBench {

  static final String MESSAGE = "bench-msg";
  static final String PROCESS_ID = "bench-message";

  private final EngineBench b;
  private final EngineBench.Options o;
  private final Engine engine;
  private final LogStats stats;
  private final String jdbcUrl;

  MessageBench(EngineBench b, Engine engine, LogStats stats, String jdbcUrl) {
    this.b = b;
    this.o = b.o;
    this.engine = engine;
    this.stats = stats;
    this.jdbcUrl = jdbcUrl;
  }

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(PROCESS_ID)
        .startEvent("start")
        .intermediateCatchEvent(
            "wait", e -> e.message(m -> m.name(MESSAGE).zeebeCorrelationKeyExpression("key")))
        .endEvent("end")
        .done();
  }

  static String key(int i) {
    return "k-" + i;
  }

  void run() throws Exception {
    int n = o.count;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.limit - 60L);
    b.summary.put(
        "benchmark",
        String.format(
            "messages: %d instances of start → message catch event (\"%s\","
                + " correlationKey = key) → end, each with its own key; then %d publishes (TTL 0, one per key) from %d client"
                + " threads, %d in flight in all",
            n, MESSAGE, n, o.threads, o.inFlight));
    b.client
        .newDeployResourceCommand()
        .addProcessModel(model(), PROCESS_ID + ".bpmn")
        .send()
        .join();
    long before = stats.counters().logPosition();

    System.out.printf("  creating %d instances%n", n);
    LogStats.Counters ca = stats.counters();
    BoundedSender.Result created =
        BoundedSender.run(
            "create",
            n,
            o.threads,
            o.inFlight,
            i ->
                b.client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(PROCESS_ID)
                    .latestVersion()
                    .variables(Map.of("key", key(i)))
                    .send(),
            null,
            deadline);
    LogStats.Counters cb = stats.counters();
    if (created.lost() > 0) {
      throw new IllegalStateException(
          created.lost() + " instances could not be created (or the time ran out)");
    }
    long subscriptions =
        stats.countEvents("PROCESS_MESSAGE_SUBSCRIPTION", "CREATED", before, false);
    b.summary.put(
        "instances created",
        String.format(
            "%d in %.1f s: %.0f PI/s%s; create call %s;"
                + " %d failed attempts; %.1f records and %.2f transactions per instance",
            n,
            created.seconds(),
            created.perSecond(),
            created.intervals(),
            created.latency(),
            created.failedAttempts(),
            (double) (cb.logPosition() - ca.logPosition()) / n,
            (double) (cb.xactCommit() - ca.xactCommit()) / n));
    if (subscriptions != n) {
      throw new IllegalStateException(
          "the log holds "
              + subscriptions
              + " PROCESS_MESSAGE_SUBSCRIPTION CREATED records,"
              + " expected "
              + n);
    }
    long settledAfter = settle();
    b.summary.put(
        "subscriptions",
        String.format(
            "%d PROCESS_MESSAGE_SUBSCRIPTION CREATED in the log (checked);"
                + " projection exporter %s",
            subscriptions,
            settledAfter >= 0
                ? String.format("caught up %.1f s after the last create", settledAfter / 1e3)
                : "NOT caught up after 300 s (its backlog competes with the publishes)"));
    System.gc(); // the creates' garbage is not the publishes' to collect

    long p0 = stats.counters().logPosition();
    try (EngineThreadSampler sampler =
            new EngineThreadSampler(o.sampleMillis > 0 ? o.sampleMillis : 1_000_000);
        CommitWatcher watcher =
            new CommitWatcher(jdbcUrl, BenchPostgres.USER, "engine", o.pollMillis)) {
      System.out.printf("  publishing %d messages%n", n);
      EngineBench.Window w = EngineBench.Window.open(b, stats, sampler);
      BoundedSender.Result published =
          BoundedSender.run(
              "publish",
              n,
              o.threads,
              o.inFlight,
              i ->
                  b.client
                      .newPublishMessageCommand()
                      .messageName(MESSAGE)
                      .correlationKey(key(i))
                      .timeToLive(Duration.ZERO)
                      .send(),
              null,
              deadline);
      // An acknowledged publish is a committed completion; wait for the watcher to see the last
      // one.
      long completedInLog = 0;
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < waitUntil) {
        Thread.sleep(3L * o.pollMillis + 20);
        completedInLog = stats.countEvents("PROCESS_INSTANCE", "ELEMENT_COMPLETED", p0, true);
        if (completedInLog >= n) {
          break;
        }
      }
      Thread.sleep(3L * o.pollMillis + 20);
      w.close(b, stats, sampler);
      watcher.check();

      LogStats.Events done = stats.events("PROCESS_INSTANCE", "ELEMENT_COMPLETED", p0, true, null);
      LogStats.Events correlated =
          stats.events("PROCESS_MESSAGE_SUBSCRIPTION", "CORRELATED", p0, false, null);
      long lastCompleted = Long.MIN_VALUE;
      long undated = 0;
      for (long position : done.positions()) {
        long at = watcher.visibleAt(position);
        if (at < 0) {
          undated++;
        }
        lastCompleted = Math.max(lastCompleted, at);
      }
      LogStats.Events firstPublished = stats.events("MESSAGE", "PUBLISHED", p0, false, null);
      long firstTs = firstPublished.size() > 0 ? firstPublished.timestamps()[0] : 0;
      long lastTs = done.size() > 0 ? done.timestamps()[done.size() - 1] : 0;

      double seconds = (lastCompleted - published.firstSentNanos()) / 1e9;
      b.summary.put(
          "publish+correlate/s",
          String.format(
              "%.0f   (%d messages from the first publish sent to the last"
                  + " instance's completion committed, %.1f s)%s",
              done.size() / seconds,
              done.size(),
              seconds,
              published.intervals().replace("/s)", " acknowledged/s)")));
      b.summary.put(
          "publish latency",
          String.format(
              "%s (client side, sent to acknowledged, %d in flight: at saturation"
                  + " this is mostly queueing, Little's law); %d failed attempts, %d lost",
              published.latency(), o.inFlight, published.failedAttempts(), published.lost()));
      b.summary.put(
          "log check",
          String.format(
              "%d PROCESS ELEMENT_COMPLETED, %d subscriptions CORRELATED, %d MESSAGE"
                  + " PUBLISHED after the creates (expected %d each); engine timestamps: first PUBLISHED to last completion"
                  + " %.1f s; last publish acknowledged %.0f ms %s the last completion was seen committed%s",
              done.size(),
              correlated.size(),
              firstPublished.size(),
              n,
              (lastTs - firstTs) / 1e3,
              Math.abs(published.lastAckNanos() - lastCompleted) / 1e6,
              published.lastAckNanos() >= lastCompleted ? "after" : "before",
              undated > 0 ? "; " + undated + " completions not dated by the watcher" : ""));
      if (done.size() != n) {
        b.notes.add(
            "the log holds " + done.size() + " completions after the publishes, expected " + n);
      }
      b.summary.put("commit watcher", watcher.resolution());
      w.completed = done.size();
      b.logFigures(w);
      Map<String, Long> sent = new java.util.TreeMap<>(w.calls);
      sent.values().removeIf(v -> v == 0);
      b.summary.put(
          "requests by kind", sent + " (in the publish window, counted as they leave the client)");
      if (w.gcMillis > 0) {
        b.summary.put(
            "gc",
            String.format(
                "%d ms of collection pauses/cycles in the publish window (%.1f%%)",
                w.gcMillis, w.gcMillis / 10.0 / w.seconds()));
      }
      b.summary.put("engine thread", String.join("\n", sampler.report(8)));
      b.summary.put("cpu in the window", String.join("\n", b.cpu.report(8)));
      Runtime rt = Runtime.getRuntime();
      b.summary.put(
          "heap",
          String.format(
              "%d MiB used of %d MiB max after the run (engine state of %d instances"
                  + " created, all completed)",
              (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, n));
    }
  }

  /**
   * Waits (up to 300 s) for the search projection to apply every record; returns the ms it took, or
   * -1.
   */
  private long settle() throws Exception {
    long target = stats.counters().logPosition();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(300);
    long lastPrint = start;
    while (engine.projectedPosition() < target) {
      if (System.nanoTime() > deadline) {
        return -1;
      }
      if (System.nanoTime() - lastPrint > 5_000_000_000L) {
        lastPrint = System.nanoTime();
        System.out.printf(
            "  waiting for the projection exporter: position %d of %d%n",
            engine.projectedPosition(), target);
      }
      Thread.sleep(50);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
