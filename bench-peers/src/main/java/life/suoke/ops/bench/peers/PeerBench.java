package life.suoke.ops.bench.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.bench.BenchArgs;
import life.suoke.ops.bench.BenchPostgres;
import life.suoke.ops.bench.CpuAccounting;
import life.suoke.ops.bench.SummaryBlock;
import org.HdrHistogram.Histogram;

/**
 * Benchmarks a peer BPMN engine (Flowable or Operaton) embedded in this JVM, on the bench's durable
 * embedded PostgreSQL (a fresh one per run, fsync, synchronous_commit and full_page_writes on and
 * checked), with the bench's processes, their service tasks external tasks that worker threads
 * fetch-and-lock and complete through the engine's Java API ({@link PeerDriver}).
 *
 * <pre>
 * &lt;engine&gt; throughput &lt;process&gt; &lt;seconds&gt;       closed loop: --in-flight instances, a new one
 *                                              started as each ends; PI/s over the window after
 *                                              the warm-up
 * &lt;engine&gt; latency &lt;process&gt; &lt;rate&gt; &lt;seconds&gt;   open loop: instances started at a fixed rate;
 *                                              latency percentiles from when each start was due
 * </pre>
 *
 * Options: {@link PeerArgs}. An instance counts as completed when its end has committed: for
 * Operaton when the completion call of its last task returns, for Flowable when the async job that
 * continues the instance after that completion has committed.
 */
public final class PeerBench {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

  private final PeerArgs o;
  private final Map<String, String> summary = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  private PeerBench(PeerArgs o) {
    this.o = o;
  }

  public static void main(String[] args) throws Exception {
    PeerArgs options;
    try {
      options = PeerArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(PeerArgs.USAGE);
      System.exit(2);
      return;
    }
    BenchArgs.watchdog(
        "peer",
        (int) Math.ceil((options.warmup() + options.seconds() + options.drain()) / 60.0) + 3);
    try {
      new PeerBench(options).run();
    } catch (BadArguments e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
    // Everything the run started is closed; a thread an engine library left behind must not keep
    // Maven's JVM (exec:java) waiting.
    System.exit(0);
  }

  /** Arguments that turn out unusable once the engine is known. */
  static final class BadArguments extends RuntimeException {
    BadArguments(String message) {
      super(message);
    }
  }

  private void run() throws Exception {
    summary.put("date", ZonedDateTime.now().format(WHEN));
    summary.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + "; "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB");
    String loadStart = loadAverage();
    System.out.printf(
        "Suoke Ops peer bench: %s %s %s, load average %s%n",
        o.engine(), o.mode(), o.process().cliName(), loadStart);

    try (BenchPostgres pg = BenchPostgres.start(o.pgDir())) {
      summary.put("postgres", pg.describe());
      summary.put("pg data", pg.dataDir().toString());
      long[] probe = pg.probeCommitMicros(200);
      summary.put(
          "commit probe",
          String.format(
              "200 sequential one-row commits: p50 %.2f ms, p99 %.2f ms",
              probe[100] / 1000.0, probe[197] / 1000.0));
      CpuAccounting cpu = new CpuAccounting(pg.dataDir());
      PeerDriver driver = new PeerDriver(o.process(), o.workers(), o.batch(), o.pollMillis());
      try (HikariDataSource pool = pool(pg, o.pool());
          PeerEngine engine = PeerEngine.open(o.engine(), pool, driver::instanceEnded)) {
        summary.put("engine", engine.name() + ", embedded in this JVM");
        summary.put("configuration", String.join("\n", engine.configuration()));
        int threads =
            o.workers()
                + (o.mode().equals("latency") ? PeerDriver.STARTERS : 0)
                + engine.ownThreads();
        if (o.pool() <= threads) {
          // A command may take a second connection while it holds its first (Flowable's
          // post-commit listeners, an id block): with every connection held that waits forever.
          throw new BadArguments(
              String.format(
                  "--pool=%d is too small: %d threads run %s commands (%d workers, %d starters,"
                      + " %d of the engine's own); give it at least %d connections",
                  o.pool(),
                  threads,
                  engine.name(),
                  o.workers(),
                  o.mode().equals("latency") ? PeerDriver.STARTERS : 0,
                  engine.ownThreads(),
                  threads + 1));
        }
        summary.put(
            "connection pool",
            String.format(
                "HikariCP, %d connections, for %d threads that run engine commands (%d workers,"
                    + " %d starters, %d of the engine's own)",
                o.pool(),
                threads,
                o.workers(),
                o.mode().equals("latency") ? PeerDriver.STARTERS : 0,
                engine.ownThreads()));
        engine.deploy(o.process());
        driver.attach(engine);
        summary.put(
            "workers",
            o.workers()
                + " threads in this JVM, each: fetch-and-lock up to "
                + o.batch()
                + " tasks of the process' "
                + o.process().topics().size()
                + " topic(s), complete each through the Java API (one transaction each)"
                + (o.mode().equals("throughput") ? ", start the replacements asked for" : "")
                + "; after a fetch that found nothing, sleep "
                + o.pollMillis()
                + " ms");
        driver.startWorkers();
        try {
          if (o.mode().equals("throughput")) {
            throughput(driver, cpu);
          } else {
            latency(driver, cpu);
          }
          long finished = engine.finishedInstances(o.process());
          summary.put(
              "history",
              String.format(
                  "%d finished instances of %s in the engine's history (the driver counted %d"
                      + " ends); %d fetches or completions tried again after a concurrent change",
                  finished, o.process().key(), driver.completed(), engine.conflicts()));
        } finally {
          driver.close();
        }
      }
    }
    summary.put("load average", "start " + loadStart + ", end " + loadAverage() + " (1/5/15 min)");
    printSummary();
  }

  private static HikariDataSource pool(BenchPostgres pg, int size) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("peer-pool");
    c.setJdbcUrl(pg.jdbcUrl());
    c.setUsername(BenchPostgres.USER);
    c.setMaximumPoolSize(size);
    return new HikariDataSource(c);
  }

