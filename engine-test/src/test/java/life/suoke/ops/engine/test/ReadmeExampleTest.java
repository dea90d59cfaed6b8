package life.suoke.ops.engine.test;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of the README, kept compiling and passing. */
@ProcessEngineTest
class ReadmeExampleTest {

  CamundaClient client;
  ProcessEngineContext engine;

  @Test
  void aP1IncidentIsPagedAndReviewed() {
    // given: a process (here built in code; usually addResourceFromClasspath("incident.bpmn"))
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("incident")
                .startEvent("reported")
                .serviceTask("page-on-call", t -> t.zeebeJobType("page"))
                .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("sre"))
                .endEvent("closed")
                .done(),
            "incident.bpmn")
        .send()
        .join();

    // when
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("incident")
            .latestVersion()
            .variables(Map.of("priority", "P1"))
            .send()
            .join();

    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("page")
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs();
    client.newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("paged", true)).send().join();

    // then
    assertThat(instance)
        .isActive()
        .hasCompletedElements("reported", "page-on-call")
        .hasActiveElements("review")
        .hasVariable("paged", true)
        .hasNoActiveIncidents();
    assertThat(byElementId("review", instance)).isCreated().hasCandidateGroups("sre");

    engine.completeUserTask(byElementId("review", instance), Map.of("rootCause", "disk full"));

    assertThat(instance).isCompleted().hasVariable("rootCause", "disk full");
  }
}
