package life.suoke.ops.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;

/**
 * What the engine's state costs as history grows: the heap each waiting instance holds, and how
 * long a start takes with that history in the log. See README, "State: heap and start time".
 *
 * <pre>state [waiting] [--completed=0] [--in-flight=256] [--pg-dir=java.io.tmpdir] [--histogram]
 * </pre>
 *
 * <ol>
 *   <li>{@code --completed} one-task instances are run to their end (a worker completes each job):
 *       history in the log that no waiting state stands for.
 *   <li>{@code waiting} instances of a process that waits at a Camunda user task are created, each
 *       with ten variables (strings, numbers, a boolean, a small list and a small object).
 *   <li>The heap in use is read after full collections, before and after step 2: the difference
 *       divided by {@code waiting} is the heap per waiting instance. It includes everything the
 *       engine keeps for such an instance (element instances, variables, the user task, indexes and
 *       the search projection's share in memory), nothing of the client's.
 *   <li>Once the search projection has caught up, a state snapshot is written and the log below it
 *       moved to the archive ({@code Engine.takeSnapshot}); its size and both times are printed.
 *   <li>The engine is stopped and started again on the same log; the time until it answers is the
 *       start time with that history (a start loads the newest snapshot and replays only what
 *       follows it), and the heap is read again.
 * </ol>
 *
 * <p>The engine runs in this JVM: give it room ({@code MAVEN_OPTS=-Xmx16g} for a million).
 */
final class StateBench {

  private static final String WAITING = "state-bench-waiting";
  private static final String ONE_TASK = "state-bench-one-task";
  private static final String JOB_TYPE = "state-bench-task";

  private final int waiting;
  private final int completed;
  private final int inFlight;
  private final Path pgDir;
  private final boolean histogram;

  private StateBench(BenchArgs a) {
    waiting = a.position(0, 100_000);
    completed = a.option("completed", 0);
    inFlight = a.option("in-flight", 256);
    pgDir = Path.of(a.option("pg-dir", System.getProperty("java.io.tmpdir")));
    histogram = Boolean.parseBoolean(a.option("histogram", "false"));
  }

