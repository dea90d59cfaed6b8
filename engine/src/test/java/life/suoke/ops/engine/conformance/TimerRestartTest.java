package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * What waits survives a restart: a timer that came due while the engine was down fires once, right
 * after the engine starts again; buffered messages and open message subscriptions are still there.
 */
class TimerRestartTest {

  @Test
  void overdueTimerFiresOnceAfterRestart() {
    TestPostgres.Database database = TestPostgres.newDatabase(TimerRestartTest.class);
    AtomicLong systemTime = new AtomicLong(Instant.parse("2026-11-02T01:00:00Z").toEpochMilli());
    EngineConfig config =
        new EngineConfig(
            database.dataSource(),
            null,
            null,
            null,
            "engine",
            "127.0.0.1",
            0,
            0,
            null,
            systemTime::get,
            false,
            null,
            EngineConfig.DEFAULT_SNAPSHOT_PERIOD,
            life.suoke.ops.engine.log.RecordLog.DEFAULT_SEGMENT_RECORDS);

    try (Engine first = Engine.start(config);
        CamundaClient client = client(first)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("sla-check")
                  .startEvent()
                  .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT10M"))
                  .serviceTask("check", t -> t.zeebeJobType("sla-check"))
                  .endEvent()
                  .done(),
              "sla-check.bpmn")
          .send()
          .join();
      client.newCreateInstanceCommand().bpmnProcessId("sla-check").latestVersion().send().join();
    }

    systemTime.addAndGet(Duration.ofHours(1).toMillis()); // the engine is down past the due date

    try (Engine second = Engine.start(config);
        CamundaClient client = client(second)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  !client
                      .newActivateJobsCommand()
                      .jobType("sla-check")
                      .maxJobsToActivate(5)
                      .requestTimeout(Duration.ofMillis(-1))
                      .send()
                      .join()
                      .getJobs()
                      .isEmpty());
      AtomicInteger triggered = new AtomicInteger();
      second
          .recordLog()
          .replay(
              0,
              r -> {
                if (r.recordType() == RecordType.EVENT
                    && r.valueType() == ValueType.TIMER
                    && r.intent() == TimerIntent.TRIGGERED) {
                  triggered.incrementAndGet();
                }
              });
      assertThat(triggered).hasValue(1);
    }
  }

  @Test
  void bufferedMessagesAndOpenSubscriptionsSurviveARestart() {
    TestPostgres.Database database = TestPostgres.newDatabase("message_restart");
    EngineConfig config = EngineConfig.of(database.dataSource());
    long waiting;
    try (Engine first = Engine.start(config);
        CamundaClient client = client(first)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("await-approval")
                  .startEvent()
                  .intermediateCatchEvent(
                      "approved",
                      e ->
                          e.message(
                              m -> m.name("approved").zeebeCorrelationKeyExpression("change")))
                  .serviceTask("implement", t -> t.zeebeJobType("restart-implement"))
                  .endEvent()
                  .done(),
              "await-approval.bpmn")
          .send()
          .join();
      waiting =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("await-approval")
              .latestVersion()
              .variables(java.util.Map.of("change", "CHG-A"))
              .send()
              .join()
              .getProcessInstanceKey();
      client
          .newPublishMessageCommand()
          .messageName("approved")
          .correlationKey("CHG-B")
          .timeToLive(Duration.ofHours(1))
          .variables(java.util.Map.of("approvedBy", "cab"))
          .send()
          .join();
    }

    try (Engine second = Engine.start(config);
        CamundaClient client = client(second)) {
      // the subscription opened before the restart still takes its message
      client
          .newPublishMessageCommand()
          .messageName("approved")
          .correlationKey("CHG-A")
          .send()
          .join();
      // the message buffered before the restart reaches an instance created after it
      long later =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("await-approval")
              .latestVersion()
              .variables(java.util.Map.of("change", "CHG-B"))
              .send()
              .join()
              .getProcessInstanceKey();

      var jobs =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      client
                          .newActivateJobsCommand()
                          .jobType("restart-implement")
                          .maxJobsToActivate(5)
                          .requestTimeout(Duration.ofMillis(-1))
                          .send()
                          .join()
                          .getJobs(),
                  j -> j.size() == 2);
      assertThat(jobs)
          .extracting(j -> j.getProcessInstanceKey())
          .containsExactlyInAnyOrder(waiting, later);
      assertThat(jobs)
          .filteredOn(j -> j.getProcessInstanceKey() == later)
          .singleElement()
          .satisfies(j -> assertThat(j.getVariablesAsMap()).containsEntry("approvedBy", "cab"));
    }
  }

  private static CamundaClient client(Engine engine) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
        .preferRestOverGrpc(false)
        .build();
  }
}
