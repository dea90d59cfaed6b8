package life.suoke.ops.engine.test;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.engine.test.UserTaskSelectors.byTaskName;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each user task assertion passes when it should and fails, showing the task, when it should not.
 */
@ProcessEngineTest
class UserTaskAssertionsTest {

  static final Duration SHORT = Duration.ofMillis(300);

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeAll
  static void deploy(CamundaClient client) {
    client
        .newDeployResourceCommand()
        .addProcessModel(Models.userTasks("tasks"), "tasks.bpmn")
        .send()
        .join();
    ProcessEngineAssertions.setAssertionTimeout(SHORT);
  }

  ProcessInstanceEvent start() {
    return client.newCreateInstanceCommand().bpmnProcessId("tasks").latestVersion().send().join();
  }

  @Test
  void aCreatedTaskHasItsModelledAttributes() {
    ProcessInstanceEvent instance = start();

    assertThat(byElementId("review", instance))
        .isCreated()
        .isAssigned()
        .hasAssignee("demo")
        .hasCandidateGroups("ops", "admins")
        .hasCandidateGroups(List.of("admins"))
        .hasCandidateGroup("ops")
        .hasPriority(70)
        .hasDueDate(OffsetDateTime.parse("2030-01-01T11:00:00+01:00"))
        .hasDueDate("2030-01-01T10:00:00Z")
        .hasName("Review the change")
        .hasElementId("review")
        .hasProcessInstanceKey(instance.getProcessInstanceKey());
  }