  public static void main(String[] args) throws Exception {
    BenchArgs.watchdog("state", 180);
    new StateBench(new BenchArgs(args)).run();
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "Suoke Ops state bench: %,d waiting instances, %,d completed before; max heap %,d MiB%n",
        waiting,
        completed,
        Runtime.getRuntime().maxMemory() >> 20);
    try (BenchPostgres pg = BenchPostgres.start(pgDir)) {
      EngineConfig config = EngineConfig.of(pg.dataSource());
      long heapBefore;
      long heapAfter;
      try (Engine engine = Engine.start(config);
          CamundaClient client = client(engine)) {
        client
            .newDeployResourceCommand()
            .addProcessModel(waitingProcess(), WAITING + ".bpmn")
            .addProcessModel(oneTaskProcess(), ONE_TASK + ".bpmn")
            .send()
            .join();
        if (completed > 0) {
          runToCompletion(client);
        }
        heapBefore = usedHeapAfterGc();
        BoundedSender.Result created =
            BoundedSender.run(
                "waiting",
                waiting,
                2,
                inFlight,
                i ->
                    client
                        .newCreateInstanceCommand()
                        .bpmnProcessId(WAITING)
                        .latestVersion()
                        .variables(variables(i))
                        .send(),
                (i, r, n) -> {},
                System.nanoTime() + TimeUnit.MINUTES.toNanos(90));
        System.out.printf(
            Locale.ROOT,
            "created %,d waiting instances in %.1f s (%.0f/s)%n",
            created.count() - created.lost(),
            created.seconds(),
            created.perSecond());
        heapAfter = usedHeapAfterGc();
        if (histogram) {
          printHistogram();
        }
        long last = engine.recordLog().lastPosition();
        while (engine.projectedPosition() < last) {
          Thread.sleep(100);
        }
        long snapshotStarted = System.nanoTime();
        long position = engine.takeSnapshot();
        System.out.printf(
            Locale.ROOT,
            "snapshot at position %,d (%,d KiB) written and the log below it archived in %.1f s%n",
            position,
            engine.recordLog().snapshots().get(0).size() / 1024,
            (System.nanoTime() - snapshotStarted) / 1e9);
      }
      long records = count(pg, "SELECT count(*) FROM engine.record");
      long archived = count(pg, "SELECT count(*) FROM engine.record_archive");
      long started = System.nanoTime();
      long heapRestarted;
      try (Engine engine = Engine.start(config);
          CamundaClient client = client(engine)) {
        client.newTopologyRequest().send().join();
        double startSeconds = (System.nanoTime() - started) / 1e9;
        heapRestarted = usedHeapAfterGc();
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put(
            "records in the log",
            String.format(
                Locale.ROOT, "%,d (%,d archived, %,d hot)", records + archived, archived, records));
        summary.put("heap used before the waiting instances", mib(heapBefore));
        summary.put("heap used with them", mib(heapAfter));
        summary.put(
            "heap per waiting instance",
            String.format(
                Locale.ROOT, "%,d bytes", (heapAfter - heapBefore) / Math.max(1, waiting)));
        summary.put(
            "start time with this history", String.format(Locale.ROOT, "%.1f s", startSeconds));
        summary.put("heap used after the restart", mib(heapRestarted));
        System.out.println();
        summary.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-40s %s%n", k, v));
      }
    }
  }

  private void runToCompletion(CamundaClient client) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(completed);
    try (JobWorker worker =
        client
            .newWorker()
            .jobType(JOB_TYPE)
            .handler(
                (jobClient, job) ->
                    jobClient
                        .newCompleteCommand(job)
                        .send()
                        .whenComplete(
                            (r, e) -> {
                              if (e == null) {
                                done.countDown();
                              }
                            }))
            .maxJobsActive(512)
            .streamEnabled(true)
            .open()) {
      BoundedSender.Result created =
          BoundedSender.run(
              "completed",
              completed,
              2,
              inFlight,
              i -> client.newCreateInstanceCommand().bpmnProcessId(ONE_TASK).latestVersion().send(),
              (i, r, n) -> {},
              System.nanoTime() + TimeUnit.MINUTES.toNanos(90));
      if (!done.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException(done.getCount() + " one-task instances did not complete");
      }
      System.out.printf(
          Locale.ROOT,
          "ran %,d one-task instances to completion in %.1f s of creating%n",
          created.count(),
          created.seconds());
    }
  }

  /** Ten variables of the kinds processes carry. */
  static Map<String, Object> variables(int i) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("businessKey", "REQ-" + i);
    v.put("title", "Request number " + i + " for the state benchmark");
    v.put("requester", "user" + (i % 1000));
    v.put("amount", 100 + i % 900);
    v.put("priority", i % 4);
    v.put("approved", false);
    v.put("tags", java.util.List.of("bench", "state"));
    v.put("customer", Map.of("id", i, "tier", "gold"));
    v.put("createdAt", "2026-12-04T10:00:00Z");
    v.put("region", "cn-east");
    return v;
  }

  private static BpmnModelInstance waitingProcess() {
    return Bpmn.createExecutableProcess(WAITING)
        .startEvent("start")
        .userTask("review")
        .zeebeUserTask()
        .zeebeCandidateGroups("reviewers")
        .endEvent("end")
        .done();
  }

  private static BpmnModelInstance oneTaskProcess() {
    return Bpmn.createExecutableProcess(ONE_TASK)
        .startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType(JOB_TYPE))
        .endEvent("end")
        .done();
  }

  private static CamundaClient client(Engine engine) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(60))
        .build();
  }

  /**
   * The 30 classes with the most live bytes, with the waiting instances in the heap ({@code
   * --histogram}).
   */
  private static void printHistogram() throws Exception {
    javax.management.ObjectName diagnostics =
        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    diagnostics,
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    histogram.lines().limit(33).forEach(System.out::println);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(300);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static long count(BenchPostgres pg, String sql) throws Exception {
    try (Connection c = pg.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }
}