  // ------------------------------------------------------------------------------------- modes

  private void throughput(PeerDriver driver, CpuAccounting cpu) throws InterruptedException {
    summary.put(
        "benchmark",
        String.format(
            "throughput, %s: closed loop, %d instances kept in flight (a new one started as each"
                + " ends); %d s window after %d s warm-up",
            o.process().cliName(), o.inFlight(), o.seconds(), o.warmup()));
    driver.closedLoop(o.inFlight());
    progress(driver, "warm-up", o.warmup(), null);
    long completedAtStart = driver.completed();
    long tasksAtStart = driver.tasks();
    long startNanos = System.nanoTime();
    driver.measureBetween(startNanos, Long.MAX_VALUE);
    cpu.begin();
    List<Double> intervals = new ArrayList<>();
    progress(driver, "measure", o.seconds(), intervals);
    cpu.end();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    driver.measureBetween(startNanos, System.nanoTime());
    long completed = driver.completed() - completedAtStart;
    long tasks = driver.tasks() - tasksAtStart;
    driver.stopLoad();
    drain(driver);

    double rate = completed / seconds;
    summary.put(
        "PI completed/s",
        String.format(
            "%.1f   (%d instances whose end committed, over %.1f s)", rate, completed, seconds));
    if (!intervals.isEmpty()) {
      summary.put(
          "steadiness",
          String.format(
              "5-s intervals in the window: min %.0f, max %.0f PI/s",
              intervals.stream().mapToDouble(d -> d).min().orElse(0),
              intervals.stream().mapToDouble(d -> d).max().orElse(0)));
    }
    summary.put(
        "task completions/s",
        String.format("%.0f   (%d per instance)", tasks / seconds, o.process().tasksPerInstance()));
    Histogram h = driver.latency();
    summary.put(
        "latency under saturation",
        String.format(
            "p50 %.1f ms, p99 %.1f ms (start to committed end, %d in flight)",
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            o.inFlight()));
    cpuFigures(cpu, rate);
    errors(driver);
  }

