package life.suoke.ops.processes.oncall;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.oncall.OnCallGapProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ProcessEngineTest
class OnCallGapProcessTest {

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeEach
  void deploy() {
    engine.pinClock(Instant.parse("2026-12-03T02:00:00Z"));
    client.newDeployResourceCommand().addResourceFromClasspath(RESOURCE).send().join();
  }

  /** A gap key of its own per instance (a published message waits for its time to live). */
  String key = "7:" + System.nanoTime();

  ProcessInstanceEvent gap(List<String> managers, List<String> groups) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(
            Map.of(
                VAR_GAP_KEY,
                key,
                VAR_GAP_START,
                "2026-12-10T10:00:00Z",
                VAR_GAP_END,
                "2026-12-10T18:00:00Z",
                VAR_MANAGERS,
                managers,
                VAR_CANDIDATE_GROUPS,
                groups,
                VAR_SCHEDULE_ID,
                7,
                VAR_SCHEDULE_NAME,
                "Tier-2 payments",
                VAR_TEAM,
                "tier2-payments",
                VAR_BUSINESS_KEY,
                "oncall-gap:" + key))
        .send()
        .join();
  }

  @Test
  void theManagersGetATaskDueAtTheGapsStartAndCompleteIt() {
    ProcessInstanceEvent instance = gap(List.of("mia"), List.of());
    assertThat(byElementId(COVER_TASK, instance))
        .isCreated()
        .hasCandidateUsers("mia")
        .hasPriority(80)
        .hasDueDate("2026-12-10T10:00Z");
    engine.completeUserTask(byElementId(COVER_TASK, instance), Map.of());
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(COVER_TASK, HANDLED)
        .hasNotActivatedElements(COVERED_END, PASSED_END);
  }

  @Test
  void aTeamWithoutManagersGetsTheTaskItself() {
    ProcessInstanceEvent instance = gap(List.of(), List.of("tier2-payments"));
    assertThat(byElementId(COVER_TASK, instance)).isCreated().hasCandidateGroups("tier2-payments");
  }

  @Test
  void theTaskEndsWhenTheScheduleCoversTheGap() {
    ProcessInstanceEvent instance = gap(List.of("mia"), List.of());
    assertThat(byElementId(COVER_TASK, instance)).isCreated();
    client
        .newPublishMessageCommand()
        .messageName(MESSAGE_COVERED)
        .correlationKey(key)
        .send()
        .join();
    assertThat(instance)
        .isCompleted()
        .hasTerminatedElements(COVER_TASK)
        .hasCompletedElements(COVERED, COVERED_END);
    assertThat(byElementId(COVER_TASK, instance)).isCanceled();
  }

  @Test
  void theTaskEndsWhenTheGapIsOver() {
    ProcessInstanceEvent instance = gap(List.of("mia"), List.of());
    engine.increaseTime(Duration.ofDays(7).plusHours(7));
    assertThat(instance).isActive();
    engine.increaseTime(Duration.ofHours(10));
    assertThat(instance)
        .isCompleted()
        .hasTerminatedElements(COVER_TASK)
        .hasCompletedElements(PASSED, PASSED_END);
  }

  @Test
  void theDiagramShowsEveryElementAndTheIdsMatchTheConstants() {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(getClass().getClassLoader().getResourceAsStream(RESOURCE));
    Set<String> nodes =
        model.getModelElementsByType(FlowNode.class).stream()
            .map(FlowNode::getId)
            .collect(Collectors.toSet());
    org.assertj.core.api.Assertions.assertThat(nodes)
        .containsExactlyInAnyOrder(
            GAP_FOUND, COVER_TASK, HANDLED, COVERED, COVERED_END, PASSED, PASSED_END);
    Set<String> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(shape -> shape.getBpmnElement().getId())
            .collect(Collectors.toSet());
    org.assertj.core.api.Assertions.assertThat(shapes).containsAll(nodes);
    Set<String> flows =
        model.getModelElementsByType(SequenceFlow.class).stream()
            .map(SequenceFlow::getId)
            .collect(Collectors.toSet());
    Set<String> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(edge -> edge.getBpmnElement().getId())
            .collect(Collectors.toSet());
    org.assertj.core.api.Assertions.assertThat(edges).isEqualTo(flows);
    org.assertj.core.api.Assertions.assertThat(model.getModelElementsByType(Message.class))
        .extracting(Message::getName)
        .containsExactly(MESSAGE_COVERED);
  }
}