  @Test
  void attributeAssertionsFailShowingTheTaskAsItIs() {
    ProcessInstanceEvent instance = start();
    UserTaskSelector review = byElementId("review", instance.getProcessInstanceKey());

    assertThatThrownBy(() -> assertThat(review).hasAssignee("someone-else"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected user task [elementId: review, processInstanceKey: "
                + instance.getProcessInstanceKey()
                + "] to have assignee 'someone-else', but its assignee is 'demo' (waited ")
        .hasMessageContaining("Actual: user task 'review' (\"Review the change\")")
        .hasMessageContaining("CREATED, assignee: demo, candidate groups: [ops, admins]");
    assertThatThrownBy(() -> assertThat(review).hasCandidateGroups("ops", "finance"))
        .hasMessageContaining("its candidate groups are [ops, admins] (missing [finance])");
    assertThatThrownBy(() -> assertThat(review).hasCandidateGroup("finance"))
        .hasMessageContaining("(missing [finance])");
    assertThatThrownBy(() -> assertThat(review).hasPriority(10))
        .hasMessageContaining("to have priority 10, but its priority is 70");
    assertThatThrownBy(() -> assertThat(review).hasDueDate("2030-01-02T10:00:00Z"))
        .hasMessageContaining("but its due date is 2030-01-01T10:00Z");
    assertThatThrownBy(() -> assertThat(review).isCompleted())
        .hasMessageContaining("to be completed, but it is CREATED (waited ");
    assertThatThrownBy(() -> assertThat(review).isCanceled())
        .hasMessageContaining("to be canceled, but it is CREATED");
    assertThatThrownBy(() -> assertThat(review).isUnassigned())
        .hasMessageContaining("but it is assigned to 'demo'");
  }

  @Test
  void anUnassignedTaskWithoutAttributesHasTheDefaults() {
    ProcessInstanceEvent instance = start();
    engine.completeUserTask(byElementId("review", instance));
    UserTaskSelector followUp = byElementId("follow-up", instance);

    assertThat(followUp).isCreated().isUnassigned().hasPriority(50);
    assertThatThrownBy(() -> assertThat(followUp).isAssigned())
        .hasMessageContaining("to be assigned, but it is not assigned")
        .hasMessageContaining("assignee: none");
    assertThatThrownBy(() -> assertThat(followUp).hasAssignee("demo"))
        .hasMessageContaining("but it is not assigned");
    assertThatThrownBy(() -> assertThat(followUp).hasDueDate("2030-01-01T10:00:00Z"))
        .hasMessageContaining("but it has no due date");
  }

  @Test
  void completingATaskCompletesItAndMovesTheProcessOn() {
    ProcessInstanceEvent instance = start();
    UserTaskSelector review = byElementId("review", instance);

    engine.completeUserTask(review, Map.of("approved", true));

    assertThat(review).isCompleted().hasAssignee("demo");
    assertThat(byElementId("follow-up", instance)).isCreated();
    assertThat(instance)
        .isActive()
        .hasCompletedElements("review")
        .hasActiveElements("follow-up")
        .hasVariable("approved", true);

    long began = System.nanoTime();
    assertThatThrownBy(
            () -> assertThat(review).withAssertionTimeout(Duration.ofSeconds(10)).isCreated())
        .hasMessageContaining("to be created, but it is COMPLETED (this can no longer come true");
    assertThatThrownBy(
            () -> assertThat(review).withAssertionTimeout(Duration.ofSeconds(10)).hasPriority(1))
        .as("attributes of an ended task cannot change: fail at once")
        .hasMessageContaining("this can no longer come true");
    Assertions.assertThat(Duration.ofNanos(System.nanoTime() - began))
        .isLessThan(Duration.ofSeconds(5));

    engine.completeUserTask(byElementId("follow-up", instance));
    assertThat(instance).isCompleted();
  }

  @Test
  void assertionsWaitForAssignmentAndUpdates() {
    ProcessInstanceEvent instance = start();
    engine.completeUserTask(byElementId("review", instance));
    UserTaskSelector followUp = byElementId("follow-up", instance);
    UserTaskSnapshot task = engine.openUserTask(followUp);

    CompletableFuture.runAsync(
        () -> engine.assignUserTask(followUp, "lead"),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    assertThat(followUp)
        .withAssertionTimeout(Duration.ofSeconds(10))
        .isAssigned()
        .hasAssignee("lead");

    engine
        .api()
        .updateUserTask(
            task.userTaskKey(),
            Map.of(
                "priority",
                90,
                "candidateGroups",
                List.of("sre"),
                "dueDate",
                "2031-06-01T08:00:00+02:00"),
            "update")
        .join();
    assertThat(followUp)
        .hasPriority(90)
        .hasCandidateGroups("sre")
        .hasDueDate("2031-06-01T06:00:00Z")
        .hasAssignee("lead");

    engine.api().unassignUserTask(task.userTaskKey(), "unassign").join();
    assertThat(followUp).isUnassigned();
  }

  @Test
  void theClientsUserTaskCommandsGoOverRestAndTheAssertionsSeeThem() {
    ProcessInstanceEvent instance = start();
    UserTaskSelector review = byElementId("review", instance);
    long key = engine.openUserTask(review).userTaskKey();

    client.newAssignUserTaskCommand(key).assignee("lead").allowOverride(true).send().join();
    assertThat(review).hasAssignee("lead");

    client.newUpdateUserTaskCommand(key).candidateGroups("sre", "dba").priority(20).send().join();
    assertThat(review).hasCandidateGroups("sre", "dba").hasPriority(20).hasAssignee("lead");

    client.newCompleteUserTaskCommand(key).variables(Map.of("approved", true)).send().join();
    assertThat(review).isCompleted();
    assertThat(instance)
        .hasCompletedElements("review")
        .hasActiveElements("follow-up")
        .hasVariable("approved", true);
  }

  @Test
  void aTaskOfATerminatedInstanceIsCanceled() {
    ProcessInstanceEvent instance = start();
    client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();

    assertThat(byElementId("review", instance)).isCanceled();
    assertThatThrownBy(() -> assertThat(byElementId("review", instance)).isCompleted())
        .hasMessageContaining("to be completed, but it is CANCELED (this can no longer come true");
    assertThat(instance)
        .isTerminated()
        .hasTerminatedElements("review")
        .hasNotActivatedElements("follow-up");
  }

  @Test
  void noMatchingTaskFailsListingTheTasksThereAre() {
    ProcessInstanceEvent instance = start();
    assertThatThrownBy(() -> assertThat(byElementId("approve", instance)).isCreated())
        .hasMessageContaining(
            "Expected user task [elementId: approve, processInstanceKey: "
                + instance.getProcessInstanceKey()
                + "] to be created, but no user task matches (waited ")
        .hasMessageContaining("user tasks in the record log:")
        .hasMessageContaining("'review' (\"Review the change\") [key ");
  }

  @Test
  void aSelectorWithoutInstancePicksTheTaskCreatedLast() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("triage")
                .startEvent()
                .userTask("triage-task", t -> t.name("Triage").zeebeUserTask())
                .endEvent()
                .done(),
            "triage.bpmn")
        .send()
        .join();
    ProcessInstanceEvent first =
        client.newCreateInstanceCommand().bpmnProcessId("triage").latestVersion().send().join();
    ProcessInstanceEvent second =
        client.newCreateInstanceCommand().bpmnProcessId("triage").latestVersion().send().join();

    engine.completeUserTask(byElementId("triage-task", first));

    assertThat(byElementId("triage-task"))
        .isCreated()
        .hasProcessInstanceKey(second.getProcessInstanceKey());
    assertThat(byTaskName("Triage"))
        .isCreated()
        .hasProcessInstanceKey(second.getProcessInstanceKey());
    assertThat(byTaskName("Triage", first.getProcessInstanceKey())).isCompleted();
    assertThat(UserTaskSelectors.byProcessInstanceKey(first.getProcessInstanceKey())).isCompleted();
    assertThat(first).isCompleted();
  }

  @Test
  void theRecordStreamShowsEveryUserTask() {
    ProcessInstanceEvent instance = start();
    UserTaskSnapshot review = engine.openUserTask(byElementId("review", instance));

    Assertions.assertThat(engine.records().userTasks()).contains(review);
    Assertions.assertThat(engine.records().userTask(UserTaskSelectors.byKey(review.userTaskKey())))
        .satisfies(
            t -> {
              Assertions.assertThat(t.assignee()).isEqualTo("demo");
              Assertions.assertThat(t.candidateGroups()).containsExactly("ops", "admins");
              Assertions.assertThat(t.state()).isEqualTo(UserTaskSnapshot.State.CREATED);
            });
  }
}
