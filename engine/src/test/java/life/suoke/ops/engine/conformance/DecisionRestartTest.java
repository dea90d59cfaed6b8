package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import org.junit.jupiter.api.Test;

/**
 * Deployed decisions, and an incident waiting for a decision, survive a restart (the state is
 * replayed).
 */
class DecisionRestartTest {

  @Test
  void decisionsAndTheirGraphsAreThereAfterARestart() {
    EngineTestSupport engine = new EngineTestSupport(DecisionRestartTest.class);
    try {
      DeploymentEvent rules =
          engine
              .client
              .newDeployResourceCommand()
              .addResourceBytes(DecisionConformanceTest.dmn("change-risk.dmn"), "change-risk.dmn")
              .addProcessModel(
                  Bpmn.createExecutableProcess("assess")
                      .startEvent()
                      .businessRuleTask(
                          "risk",
                          t -> t.zeebeCalledDecisionId("change-risk").zeebeResultVariable("risk"))
                      .endEvent()
                      .done(),
                  "assess.bpmn")
              .addProcessModel(
                  Bpmn.createExecutableProcess("prioritize")
                      .startEvent()
                      .businessRuleTask(
                          "priority",
                          t ->
                              t.zeebeCalledDecisionId("incident-priority")
                                  .zeebeResultVariable("priority"))
                      .endEvent()
                      .done(),
                  "prioritize.bpmn")
              .send()
              .join();
      long waiting =
          engine
              .client
              .newCreateInstanceCommand()
              .bpmnProcessId("prioritize")
              .latestVersion()
              .variables(Map.of("severity", "critical", "impact", "user"))
              .send()
              .join()
              .getProcessInstanceKey();
      EngineTestSupport first = engine;
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !first.events(IncidentIntent.CREATED).isEmpty());

      engine = engine.restart();

      long riskKey =
          rules.getDecisions().stream()
              .filter(d -> d.getDmnDecisionId().equals("change-risk"))
              .findFirst()
              .orElseThrow()
              .getDecisionKey();
      EvaluateDecisionResponse byKey =
          engine
              .client
              .newEvaluateDecisionCommand()
              .decisionKey(riskKey)
              .variables(
                  Map.of("affectedServices", 12, "customerFacing", false, "changeType", "normal"))
              .send()
              .join();
      assertThat(byKey.getDecisionOutput()).isEqualTo("\"medium\""); // score 5 is in [4..7]
      assertThat(byKey.getEvaluatedDecisions()).hasSize(2);
      assertThat(byKey.getEvaluatedDecisions().get(0).getDecisionKey())
          .as("the required decision's key, from the replayed state")
          .isEqualTo(
              rules.getDecisions().stream()
                  .filter(d -> d.getDmnDecisionId().equals("impact-score"))
                  .findFirst()
                  .orElseThrow()
                  .getDecisionKey());
      assertThat(
              engine
                  .client
                  .newCreateInstanceCommand()
                  .bpmnProcessId("assess")
                  .latestVersion()
                  .variables(
                      Map.of(
                          "affectedServices", 12, "customerFacing", true, "changeType", "normal"))
                  .withResult()
                  .requestTimeout(Duration.ofSeconds(20))
                  .send()
                  .join()
                  .getVariablesAsMap())
          .containsEntry("risk", "high");

      engine
          .client
          .newDeployResourceCommand()
          .addResourceBytes(
              DecisionConformanceTest.dmn("incident-priority.dmn"), "incident-priority.dmn")
          .send()
          .join();
      long incidentKey = engine.events(IncidentIntent.CREATED).get(0).key();
      engine.client.newResolveIncidentCommand(incidentKey).send().join();
      EngineTestSupport running = engine;
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> running.completed(waiting));
      assertThat(engine.events(VariableIntent.CREATED))
          .anyMatch(
              r ->
                  "priority".equals(r.value().get("name"))
                      && "\"P2\"".equals(r.value().get("value")));
    } finally {
      engine.close();
    }
  }
}
