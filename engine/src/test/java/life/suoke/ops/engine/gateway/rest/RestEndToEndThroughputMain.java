package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.testsupport.TestPostgres;

/**
 * Not a test: one-task process instances per second through the unmodified Camunda client over REST
 * (create, activate by a polling job worker, complete), on an engine with its projection running,
 * on the embedded PostgreSQL. Prints the rate and how far the projection lags at the end. {@code
 * java -cp ... life.suoke.ops.engine.gateway.rest.RestEndToEndThroughputMain [seconds]
 * [inFlightCreates] [rest|grpc]}.
 */
public final class RestEndToEndThroughputMain {

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    boolean rest = args.length <= 2 || !"grpc".equals(args[2]);
    TestPostgres.Database db = TestPostgres.newDatabase("rest_e2e_bench");
    try (Engine engine = Engine.start(EngineConfig.of(db.dataSource()));
        CamundaClient client =
            CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
                .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
                .preferRestOverGrpc(rest)
                .build()) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("bench")
                  .startEvent()
                  .serviceTask("t", t -> t.zeebeJobType("bench"))
                  .endEvent()
                  .done(),
              "bench.bpmn")
          .send()
          .join();
      AtomicLong completed = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      try (var worker =
          client
              .newWorker()
              .jobType("bench")
              .handler(
                  (jobClient, job) ->
                      jobClient
                          .newCompleteCommand(job.getKey())
                          .send()
                          .whenComplete(
                              (r, e) -> (e == null ? completed : failed).incrementAndGet()))
              .maxJobsActive(256)
              .pollInterval(Duration.ofMillis(1))
              .requestTimeout(Duration.ofSeconds(5))
              .streamEnabled(false)
              .open()) {
        Semaphore permits = new Semaphore(inFlight);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long start = 0;
        long startCount = 0;
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
          if (start == 0 && System.nanoTime() >= warmupEnd) {
            start = System.nanoTime();
            startCount = completed.get();
          }
          permits.acquire();
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("bench")
              .latestVersion()
              .send()
              .whenComplete(
                  (r, e) -> {
                    if (e != null) {
                      failed.incrementAndGet();
                    }
                    permits.release();
                  });
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long done = completed.get() - startCount;
        System.out.printf(
            (rest ? "REST" : "gRPC")
                + " end-to-end: %.0f one-task instances/s (%d in %.1f s, %d failures, %d creates in flight)%n",
            done / elapsed,
            done,
            elapsed,
            failed.get(),
            inFlight);
        long last = engine.recordLog().lastPosition();
        System.out.printf(
            "projection lag at the end: %d records%n", last - engine.projectedPosition());
        long waitStart = System.nanoTime();
        while (engine.projectedPosition() < last
            && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(60)) {
          Thread.sleep(50);
        }
        System.out.printf(
            "projection caught up %d records in %.1f s%n",
            last, (System.nanoTime() - waitStart) / 1e9);
      }
    }
  }
}