  private void latency(PeerDriver driver, CpuAccounting cpu) throws InterruptedException {
    summary.put(
        "benchmark",
        String.format(
            "latency, %s: open loop, %d instances/s started for %d s after %d s warm-up at the"
                + " same rate",
            o.process().cliName(), o.rate(), o.seconds(), o.warmup()));
    long begin = System.nanoTime();
    long from = begin + TimeUnit.SECONDS.toNanos(o.warmup());
    long until = from + TimeUnit.SECONDS.toNanos(o.seconds());
    driver.measureBetween(from, until);
    Thread pacer = driver.pace(o.rate(), o.warmup() + o.seconds());
    progress(driver, "warm-up", o.warmup(), null);
    long completedAtStart = driver.completed();
    long startNanos = System.nanoTime();
    cpu.begin();
    progress(driver, "measure", o.seconds(), null);
    pacer.join();
    cpu.end();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long completed = driver.completed() - completedAtStart;
    drain(driver);

    Histogram h = driver.latency();
    summary.put(
        "latency",
        String.format(
            "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%d instances due"
                + " in the window; from when the start was due to the committed end)",
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(90) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0,
            h.getMaxValue() / 1000.0,
            driver.measured()));
    summary.put(
        "poll interval",
        o.pollMillis()
            + " ms: a worker whose fetch found nothing sleeps that long before the next; a task"
            + " waits at most about that long for a worker");
    double rate = completed / seconds;
    summary.put("PI completed/s", String.format("%.1f   (offered %d)", rate, o.rate()));
    cpuFigures(cpu, rate);
    errors(driver);
  }

  private void cpuFigures(CpuAccounting cpu, double rate) {
    summary.put("cpu in the window", String.join("\n", cpu.report(6)));
    double busy = cpu.machineBusyCores();
    summary.put(
        "machine CPU/instance",
        String.format(
            "%.2f ms   (machine busy cores %.2f / %.1f PI/s × 1000)",
            busy / rate * 1000, busy, rate));
  }

  private void errors(PeerDriver driver) {
    summary.put(
        "fetches",
        String.format(
            "%d fetch rounds, %d of them found nothing", driver.fetches(), driver.emptyFetches()));
    if (driver.errors() > 0) {
      notes.add(
          driver.errors()
              + " engine calls failed (the workers went on); the first: "
              + driver.firstError());
    }
  }

  private void drain(PeerDriver driver) throws InterruptedException {
    if (!driver.drain(TimeUnit.SECONDS.toMillis(o.drain()))) {
      notes.add(
          driver.inFlight()
              + " instances were still in flight "
              + o.drain()
              + " s after the load stopped");
    }
  }

  private static void progress(PeerDriver driver, String phase, int seconds, List<Double> intervals)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long lastCompleted = driver.completed();
    long lastNanos = System.nanoTime();
    while (true) {
      long remaining = end - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(remaining) + 1, 5_000));
      long now = System.nanoTime();
      long completed = driver.completed();
      double rate = (completed - lastCompleted) / ((now - lastNanos) / 1e9);
      if (intervals != null && now - lastNanos >= 4_000_000_000L) {
        intervals.add(rate);
      }
      System.out.printf(
          "  [%-7s] %6.0f PI/s completed, %5d in flight, %d started, %d completed%n",
          phase, rate, driver.inFlight(), driver.started(), completed);
      lastCompleted = completed;
      lastNanos = now;
    }
  }

  // ------------------------------------------------------------------------------------- output

  private void printSummary() {
    SummaryBlock.print("SUOKE OPS PEER BENCHMARK", summary, notes);
  }

  private static String loadAverage() {
    return SummaryBlock.loadAverage();
  }
}
