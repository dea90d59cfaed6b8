package life.suoke.ops.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import org.HdrHistogram.Histogram;

/**
 * Drives the embedded engine the way the product's workers do: the engine runs in this JVM on a
 * durable embedded PostgreSQL, and the real Camunda client (its job workers included) talks to it
 * over loopback: REST when the engine serves it ({@code Engine.restPort()}), else gRPC; {@code
 * --protocol} picks one.
 *
 * <pre>
 * throughput &lt;process&gt; &lt;seconds&gt;                   closed loop: N instances in flight, a new one
 *                                                    created as each completes; PI/s over the window
 *                                                    after the warm-up
 * latency &lt;process&gt; &lt;rate&gt; &lt;seconds&gt;               open loop: instances created at a fixed rate;
 *                                                    start-to-complete latency percentiles
 * callchain [seconds]                                throughput call-chain, then latency call-chain at
 *                                                    --rate (50): two runs, each on a fresh engine
 * multiinstance [seconds]                            the same for multi-instance (--rate 2, 8 in flight)
 * timers [count]                                     count timers due at one instant, then time moves
 *                                                    to it: firing duration and lag ({@link TimerBench})
 * messages [count]                                   count waiting instances, then one publish per
 *                                                    key: publish+correlation rate ({@link MessageBench})
 * export [instances] [seconds]                       search export: catch-up rate over a log of that
 *                                                    many one-task instances, then the lag at a fixed
 *                                                    load ({@link ExportBench})
 * </pre>
 *
 * Processes ({@link BenchProcess}): one-task, ten-step, call-chain, multi-instance.
 *
 * <p>Options ({@code --name=value}): {@code --warmup} seconds (60: the JIT still compiles after 15
 * s), {@code --in-flight} instances in flight for throughput (256; multi-instance 8), {@code
 * --rate} the latency run's rate in callchain (50) and multiinstance (2), the steady load in export
 * (100), {@code --page-size} export page (1000), {@code --protocol} auto|grpc|rest (auto: REST when
 * the engine serves it, as the 8.8 client prefers, else gRPC), {@code --stream} job streaming (true
 * on gRPC), {@code --max-jobs-active} per worker (64), {@code --worker-threads} (2), {@code
 * --pg-dir} parent of PostgreSQL's data directory (java.io.tmpdir), {@code --sample-ms}
 * engine-thread stack sampling interval, 0 for none (10), {@code --drain} seconds to wait for
 * in-flight instances after the load stops (30), {@code --histogram} print the latency distribution
 * (false). Timers and messages: {@code --in-flight} creates (and publishes) outstanding (256),
 * {@code --clock} pin|system (pin), {@code --warmup-timers} (1000), {@code --lead} seconds to T on
 * the system clock (from the count), {@code --probe-ms} (50), {@code --threads} publishing threads
 * (4), {@code --poll-ms} commit watcher interval (5), {@code --limit} watchdog seconds (900; export
 * 1800).
 *
 * <p>An instance counts as completed when the engine acknowledges the completion of its last job:
 * the engine answers a command only after the batch holding its records (here the job's COMPLETED,
 * the end event and the process' ELEMENT_COMPLETED) is committed in PostgreSQL. The count is
 * checked afterwards against the PROCESS ELEMENT_COMPLETED records in the log itself (of the
 * created process only: the call chain's lower levels complete too). Multi-instance instances
 * complete with the last of their 100 job completions.
 */
public final class EngineBench {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

