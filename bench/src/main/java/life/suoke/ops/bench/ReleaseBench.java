package life.suoke.ops.bench;

import static life.suoke.ops.processes.release.ReleaseProcess.*;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.processes.release.ReleaseStrategy;
import life.suoke.ops.workers.release.AnalysisSpec;
import life.suoke.ops.workers.release.PrometheusAnalysis;
import org.HdrHistogram.Histogram;

/**
 * Releases: (1) the analysis's own cost per step — {@link PrometheusAnalysis} with N metrics
 * against a loopback server answering Prometheus's query API at once, so what is measured is the
 * driver's overhead (HTTP, JSON, verdict), not PromQL evaluation; (2) {@code R} concurrent canary
 * releases (10 % -> 50 % -> 100 %, a pause of P seconds at each step) on the real release process
 * and engine, workers completing every job at once: for each step, how late its decision (the
 * analysis job activated) came after its due time (the step applied + its pause).
 *
 * <p>{@code releases [concurrent=100] [pauseSeconds=5] [metrics=3] [analyses=2000]}
 */
public final class ReleaseBench {

  private ReleaseBench() {}

  public static void main(String[] args) throws Exception {
    int concurrent = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int pauseSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int metrics = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int analyses = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    analysisOverhead(metrics, analyses);
    concurrentReleases(concurrent, pauseSeconds);
    System.exit(0);
  }

