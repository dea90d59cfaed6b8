package life.suoke.ops.processes.incident;

import static life.suoke.ops.engine.test.DecisionSelectors.byProcessInstance;
import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThatDecision;
import static life.suoke.ops.processes.incident.IncidentProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision {@code incident-priority}: every rule of the table, and the process classifying with
 * it.
 */
@ProcessEngineTest
class IncidentPriorityDecisionTest {

  CamundaClient client;
  ProcessEngineContext engine;
  IncidentDriver driver;

  @BeforeEach
  void deploy() {
    driver = new IncidentDriver(client, engine);
    driver.deploy();
  }

  @AfterEach
  void cancel() {
    driver.cancelStarted();
  }

  @ParameterizedTest(name = "{0} on {1}, {2} users, impact {3} -> {4} (rule {5})")
  @CsvSource({
    // data or safety impact wins over everything
    "info,     support, 1,    true,  P0, 1",
    "critical, core,    5000, true,  P0, 1",
    // critical on a core service
    "critical, core,    1,    false, P0, 2",
    // critical elsewhere, error on core, or 1000 users and more
    "critical, agent,   1,    false, P1, 3",
    "critical, support, 0,    false, P1, 3",
    "error,    core,    10,   false, P1, 4",
    "warning,  support, 1000, false, P1, 5",
    "info,     agent,   5000, false, P1, 5",
    // error elsewhere, warning on core, or 100 users and more
    "error,    agent,   10,   false, P2, 6",
    "error,    support, 999,  false, P2, 6",
    "warning,  core,    10,   false, P2, 7",
    "info,     support, 100,  false, P2, 8",
    // everything else
    "warning,  agent,   99,   false, P3, 9",
    "warning,  support, 0,    false, P3, 9",
    "info,     core,    0,    false, P3, 9",
  })
  void tableClassifies(
      String severity,
      String serviceClass,
      int affectedUsers,
      boolean impact,
      String priority,
      int rule) {
    EvaluateDecisionResponse result =
        client
            .newEvaluateDecisionCommand()
            .decisionId(PRIORITY_DECISION_ID)
            .variables(
                Map.of(
                    VAR_SEVERITY,
                    severity,
                    VAR_SERVICE_CLASS,
                    serviceClass,
                    VAR_AFFECTED_USERS,
                    affectedUsers,
                    VAR_DATA_OR_SAFETY_IMPACT,
                    impact))
            .send()
            .join();

    Assertions.assertThat(result.getDecisionOutput()).isEqualTo("\"" + priority + "\"");
    Assertions.assertThat(result.getEvaluatedDecisions())
        .singleElement()
        .satisfies(
            decision ->
                Assertions.assertThat(decision.getMatchedRules())
                    .as("the first matching rule decides")
                    .singleElement()
                    .satisfies(
                        matched -> Assertions.assertThat(matched.getRuleIndex()).isEqualTo(rule)));
  }

  @Test
  void processClassifiesWithTheDecisionBeforeAnythingElse() {
    IncidentDriver.Incident incident =
        driver.start(IncidentDriver.variables("error", "core", 10, false, "alert", null));
    ProcessInstanceEvent instance = incident.instance;

    assertThatDecision(byProcessInstance(instance))
        .isEvaluated()
        .hasOutput("P1")
        .hasMatchedRules(4);
    assertThat(instance)
        .hasCompletedElements(CLASSIFY_TASK)
        .hasActiveElements(COMPUTE_DEADLINES_TASK)
        .hasVariable(VAR_PRIORITY, "P1");

    Assertions.assertThat(
            incident.computeDeadlines(COMPUTE_DEADLINES_TASK, IncidentDriver.T0, STATUS_TRIAGED))
        .as("the deadlines job sees the decision's priority")
        .isEqualTo(IncidentDriver.Priority.P1);
  }
}
