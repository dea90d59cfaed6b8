package life.suoke.ops.processes.change;

import static life.suoke.ops.processes.change.ChangeProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision {@code change-risk}: every rule of the table, the first matching one deciding. */
@ProcessEngineTest
class ChangeRiskDecisionTest {

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeEach
  void deploy() {
    client.newDeployResourceCommand().addResourceFromClasspath(RISK_RESOURCE).send().join();
  }

  @ParameterizedTest(
      name =
          "{0}, downtime {1}, rollback tested {2}, {3} users, {4} failures, {5}h -> {6} (rule {7})")
  @CsvSource({
    "core,    true,  true,  10,    0, 2,  high,   1",
    "support, false, true,  10,    2, 2,  high,   2",
    "agent,   false, true,  10,    5, 14, high,   2",
    "core,    false, false, 10,    0, 2,  high,   3",
    "support, false, true,  10000, 0, 2,  high,   4",
    "core,    false, true,  9999,  0, 2,  medium, 5",
    "agent,   false, true,  10,    0, 9,  medium, 6",
    "support, false, true,  10,    0, 21, medium, 6",
    "support, false, true,  10,    1, 3,  medium, 7",
    "agent,   false, false, 10,    0, 3,  medium, 8",
    "support, true,  true,  10,    0, 3,  medium, 9",
    "support, false, true,  10,    0, 22, low,    10",
    "agent,   false, true,  0,     0, 8,  low,    10",
  })
  void tableDecides(
      String serviceClass,
      boolean downtime,
      boolean rollbackTested,
      int affectedUsers,
      int recentFailures,
      int plannedHour,
      String risk,
      int rule) {
    EvaluateDecisionResponse result =
        client
            .newEvaluateDecisionCommand()
            .decisionId(RISK_DECISION_ID)
            .variables(
                Map.of(
                    VAR_SERVICE_CLASS,
                    serviceClass,
                    VAR_DOWNTIME_REQUIRED,
                    downtime,
                    VAR_ROLLBACK_TESTED,
                    rollbackTested,
                    VAR_AFFECTED_USERS,
                    affectedUsers,
                    VAR_RECENT_FAILURES,
                    recentFailures,
                    VAR_PLANNED_HOUR,
                    plannedHour))
            .send()
            .join();
    Assertions.assertThat(result.getDecisionOutput()).isEqualTo("\"" + risk + "\"");
    Assertions.assertThat(result.getEvaluatedDecisions())
        .singleElement()
        .satisfies(
            decision ->
                Assertions.assertThat(decision.getMatchedRules())
                    .singleElement()
                    .satisfies(
                        matched -> Assertions.assertThat(matched.getRuleIndex()).isEqualTo(rule)));
  }
}