  static void analysisOverhead(int metrics, int analyses) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    byte[] body =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1.7e9,\"0.01\"]}]}}"
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    try {
      List<Map<String, Object>> specs = new ArrayList<>();
      for (int i = 0; i < metrics; i++) {
        specs.add(
            Map.of(
                "name",
                "m" + i,
                "query",
                "sum(rate(http_requests_total{version=\"{{version}}\",code=~\"5..\"}[1m]))",
                "successCondition",
                "< 0.05",
                "failureCondition",
                ">= 0.05",
                "baseline",
                Map.of("maxRatio", 2)));
      }
      List<AnalysisSpec.Metric> spec = AnalysisSpec.read(Map.of("metrics", specs)).metrics();
      PrometheusAnalysis analysis =
          new PrometheusAnalysis(
              () -> URI.create("http://127.0.0.1:" + server.getAddress().getPort()), d -> {});
      for (int i = 0; i < 200; i++) {
        analysis.analyse("step", spec, "checkout", "2.0", "1.0");
      }
      Histogram h = new Histogram(3);
      for (int i = 0; i < analyses; i++) {
        long t = System.nanoTime();
        String verdict = analysis.analyse("step", spec, "checkout", "2.0", "1.0").verdict();
        h.recordValue((System.nanoTime() - t) / 1000);
        if (!"Successful".equals(verdict)) {
          throw new IllegalStateException(verdict);
        }
      }
      System.out.printf(
          "analysis overhead, %d metrics with baseline (%d queries) per step, %d steps:%n"
              + "  p50 %.2f ms  p99 %.2f ms  max %.2f ms  per query p50 %.3f ms%n",
          metrics,
          metrics * 2,
          analyses,
          h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0,
          h.getMaxValue() / 1000.0,
          h.getValueAtPercentile(50) / 1000.0 / (metrics * 2));
    } finally {
      server.stop(0);
    }
  }

  static void concurrentReleases(int concurrent, int pauseSeconds) throws Exception {
    Map<String, Object> strategy =
        Map.of(
            "type",
            "canary",
            "steps",
            List.of(
                Map.of("setWeight", 10, "pause", "PT" + pauseSeconds + "S"),
                Map.of("setWeight", 50, "pause", "PT" + pauseSeconds + "S"),
                Map.of("setWeight", 100, "pause", "PT" + pauseSeconds + "S")));
    List<Map<String, Object>> steps = ReleaseStrategy.steps(strategy);
    try (ProcessEngineContext engine = ProcessEngineContext.start("release-bench")) {
      CamundaClient client = engine.client();
      client
          .newDeployResourceCommand()
          .addResourceFromClasspath(RESOURCE)
          .addResourceFromClasspath(DECIDE_FORM)
          .send()
          .join();
      Map<String, Long> dueAt = new ConcurrentHashMap<>();
      Histogram lateness = new Histogram(3);
      CountDownLatch done = new CountDownLatch(concurrent);
      List<JobWorker> workers = new ArrayList<>();
      workers.add(
          worker(
              client,
              JOB_PLAN,
              job -> Map.of(VAR_PLAN_ACCEPTED, true, VAR_STEPS, steps, VAR_KEEP_PREVIOUS, "PT0S")));
      for (String type : List.of(JOB_PREPARE, JOB_DEPLOY, JOB_CONFIRM, JOB_RETIRE_PREVIOUS)) {
        workers.add(worker(client, type, job -> Map.of()));
      }
      workers.add(worker(client, JOB_VERIFY, job -> Map.of(VAR_VERIFICATION_PASSED, true)));
      workers.add(
          worker(
              client,
              JOB_APPLY_STEP,
              job -> {
                Map<String, Object> step =
                    (Map<String, Object>) job.getVariablesAsMap().get(VAR_STEP);
                dueAt.put(
                    job.getProcessInstanceKey() + "/" + step.get("index"),
                    System.currentTimeMillis() + pauseSeconds * 1000L);
                return Map.of();
              }));
      workers.add(
          worker(
              client,
              JOB_ANALYSE,
              job -> {
                Object step = job.getVariablesAsMap().get(VAR_STEP);
                if (step instanceof Map<?, ?> s
                    && "step".equals(job.getCustomHeaders().get(HEADER_PHASE))) {
                  Long due = dueAt.get(job.getProcessInstanceKey() + "/" + s.get("index"));
                  if (due != null) {
                    synchronized (lateness) {
                      lateness.recordValue(Math.max(0, System.currentTimeMillis() - due));
                    }
                  }
                }
                return Map.of(VAR_VERDICT, VERDICT_SUCCESSFUL);
              }));
      workers.add(
          worker(
              client,
              JOB_OUTCOME,
              job -> {
                done.countDown();
                return Map.of();
              }));
      long started = System.currentTimeMillis();
      for (int i = 0; i < concurrent; i++) {
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(
                    VAR_RELEASE_ID, "REL-B-" + i, VAR_SERVICE, "svc-" + i, VAR_STRATEGY, strategy))
            .send()
            .join();
      }
      boolean finished = done.await(10L * pauseSeconds + 300, TimeUnit.SECONDS);
      long took = System.currentTimeMillis() - started;
      workers.forEach(JobWorker::close);
      System.out.printf(
          "%d concurrent canary releases, 3 steps of %d s pause each: %s in %.1f s%n"
              + "  decisions %d, lateness after due time p50 %d ms  p99 %d ms  max %d ms; within 1 s: %s%n",
          concurrent,
          pauseSeconds,
          finished ? "all promoted" : "NOT all done",
          took / 1000.0,
          lateness.getTotalCount(),
          lateness.getValueAtPercentile(50),
          lateness.getValueAtPercentile(99),
          lateness.getMaxValue(),
          lateness.getMaxValue() <= 1000 ? "yes" : "NO");
    }
  }

  private interface Handler {
    Map<String, Object> handle(io.camunda.client.api.response.ActivatedJob job);
  }

  private static JobWorker worker(CamundaClient client, String type, Handler handler) {
    return client
        .newWorker()
        .jobType(type)
        .handler(
            (jobClient, job) ->
                jobClient
                    .newCompleteCommand(job.getKey())
                    .variables(handler.handle(job))
                    .send()
                    .join())
        .maxJobsActive(64)
        .pollInterval(Duration.ofMillis(100))
        .requestTimeout(Duration.ofSeconds(5))
        .open();
  }
}
