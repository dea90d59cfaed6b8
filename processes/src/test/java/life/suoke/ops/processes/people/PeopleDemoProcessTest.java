package life.suoke.ops.processes.people;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.people.PeopleDemoProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Instant;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ProcessEngineTest
class PeopleDemoProcessTest {

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeEach
  void deploy() {
    engine.pinClock(Instant.parse("2026-11-02T02:00:00Z"));
    client.newDeployResourceCommand().addResourceFromClasspath(RESOURCE).addResourceFromClasspath(FORM_RESOURCE)
        .send().join();
  }

  @Test
  void alertIsAcknowledgedByTier1ThroughTheForm() {
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
        .variables(Map.of("businessKey", "ALERT-1")).send().join();

    assertThat(byElementId(ACKNOWLEDGE_TASK, instance)).isCreated()
        .hasCandidateGroups(CANDIDATE_GROUP)
        .hasPriority(80)
        .hasDueDate("2026-11-02T02:30Z");

    engine.completeUserTask(byElementId(ACKNOWLEDGE_TASK, instance),
        Map.of(VAR_SUMMARY, "disk full, cleaned up", VAR_IMPACTED_USERS, 12, VAR_SEVERITY, "high"));

    assertThat(instance).isCompleted()
        .hasCompletedElements(ACKNOWLEDGE_TASK, ACKNOWLEDGED)
        .hasVariable(VAR_SEVERITY, "high");
  }
}
