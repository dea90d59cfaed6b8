package life.suoke.ops.engine.test;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThatProcessInstance;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each process instance assertion passes when it should and fails, with a message saying what the
 * instance did, when it should not.
 */
@ProcessEngineTest
class ProcessInstanceAssertionsTest {

  /** Failing assertions in this class give up after this long, not the default 10 s. */
  static final Duration SHORT = Duration.ofMillis(300);

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeAll
  static void deploy(CamundaClient client) {
    deployModel(client, Models.serviceTask("one-task", "work"), "one-task.bpmn");
    deployModel(client, Models.exclusive("routing", "approve"), "routing.bpmn");
    deployModel(client, Models.parallel("fork-join", "branch"), "fork-join.bpmn");
    ProcessEngineAssertions.setAssertionTimeout(SHORT);
  }

  static void deployModel(CamundaClient client, BpmnModelInstance model, String name) {
    client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /**
   * A one-task instance waiting at its service task; a job of its own type, so tests do not steal
   * each other's.
   */
  ProcessInstanceEvent waitingAtTask(String jobType) {
    deployModel(
        client,
        Models.serviceTask("one-task-" + jobType, jobType),
        "one-task-" + jobType + ".bpmn");
    return start("one-task-" + jobType, Map.of());
  }

  ProcessInstanceEvent completedInstance(String jobType) {
    ProcessInstanceEvent instance = waitingAtTask(jobType);
    engine.completeJob(jobType, Map.of("result", "done"));
    return instance;
  }

  // ------------------------------------------------------------------------------- state

  @Test
  void isActivePassesForAWaitingInstanceAndFailsAtOnceForACompletedOne() {
    ProcessInstanceEvent waiting = waitingAtTask("active-1");
    assertThat(waiting).isActive();

    ProcessInstanceEvent completed = completedInstance("active-2");
    long began = System.nanoTime();
    assertThatThrownBy(
            () -> assertThat(completed).withAssertionTimeout(Duration.ofSeconds(10)).isActive())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected process instance "
                + completed.getProcessInstanceKey()
                + " to be active, but it is COMPLETED")
        .hasMessageContaining("this can no longer come true")
        .hasMessageContaining("completed elements:  [start, task, end]")
        .hasMessageContaining("result=\"done\"");
    Assertions.assertThat(Duration.ofNanos(System.nanoTime() - began))
        .as("fails fast, not after the timeout")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void isCompletedWaitsForTheInstanceToComplete() {
    ProcessInstanceEvent instance = waitingAtTask("completes-later");
    CompletableFuture.runAsync(
        () -> engine.completeJob("completes-later"),
        CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

    assertThat(instance).withAssertionTimeout(Duration.ofSeconds(10)).isCompleted();
  }

  @Test
  void isCompletedFailsForAnActiveInstanceListingItsActiveElements() {
    ProcessInstanceEvent instance = waitingAtTask("never-completed");

    assertThatThrownBy(() -> assertThat(instance).isCompleted())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be completed, but it is ACTIVE (waited ")
        .hasMessageContaining("the assertion timeout")
        .hasMessageContaining("active elements:     [task]")
        .hasMessageContaining("completed elements:  [start]");
  }

  @Test
  void isTerminatedPassesAfterCancelAndFailsOtherwise() {
    ProcessInstanceEvent canceled = waitingAtTask("to-cancel");
    client.newCancelInstanceCommand(canceled.getProcessInstanceKey()).send().join();
    assertThat(canceled).isTerminated().hasTerminatedElements("task");

    ProcessInstanceEvent active = waitingAtTask("not-canceled");
    assertThatThrownBy(() -> assertThat(active).isTerminated())
        .hasMessageContaining("to be terminated, but it is ACTIVE");
    ProcessInstanceEvent completed = completedInstance("completed-not-canceled");
    assertThatThrownBy(() -> assertThat(completed).isTerminated())
        .hasMessageContaining("to be terminated, but it is COMPLETED")
        .hasMessageContaining("this can no longer come true");
    assertThatThrownBy(() -> assertThat(canceled).isCompleted())
        .hasMessageContaining("to be completed, but it is TERMINATED");
  }

  @Test
  void isCreatedPassesForAnyExistingInstance() {
    assertThat(waitingAtTask("created")).isCreated();
    assertThat(completedInstance("created-and-done")).isCreated();
  }

  @Test
  void anUnknownInstanceFailsAfterTheTimeoutSayingTheLogShowsNothingOfIt() {
    assertThatThrownBy(() -> assertThatProcessInstance(4242L).isActive())
        .hasMessageContaining("Expected process instance 4242 to be active, but it does not exist")
        .hasMessageContaining("the record log shows nothing of process instance 4242 yet");
  }

  @Test
  void instancesCanBeNamedByKeyAndByCreateWithResult() {
    ProcessInstanceEvent instance = completedInstance("by-key");
    assertThat(instance.getProcessInstanceKey()).isCompleted();

    ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("routing")
            .latestVersion()
            .variables(Map.of("amount", 10))
            .withResult()
            .send()
            .join();
    assertThat(result).isCompleted().hasCompletedElements("auto-approve", "auto-approved");
  }

  // ------------------------------------------------------------------------------- elements

  @Test
  void hasCompletedElementsSeesHistoryAndNamesWhatIsMissing() {
    ProcessInstanceEvent instance = completedInstance("history");
    assertThat(instance).hasCompletedElements("start", "task", "end");

    ProcessInstanceEvent waiting = waitingAtTask("history-waiting");
    assertThat(waiting).hasCompletedElements("start");
    assertThatThrownBy(() -> assertThat(waiting).hasCompletedElements("start", "task", "end"))
        .hasMessageContaining(
            "to have completed elements [start, task, end], but these are not completed: [task, end]")
        .hasMessageContaining("active elements:     [task]");
  }

  @Test
  void hasActiveElementsPassesForWaitingElementsAndFailsForPassedOnes() {
    ProcessInstanceEvent instance = waitingAtTask("active-elements");
    assertThat(instance).hasActiveElements("task");

    assertThatThrownBy(() -> assertThat(instance).hasActiveElements("start", "task"))
        .hasMessageContaining(
            "to have active elements [start, task], but these are not active: [start]")
        .hasMessageContaining("completed elements:  [start]");
  }

  @Test
  void hasActiveElementsWaitsForAnElementToBecomeActive() {
    ProcessInstanceEvent instance = start("fork-join", Map.of());
    assertThat(instance).hasActiveElements("a", "b").hasNotActivatedElements("join", "end");

    ActivatedJob a = engine.activateJob("branch-a");
    CompletableFuture.runAsync(
        () -> client.newCompleteCommand(a.getKey()).send().join(),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    assertThat(instance)
        .withAssertionTimeout(Duration.ofSeconds(10))
        .hasCompletedElements("a")
        .hasActiveElements("b")
        .hasNoActiveElements("a")
        .hasNotActivatedElements("join");

    engine.completeJob("branch-b");
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements("fork", "a", "b", "join", "end")
        .hasNoActiveElements("a", "b");
  }

  @Test
  void hasNoActiveElementsFailsWhileAnElementIsActive() {
    ProcessInstanceEvent instance = waitingAtTask("no-active");
    assertThatThrownBy(() -> assertThat(instance).hasNoActiveElements("start", "task"))
        .hasMessageContaining(
            "to have no active elements of [start, task], but these are active: [task]");
  }

  @Test
  void hasTerminatedElementsPassesForCanceledElementsAndFailsForCompletedOnes() {
    ProcessInstanceEvent instance = waitingAtTask("terminated-elements");
    client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();
    assertThat(instance).hasTerminatedElements("task");

    assertThatThrownBy(() -> assertThat(instance).hasTerminatedElements("start", "task"))
        .hasMessageContaining("these are not terminated: [start]")
        .hasMessageContaining("terminated elements: [task]")
        .hasMessageContaining("this can no longer come true");
  }

  @Test
  void hasNotActivatedElementsFollowsTheExclusiveGatewaysChoice() {
    ProcessInstanceEvent small = start("routing", Map.of("amount", 10));
    assertThat(small)
        .isCompleted()
        .hasCompletedElements("amount-check", "auto-approve", "auto-approved")
        .hasNotActivatedElements("approve", "approved");

    ProcessInstanceEvent large = start("routing", Map.of("amount", 5000));
    assertThat(large)
        .isActive()
        .hasActiveElements("approve")
        .hasNotActivatedElements("auto-approve");
    assertThatThrownBy(() -> assertThat(large).hasNotActivatedElements("auto-approve", "approve"))
        .hasMessageContaining(
            "to have not activated elements [auto-approve, approve], but these were activated: [approve]")
        .hasMessageContaining("this can no longer come true");
  }

  @Test
  void elementAssertionsNeedElementIds() {
    ProcessInstanceEvent instance = waitingAtTask("no-ids");
    assertThatThrownBy(() -> assertThat(instance).hasActiveElements())
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------------------- variables

  @Test
  void hasVariableComparesValuesAsJson() {
    ProcessInstanceEvent instance =
        start(
            "one-task",
            Map.of(
                "count",
                1,
                "ratio",
                0.5,
                "name",
                "INC-1",
                "flag",
                true,
                "tags",
                List.of("p1", "db"),
                "ticket",
                Map.of("id", 7, "open", true)));

    assertThat(instance)
        .hasVariable("count", 1L)
        .hasVariable("count", 1.0)
        .hasVariable("ratio", 0.5)
        .hasVariable("name", "INC-1")
        .hasVariable("flag", true)
        .hasVariable("tags", List.of("p1", "db"))
        .hasVariable("ticket", Map.of("open", true, "id", 7))
        .hasVariables(Map.of("count", 1, "name", "INC-1"))
        .hasVariableNames("count", "ratio", "name", "flag", "tags", "ticket");
  }

  @Test
  void hasVariableSeesValuesSetByWorkersAndFailsShowingTheActualValue() {
    ProcessInstanceEvent instance = waitingAtTask("variables");
    engine.completeJob("variables", Map.of("approved", false, "score", 3));
    assertThat(instance).isCompleted().hasVariable("approved", false).hasVariable("score", 3);

    assertThatThrownBy(() -> assertThat(instance).hasVariable("score", 4))
        .hasMessageContaining("to have variable 'score' = 4, but 'score' is 3")
        .hasMessageContaining("approved=false")
        .hasMessageContaining("score=3");
    assertThatThrownBy(() -> assertThat(instance).hasVariable("missing", "x"))
        .hasMessageContaining("but there is no variable 'missing'");
    assertThatThrownBy(() -> assertThat(instance).hasVariable("approved", "false"))
        .as("a string is not a boolean")
        .hasMessageContaining("'approved' is false");
  }

  @Test
  void hasVariableWaitsForAVariableToBeSet() {
    ProcessInstanceEvent instance = waitingAtTask("variables-later");
    CompletableFuture.runAsync(
        () ->
            client
                .newSetVariablesCommand(instance.getProcessInstanceKey())
                .variables(Map.of("status", "triaged"))
                .send()
                .join(),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    assertThat(instance)
        .withAssertionTimeout(Duration.ofSeconds(10))
        .hasVariable("status", "triaged");
  }

  @Test
  void hasVariableNamesFailsNamingTheMissingVariables() {
    ProcessInstanceEvent instance = start("one-task", Map.of("a", 1));
    assertThat(instance).hasVariableNames("a");
    assertThatThrownBy(() -> assertThat(instance).hasVariableNames("a", "b", "c"))
        .hasMessageContaining("to have variables [a, b, c], but these are missing: [b, c]")
        .hasMessageContaining("variables:           {a=1}");
  }

  // ------------------------------------------------------------------------------- incidents

  @Test
  void incidentAssertionsFollowAnIncidentFromCreationToResolution() {
    ProcessInstanceEvent instance = waitingAtTask("fragile");
    assertThat(instance).hasNoActiveIncidents();
    assertThatThrownBy(() -> assertThat(instance).hasActiveIncidents())
        .hasMessageContaining("to have active incidents, but it has none");

    ActivatedJob job = engine.activateJob("fragile");
    client
        .newFailCommand(job.getKey())
        .retries(0)
        .errorMessage("mail server refused")
        .send()
        .join();

    assertThat(instance).hasActiveIncidents().isActive();
    assertThatThrownBy(() -> assertThat(instance).hasNoActiveIncidents())
        .hasMessageContaining("to have no active incidents, but it has 1")
        .hasMessageContaining("JOB_NO_RETRIES at 'task'")
        .hasMessageContaining("mail server refused");
    assertThatThrownBy(() -> assertThat(instance).isCompleted())
        .as("every failure message shows the open incidents")
        .hasMessageContaining("mail server refused");

    long incidentKey =
        engine
            .api()
            .query(
                state ->
                    state.incidents().stream()
                        .filter(i -> i.processInstanceKey() == instance.getProcessInstanceKey())
                        .findFirst()
                        .orElseThrow()
                        .key())
            .join();
    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incidentKey).send().join();

    assertThat(instance).hasNoActiveIncidents();
    engine.completeJob("fragile");
    assertThat(instance).isCompleted().hasNoActiveIncidents();
  }

  @Test
  void hasNoActiveIncidentsWaitsForTheIncidentToBeResolved() {
    deployModel(
        client,
        Bpmn.createExecutableProcess("no-way-out")
            .startEvent()
            .exclusiveGateway("check")
            .conditionExpression("x > 1")
            .endEvent()
            .done(),
        "no-way-out.bpmn");
    ProcessInstanceEvent instance = start("no-way-out", Map.of("x", 0));
    assertThat(instance).hasActiveIncidents().hasActiveElements("check");
    assertThatThrownBy(() -> assertThat(instance).hasNoActiveIncidents())
        .hasMessageContaining("CONDITION_ERROR at 'check'");
    CompletableFuture.runAsync(
        () -> client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join(),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    assertThat(instance)
        .withAssertionTimeout(Duration.ofSeconds(10))
        .hasNoActiveIncidents()
        .isTerminated();
  }

  // ------------------------------------------------------------------------------- configuration

  @Test
  void theAssertionTimeoutIsConfigurableGloballyAndPerAssertion() {
    ProcessInstanceEvent instance = waitingAtTask("timeouts");

    long began = System.nanoTime();
    assertThatThrownBy(
            () -> assertThat(instance).withAssertionTimeout(Duration.ofMillis(100)).isCompleted())
        .hasMessageContaining("waited ");
    Assertions.assertThat(Duration.ofNanos(System.nanoTime() - began))
        .isLessThan(Duration.ofSeconds(3));

    Assertions.assertThat(ProcessEngineAssertions.getAssertionTimeout()).isEqualTo(SHORT);
    assertThatThrownBy(() -> ProcessEngineAssertions.setAssertionTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failureMessagesCarryAnAssertJDescription() {
    ProcessInstanceEvent instance = waitingAtTask("described");
    assertThatThrownBy(() -> assertThat(instance).as("the change process").isCompleted())
        .hasMessageStartingWith("[the change process] Expected process instance");
  }

  @Test
  void elementCountsSeeEachInnerInstanceOfAMultiInstanceActivity() {
    deployModel(
        client,
        Bpmn.createExecutableProcess("cab-vote")
            .startEvent()
            .serviceTask(
                "vote",
                t ->
                    t.zeebeJobType("cab-vote")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("members")
                                    .zeebeInputElement("member")
                                    .completionCondition("= numberOfCompletedInstances >= 2")))
            .endEvent()
            .done(),
        "cab-vote.bpmn");
    ProcessInstanceEvent instance = start("cab-vote", Map.of("members", List.of("a", "b", "c")));

    assertThat(instance).hasActiveElement("vote", 3).hasCompletedElement("vote", 0);
    engine.completeJob("cab-vote");
    assertThat(instance).hasActiveElement("vote", 2).hasCompletedElement("vote", 1);
    engine.completeJob("cab-vote");

    assertThat(instance)
        .isCompleted()
        .hasCompletedElement("vote", 2)
        .hasTerminatedElement("vote", 1)
        .hasActiveElement("vote", 0);
    assertThatThrownBy(() -> assertThat(instance).hasCompletedElement("vote", 3))
        .hasMessageContaining("to have completed 'vote' 3 time(s), but it completed it 2 time(s)")
        .hasMessageContaining("this can no longer come true");
  }
}
