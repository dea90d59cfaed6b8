package life.suoke.ops.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.state.StateComparison;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Snapshots and log compaction lose nothing when the engine is killed with SIGKILL at any moment:
 * an engine writing a snapshot and compacting its log every 100 ms, under load, is killed several
 * times at random moments; after the last start every acknowledged instance completes, every
 * position of the log is in exactly one of its tables, and the state a start rebuilds (newest
 * snapshot plus the records after it) is field by field the state a replay of the whole log builds.
 */
class SnapshotCrashTest {

  static final int WAITING = 1_000;
  static final int FLOWING = 300;
  static final int KILLS = 3;

  @Test
  void killsDuringSnapshotsAndCompactionLoseNothing() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase(SnapshotCrashTest.class);
    int port = CrashRecoveryTest.freePort();
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    Map<String, Integer> jobsWorked = new ConcurrentHashMap<>();
    Random random = new Random(7);

    Process engine = CrashRecoveryTest.fork(database, port, "100", "500");
    try (CamundaClient client = CrashRecoveryTest.client(port)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("snap-wait")
                  .startEvent()
                  .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("ops"))
                  .endEvent()
                  .done(),
              "snap-wait.bpmn")
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
      Map<String, Object> variables = new HashMap<>();
      for (int v = 0; v < 10; v++) {
        variables.put("field" + v, "value of field " + v);
      }
      for (int i = 0; i < WAITING; i++) {
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("snap-wait")
            .latestVersion()
            .variables(variables)
            .send()
            .join();
      }
    }

    for (int kill = 0; kill < KILLS; kill++) {
      try (CamundaClient client = CrashRecoveryTest.client(port);
          JobWorker triage = CrashRecoveryTest.worker(client, "crash-triage", jobsWorked);
          JobWorker notify = CrashRecoveryTest.worker(client, "crash-notify", jobsWorked)) {
        for (int i = 0; i < FLOWING / KILLS; i++) {
          acknowledged.add(
              client
                  .newCreateInstanceCommand()
                  .bpmnProcessId("crash-flow")
                  .latestVersion()
                  .variables(Map.of("n", i, "round", kill))
                  .send()
                  .join()
                  .getProcessInstanceKey());
        }
        Thread.sleep(150 + random.nextInt(400)); // snapshots every 100 ms: kill amid one
        engine.destroyForcibly();
        engine.waitFor(30, TimeUnit.SECONDS);
      } finally {
        engine.destroyForcibly();
      }
      engine = CrashRecoveryTest.fork(database, port, "100", "500");
    }

    try (CamundaClient client = CrashRecoveryTest.client(port);
        JobWorker triage = CrashRecoveryTest.worker(client, "crash-triage", jobsWorked);
        JobWorker notify = CrashRecoveryTest.worker(client, "crash-notify", jobsWorked);
        RecordLog log =
            new RecordLog(database.jdbcUrl(), database.user(), database.password(), "engine")) {
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(CrashRecoveryTest.completedInstances(log)).containsAll(acknowledged));
      // Compaction has run: part of the log is in the archive.
      await().atMost(Duration.ofSeconds(30)).until(() -> log.archivedUpTo() > 0);
    } finally {
      engine.destroyForcibly();
      engine.waitFor(30, TimeUnit.SECONDS);
    }

    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(DISTINCT position), coalesce(max(position), 0),"
                    + " (SELECT count(*) FROM engine.record_archive)"
                    + " FROM (SELECT position FROM engine.record"
                    + " UNION ALL SELECT position FROM engine.record_archive) p")) {
      rs.next();
      long rows = rs.getLong(1);
      assertThat(rs.getLong(2)).as("no position twice").isEqualTo(rows);
      assertThat(rs.getLong(3)).as("no position missing").isEqualTo(rows);
      assertThat(rs.getLong(4)).as("archived records").isPositive();
    }
    try (RecordLog log =
        new RecordLog(database.jdbcUrl(), database.user(), database.password(), "engine")) {
      assertThat(StateComparison.assertRecoveredStateMatchesReplay(log, false)).isPositive();
      assertThat(log.snapshots()).hasSizeLessThanOrEqualTo(2);
    }
    for (long instance : acknowledged) {
      assertThat(jobsWorked).containsKeys(instance + "/triage", instance + "/notify");
    }
  }
}
