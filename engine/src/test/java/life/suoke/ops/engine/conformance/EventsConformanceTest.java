package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.EscalationIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;
import org.junit.jupiter.api.Test;

/**
 * Messages, errors, escalations, signals and the event-based gateway through the real client over
 * REST, time moved with the clock API.
 */
class EventsConformanceTest extends ClockedEngineTest {

  List<Record> events(Intent intent) {
    return engine.events(intent);
  }

  boolean completed(long processInstanceKey) {
    return engine.completed(processInstanceKey);
  }

  void publish(String name, String key, Duration ttl, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(key)
        .timeToLive(ttl)
        .variables(variables)
        .send()
        .join();
  }

  @Test
  void messageCatchEventCorrelatesByNameAndKeyWithItsVariables() {
    deploy(
        Bpmn.createExecutableProcess("await-alert-resolved")
            .startEvent()
            .intermediateCatchEvent(
                "resolved",
                e ->
                    e.message(
                        m -> m.name("alert-resolved").zeebeCorrelationKeyExpression("alertId")))
            .serviceTask("close", t -> t.zeebeJobType("close-incident"))
            .endEvent()
            .done(),
        "await-alert-resolved.bpmn");
    long first = start("await-alert-resolved", Map.of("alertId", "A-1"));
    long second = start("await-alert-resolved", Map.of("alertId", "A-2"));

    publish("alert-resolved", "A-2", Duration.ZERO, Map.of("resolvedBy", "auto-heal"));

    ActivatedJob job = awaitJob("close-incident");
    assertThat(job.getProcessInstanceKey()).isEqualTo(second);
    assertThat(job.getVariablesAsMap()).containsEntry("resolvedBy", "auto-heal");
    assertThat(activate("close-incident")).as("A-1 still waits").isEmpty();
    assertThat(completed(first)).isFalse();
  }

  @Test
  void bufferedMessageReachesASubscriptionOpenedLaterOnlyWithinItsTimeToLive() {
    deploy(
        Bpmn.createExecutableProcess("approval-arrives")
            .startEvent()
            .receiveTask(
                "wait-for-approval",
                r -> r.message(m -> m.name("cab-approved").zeebeCorrelationKeyExpression("change")))
            .serviceTask("implement", t -> t.zeebeJobType("implement-change"))
            .endEvent()
            .done(),
        "approval-arrives.bpmn");

    publish("cab-approved", "CHG-1", Duration.ofMinutes(10), Map.of("approvedBy", "cab"));
    long inTime = start("approval-arrives", Map.of("change", "CHG-1"));

    publish("cab-approved", "CHG-2", Duration.ofMinutes(10), Map.of());
    advance(Duration.ofMinutes(20));
    await()
        .until(
            () ->
                events(MessageIntent.EXPIRED).stream()
                    .anyMatch(r -> "CHG-2".equals(r.value().get("correlationKey"))));
    long tooLate = start("approval-arrives", Map.of("change", "CHG-2"));

    ActivatedJob implement = awaitJob("implement-change");
    assertThat(implement.getProcessInstanceKey()).isEqualTo(inTime);
    assertThat(implement.getVariablesAsMap()).containsEntry("approvedBy", "cab");
    assertThat(activate("implement-change")).isEmpty();
    assertThat(completed(tooLate)).isFalse();
  }

