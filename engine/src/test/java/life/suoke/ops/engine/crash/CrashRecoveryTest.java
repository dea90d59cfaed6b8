package life.suoke.ops.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Every command the engine acknowledged survives a SIGKILL: after a restart, every acknowledged
 * process instance runs to its end, and every job is worked at least once and never lost.
 */
class CrashRecoveryTest {

  static final int INSTANCES = 300;

  @Test
  void acknowledgedInstancesCompleteAfterTheEngineIsKilledMidFlow() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase(CrashRecoveryTest.class);
    int port = freePort();
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    // (process instance, element) of every job a worker did, counted when the worker does it:
    // a completion committed just before the kill may never be acknowledged to the worker.
    Map<String, Integer> jobsWorked = new ConcurrentHashMap<>();

    Process first = fork(database, port);
    try (CamundaClient client = client(port)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("crash-flow")
                  .startEvent()
                  .serviceTask("triage", t -> t.zeebeJobType("crash-triage"))
                  .serviceTask("notify", t -> t.zeebeJobType("crash-notify"))
                  .endEvent()
                  .done(),
              "crash-flow.bpmn")
          .send()
          .join();
      try (JobWorker triage = worker(client, "crash-triage", jobsWorked);
          JobWorker notify = worker(client, "crash-notify", jobsWorked)) {
        for (int i = 0; i < INSTANCES; i++) {
          acknowledged.add(
              client
                  .newCreateInstanceCommand()
                  .bpmnProcessId("crash-flow")
                  .latestVersion()
                  .variables(Map.of("n", i))
                  .send()
                  .join()
                  .getProcessInstanceKey());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jobsWorked.size() > INSTANCES / 2);
        first.destroyForcibly(); // SIGKILL, mid-flow
        first.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      first.destroyForcibly();
    }
    int workedBeforeCrash = jobsWorked.size();
    assertThat(workedBeforeCrash).isLessThan(2 * INSTANCES);

    Process second = fork(database, port);
    try (CamundaClient client = client(port);
        JobWorker triage = worker(client, "crash-triage", jobsWorked);
        JobWorker notify = worker(client, "crash-notify", jobsWorked);
        RecordLog log =
            new RecordLog(database.jdbcUrl(), database.user(), database.password(), "engine")) {
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(() -> assertThat(completedInstances(log)).containsAll(acknowledged));
    } finally {
      second.destroyForcibly();
    }
    // Both jobs of every instance were worked at least once (those of the crash window may be
    // worked twice).
    for (long instance : acknowledged) {
      assertThat(jobsWorked).containsKeys(instance + "/triage", instance + "/notify");
    }
  }

  static Set<Long> completedInstances(RecordLog log) {
    Set<Long> completed = new HashSet<>();
    log.replay(
        0,
        record -> {
          if (record.recordType() == RecordType.EVENT
              && record.valueType() == ValueType.PROCESS_INSTANCE
              && record.intent() == ProcessInstanceIntent.ELEMENT_COMPLETED
              && "PROCESS".equals(record.value().get("bpmnElementType"))) {
            completed.add(record.key());
          }
        });
    return completed;
  }

  static JobWorker worker(CamundaClient client, String type, Map<String, Integer> worked) {
    return client
        .newWorker()
        .jobType(type)
        .handler(
            (jobClient, job) -> {
              worked.merge(job.getProcessInstanceKey() + "/" + job.getElementId(), 1, Integer::sum);
              jobClient.newCompleteCommand(job.getKey()).send().join();
            })
        .timeout(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(50))
        .requestTimeout(Duration.ofSeconds(2))
        .open();
  }

  static CamundaClient client(int port) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + port))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
  }

  static Process fork(TestPostgres.Database database, int port, String... extraArgs)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                ForkedEngineMain.class.getName(),
                database.jdbcUrl(),
                database.user(),
                database.password(),
                Integer.toString(port)));
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("ENGINE READY")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "forked-engine-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("forked engine did not start");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
