package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.intent.EscalationIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import org.junit.jupiter.api.Test;

/**
 * Embedded subprocesses (scopes, boundary events, errors and escalations from inside) and FEEL
 * script tasks.
 */
class StructureConformanceTest extends ClockedEngineTest {

  @Test
  void embeddedSubprocessRunsItsOwnScopeAndThenContinues() {
    deploy(
        Bpmn.createExecutableProcess("diagnose")
            .startEvent()
            .subProcess("tier-1", sub -> sub.zeebeInputExpression("\"tier-1\"", "handledBy"))
            .embeddedSubProcess()
            .startEvent("tier-1-start")
            .serviceTask("first-look", t -> t.zeebeJobType("first-look"))
            .endEvent("tier-1-end")
            .subProcessDone()
            .serviceTask("report", t -> t.zeebeJobType("diagnosis-report"))
            .endEvent()
            .done(),
        "diagnose.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("diagnose")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    ActivatedJob look = awaitJob("first-look");
    assertThat(look.getVariablesAsMap()).containsEntry("handledBy", "tier-1");
    client
        .newCompleteCommand(look.getKey())
        .variables(Map.of("finding", "disk full"))
        .send()
        .join();
    client.newCompleteCommand(awaitJob("diagnosis-report").getKey()).send().join();

    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertThat(variables).containsEntry("finding", "disk full");
    assertThat(variables)
        .as("the subprocess's local variable stays in its scope")
        .doesNotContainKey("handledBy");
  }

  @Test
  void errorEndEventInsideASubprocessIsCaughtByItsBoundaryEvent() {
    deploy(
        Bpmn.createExecutableProcess("verify-release")
            .startEvent()
            .subProcess("verification")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("smoke-test", t -> t.zeebeJobType("smoke-test"))
            .exclusiveGateway("passed")
            .defaultFlow()
            .endEvent("ok")
            .moveToLastGateway()
            .conditionExpression("failed")
            .endEvent("failed", e -> e.error("VERIFICATION_FAILED"))
            .subProcessDone()
            .endEvent("released")
            .moveToActivity("verification")
            .boundaryEvent("verification-failed", b -> b.error("VERIFICATION_FAILED"))
            .serviceTask("roll-back", t -> t.zeebeJobType("roll-back-release"))
            .endEvent()
            .done(),
        "verify-release.bpmn");
    long key = start("verify-release", Map.of());

    client
        .newCompleteCommand(awaitJob("smoke-test").getKey())
        .variables(Map.of("failed", true))
        .send()
        .join();

    assertThat(awaitJob("roll-back-release").getProcessInstanceKey()).isEqualTo(key);
    assertThat(engine.events(ProcessInstanceIntent.ELEMENT_TERMINATED))
        .anyMatch(
            r ->
                "verification".equals(r.value().get("elementId"))
                    && ((Number) r.value().get("processInstanceKey")).longValue() == key);
  }

  @Test
  void escalationInsideASubprocessReachesANonInterruptingBoundaryAndBothGoOn() {
    deploy(
        Bpmn.createExecutableProcess("tiered-handling")
            .startEvent()
            .subProcess("tier-2")
            .embeddedSubProcess()
            .startEvent()
            .intermediateThrowEvent("need-expert", e -> e.escalation("TIER_3"))
            .serviceTask("keep-working", t -> t.zeebeJobType("tier-2-work"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .moveToActivity("tier-2")
            .boundaryEvent("call-tier-3", b -> b.escalation("TIER_3").cancelActivity(false))
            .serviceTask("page-expert", t -> t.zeebeJobType("page-tier-3"))
            .endEvent()
            .done(),
        "tiered-handling.bpmn");
    long key = start("tiered-handling", Map.of());

    assertThat(awaitJob("page-tier-3").getProcessInstanceKey()).isEqualTo(key);
    assertThat(awaitJob("tier-2-work").getProcessInstanceKey()).isEqualTo(key);
    assertThat(engine.events(EscalationIntent.ESCALATED))
        .anyMatch(r -> "call-tier-3".equals(r.value().get("catchElementId")));
  }

  @Test
  void escalationEndEventInterruptsTheSubprocessWhenItsBoundaryIsInterrupting() {
    deploy(
        Bpmn.createExecutableProcess("hand-over-to-tier-3")
            .startEvent()
            .subProcess("tier-2-handling")
            .embeddedSubProcess()
            .startEvent()
            .parallelGateway("split")
            .serviceTask("analyse", t -> t.zeebeJobType("tier-2-analyse"))
            .endEvent()
            .moveToNode("split")
            .endEvent("give-up", e -> e.escalation("TIER_3_NEEDED"))
            .subProcessDone()
            .endEvent()
            .moveToActivity("tier-2-handling")
            .boundaryEvent("to-tier-3", b -> b.escalation().cancelActivity(true))
            .serviceTask("tier-3", t -> t.zeebeJobType("tier-3-takes-over"))
            .endEvent()
            .done(),
        "hand-over-to-tier-3.bpmn");
    long key = start("hand-over-to-tier-3", Map.of());

    assertThat(awaitJob("tier-3-takes-over").getProcessInstanceKey()).isEqualTo(key);
    assertThat(activate("tier-2-analyse")).as("the interrupted subprocess's job is gone").isEmpty();
  }

  @Test
  void timerOnASubprocessInterruptsEverythingInside() {
    deploy(
        Bpmn.createExecutableProcess("bounded-investigation")
            .startEvent()
            .subProcess("investigate")
            .embeddedSubProcess()
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("logs", t -> t.zeebeJobType("read-logs"))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("metrics", t -> t.zeebeJobType("read-metrics"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .moveToActivity("investigate")
            .boundaryEvent("time-box", b -> b.timerWithDuration("PT2H"))
            .serviceTask("escalate", t -> t.zeebeJobType("escalate-investigation"))
            .endEvent()
            .done(),
        "bounded-investigation.bpmn");
    long key = start("bounded-investigation", Map.of());
    awaitJob("read-logs");

    now = now.plus(Duration.ofHours(2));
    client.newPinClockCommand().time(now).send().join();

    assertThat(awaitJob("escalate-investigation").getProcessInstanceKey()).isEqualTo(key);
    assertThat(activate("read-logs")).isEmpty();
    assertThat(activate("read-metrics")).isEmpty();
  }

  @Test
  void callActivityRunsTheCalledProcessWithTheCallersVariablesAndReturnsTheChilds() {
    deploy(
        Bpmn.createExecutableProcess("post-incident-review")
            .startEvent()
            .serviceTask("write-review", t -> t.zeebeJobType("write-review"))
            .endEvent()
            .done(),
        "post-incident-review.bpmn");
    deploy(
        Bpmn.createExecutableProcess("close-p0")
            .startEvent()
            .callActivity("review", c -> c.zeebeProcessId("post-incident-review"))
            .serviceTask("archive", t -> t.zeebeJobType("archive-incident"))
            .endEvent()
            .done(),
        "close-p0.bpmn");
    long parent = start("close-p0", Map.of("incident", "INC-77"));

    ActivatedJob review = awaitJob("write-review");
    assertThat(review.getVariablesAsMap()).containsEntry("incident", "INC-77");
    assertThat(review.getProcessInstanceKey()).isNotEqualTo(parent);
    client
        .newCompleteCommand(review.getKey())
        .variables(Map.of("rootCause", "expired certificate"))
        .send()
        .join();

    ActivatedJob archive = awaitJob("archive-incident");
    assertThat(archive.getProcessInstanceKey()).isEqualTo(parent);
    assertThat(archive.getVariablesAsMap()).containsEntry("rootCause", "expired certificate");
  }

  @Test
  void cancellingTheCallerCancelsTheCalledInstanceWhichCannotBeCancelledAlone() {
    deploy(
        Bpmn.createExecutableProcess("long-check")
            .startEvent()
            .serviceTask("check", t -> t.zeebeJobType("long-check-step"))
            .endEvent()
            .done(),
        "long-check.bpmn");
    deploy(
        Bpmn.createExecutableProcess("release-gate")
            .startEvent()
            .callActivity("run-check", c -> c.zeebeProcessId("long-check"))
            .endEvent()
            .done(),
        "release-gate.bpmn");
    long parent = start("release-gate", Map.of());
    long child = awaitJob("long-check-step").getProcessInstanceKey();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> client.newCancelInstanceCommand(child).send().join())
        .hasMessageContaining("parent process instance");

    client.newCancelInstanceCommand(parent).send().join();
    await()
        .untilAsserted(
            () ->
                assertThat(engine.events(ProcessInstanceIntent.ELEMENT_TERMINATED))
                    .anyMatch(r -> r.key() == child));
    assertThat(activate("long-check-step")).isEmpty();
  }

  @Test
  void callingAProcessThatIsNotDeployedIsAnIncidentResolvedOnceItIs() {
    deploy(
        Bpmn.createExecutableProcess("needs-runbook")
            .startEvent()
            .callActivity("runbook", c -> c.zeebeProcessIdExpression("runbookId"))
            .endEvent()
            .done(),
        "needs-runbook.bpmn");
    long parent = start("needs-runbook", Map.of("runbookId", "restart-payments"));
    var incident =
        await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r ->
                                ((Number) r.value().get("processInstanceKey")).longValue()
                                    == parent)
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    assertThat(incident.value().get("errorType")).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(String.valueOf(incident.value().get("errorMessage"))).contains("restart-payments");

    deploy(
        Bpmn.createExecutableProcess("restart-payments")
            .startEvent()
            .serviceTask("restart", t -> t.zeebeJobType("restart-payments-step"))
            .endEvent()
            .done(),
        "restart-payments.bpmn");
    client.newResolveIncidentCommand(incident.key()).send().join();
    awaitJob("restart-payments-step");
  }

  @Test
  void incidentInACalledProcessIsVisibleFromEveryCallerAbove() {
    deploy(
        Bpmn.createExecutableProcess("rotate-certificate")
            .startEvent()
            .serviceTask("rotate", t -> t.zeebeJobType("rotate-certificate"))
            .endEvent()
            .done(),
        "rotate-certificate.bpmn");
    deploy(
        Bpmn.createExecutableProcess("fix-tls")
            .startEvent()
            .callActivity("a-rotate", c -> c.zeebeProcessId("rotate-certificate"))
            .endEvent()
            .done(),
        "fix-tls.bpmn");
    deploy(
        Bpmn.createExecutableProcess("major-incident")
            .startEvent()
            .callActivity("b-fix", c -> c.zeebeProcessId("fix-tls"))
            .endEvent()
            .done(),
        "major-incident.bpmn");
    long root = start("major-incident", Map.of());
    long other = start("major-incident", Map.of());
    ActivatedJob rotate = awaitJob("rotate-certificate");
    long leaf = rotate.getProcessInstanceKey();
    client.newFailCommand(rotate.getKey()).retries(0).errorMessage("vault sealed").send().join();

    var record =
        await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == leaf)
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    List<?> elementInstancePath = (List<?>) record.value().get("elementInstancePath");
    assertThat(elementInstancePath).hasSize(3);
    assertThat(((List<?>) elementInstancePath.get(0)).get(0)).isIn(root, other);
    assertThat(((List<?>) elementInstancePath.get(2))).first().isEqualTo(leaf);
    assertThat((List<?>) record.value().get("processDefinitionPath")).hasSize(3);
    assertThat(
            ((List<?>) record.value().get("callingElementPath"))
                .stream().map(n -> ((Number) n).intValue()).toList())
        .containsExactly(0, 0);

    long top = ((Number) ((List<?>) elementInstancePath.get(0)).get(0)).longValue();
    long sibling = top == root ? other : root;
    await()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .newIncidentsByProcessInstanceSearchRequest(top)
                            .send()
                            .join()
                            .items())
                    .singleElement()
                    .satisfies(
                        incident -> {
                          assertThat(incident.getProcessInstanceKey()).isEqualTo(leaf);
                          assertThat(incident.getErrorMessage()).isEqualTo("vault sealed");
                        }));
    assertThat(client.newIncidentsByProcessInstanceSearchRequest(sibling).send().join().items())
        .as("the other instance's tree has no incident")
        .isEmpty();
    assertThatThrownBy(() -> client.newIncidentsByProcessInstanceSearchRequest(123L).send().join())
        .hasMessageContaining("404");

    client.newUpdateRetriesCommand(rotate.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(record.key()).send().join();
    var resolved =
        await()
            .until(
                () ->
                    engine.events(IncidentIntent.RESOLVED).stream()
                        .filter(r -> r.key() == record.key())
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    assertThat(resolved.value().get("elementInstancePath"))
        .as("the RESOLVED record repeats the path")
        .isEqualTo(record.value().get("elementInstancePath"));
    assertThat(resolved.value().get("processDefinitionPath"))
        .isEqualTo(record.value().get("processDefinitionPath"));
  }

  @Test
  void errorsFromACalledProcessAreCaughtOnTheCallActivity() {
    deploy(
        Bpmn.createExecutableProcess("charge-card")
            .startEvent()
            .serviceTask("charge", t -> t.zeebeJobType("charge-card"))
            .exclusiveGateway()
            .defaultFlow()
            .endEvent("charged")
            .moveToLastGateway()
            .conditionExpression("declined")
            .endEvent("declined", e -> e.error("PAYMENT_DECLINED"))
            .done(),
        "charge-card.bpmn");
    deploy(
        Bpmn.createExecutableProcess("renew-subscription")
            .startEvent()
            .callActivity("pay", c -> c.zeebeProcessId("charge-card"))
            .endEvent("renewed")
            .moveToActivity("pay")
            .boundaryEvent("payment-failed", b -> b.error("PAYMENT_DECLINED"))
            .serviceTask("notify-customer", t -> t.zeebeJobType("notify-payment-failed"))
            .endEvent()
            .moveToActivity("pay")
            .boundaryEvent("card-expired", b -> b.error("CARD_EXPIRED"))
            .serviceTask("ask-new-card", t -> t.zeebeJobType("ask-new-card"))
            .endEvent()
            .done(),
        "renew-subscription.bpmn");

    // an error end event in the called process
    long first = start("renew-subscription", Map.of("declined", true));
    ActivatedJob charge = awaitJob("charge-card");
    long child = charge.getProcessInstanceKey();
    client.newCompleteCommand(charge.getKey()).send().join();
    assertThat(awaitJob("notify-payment-failed").getProcessInstanceKey()).isEqualTo(first);
    assertThat(engine.events(ProcessInstanceIntent.ELEMENT_TERMINATED))
        .anyMatch(r -> r.key() == child);

    // an error a worker throws in the called process, with its variables
    long second = start("renew-subscription", Map.of("declined", false));
    ActivatedJob again = awaitJob("charge-card");
    client
        .newThrowErrorCommand(again.getKey())
        .errorCode("CARD_EXPIRED")
        .variables(Map.of("expiredOn", "2026-10"))
        .send()
        .join();
    ActivatedJob askNewCard = awaitJob("ask-new-card");
    assertThat(askNewCard.getProcessInstanceKey()).isEqualTo(second);
    assertThat(askNewCard.getVariablesAsMap()).containsEntry("expiredOn", "2026-10");
  }

  @Test
  void escalationFromACalledProcessReachesANonInterruptingBoundaryOnTheCallActivity() {
    deploy(
        Bpmn.createExecutableProcess("restore-backup")
            .startEvent()
            .intermediateThrowEvent("slow", e -> e.escalation("RESTORE_SLOW"))
            .serviceTask("restore", t -> t.zeebeJobType("restore-backup"))
            .endEvent()
            .done(),
        "restore-backup.bpmn");
    deploy(
        Bpmn.createExecutableProcess("recover-database")
            .startEvent()
            .callActivity("run-restore", c -> c.zeebeProcessId("restore-backup"))
            .endEvent("recovered")
            .moveToActivity("run-restore")
            .boundaryEvent(
                "tell-stakeholders", b -> b.escalation("RESTORE_SLOW").cancelActivity(false))
            .serviceTask("status-update", t -> t.zeebeJobType("post-status-update"))
            .endEvent()
            .done(),
        "recover-database.bpmn");
    long key = start("recover-database", Map.of());

    assertThat(awaitJob("post-status-update").getProcessInstanceKey()).isEqualTo(key);
    ActivatedJob restore = awaitJob("restore-backup");
    assertThat(restore.getProcessInstanceKey()).as("the called process goes on").isNotEqualTo(key);
    assertThat(engine.events(EscalationIntent.ESCALATED))
        .anyMatch(r -> "tell-stakeholders".equals(r.value().get("catchElementId")));
  }

  @Test
  void linkEventsJumpWithinTheProcess() {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="suoke">
          <bpmn:process id="linked" isExecutable="true">
            <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="first"><bpmn:extensionElements><zeebe:taskDefinition type="linked-first" /></bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
            <bpmn:intermediateThrowEvent id="go-to-review"><bpmn:incoming>f2</bpmn:incoming>
              <bpmn:linkEventDefinition id="l1" name="review" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="review-entry"><bpmn:outgoing>f3</bpmn:outgoing>
              <bpmn:linkEventDefinition id="l2" name="review" /></bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="second"><bpmn:extensionElements><zeebe:taskDefinition type="linked-second" /></bpmn:extensionElements>
              <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>
            <bpmn:endEvent id="e"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first" />
            <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="go-to-review" />
            <bpmn:sequenceFlow id="f3" sourceRef="review-entry" targetRef="second" />
            <bpmn:sequenceFlow id="f4" sourceRef="second" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(xml.strip(), "linked.bpmn")
        .send()
        .join();
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("linked")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    client.newCompleteCommand(awaitJob("linked-first").getKey()).send().join();
    client
        .newCompleteCommand(awaitJob("linked-second").getKey())
        .variables(Map.of("reviewed", true))
        .send()
        .join();

    assertThat(result.join().getVariablesAsMap()).containsEntry("reviewed", true);
  }

  @Test
  void scriptTaskWritesItsResultVariable() {
    deploy(
        Bpmn.createExecutableProcess("score-risk")
            .startEvent()
            .scriptTask(
                "score",
                s -> s.zeebeExpression("impact * likelihood").zeebeResultVariable("riskScore"))
            .endEvent()
            .done(),
        "score-risk.bpmn");

    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("score-risk")
            .latestVersion()
            .variables(Map.of("impact", 4, "likelihood", 3))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsEntry("riskScore", 12);
  }

  @Test
  void failingScriptIsAnIncident() {
    deploy(
        Bpmn.createExecutableProcess("bad-script")
            .startEvent()
            .scriptTask(
                "score",
                s -> s.zeebeExpression("assert(impact, impact != null)").zeebeResultVariable("x"))
            .endEvent()
            .done(),
        "bad-script.bpmn");
    long key = start("bad-script", Map.of());

    await()
        .untilAsserted(
            () ->
                assertThat(engine.events(IncidentIntent.CREATED))
                    .anyMatch(
                        r ->
                            ((Number) r.value().get("processInstanceKey")).longValue() == key
                                && "EXTRACT_VALUE_ERROR".equals(r.value().get("errorType"))));
  }
}
