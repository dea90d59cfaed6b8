package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inclusive gateways: forking on every true condition (or the default flow) and joining the tokens
 * that can arrive.
 */
class InclusiveGatewayConformanceTest {

  static EngineTestSupport engine;
  static CamundaClient client;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(InclusiveGatewayConformanceTest.class);
    client = engine.connect();
    deployNotification();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  /**
   * Notify by e-mail, SMS and/or phone depending on the priority, then close the notification step
   * once.
   */
  static void deployNotification() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("notify")
            .startEvent()
            .inclusiveGateway("channels")
            .defaultFlow()
            .serviceTask("email", t -> t.zeebeJobType("notify-email"))
            .inclusiveGateway("notified")
            .serviceTask("close", t -> t.zeebeJobType("notify-close"))
            .endEvent()
            .moveToNode("channels")
            .conditionExpression("priority <= 2")
            .serviceTask("sms", t -> t.zeebeJobType("notify-sms"))
            .connectTo("notified")
            .moveToNode("channels")
            .conditionExpression("priority = 1")
            .serviceTask("phone", t -> t.zeebeJobType("notify-phone"))
            .connectTo("notified")
            .done();
    client.newDeployResourceCommand().addProcessModel(model, "notify.bpmn").send().join();
  }

  long start(Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("notify")
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  List<ActivatedJob> jobs(String type) {
    return EngineTestSupport.activate(client, type);
  }

  void complete(String type, long processInstanceKey) {
    ActivatedJob job =
        await()
            .until(
                () ->
                    jobs(type).stream()
                        .filter(j -> j.getProcessInstanceKey() == processInstanceKey)
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    client.newCompleteCommand(job.getKey()).send().join();
  }

  long activations(long processInstanceKey, String elementId) {
    return engine.events(ProcessInstanceIntent.ELEMENT_ACTIVATED).stream()
        .filter(
            r -> ((Number) r.value().get("processInstanceKey")).longValue() == processInstanceKey)
        .filter(r -> elementId.equals(r.value().get("elementId")))
        .count();
  }

  @Test
  void forksOnEveryTrueConditionAndJoinsOnceAllTakenBranchesArrived() {
    long key = start(Map.of("priority", 1));
    complete("notify-sms", key);
    complete("notify-phone", key);
    assertThat(activations(key, "email"))
        .as("the default flow is not taken when a condition holds")
        .isZero();
    assertThat(activations(key, "notified")).isEqualTo(1);
    complete("notify-close", key);
    await().until(() -> engine.completed(key));
  }

  @Test
  void joinWaitsWhileATakenBranchIsStillActive() {
    long key = start(Map.of("priority", 1));
    complete("notify-phone", key);
    assertThat(activations(key, "notified")).as("the SMS branch can still reach the join").isZero();
    assertThat(jobs("notify-close")).noneMatch(j -> j.getProcessInstanceKey() == key);

    complete("notify-sms", key);
    await().until(() -> activations(key, "notified") == 1);
    complete("notify-close", key);
    await().until(() -> engine.completed(key));
    assertThat(activations(key, "notified")).isEqualTo(1);
  }

  @Test
  void joinDoesNotWaitForBranchesThatWereNotTaken() {
    long key = start(Map.of("priority", 2));
    complete("notify-sms", key);
    complete("notify-close", key);
    await().until(() -> engine.completed(key));
    assertThat(activations(key, "phone")).isZero();
  }

  @Test
  void takesTheDefaultFlowWhenNoConditionHolds() {
    long key = start(Map.of("priority", 4));
    complete("notify-email", key);
    complete("notify-close", key);
    await().until(() -> engine.completed(key));
    assertThat(activations(key, "sms") + activations(key, "phone")).isZero();
  }

  @Test
  void aTokenWaitingAtTheJoinSurvivesARestart() {
    long key = start(Map.of("priority", 1));
    complete("notify-phone", key);
    assertThat(activations(key, "notified")).isZero();

    client.close();
    engine = engine.restart();
    client = engine.connect();

    complete("notify-sms", key);
    await().until(() -> activations(key, "notified") == 1);
    complete("notify-close", key);
    await().until(() -> engine.completed(key));
  }

  @Test
  void noTrueConditionAndNoDefaultFlowIsAnIncidentResolvedBySettingTheVariable() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("pick-checks")
                .startEvent()
                .inclusiveGateway("checks")
                .conditionExpression("security")
                .serviceTask("security-check", t -> t.zeebeJobType("security-check"))
                .endEvent()
                .moveToNode("checks")
                .conditionExpression("performance")
                .serviceTask("performance-check", t -> t.zeebeJobType("performance-check"))
                .endEvent()
                .done(),
            "pick-checks.bpmn")
        .send()
        .join();
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("pick-checks")
            .latestVersion()
            .variables(Map.of("security", false, "performance", false))
            .send()
            .join()
            .getProcessInstanceKey();

    Record incident =
        await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    assertThat(incident.value().get("errorType")).isEqualTo("CONDITION_ERROR");
    assertThat(incident.value().get("errorMessage"))
        .isEqualTo(
            "Expected at least one condition to evaluate to true, or to have a default flow");

    client
        .newSetVariablesCommand(key)
        .variables(Map.of("security", true, "performance", true))
        .send()
        .join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    complete("security-check", key);
    complete("performance-check", key);
    await().until(() -> engine.completed(key));
  }
}