  @Test
  void aBufferedMessageCorrelatesOnlyOncePerProcessInstance() {
    deploy(
        Bpmn.createExecutableProcess("two-approvals")
            .startEvent()
            .intermediateCatchEvent(
                "first",
                e -> e.message(m -> m.name("approval").zeebeCorrelationKeyExpression("change")))
            .intermediateCatchEvent(
                "second",
                e -> e.message(m -> m.name("approval").zeebeCorrelationKeyExpression("change")))
            .serviceTask("both-approved", t -> t.zeebeJobType("both-approved"))
            .endEvent()
            .done(),
        "two-approvals.bpmn");
    publish("approval", "CHG-9", Duration.ofHours(1), Map.of());
    long key = start("two-approvals", Map.of("change", "CHG-9"));

    await()
        .until(
            () ->
                events(ProcessMessageSubscriptionIntent.CREATED).stream()
                    .anyMatch(
                        r ->
                            "second".equals(r.value().get("elementId"))
                                && ((Number) r.value().get("processInstanceKey")).longValue()
                                    == key));
    assertThat(activate("both-approved"))
        .as("the same message does not satisfy the second catch event")
        .isEmpty();

    publish("approval", "CHG-9", Duration.ZERO, Map.of());
    assertThat(awaitJob("both-approved").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  void messageIdIsPublishedOnceWhileBuffered() {
    client
        .newPublishMessageCommand()
        .messageName("dedup")
        .correlationKey("k")
        .messageId("m-1")
        .timeToLive(Duration.ofMinutes(5))
        .send()
        .join();
    assertThatThrownBy(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName("dedup")
                    .correlationKey("k")
                    .messageId("m-1")
                    .timeToLive(Duration.ofMinutes(5))
                    .send()
                    .join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("m-1");
  }

  @Test
  void messageStartEventStartsOneInstancePerCorrelationKeyAtATime() {
    deploy(
        Bpmn.createExecutableProcess("alert-intake")
            .startEvent("alert")
            .message("alert-fired")
            .serviceTask("triage", t -> t.zeebeJobType("triage-alert"))
            .endEvent()
            .done(),
        "alert-intake.bpmn");

    publish("alert-fired", "host-7", Duration.ZERO, Map.of("severity", "critical"));
    publish("alert-fired", "host-7", Duration.ZERO, Map.of("severity", "critical"));

    List<ActivatedJob> triage =
        await().until(() -> activate("triage-alert"), jobs -> !jobs.isEmpty());
    assertThat(triage).hasSize(1);
    assertThat(triage.get(0).getVariablesAsMap()).containsEntry("severity", "critical");
  }

  @Test
  void aBufferedMessageStartsTheNextInstanceWhenTheActiveOneForItsKeyEnds() {
    deploy(
        Bpmn.createExecutableProcess("service-incident")
            .startEvent("degraded")
            .message("service-degraded")
            .serviceTask("mitigate", t -> t.zeebeJobType("mitigate-service"))
            .endEvent()
            .done(),
        "service-incident.bpmn");

    publish("service-degraded", "payments", Duration.ofHours(1), Map.of("alert", "first"));
    publish("service-degraded", "payments", Duration.ofHours(1), Map.of("alert", "second"));
    publish("service-degraded", "payments", Duration.ZERO, Map.of("alert", "not buffered"));

    List<ActivatedJob> first =
        await().until(() -> activate("mitigate-service"), jobs -> !jobs.isEmpty());
    assertThat(first)
        .singleElement()
        .satisfies(job -> assertThat(job.getVariablesAsMap()).containsEntry("alert", "first"));
    client.newCompleteCommand(first.get(0).getKey()).send().join();

    ActivatedJob second = awaitJob("mitigate-service");
    assertThat(second.getVariablesAsMap())
        .as("the buffered message starts the next incident")
        .containsEntry("alert", "second");
    assertThat(second.getProcessInstanceKey()).isNotEqualTo(first.get(0).getProcessInstanceKey());
    client.newCompleteCommand(second.getKey()).send().join();
    await().until(() -> completed(second.getProcessInstanceKey()));
    assertThat(activate("mitigate-service"))
        .as("each buffered message starts one instance only")
        .isEmpty();
  }

  @Test
  void correlateApiReachesAWaitingInstanceOrSaysNothingWaits() {
    deploy(
        Bpmn.createExecutableProcess("await-ack")
            .startEvent()
            .intermediateCatchEvent(
                "ack",
                e ->
                    e.message(
                        m -> m.name("page-acknowledged").zeebeCorrelationKeyExpression("page")))
            .endEvent()
            .done(),
        "await-ack.bpmn");
    long key = start("await-ack", Map.of("page", "PG-9"));

    var correlated =
        await()
            .until(
                () -> {
                  try {
                    return client
                        .newCorrelateMessageCommand()
                        .messageName("page-acknowledged")
                        .correlationKey("PG-9")
                        .send()
                        .join();
                  } catch (ProblemException e) {
                    return null;
                  }
                },
                r -> r != null);
    assertThat(correlated.getProcessInstanceKey()).isEqualTo(key);
    await().until(() -> completed(key));

    assertThatThrownBy(
            () ->
                client
                    .newCorrelateMessageCommand()
                    .messageName("page-acknowledged")
                    .correlationKey("none")
                    .send()
                    .join())
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).details().getStatus()).isEqualTo(404));
  }

