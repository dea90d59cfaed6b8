package life.suoke.ops.processes.change;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.change.ChangeInformationRequestProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ProcessEngineTest
class ChangeInformationRequestProcessTest {

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeEach
  void deploy() {
    engine.pinClock(Instant.parse("2026-11-02T02:00:00Z"));
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath(RESOURCE)
        .addResourceFromClasspath(ANSWER_FORM_RESOURCE)
        .send()
        .join();
  }

  ProcessInstanceEvent request() {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(
            Map.of(
                VAR_REQUESTED_FROM,
                "release-managers",
                "question",
                "Which services does CHG-42 restart?"))
        .send()
        .join();
  }

  @Test
  void requestAnsweredWithinFourHoursIsDone() {
    ProcessInstanceEvent instance = request();
    assertThat(byElementId(ANSWER_TASK, instance))
        .isCreated()
        .hasCandidateGroups("release-managers")
        .hasPriority(70);

    engine.increaseTime(Duration.ofHours(3).plusMinutes(59));
    engine.completeUserTask(
        byElementId(ANSWER_TASK, instance), Map.of("answer", "payments-api and ledger"));

    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(ANSWER_TASK, ANSWERED)
        .hasNotActivatedElements(DEADLINE_PASSED, ESCALATE_TASK)
        .hasVariable("answer", "payments-api and ledger");
  }

  @Test
  void requestUnansweredAfterFourHoursIsEscalated() {
    ProcessInstanceEvent instance = request();
    assertThat(byElementId(ANSWER_TASK, instance)).hasDueDate("2026-11-02T06:00Z");

    engine.increaseTime(Duration.ofHours(4));

    assertThat(instance).hasTerminatedElements(ANSWER_TASK).hasActiveElements(ESCALATE_TASK);
    assertThat(byElementId(ANSWER_TASK, instance)).isCanceled();
    engine.completeJob(JOB_ESCALATE);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(DEADLINE_PASSED, ESCALATE_TASK, ESCALATED);
  }
}
