package life.suoke.ops.engine.test;

import static life.suoke.ops.engine.test.DecisionSelectors.byId;
import static life.suoke.ops.engine.test.DecisionSelectors.byName;
import static life.suoke.ops.engine.test.DecisionSelectors.byProcessInstance;
import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThatDecision;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision assertions pass when they should and fail, showing the evaluation, when they should
 * not.
 */
@ProcessEngineTest
class DecisionAssertionsTest {

  /** A UNIQUE table whose rules both match: every evaluation fails. */
  static final String AMBIGUOUS_APPROVER =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="change-approver-rules" name="Change approver"
                   namespace="http://suoke.life/ops/dmn">
        <decision id="change-approver" name="Change approver">
          <decisionTable id="approver-table" hitPolicy="UNIQUE">
            <input id="risk-input"><inputExpression id="risk-expression" typeRef="string"><text>risk</text></inputExpression></input>
            <output id="approver-output" name="approver" typeRef="string" />
            <rule id="cab"><inputEntry><text>-</text></inputEntry><outputEntry><text>"cab"</text></outputEntry></rule>
            <rule id="lead"><inputEntry><text>-</text></inputEntry><outputEntry><text>"team-lead"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  CamundaClient client;

  @BeforeAll
  static void deploy(CamundaClient client) throws IOException {
    try (InputStream dmn =
        DecisionAssertionsTest.class.getResourceAsStream("/incident-priority.dmn")) {
      client
          .newDeployResourceCommand()
          .addResourceBytes(dmn.readAllBytes(), "incident-priority.dmn")
          .addResourceBytes(
              AMBIGUOUS_APPROVER.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "change-approver.dmn")
          .addProcessModel(
              Bpmn.createExecutableProcess("route-change")
                  .startEvent()
                  .businessRuleTask(
                      "pick-approver",
                      t ->
                          t.zeebeCalledDecisionId("change-approver")
                              .zeebeResultVariable("approver"))
                  .endEvent()
                  .done(),
              "route-change.bpmn")
          .addProcessModel(
              Bpmn.createExecutableProcess("classify")
                  .startEvent()
                  .businessRuleTask(
                      "prioritise",
                      t ->
                          t.zeebeCalledDecisionId("incident-priority")
                              .zeebeResultVariable("priority"))
                  .endEvent()
                  .done(),
              "classify.bpmn")
          .send()
          .join();
    }
    ProcessEngineAssertions.setAssertionTimeout(Duration.ofMillis(300));
  }

  ProcessInstanceEvent classify(String severity, int usersAffected) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("classify")
        .latestVersion()
        .variables(Map.of("severity", severity, "usersAffected", usersAffected))
        .send()
        .join();
  }

  @Test
  void aBusinessRuleTasksEvaluationHasItsOutputAndMatchedRules() {
    ProcessInstanceEvent outage = classify("critical", 5000);

    assertThatDecision(byId("incident-priority").and(byProcessInstance(outage)))
        .isEvaluated()
        .hasOutput("P0")
        .hasMatchedRules(1)
        .hasNotMatchedRules(2, 3, 4);
    assertThatDecision(byName("Incident priority").and(byProcessInstance(classify("minor", 10))))
        .hasOutput("P3")
        .hasMatchedRules(4);
  }

  @Test
  void anEvaluationThroughTheApiIsFoundToo() {
    client
        .newEvaluateDecisionCommand()
        .decisionId("incident-priority")
        .variables(Map.of("severity", "major", "usersAffected", 3))
        .send()
        .join();

    assertThatDecision(byId("incident-priority")).isEvaluated().hasOutput("P1").hasMatchedRules(2);
  }

  @Test
  void failingAssertionsShowTheEvaluation() {
    ProcessInstanceEvent instance = classify("minor", 500);
    var decision = byId("incident-priority").and(byProcessInstance(instance));

    assertThatThrownBy(() -> assertThatDecision(decision).hasOutput("P0"))
        .hasMessageContaining("to have output \"P0\"")
        .hasMessageContaining("its output is \"P2\"")
        .hasMessageContaining("in process instance " + instance.getProcessInstanceKey());
    assertThatThrownBy(() -> assertThatDecision(decision).hasNoMatchedRules())
        .hasMessageContaining("the matched rules are [3]");
    assertThatThrownBy(() -> assertThatDecision(decision).isFailed())
        .hasMessageContaining("it was evaluated");
    assertThatThrownBy(() -> assertThatDecision(byId("no-such-decision")).isEvaluated())
        .hasMessageContaining("no decision evaluation matches")
        .hasMessageContaining("decision 'incident-priority'");
  }

  @Test
  void aFailedEvaluationIsSeenAsFailed() {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("route-change")
            .latestVersion()
            .variables(Map.of("risk", "high"))
            .send()
            .join();

    assertThatDecision(byProcessInstance(instance)).isFailed();
    assertThatThrownBy(() -> assertThatDecision(byProcessInstance(instance)).isEvaluated())
        .hasMessageContaining("its evaluation failed");
  }
}