  @Test
  void nonInterruptingMessageBoundaryRunsBesideTheTaskAndInterruptingOneReplacesIt() {
    deploy(
        Bpmn.createExecutableProcess("deployment-watch")
            .startEvent()
            .serviceTask("deploy", t -> t.zeebeJobType("run-deployment"))
            .boundaryEvent(
                "progress",
                b ->
                    b.cancelActivity(false)
                        .message(m -> m.name("progress").zeebeCorrelationKeyExpression("release")))
            .serviceTask("log-progress", t -> t.zeebeJobType("log-progress"))
            .endEvent()
            .moveToActivity("deploy")
            .boundaryEvent(
                "abort",
                b ->
                    b.cancelActivity(true)
                        .message(m -> m.name("abort").zeebeCorrelationKeyExpression("release")))
            .serviceTask("rollback", t -> t.zeebeJobType("rollback"))
            .endEvent()
            .moveToActivity("deploy")
            .endEvent()
            .done(),
        "deployment-watch.bpmn");
    start("deployment-watch", Map.of("release", "R-5"));
    awaitJob("run-deployment");

    publish("progress", "R-5", Duration.ZERO, Map.of("percent", 25));
    assertThat(awaitJob("log-progress").getVariablesAsMap()).containsEntry("percent", 25);

    publish("abort", "R-5", Duration.ZERO, Map.of());
    awaitJob("rollback");
    assertThat(activate("run-deployment")).as("the interrupted task's job is gone").isEmpty();
  }

  @Test
  void errorThrownByAWorkerIsCaughtByCodeWithItsVariables() {
    deploy(
        Bpmn.createExecutableProcess("canary")
            .startEvent()
            .serviceTask("shift", t -> t.zeebeJobType("shift-canary"))
            .boundaryEvent("unhealthy", b -> b.error("CANARY_UNHEALTHY"))
            .serviceTask("rollback-canary", t -> t.zeebeJobType("rollback-canary"))
            .endEvent()
            .moveToActivity("shift")
            .boundaryEvent("any-error", b -> b.error())
            .serviceTask("page-release-manager", t -> t.zeebeJobType("page-release-manager"))
            .endEvent()
            .moveToActivity("shift")
            .endEvent()
            .done(),
        "canary.bpmn");
    start("canary", Map.of());
    client
        .newThrowErrorCommand(awaitJob("shift-canary").getKey())
        .errorCode("CANARY_UNHEALTHY")
        .errorMessage("p99 > 2 s")
        .variables(Map.of("errorRate", 0.07))
        .send()
        .join();
    assertThat(awaitJob("rollback-canary").getVariablesAsMap()).containsEntry("errorRate", 0.07);

    start("canary", Map.of());
    client
        .newThrowErrorCommand(awaitJob("shift-canary").getKey())
        .errorCode("SOMETHING_ELSE")
        .send()
        .join();
    awaitJob("page-release-manager");
  }

  @Test
  void errorEndEventNobodyCatchesIsAnIncident() {
    deploy(
        Bpmn.createExecutableProcess("failing-check")
            .startEvent()
            .endEvent("fail", e -> e.error("CHECK_FAILED"))
            .done(),
        "failing-check.bpmn");
    long key = start("failing-check", Map.of());

    await()
        .untilAsserted(
            () ->
                assertThat(events(IncidentIntent.CREATED))
                    .anyMatch(
                        r ->
                            ((Number) r.value().get("processInstanceKey")).longValue() == key
                                && "UNHANDLED_ERROR_EVENT".equals(r.value().get("errorType"))
                                && String.valueOf(r.value().get("errorMessage"))
                                    .contains("CHECK_FAILED")));
  }