  final Options o;
  final CallCounter calls = new CallCounter();
  private volatile InstanceTracker tracker = new InstanceTracker();
  private final LongAdder jobsReceived = new LongAdder();
  private final LongAdder createErrors = new LongAdder();
  private final LongAdder completeErrors = new LongAdder();
  private final AtomicBoolean loadOn = new AtomicBoolean();
  final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-retry");
            t.setDaemon(true);
            return t;
          });
  final Map<String, String> summary = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  private final LongAdder createsIssued = new LongAdder();

  /** The driver's own number for each instance it creates (the call chain's tracking variable). */
  private final AtomicLong nextBenchId = new AtomicLong();

  CamundaClient client;
  CpuAccounting cpu;
  private boolean closedLoop;
  private volatile boolean measuring;

  private EngineBench(Options o) {
    this.o = o;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("alerts")) {
      AlertBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("oncall")) {
      OnCallBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("kpi")) {
      KpiBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("knowledge")) {
      KnowledgeBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("releases")) {
      ReleaseBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("operate")) {
      OperateBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("state")) {
      StateBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("recordlog")) {
      RecordLogBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("inbox")) {
      InboxBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(Options.USAGE);
      throw e;
    }
    List<Options> phases = options.phases();
    for (int i = 0; i < phases.size(); i++) {
      if (phases.size() > 1) {
        System.out.printf(
            "%n%s, run %d of %d: %s%n", options.mode, i + 1, phases.size(), phases.get(i).mode);
      }
      new EngineBench(phases.get(i)).run();
    }
  }

  // ============================================================================ the run

  private void run() throws Exception {
    long hardDeadlineSeconds =
        o.limitedMode()
            ? o.limit
            : 180 + o.warmup + o.seconds + o.drain + (o.mode.equals("audit") ? 600 : 0);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(hardDeadlineSeconds));
                System.err.println("benchmark exceeded " + hardDeadlineSeconds + " s: aborting");
                System.exit(3); // runs the shutdown hook that stops PostgreSQL
              } catch (InterruptedException ignored) {
                // finished in time
              }
            },
            "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    String loadStart = loadAverage();
    summary.put("date", ZonedDateTime.now().format(WHEN));
    summary.put("machine", machine());
    summary.put(
        "java",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB, GC "
            + gcNames());
    System.out.printf(
        "Suoke Ops engine bench: %s %s (protocol %s), load average %s%n",
        o.mode,
        o.limitedMode() ? String.valueOf(o.count) : o.process.cliName(),
        o.protocol,
        loadStart);

    try (BenchPostgres pg = BenchPostgres.start(o.pgDir)) {
      summary.put("postgres", pg.describe());
      summary.put("pg data", pg.dataDir() + " on " + fileStore(pg.dataDir()));
      cpu = new CpuAccounting(pg.dataDir());
      long[] probe = pg.probeCommitMicros(200);
      summary.put(
          "commit probe",
          String.format(
              "200 sequential one-row commits: p50 %.2f ms, p99 %.2f ms"
                  + " (a single writer that waits for each commit tops out near %.0f commits/s)",
              probe[100] / 1000.0, probe[197] / 1000.0, 1_000_000.0 / Math.max(1, probe[100])));

      AuditBench audit = o.mode.equals("audit") ? new AuditBench(this, pg) : null;
      EngineConfig config = EngineConfig.of(pg.dataSource()).withClockControl(true);
      if (audit != null && o.auditMaxLagMillis > 0) {
        config = config.withExportBound(audit.bound(Duration.ofMillis(o.auditMaxLagMillis)));
      }
      try (Engine engine = Engine.start(config, audit == null ? List.of() : audit.exporters());
          LogStats stats = new LogStats(pg.jdbcUrl(), BenchPostgres.USER, "engine")) {
        summary.put("engine build", engineBuild());
        client = connect(engine);
        try {
          if (o.mode.equals("timers")) {
            new TimerBench(this, engine, stats, pg.jdbcUrl()).run();
          } else if (o.mode.equals("messages")) {
            new MessageBench(this, engine, stats, pg.jdbcUrl()).run();
          } else if (o.mode.equals("export")) {
            new ExportBench(this, engine, stats, pg).run();
          } else if (audit != null) {
            audit.run(
                engine,
                () -> {
                  try {
                    runLoad(engine, stats);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
          } else {
            runLoad(engine, stats);
          }
        } finally {
          loadOn.set(false);
          client.close();
          retries.shutdownNow();
        }
      }
    }
    summary.put(
        "load average",
        "start "
            + loadStart
            + ", end "
            + loadAverage()
            + " (1/5/15 min; the engine, the client and PostgreSQL share the machine's cores)");
    printSummary();
    watchdog.interrupt();
  }

  private CamundaClient connect(Engine engine) {
    int restPort = restPort(engine);
    if (o.protocol.equals("auto")) {
      // REST is the Camunda 8.8 client's default transport: use it as soon as the engine serves it.
      o.protocol = restPort > 0 ? "rest" : "grpc";
    }
    if (o.protocol.equals("rest") && restPort <= 0) {
      throw new IllegalStateException(
          "--protocol=rest: this engine build has no REST gateway yet"
              + " (Engine.restPort() is missing or not listening); use --protocol=grpc");
    }
    boolean rest = o.protocol.equals("rest");
    String target =
        rest ? "REST http://127.0.0.1:" + restPort + "/v2" : "gRPC 127.0.0.1:" + engine.grpcPort();
    summary.put(
        "protocol",
        target
            + " (loopback), engine in this JVM"
            + (rest
                ? "; job workers poll over REST"
                : o.stream ? "; job workers stream jobs (and poll)" : "; job workers poll"));
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
        .restAddress(URI.create("http://127.0.0.1:" + (restPort > 0 ? restPort : 1)))
        .preferRestOverGrpc(rest)
        .withInterceptors(calls)
        .withChainHandlers(calls)
        .numJobWorkerExecutionThreads(o.workerThreads)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** The engine's REST port when this engine build has one (Engine.restPort() is being added). */
  private static int restPort(Engine engine) {
    try {
      Method m = Engine.class.getMethod("restPort");
      return ((Number) m.invoke(engine)).intValue();
    } catch (NoSuchMethodException e) {
      return -1;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Engine.restPort() failed", e);
    }
  }

  private void runLoad(Engine engine, LogStats stats) throws Exception {
    List<JobWorker> workers = deployAndOpenWorkers(o.process);
    try (EngineThreadSampler sampler =
        new EngineThreadSampler(o.sampleMillis > 0 ? o.sampleMillis : 1_000_000)) {
      if (o.mode.equals("throughput") || o.mode.equals("audit")) {
        throughput(stats, sampler);
      } else {
        latency(stats, sampler);
      }
    } finally {
      for (JobWorker w : workers) {
        w.close();
      }
    }
  }

  /**
   * Deploys the process (every model it needs, in one deployment) and opens one worker per job
   * type.
   */
  List<JobWorker> deployAndOpenWorkers(BenchProcess p) {
    deploy(p);
    List<JobWorker> workers = new ArrayList<>();
    for (String task : p.taskIds()) {
      workers.add(openWorker(p, task));
    }
    summary.put(
        "workers",
        p.taskIds().size()
            + " job worker(s), one per job type; maxJobsActive "
            + o.maxJobsActive
            + ", "
            + o.workerThreads
            + " handler thread(s); each handler sends its completion asynchronously");
    return workers;
  }

  /** Deploys the process' models; a rejection ends the run with the engine's reason. */
  private void deploy(BenchProcess p) {
    List<io.camunda.zeebe.model.bpmn.BpmnModelInstance> models = p.models();
    var deployment =
        client.newDeployResourceCommand().addProcessModel(models.get(0), p.processId() + ".bpmn");
    for (int i = 1; i < models.size(); i++) {
      deployment =
          deployment.addProcessModel(models.get(i), p.processId() + "-" + (i + 1) + ".bpmn");
    }
    try {
      deployment.send().join();
    } catch (RuntimeException e) {
      String message =
          "the engine rejected the deployment of the "
              + p.cliName()
              + " process ("
              + p.describe()
              + "): "
              + e.getMessage()
              + (p == BenchProcess.MULTI_INSTANCE
                  ? "\n  This mode needs an engine with multi-instance support; an engine"
                      + " without it rejects the model at deployment (engine README, \"Supported BPMN elements\")."
                  : "");
      System.err.println("DEPLOYMENT REJECTED: " + message);
      throw new IllegalStateException(message, e);
    }
  }

  private JobWorker openWorker(BenchProcess p, String task) {
    boolean last = task.equals(p.lastTaskId());
    int needed = p.completionsPerInstance();
    return client
        .newWorker()
        .jobType(p.jobType(task))
        .handler(
            (jobClient, job) -> {
              jobsReceived.increment();
              long instance = p.trackingKey(job);
              Map<String, Object> variables = p.completionVariables(job);
              var complete = jobClient.newCompleteCommand(job.getKey());
              (variables == null ? complete : complete.variables(variables))
                  .send()
                  .whenComplete(
                      (response, failure) -> {
                        if (failure != null) {
                          completeErrors.increment();
                        } else if (last && tracker.lastOf(instance, needed)) {
                          instanceCompleted(instance);
                        }
                      });
            })
        .name("bench-" + task)
        .maxJobsActive(o.maxJobsActive)
        .timeout(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .fetchVariables(p.fetchVariable())
        .streamEnabled(o.stream && o.protocol.equals("grpc"))
        .open();
  }

  private void create(long startNanos) {
    createsIssued.increment();
    BenchProcess p = o.process;
    long benchId = nextBenchId.incrementAndGet();
    client
        .newCreateInstanceCommand()
        .bpmnProcessId(p.processId())
        .latestVersion()
        .variables(p.variables(benchId))
        .send()
        .whenComplete(
            (created, failure) -> {
              if (failure != null) {
                createErrors.increment();
                if (closedLoop && loadOn.get()) {
                  retries.schedule(() -> create(System.nanoTime()), 20, TimeUnit.MILLISECONDS);
                }
              } else {
                tracker.created(
                    p.tracksByVariable() ? benchId : created.getProcessInstanceKey(), startNanos);
              }
            });
  }

  /**
   * Forgets every instance seen so far (the export benchmark's log-filling instances before its
   * load).
   */
  void resetTracking() {
    tracker = new InstanceTracker();
    createsIssued.reset();
  }

  /** True while a measurement window is open. */
  boolean measuring() {
    return measuring;
  }

  private void instanceCompleted(long processInstanceKey) {
    tracker.completed(processInstanceKey, System.nanoTime());
    if (closedLoop && loadOn.get()) {
      create(System.nanoTime());
    }
  }

  // ============================================================================ throughput (closed
  // loop)

  private void throughput(LogStats stats, EngineThreadSampler sampler) throws Exception {
    closedLoop = true;
    summary.put(
        "benchmark",
        "throughput, "
            + o.process.describe()
            + ": closed loop, "
            + o.inFlight
            + " instances kept in flight (a new one is created as each completes); "
            + o.seconds
            + " s window after "
            + o.warmup
            + " s warm-up");
    loadOn.set(true);
    for (int i = 0; i < o.inFlight; i++) {
      create(System.nanoTime());
    }
    List<Double> intervals = new ArrayList<>();
    progress("warm-up", o.warmup, null);
    Window w = Window.open(this, stats, sampler);
    progress("measure", o.seconds, intervals);
    w.close(this, stats, sampler);
    loadOn.set(false);
    drain(() -> tracker.inFlight() == 0);

    double seconds = w.seconds();
    long completed = w.completed;
    summary.put(
        "PI completed/s",
        String.format(
            "%.1f   (%d instances whose last job completion the engine acknowledged,"
                + " over %.1f s)",
            completed / seconds, completed, seconds));
    if (!intervals.isEmpty()) {
      summary.put(
          "steadiness",
          String.format(
              "5-s intervals in the window: min %.0f, max %.0f PI/s",
              intervals.stream().mapToDouble(d -> d).min().orElse(0),
              intervals.stream().mapToDouble(d -> d).max().orElse(0)));
    }
    long logged =
        stats.processesCompletedBetween(w.startMillis, w.endMillis, o.process.processId());
    summary.put(
        "PI completed/s (log)",
        String.format(
            "%.1f   (PROCESS ELEMENT_COMPLETED records of %s in the log, same" + " window)",
            logged / seconds, o.process.processId()));
    processFigures(w, stats);
    commandFigures(w);
    Histogram h = tracker.histogram();
    summary.put(
        "latency under saturation",
        String.format(
            "p50 %.1f ms, p99 %.1f ms (create call to acknowledged last"
                + " completion, %d in flight; see the latency mode for a fixed load)",
            h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, o.inFlight));
    logFigures(w);
    summary.put("engine thread", String.join("\n", sampler.report(8)));
    summary.put("cpu in the window", String.join("\n", cpu.report(8)));
  }

  // ============================================================================ latency (open
  // loop)

  void latency(LogStats stats, EngineThreadSampler sampler) throws Exception {
    closedLoop = false;
    summary.put(
        "benchmark",
        "latency, "
            + o.process.describe()
            + ": open loop, "
            + o.rate
            + " instances/s offered for "
            + o.seconds
            + " s after "
            + o.warmup
            + " s warm-up at the same rate");
    long period = Math.round(1e9 / o.rate);
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(o.warmup);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(o.seconds);
    tracker.measureFrom(measureFrom);
    loadOn.set(true);
    Thread pacer =
        new Thread(
            () -> {
              long behind = 0;
              for (long k = 0; ; k++) {
                long due = start + k * period;
                if (due >= end) {
                  break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                } else if (-wait > 5_000_000) {
                  behind++;
                }
                // The latency runs from when the create was due, so a late sender cannot hide a
                // stall.
                create(due);
              }
              if (behind > 0) {
                notes.add(
                    behind
                        + " creates were sent more than 5 ms after they were due (the due time is the start)");
              }
            },
            "bench-pacer");
    pacer.start();
    progress("warm-up", o.warmup, null);
    Window w = Window.open(this, stats, sampler);
    List<Double> intervals = new ArrayList<>();
    progress("measure", o.seconds, intervals);
    pacer.join();
    w.close(this, stats, sampler);
    loadOn.set(false);
    drain(() -> tracker.measuredUnfinished() == 0 && tracker.inFlight() <= 0);

    Histogram h = tracker.histogram();
    if (o.histogram) {
      System.out.println("start-to-complete latency distribution (ms):");
      h.outputPercentileDistribution(System.out, 5, 1000.0);
    }
    long measured = tracker.measuredCompletedCount();
    summary.put(
        "latency",
        String.format(
            "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms"
                + " (%d instances started in the window; from when the create call was due to the acknowledged"
                + " completion of the last job)",
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(90) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0,
            h.getMaxValue() / 1000.0,
            measured));
    long unfinished = tracker.measuredUnfinished();
    if (unfinished > 0) {
      notes.add(
          unfinished + " instances started in the window never completed within the drain time");
    }
    summary.put(
        "PI completed/s",
        String.format("%.1f   (offered %.1f)", w.completed / w.seconds(), o.rate));
    processFigures(w, stats);
    LogStats.EngineSide engine =
        stats.engineLatency(w.startMillis, w.endMillis, o.process.processId());
    Histogram e = engine.millis();
    summary.put(
        "engine-side latency",
        String.format(
            "p50 %d ms, p99 %d ms, max %d ms (%d instances; from the process'"
                + " ELEMENT_ACTIVATING to its ELEMENT_COMPLETED record timestamps in the log, ms resolution,"
                + " excludes the create call's trip and the final commit)",
            e.getValueAtPercentile(50),
            e.getValueAtPercentile(99),
            e.getMaxValue(),
            e.getTotalCount()));
    commandFigures(w);
    logFigures(w);
    summary.put("engine thread", String.join("\n", sampler.report(8)));
    summary.put("cpu in the window", String.join("\n", cpu.report(8)));
  }

  // ============================================================================ measuring

  /** Counters at the window's edges. */
  static final class Window {
    long startNanos;
    long endNanos;
    long startMillis;
    long endMillis;
    long completedAtStart;
    long completed;
    long jobsAtStart;
    long jobs;
    Map<String, Long> callsAtStart;
    Map<String, Long> calls;
    LogStats.Counters logAtStart;
    LogStats.Counters logAtEnd;
    long gcAtStart;
    long gcMillis;

    static Window open(EngineBench b, LogStats stats, EngineThreadSampler sampler)
        throws Exception {
      Window w = new Window();
      w.logAtStart = stats.counters();
      w.gcAtStart = gcMillis();
      w.callsAtStart = b.calls.snapshot();
      w.jobsAtStart = b.jobsReceived.sum();
      w.completedAtStart = b.tracker.completedCount();
      w.startMillis = System.currentTimeMillis();
      w.startNanos = System.nanoTime();
      if (b.closedLoop) {
        b.tracker.measureFrom(w.startNanos);
      }
      sampler.begin();
      b.cpu.begin();
      b.measuring = true;
      return w;
    }

    void close(EngineBench b, LogStats stats, EngineThreadSampler sampler) throws Exception {
      b.measuring = false;
      endNanos = System.nanoTime();
      endMillis = System.currentTimeMillis();
      completed = b.tracker.completedCount() - completedAtStart;
      jobs = b.jobsReceived.sum() - jobsAtStart;
      calls = CallCounter.delta(b.calls.snapshot(), callsAtStart);
      sampler.end();
      b.cpu.end();
      logAtEnd = stats.counters();
      gcMillis = gcMillis() - gcAtStart;
    }

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  /** What the call chain and multi-instance do besides the instance the driver created. */
  private void processFigures(Window w, LogStats stats) throws Exception {
    double s = w.seconds();
    BenchProcess p = o.process;
    if (p == BenchProcess.CALL_CHAIN) {
      long all = stats.processesCompletedBetween(w.startMillis, w.endMillis, null);
      summary.put(
          "PI of all levels/s",
          String.format(
              "%.1f   (PROCESS ELEMENT_COMPLETED records of the %d processes in"
                  + " the log; %d per chain)",
              all / s, BenchProcess.CHAIN_LEVELS, BenchProcess.CHAIN_LEVELS));
    } else if (p.completionsPerInstance() > 1) {
      long inner =
          stats.elementsCompletedBetween(w.startMillis, w.endMillis, "SUB_PROCESS", p.processId());
      summary.put(
          "inner instances/s",
          String.format(
              "%.0f   (%d per instance × %.1f instances/s completed; each one an"
                  + " inner subprocess instance with one job)",
              w.completed * p.completionsPerInstance() / s,
              p.completionsPerInstance(),
              w.completed / s));
      summary.put(
          "inner instances/s (log)",
          String.format(
              "%.0f   (SUB_PROCESS ELEMENT_COMPLETED records in the log," + " same window)",
              inner / s));
    }
  }

  private void commandFigures(Window w) {
    double s = w.seconds();
    long creates = CallCounter.sum(w.calls, CallCounter.Kind.CREATE);
    long activates = CallCounter.sum(w.calls, CallCounter.Kind.ACTIVATE);
    long completes = CallCounter.sum(w.calls, CallCounter.Kind.COMPLETE);
    long streams = CallCounter.sum(w.calls, CallCounter.Kind.STREAM);
    summary.put(
        "client requests/s",
        String.format(
            "%.0f   (creates %.0f + activation requests %.0f + completions %.0f;"
                + " counted as they leave the client)",
            (creates + activates + completes) / s, creates / s, activates / s, completes / s));
    summary.put(
        "engine commands/s",
        String.format(
            "%.0f   (creates + job activations + completions: jobs reach the"
                + " workers at %.0f/s%s)",
            (creates + w.jobs + completes) / s,
            w.jobs / s,
            streams > 0 ? ", mostly pushed on job streams" : ""));
    summary.put("requests by kind", w.calls.toString());
    long errors = createErrors.sum() + completeErrors.sum();
    if (errors > 0) {
      notes.add(
          "failed requests over the whole run: "
              + createErrors.sum()
              + " creates, "
              + completeErrors.sum()
              + " completions");
    }
    if (w.gcMillis > 0) {
      summary.put(
          "gc",
          String.format(
              "%d ms of collection pauses/cycles in the window (%.1f%%)",
              w.gcMillis, w.gcMillis / 10.0 / s));
    }
  }

  void logFigures(Window w) {
    double s = w.seconds();
    LogStats.Counters a = w.logAtStart;
    LogStats.Counters b = w.logAtEnd;
    long records = b.logPosition() - a.logPosition();
    long commits = b.xactCommit() - a.xactCommit();
    long syncs = b.walSyncs() - a.walSyncs();
    summary.put(
        "record log",
        String.format(
            "%.0f records/s; %.0f transactions/s committed in the database (the"
                + " engine's batches, plus any exporter's; %.1f records per transaction), %.0f WAL fsyncs/s, %.1f MB/s of WAL",
            records / s,
            commits / s,
            commits > 0 ? (double) records / commits : 0,
            syncs / s,
            (b.walBytes() - a.walBytes()) / s / 1e6));
    long writes = b.walWrites() - a.walWrites();
    summary.put(
        "WAL I/O",
        String.format(
            "PostgreSQL spent %.0f ms/s writing WAL (%d writes) and %.0f ms/s in WAL fsync"
                + " (%d fsyncs, %.2f ms each)",
            (b.walWriteMillis() - a.walWriteMillis()) / s,
            writes,
            (b.walSyncMillis() - a.walSyncMillis()) / s,
            syncs,
            syncs > 0 ? (b.walSyncMillis() - a.walSyncMillis()) / syncs : 0));
    if (w.completed > 0) {
      summary.put(
          "per instance",
          String.format(
              "%.1f records, %.2f commits",
              (double) records / w.completed, (double) commits / w.completed));
    }
  }

  private void progress(String phase, int seconds, List<Double> intervals)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long lastCompleted = tracker.completedCount();
    long lastNanos = System.nanoTime();
    while (true) {
      long remaining = end - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(remaining) + 1, 5_000));
      long now = System.nanoTime();
      long completed = tracker.completedCount();
      double rate = (completed - lastCompleted) / ((now - lastNanos) / 1e9);
      if (now - lastNanos >= 4_000_000_000L && intervals != null) {
        intervals.add(rate);
      }
      System.out.printf(
          "  [%-7s] %6.0f PI/s completed, %5d in flight, %d created, %d completed%n",
          phase, rate, createsIssued.sum() - completed, createsIssued.sum(), completed);
      lastCompleted = completed;
      lastNanos = now;
    }
  }

  private void drain(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drain);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (!done.getAsBoolean()) {
      notes.add(
          "after the load stopped, "
              + tracker.inFlight()
              + " instances were still in flight after "
              + o.drain
              + " s");
    }
  }

  // ============================================================================ reporting

  void printSummary() {
    SummaryBlock.print("SUOKE OPS ENGINE BENCHMARK", summary, notes);
  }

  /**
   * Where the engine classes came from (the jar in the local repository changes as others install).
   */
  private static String engineBuild() {
    StringBuilder b = new StringBuilder();
    try {
      Path where =
          Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      b.append(where).append(", modified ").append(Files.getLastModifiedTime(where).toInstant());
    } catch (Exception e) {
      b.append("unknown location");
    }
    List<String> threads = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("suoke-")) {
        threads.add(CpuAccounting.group(t.getName()));
      }
    }
    java.util.Collections.sort(threads);
    b.append("; engine threads ").append(new java.util.TreeSet<>(threads));
    return b.toString();
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException ignored) {
      // not Linux
    }
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + "), "
        + memory / (1024L * 1024 * 1024)
        + " GiB, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  static String loadAverage() {
    return SummaryBlock.loadAverage();
  }

  private static String fileStore(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      return store.name() + " (" + store.type() + ")";
    } catch (IOException e) {
      return "unknown file system";
    }
  }

  private static String gcNames() {
    List<String> names = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      names.add(gc.getName());
    }
    return String.join("/", names);
  }

  static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  // ============================================================================ options

  static final class Options implements Cloneable {
    static final String USAGE =
        """
        usage: EngineBench throughput <process> <seconds> [options]
               EngineBench latency <process> <rate PI/s> <seconds> [options]
               EngineBench callchain [seconds, 60] [options]       (throughput, then latency at --rate)
               EngineBench multiinstance [seconds, 60] [options]   (throughput, then latency at --rate)
               EngineBench timers [count, 10000] [options]
               EngineBench messages [count, 100000] [options]
               EngineBench export [instances, 20000] [seconds, 60] [options]
        processes: one-task, ten-step, call-chain, multi-instance
        options: --warmup=60 --in-flight=256 (multi-instance: 8) --protocol=auto|grpc|rest --stream=true
                 --max-jobs-active=64 --worker-threads=2 --pg-dir=<dir> --sample-ms=10 --drain=30 --histogram=false
        callchain, multiinstance: --rate=<PI/s> of the latency run (call chain 50, multi-instance 2)
        timers:   --clock=pin|system --warmup-timers=1000 --lead=<s> --probe-ms=50 --poll-ms=5 --limit=900
        messages: --threads=4 --poll-ms=5 --limit=900
        export:   --rate=100 (PI/s of the steady load) --page-size=1000 --poll-ms=5 --limit=1800
        audit:    --audit-max-lag-ms=250 (the engine's export bound, as the application's default; 0: none)
               EngineBench audit [seconds, 60] [options]            (throughput one-task with the audit exporter)""";

    String mode;
    BenchProcess process;
    int seconds;
    double rate;

    /** Seconds of load before the window; after 15 s the JIT still took 0.16 cores at 50 PI/s. */
    int warmup = 60;

    /** 0 until parsed: then --in-flight, or the process' default (or 256). */
    int inFlight;

    String protocol = "auto";
    boolean stream = true;
    int maxJobsActive = 64;
    int workerThreads = 2;
    Path pgDir = Path.of(System.getProperty("java.io.tmpdir"));
    long sampleMillis = 10;
    boolean histogram;
    int drain = 30;

    /** timers and messages: how many instances (and timers, or messages). */
    int count;

    /**
     * timers: pin (move the engine clock with Camunda's clock API) or system (wait for the due
     * date).
     */
    String clock = "pin";

    /** timers: instances fired in a first, unmeasured round (JIT warm-up); 0 for none. */
    int warmupTimers = 1000;

    /**
     * timers, system clock: seconds from the start of the round to the due date; 0 picks it from
     * the count.
     */
    int lead;

    /**
     * timers: interval of the responsiveness probe (a publish with no subscriber) while timers
     * fire; 0 for none.
     */
    int probeMillis = 50;

    /**
     * timers and messages: how often the commit watcher polls the log's last committed position.
     */
    int pollMillis = 5;

    /** messages: publishing threads. */
    int threads = 4;

    /**
     * timers, messages and export: the watchdog, in seconds (0 until parsed: then 900, export
     * 1800).
     */
    int limit;

    /**
     * callchain and multiinstance: the latency run's rate (0: the process' default); export: the
     * steady load (100).
     */
    double optionRate;

    /**
     * audit: the engine's export bound, as the application sets it
     * (suoke.engine.export.audit.max-lag); 0 for none.
     */
    long auditMaxLagMillis = 250;

    /** export: records per exporter page (the product's default, 1000). */
    int pageSize = 1_000;

    /** Modes that run until done, stopped by the --limit watchdog rather than a fixed window. */
    boolean limitedMode() {
      return "timers".equals(mode) || "messages".equals(mode) || "export".equals(mode);
    }

    /**
     * The runs this invocation makes, one after the other, each on a fresh PostgreSQL and engine:
     * callchain and multiinstance are a throughput run and a latency run of their process.
     */
    List<Options> phases() {
      if (!mode.equals("callchain") && !mode.equals("multiinstance")) {
        return List.of(this);
      }
      Options throughput = copy();
      throughput.mode = "throughput";
      Options latency = copy();
      latency.mode = "latency";
      latency.rate = optionRate > 0 ? optionRate : process.defaultRate();
      return List.of(throughput, latency);
    }

    private Options copy() {
      try {
        return (Options) clone(); // every field is a primitive or immutable
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    static Options parse(String[] args) {
      List<String> positional = new ArrayList<>();
      Options o = new Options();
      for (String arg : args) {
        if (!arg.startsWith("--")) {
          positional.add(arg);
          continue;
        }
        int eq = arg.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("options take a value: " + arg + "=...");
        }
        String name = arg.substring(2, eq);
        String value = arg.substring(eq + 1);
        switch (name) {
          case "warmup" -> o.warmup = nonNegative(name, Integer.parseInt(value));
          case "in-flight" -> o.inFlight = positive(name, Integer.parseInt(value));
          case "rate" -> {
            o.optionRate = Double.parseDouble(value);
            require(
                o.optionRate > 0 && o.optionRate <= 100_000,
                "--rate must be in (0, 100000] instances per second");
          }
          case "page-size" -> o.pageSize = positive(name, Integer.parseInt(value));
          case "protocol" -> {
            if (!value.equals("grpc") && !value.equals("rest") && !value.equals("auto")) {
              throw new IllegalArgumentException("--protocol is auto, grpc or rest");
            }
            o.protocol = value;
          }
          case "stream" -> o.stream = Boolean.parseBoolean(value);
          case "max-jobs-active" -> o.maxJobsActive = positive(name, Integer.parseInt(value));
          case "worker-threads" -> o.workerThreads = positive(name, Integer.parseInt(value));
          case "pg-dir" -> o.pgDir = Path.of(value);
          case "sample-ms" -> o.sampleMillis = nonNegative(name, Integer.parseInt(value));
          case "drain" -> o.drain = nonNegative(name, Integer.parseInt(value));
          case "histogram" -> o.histogram = Boolean.parseBoolean(value);
          case "clock" -> {
            if (!value.equals("pin") && !value.equals("system")) {
              throw new IllegalArgumentException("--clock is pin or system");
            }
            o.clock = value;
          }
          case "warmup-timers" -> o.warmupTimers = nonNegative(name, Integer.parseInt(value));
          case "lead" -> o.lead = nonNegative(name, Integer.parseInt(value));
          case "probe-ms" -> o.probeMillis = nonNegative(name, Integer.parseInt(value));
          case "poll-ms" -> o.pollMillis = positive(name, Integer.parseInt(value));
          case "threads" -> o.threads = positive(name, Integer.parseInt(value));
          case "limit" -> o.limit = positive(name, Integer.parseInt(value));
          case "audit-max-lag-ms" ->
              o.auditMaxLagMillis = nonNegative(name, Integer.parseInt(value));
          default -> throw new IllegalArgumentException("unknown option --" + name);
        }
      }
      if (positional.isEmpty()) {
        throw new IllegalArgumentException("no mode given");
      }
      o.mode = positional.get(0);
      switch (o.mode) {
        case "throughput" -> {
          require(positional.size() == 3, "throughput takes <process> <seconds>");
          o.process = BenchProcess.fromCli(positional.get(1));
          o.seconds = positive("seconds", Integer.parseInt(positional.get(2)));
        }
        case "latency" -> {
          require(positional.size() == 4, "latency takes <process> <rate> <seconds>");
          o.process = BenchProcess.fromCli(positional.get(1));
          o.rate = Double.parseDouble(positional.get(2));
          require(
              o.rate > 0 && o.rate <= 100_000, "rate must be in (0, 100000] instances per second");
          o.seconds = positive("seconds", Integer.parseInt(positional.get(3)));
        }
        case "callchain", "multiinstance" -> {
          require(positional.size() <= 2, o.mode + " takes [seconds]");
          o.process =
              o.mode.equals("callchain") ? BenchProcess.CALL_CHAIN : BenchProcess.MULTI_INSTANCE;
          o.seconds =
              positional.size() == 2
                  ? positive("seconds", Integer.parseInt(positional.get(1)))
                  : 60;
        }
        case "timers", "messages" -> {
          require(positional.size() <= 2, o.mode + " takes [count]");
          o.count =
              positional.size() == 2
                  ? positive("count", Integer.parseInt(positional.get(1)))
                  : o.mode.equals("timers") ? 10_000 : 100_000;
          require(o.count <= 5_000_000, "count: at most 5000000");
        }
        case "audit" -> {
          require(positional.size() <= 2, "audit takes [seconds]");
          o.process = BenchProcess.ONE_TASK;
          o.seconds =
              positional.size() == 2
                  ? positive("seconds", Integer.parseInt(positional.get(1)))
                  : 60;
        }
        case "export" -> {
          require(positional.size() <= 3, "export takes [instances] [seconds]");
          o.process = BenchProcess.ONE_TASK;
          o.count =
              positional.size() >= 2
                  ? positive("instances", Integer.parseInt(positional.get(1)))
                  : 20_000;
          o.seconds =
              positional.size() == 3
                  ? nonNegative("seconds", Integer.parseInt(positional.get(2)))
                  : 60;
          require(o.count <= 5_000_000, "instances: at most 5000000");
          o.rate = o.optionRate > 0 ? o.optionRate : 100;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown mode '"
                    + o.mode
                    + "': throughput, latency, callchain, multiinstance, timers, messages, export or audit");
      }
      if (o.limit == 0) {
        o.limit = o.mode.equals("export") ? 1_800 : 900;
      }
      if (o.inFlight == 0) {
        o.inFlight = o.process != null ? o.process.defaultInFlight() : 256;
      }
      require(o.seconds <= 3600, "at most 3600 s");
      require(o.warmup <= 600, "at most 600 s of warm-up");
      return o;
    }

    private static int positive(String name, int v) {
      require(v > 0, name + " must be positive");
      return v;
    }

    private static int nonNegative(String name, int v) {
      require(v >= 0, name + " must not be negative");
      return v;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