  @Test
  void uncaughtEscalationDoesNotStopTheFlow() {
    deploy(
        Bpmn.createExecutableProcess("escalate-and-go-on")
            .startEvent()
            .intermediateThrowEvent("escalate", e -> e.escalation("NEEDS_TIER_2"))
            .serviceTask("continue", t -> t.zeebeJobType("after-escalation"))
            .endEvent()
            .done(),
        "escalate-and-go-on.bpmn");
    long key = start("escalate-and-go-on", Map.of());

    assertThat(awaitJob("after-escalation").getProcessInstanceKey()).isEqualTo(key);
    assertThat(events(EscalationIntent.NOT_ESCALATED))
        .anyMatch(r -> "NEEDS_TIER_2".equals(r.value().get("escalationCode")));
  }

  @Test
  void signalStartsInstancesAndTriggersCatchEvents() {
    deploy(
        Bpmn.createExecutableProcess("freeze-started")
            .startEvent("freeze")
            .signal("change-freeze")
            .serviceTask("announce", t -> t.zeebeJobType("announce-freeze"))
            .endEvent()
            .done(),
        "freeze-started.bpmn");
    deploy(
        Bpmn.createExecutableProcess("held-release")
            .startEvent()
            .intermediateCatchEvent("wait-freeze", e -> e.signal("change-freeze"))
            .serviceTask("hold", t -> t.zeebeJobType("hold-release"))
            .endEvent()
            .done(),
        "held-release.bpmn");
    long held = start("held-release", Map.of());
    await().until(() -> !events(SignalSubscriptionIntent.CREATED).isEmpty());

    client
        .newBroadcastSignalCommand()
        .signalName("change-freeze")
        .variables(Map.of("until", "2026-11-09"))
        .send()
        .join();

    assertThat(awaitJob("announce-freeze").getVariablesAsMap())
        .containsEntry("until", "2026-11-09");
    assertThat(awaitJob("hold-release").getProcessInstanceKey()).isEqualTo(held);
  }

  @Test
  void signalBoundaryEventInterruptsTheTask() {
    deploy(
        Bpmn.createExecutableProcess("stoppable-rollout")
            .startEvent()
            .serviceTask("rollout", t -> t.zeebeJobType("rollout-step"))
            .boundaryEvent("stop", b -> b.signal("stop-rollouts").cancelActivity(true))
            .serviceTask("halt", t -> t.zeebeJobType("halt-rollout"))
            .endEvent()
            .moveToActivity("rollout")
            .endEvent()
            .done(),
        "stoppable-rollout.bpmn");
    long key = start("stoppable-rollout", Map.of());
    awaitJob("rollout-step");

    client.newBroadcastSignalCommand().signalName("stop-rollouts").send().join();

    assertThat(awaitJob("halt-rollout").getProcessInstanceKey()).isEqualTo(key);
    assertThat(activate("rollout-step")).isEmpty();
  }

  @Test
  void eventBasedGatewayTakesTheFirstEventAndClosesTheOthers() {
    deploy(
        Bpmn.createExecutableProcess("wait-for-ack-or-timeout")
            .startEvent()
            .eventBasedGateway("first-of")
            .intermediateCatchEvent(
                "acked", e -> e.message(m -> m.name("ack").zeebeCorrelationKeyExpression("page")))
            .serviceTask("close-page", t -> t.zeebeJobType("close-page"))
            .endEvent()
            .moveToNode("first-of")
            .intermediateCatchEvent("timeout", e -> e.timerWithDuration("PT5M"))
            .serviceTask("escalate-page", t -> t.zeebeJobType("escalate-page"))
            .endEvent()
            .done(),
        "wait-for-ack-or-timeout.bpmn");
    long timedOut = start("wait-for-ack-or-timeout", Map.of("page", "P-1"));
    long acked = start("wait-for-ack-or-timeout", Map.of("page", "P-2"));
    await()
        .until(
            () ->
                events(ProcessMessageSubscriptionIntent.CREATED).stream()
                        .filter(r -> "ack".equals(r.value().get("messageName")))
                        .count()
                    == 2);

    publish("ack", "P-2", Duration.ZERO, Map.of("by", "dave"));
    assertThat(awaitJob("close-page").getProcessInstanceKey()).isEqualTo(acked);

    advance(Duration.ofMinutes(5));
    assertThat(awaitJob("escalate-page").getProcessInstanceKey()).isEqualTo(timedOut);
    assertThat(activate("escalate-page")).as("the acknowledged page's timer was closed").isEmpty();
  }
}
