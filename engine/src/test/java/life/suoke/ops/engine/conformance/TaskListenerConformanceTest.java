package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.TaskListenerBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * User task listeners (Zeebe 8.8): jobs of kind TASK_LISTENER run one after the other while a
 * Camunda user task is in CREATING, ASSIGNING, UPDATING, COMPLETING or CANCELING; their corrections
 * and denials, the answer of the command that started the transition, incidents, a restart, and the
 * deployments rejected. Canceling listeners hold the termination of the task's element, whatever
 * terminates it (instance cancellation over either API, an interrupting boundary event or event
 * subprocess, a terminate end event, a modification): what follows it waits too.
 */
class TaskListenerConformanceTest extends ClockedEngineTest {

  private BpmnModelInstance process(String id, List<Consumer<TaskListenerBuilder>> listeners) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .userTask(
            "review",
            t -> {
              t.zeebeUserTask();
              listeners.forEach(t::zeebeTaskListener);
            })
        .endEvent()
        .done();
  }

  /** The USER_TASK records of an instance (events, and the listener commands), as their intents. */
  private List<String> userTaskTrace(long processInstanceKey) {
    List<String> lines = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              boolean listenerCommand =
                  r.intent() == UserTaskIntent.COMPLETE_TASK_LISTENER
                      || r.intent() == UserTaskIntent.DENY_TASK_LISTENER;
              if (r.valueType() == ValueType.USER_TASK
                  && (r.recordType() == RecordType.EVENT || listenerCommand)
                  && ((Number) r.value().get("processInstanceKey")).longValue()
                      == processInstanceKey) {
                lines.add(r.intent().name());
              }
            });
    return lines;
  }

  private Record lastUserTask(long processInstanceKey, UserTaskIntent intent) {
    List<Record> found =
        engine.events(intent).stream()
            .filter(
                r ->
                    ((Number) r.value().get("processInstanceKey")).longValue()
                        == processInstanceKey)
            .toList();
    assertThat(found).as(intent.name()).isNotEmpty();
    return found.get(found.size() - 1);
  }

  private long userTaskKey(long processInstanceKey) {
    return Awaitility.await()
        .until(
            () ->
                engine.events(UserTaskIntent.CREATING).stream()
                    .filter(
                        r ->
                            ((Number) r.value().get("processInstanceKey")).longValue()
                                == processInstanceKey)
                    .map(Record::key)
                    .findFirst(),
            java.util.Optional::isPresent)
        .get();
  }

  private List<Record> jobs(JobIntent intent, long processInstanceKey) {
    return engine.events(intent).stream()
        .filter(
            r -> ((Number) r.value().get("processInstanceKey")).longValue() == processInstanceKey)
        .toList();
  }

  /**
   * The records of the user task's element instance and of its user task, as their intents: the
   * element's PROCESS_INSTANCE events and the USER_TASK events and listener commands, in log order.
   */
  private List<String> taskElementTrace(long processInstanceKey) {
    long elementInstanceKey =
        lastUserTask(processInstanceKey, UserTaskIntent.CREATING).value().get("elementInstanceKey")
                instanceof Number n
            ? n.longValue()
            : -1;
    List<String> lines = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              boolean element =
                  r.valueType() == ValueType.PROCESS_INSTANCE
                      && r.recordType() == RecordType.EVENT
                      && r.key() == elementInstanceKey;
              boolean task =
                  r.valueType() == ValueType.USER_TASK
                      && r.value().get("elementInstanceKey") instanceof Number n
                      && n.longValue() == elementInstanceKey
                      && (r.recordType() == RecordType.EVENT
                          || r.intent() == UserTaskIntent.COMPLETE_TASK_LISTENER);
              if (element || task) {
                lines.add(r.intent().name());
              }
            });
    return lines;
  }

  private boolean terminated(long processInstanceKey) {
    return engine.events(ProcessInstanceIntent.ELEMENT_TERMINATED).stream()
        .anyMatch(r -> r.key() == processInstanceKey);
  }

  private void awaitCreated(long processInstanceKey) {
    long taskKey = userTaskKey(processInstanceKey);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());
  }

  private static ProblemException problem(Throwable thrown) {
    Throwable t = thrown;
    while (!(t instanceof ProblemException) && t.getCause() != null) {
      t = t.getCause();
    }
    assertThat(t).isInstanceOf(ProblemException.class);
    return (ProblemException) t;
  }

  private void complete(ActivatedJob job) {
    client.newCompleteCommand(job.getKey()).send().join();
  }

  @Test
  void creatingListenersRunInOrderAndCorrectTheTaskBeforeItIsCreated() {
    deploy(
        process(
            "tl-create",
            List.of(l -> l.creating().type("tl-create-1"), l -> l.creating().type("tl-create-2"))),
        "tl-create.bpmn");
    long key = start("tl-create", Map.of());
    long taskKey = userTaskKey(key);

    ActivatedJob first = awaitJob("tl-create-1");
    assertThat(first.getKind().name()).isEqualTo("TASK_LISTENER");
    assertThat(first.getListenerEventType().name()).isEqualTo("CREATING");
    assertThat(first.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:userTaskKey", String.valueOf(taskKey))
        .containsEntry("io.camunda.zeebe:priority", "50");
    assertThat(activate("tl-create-2")).as("one listener at a time").isEmpty();
    assertThat(engine.events(UserTaskIntent.CREATED).stream().filter(r -> r.key() == taskKey))
        .isEmpty();
    client
        .newCompleteCommand(first.getKey())
        .withResult(r -> r.forUserTask().correctAssignee("alice").correctPriority(80))
        .send()
        .join();

    ActivatedJob second = awaitJob("tl-create-2");
    assertThat(second.getCustomHeaders())
        .as("the next listener sees the corrections")
        .containsEntry("io.camunda.zeebe:assignee", "alice")
        .containsEntry("io.camunda.zeebe:priority", "80");
    complete(second);

    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());
    assertThat(lastUserTask(key, UserTaskIntent.CREATED).value())
        .containsEntry("assignee", "alice")
        .containsEntry("priority", 80L);
    assertThat(userTaskTrace(key))
        .containsExactly(
            "CREATING", "COMPLETE_TASK_LISTENER", "CORRECTED", "COMPLETE_TASK_LISTENER", "CREATED");
    assertThat(jobs(JobIntent.CREATED, key))
        .extracting(r -> r.value().get("jobKind") + " " + r.value().get("jobListenerEventType"))
        .containsExactly("TASK_LISTENER CREATING", "TASK_LISTENER CREATING");
    Awaitility.await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.userTaskKey(taskKey))
                    .send()
                    .join()
                    .items(),
            items ->
                items.size() == 1
                    && "alice".equals(items.get(0).getAssignee())
                    && items.get(0).getPriority() == 80);
  }

  @Test
  void theTaskIsInCreatingWhileItsCreatingListenerRunsAndADenialIsRejected() {
    deploy(
        process("tl-creating", List.of(l -> l.creating().type("tl-creating"))), "tl-creating.bpmn");
    long key = start("tl-creating", Map.of());
    long taskKey = userTaskKey(key);
    ActivatedJob job = awaitJob("tl-creating");
    Awaitility.await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.userTaskKey(taskKey))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1 && "CREATING".equals(items.get(0).getState().name()));
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(taskKey).send().join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.details().getDetail())
                    .contains(
                        "Expected to complete user task with key '"
                            + taskKey
                            + "', but it is in state 'CREATING'"));
    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(job.getKey())
                    .withResult(r -> r.forUserTask().deny(true))
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.details().getDetail())
                  .endsWith(
                      String.format(
                          "Denying result is not supported for 'CREATING' task listener jobs (job key '%d', type 'tl-creating', processInstanceKey '%d'). "
                              + "Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].",
                          job.getKey(), key));
            });
    assertThatThrownBy(
            () -> client.newCompleteCommand(job.getKey()).variables(Map.of("x", 1)).send().join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.details().getDetail())
                    .contains(
                        "Task Listener job completion with variables payload provided is not yet supported"));
    complete(job);
    Awaitility.await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.userTaskKey(taskKey))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1 && "CREATED".equals(items.get(0).getState().name()));
  }

  @Test
  void assigningListenersRunBeforeTheAssignmentWhichIsAnsweredWhenTheyAreDone() {
    deploy(
        process(
            "tl-assign",
            List.of(
                l -> l.assigning().type("tl-assign-1"), l -> l.assigning().type("tl-assign-2"))),
        "tl-assign.bpmn");
    long key = start("tl-assign", Map.of());
    long taskKey = userTaskKey(key);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());

    CompletableFuture<?> assignment =
        client.newAssignUserTaskCommand(taskKey).assignee("bob").send().toCompletableFuture();
    ActivatedJob first = awaitJob("tl-assign-1");
    assertThat(first.getListenerEventType().name()).isEqualTo("ASSIGNING");
    assertThat(first.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:assignee", "bob")
        .containsEntry("io.camunda.zeebe:action", "assign");
    assertThat(assignment).as("answered when the listeners are done").isNotDone();
    client
        .newCompleteCommand(first.getKey())
        .withResult(
            r -> r.forUserTask().correctAssignee("carol").correctCandidateGroups(List.of("ops")))
        .send()
        .join();
    ActivatedJob second = awaitJob("tl-assign-2");
    assertThat(assignment).isNotDone();
    complete(second);
    assignment.join();
    assertThat(lastUserTask(key, UserTaskIntent.ASSIGNED).value())
        .containsEntry("assignee", "carol")
        .containsEntry("candidateGroupsList", List.of("ops"));

    // a denial: the task keeps its assignee and the assignment is rejected
    CompletableFuture<?> denied =
        client.newAssignUserTaskCommand(taskKey).assignee("dave").send().toCompletableFuture();
    ActivatedJob deny = awaitJob("tl-assign-1");
    client
        .newCompleteCommand(deny.getKey())
        .withResult(r -> r.forUserTask().deny(true, "not dave"))
        .send()
        .join();
    assertThatThrownBy(denied::join)
        .satisfies(
            e -> {
              ProblemException problem = problem(e);
              assertThat(problem.details().getTitle()).isEqualTo("INVALID_STATE");
              assertThat(problem.details().getDetail())
                  .contains(
                      "Assignment of the User Task with key '"
                          + taskKey
                          + "' was denied by Task Listener. Reason to deny: 'not dave'");
            });
    assertThat(lastUserTask(key, UserTaskIntent.ASSIGNMENT_DENIED).value())
        .containsEntry("assignee", "carol")
        .containsEntry("deniedReason", "not dave");
    assertThat(userTaskTrace(key))
        .containsExactly(
            "CREATING",
            "CREATED",
            "ASSIGNING",
            "COMPLETE_TASK_LISTENER",
            "CORRECTED",
            "COMPLETE_TASK_LISTENER",
            "ASSIGNED",
            "ASSIGNING",
            "DENY_TASK_LISTENER",
            "ASSIGNMENT_DENIED");
    assertThat(activate("tl-assign-2")).as("a denial stops the transition").isEmpty();
    Awaitility.await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.userTaskKey(taskKey))
                    .send()
                    .join()
                    .items(),
            items ->
                items.size() == 1
                    && "CREATED".equals(items.get(0).getState().name())
                    && "carol".equals(items.get(0).getAssignee()));
  }

  @Test
  void updatingListenersCorrectOrDenyAnUpdate() {
    deploy(process("tl-update", List.of(l -> l.updating().type("tl-update"))), "tl-update.bpmn");
    long key = start("tl-update", Map.of());
    long taskKey = userTaskKey(key);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());

    CompletableFuture<?> update =
        client.newUpdateUserTaskCommand(taskKey).priority(80).send().toCompletableFuture();
    ActivatedJob listener = awaitJob("tl-update");
    assertThat(listener.getListenerEventType().name()).isEqualTo("UPDATING");
    assertThat(update).as("answered when the listener is done").isNotDone();
    client
        .newCompleteCommand(listener.getKey())
        .withResult(r -> r.forUserTask().correctPriority(90))
        .send()
        .join();
    update.join();
    assertThat(lastUserTask(key, UserTaskIntent.UPDATED).value()).containsEntry("priority", 90L);

    CompletableFuture<?> denied =
        client.newUpdateUserTaskCommand(taskKey).priority(10).send().toCompletableFuture();
    client
        .newCompleteCommand(awaitJob("tl-update").getKey())
        .withResult(r -> r.forUserTask().deny(true, "freeze"))
        .send()
        .join();
    assertThatThrownBy(denied::join)
        .satisfies(e -> assertThat(problem(e).details().getTitle()).isEqualTo("INVALID_STATE"));
    assertThat(lastUserTask(key, UserTaskIntent.UPDATE_DENIED).value())
        .containsEntry("priority", 90L);
  }

  @Test
  void theModelsAssigneeIsAssignedThroughTheAssigningListeners() {
    deploy(
        Bpmn.createExecutableProcess("tl-model-assignee")
            .startEvent()
            .userTask(
                "review",
                t ->
                    t.zeebeUserTask()
                        .zeebeAssignee("erin")
                        .zeebeTaskListener(l -> l.assigning().type("tl-model-assign")))
            .endEvent()
            .done(),
        "tl-model-assignee.bpmn");
    long key = start("tl-model-assignee", Map.of());
    ActivatedJob job = awaitJob("tl-model-assign");
    assertThat(job.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "erin");
    complete(job);
    Awaitility.await().until(() -> userTaskTrace(key).contains("ASSIGNED"));
    assertThat(userTaskTrace(key))
        .containsExactly("CREATING", "CREATED", "ASSIGNING", "COMPLETE_TASK_LISTENER", "ASSIGNED");
  }

  @Test
  void completingListenersDenyOrLetTheCompletionFinish() {
    deploy(
        process(
            "tl-complete", List.of(l -> l.completing().typeExpression("\"tl-complete-\" + kind"))),
        "tl-complete.bpmn");
    long key = start("tl-complete", Map.of("kind", "feel"));
    long taskKey = userTaskKey(key);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());

    CompletableFuture<?> first =
        client
            .newCompleteUserTaskCommand(taskKey)
            .variables(Map.of("approved", false))
            .send()
            .toCompletableFuture();
    ActivatedJob deny = awaitJob("tl-complete-feel");
    assertThat(deny.getListenerEventType().name()).isEqualTo("COMPLETING");
    Awaitility.await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.userTaskKey(taskKey))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1 && "COMPLETING".equals(items.get(0).getState().name()));
    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(deny.getKey())
                    .withResult(r -> r.forUserTask().deny(true).correctAssignee("x"))
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.details().getDetail())
                    .contains(
                        "Expected to complete task listener job with corrections, but the job result is denied"));
    client
        .newCompleteCommand(deny.getKey())
        .withResult(r -> r.forUserTask().deny(true, "incomplete"))
        .send()
        .join();
    assertThatThrownBy(first::join)
        .satisfies(
            e ->
                assertThat(problem(e).details().getDetail())
                    .contains(
                        "Completion of the User Task with key '"
                            + taskKey
                            + "' was denied by Task Listener. Reason to deny: 'incomplete'"));
    assertThat(engine.completed(key)).as("the task stays open").isFalse();
    Awaitility.await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.userTaskKey(taskKey))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1 && "CREATED".equals(items.get(0).getState().name()));

    CompletableFuture<?> second =
        client
            .newCompleteUserTaskCommand(taskKey)
            .variables(Map.of("approved", true))
            .send()
            .toCompletableFuture();
    ActivatedJob accept = awaitJob("tl-complete-feel");
    assertThat(second).isNotDone();
    complete(accept);
    second.join();
    Awaitility.await().until(() -> engine.completed(key));
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(key).name("approved"))
                .send()
                .join()
                .items())
        .as("the completion's variables")
        .isNotEmpty();
    assertThat(userTaskTrace(key))
        .containsExactly(
            "CREATING",
            "CREATED",
            "COMPLETING",
            "DENY_TASK_LISTENER",
            "COMPLETION_DENIED",
            "COMPLETING",
            "COMPLETE_TASK_LISTENER",
            "COMPLETED");
  }

  @Test
  void aListenerOutOfRetriesRaisesAnIncidentAndResolvingItContinues() {
    deploy(
        process("tl-incident", List.of(l -> l.completing().type("tl-incident").retries("1"))),
        "tl-incident.bpmn");
    long key = start("tl-incident", Map.of());
    long taskKey = userTaskKey(key);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());
    CompletableFuture<?> completion =
        client.newCompleteUserTaskCommand(taskKey).send().toCompletableFuture();
    ActivatedJob job = awaitJob("tl-incident");
    client.newFailCommand(job.getKey()).retries(0).errorMessage("listener down").send().join();
    Record incident =
        Awaitility.await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    assertThat(incident.value())
        .containsEntry("errorType", "TASK_LISTENER_NO_RETRIES")
        .containsEntry("errorMessage", "listener down");
    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    complete(awaitJob("tl-incident"));
    completion.join();
    Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void cancellingTheInstanceCancelsThePendingListenerJobAndRejectsTheWaitingCommand() {
    deploy(process("tl-cancel", List.of(l -> l.completing().type("tl-cancel"))), "tl-cancel.bpmn");
    long key = start("tl-cancel", Map.of());
    long taskKey = userTaskKey(key);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());
    CompletableFuture<?> completion =
        client.newCompleteUserTaskCommand(taskKey).send().toCompletableFuture();
    ActivatedJob job = awaitJob("tl-cancel");
    client.newCancelInstanceCommand(key).send().join();
    assertThat(jobs(JobIntent.CANCELED, key)).extracting(Record::key).containsExactly(job.getKey());
    assertThatThrownBy(completion::join)
        .satisfies(e -> assertThat(problem(e).details().getTitle()).isEqualTo("INVALID_STATE"));
    assertThat(userTaskTrace(key)).endsWith("COMPLETING", "CANCELING", "CANCELED");
  }

  @Test
  void aPendingListenerSurvivesARestart() {
    deploy(
        process(
            "tl-restart",
            List.of(
                l -> l.completing().type("tl-restart-1"),
                l -> l.completing().type("tl-restart-2"))),
        "tl-restart.bpmn");
    long key = start("tl-restart", Map.of());
    long taskKey = userTaskKey(key);
    Awaitility.await()
        .until(
            () ->
                !engine.events(UserTaskIntent.CREATED).stream()
                    .filter(r -> r.key() == taskKey)
                    .toList()
                    .isEmpty());
    client.newCompleteUserTaskCommand(taskKey).variables(Map.of("done", true)).send();
    client
        .newCompleteCommand(awaitJob("tl-restart-1").getKey())
        .withResult(r -> r.forUserTask().correctPriority(10))
        .send()
        .join();
    Awaitility.await().until(() -> jobs(JobIntent.CREATED, key).size() == 2);

    client.close();
    engine = engine.restart();
    client = engine.connectRest();

    ActivatedJob second = awaitJob("tl-restart-2");
    assertThat(second.getCustomHeaders()).containsEntry("io.camunda.zeebe:priority", "10");
    assertThat(activate("tl-restart-1")).as("the first listener does not run again").isEmpty();
    complete(second);
    Awaitility.await().until(() -> engine.completed(key));
    assertThat(lastUserTask(key, UserTaskIntent.COMPLETED).value()).containsEntry("priority", 10L);
  }

  @Test
  void deploymentsWithInvalidListenersAreRejected() {
    expectRejection(
        process("tl-bad-feel", List.of(l -> l.completing().typeExpression("1 +"))),
        "'tl-bad-feel.bpmn'");
  }

  private void expectRejection(BpmnModelInstance model, String message) {
    String name = message.substring(1, message.indexOf('\'', 1));
    assertThatThrownBy(() -> deploy(model, name))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.details().getStatus()).isEqualTo(400);
              assertThat(e.details().getDetail()).contains(message);
            });
  }

  // ------------------------------------------------------------------------- canceling listeners

  @Test
  void cancelingListenersRunBeforeTheTaskIsCanceledWhenTheInstanceIsCanceledOverGrpc() {
    deploy(
        process(
            "tl-canceling",
            List.of(
                l -> l.canceling().type("tl-canceling-1"),
                l -> l.canceling().type("tl-canceling-2"))),
        "tl-canceling.bpmn");
    long key = start("tl-canceling", Map.of());
    long taskKey = userTaskKey(key);
    awaitCreated(key);
    try (CamundaClient grpc = engine.connect()) {
      grpc.newCancelInstanceCommand(key).send().join();

      ActivatedJob first = EngineTestSupport.awaitJob(grpc, "tl-canceling-1");
      assertThat(first.getKind().name()).isEqualTo("TASK_LISTENER");
      assertThat(first.getListenerEventType().name()).isEqualTo("CANCELING");
      assertThat(first.getCustomHeaders())
          .containsEntry("io.camunda.zeebe:userTaskKey", String.valueOf(taskKey))
          .containsEntry("io.camunda.zeebe:priority", "50")
          .doesNotContainKey("io.camunda.zeebe:action");
      assertThat(EngineTestSupport.activate(grpc, "tl-canceling-2"))
          .as("one listener at a time")
          .isEmpty();
      assertThat(terminated(key)).as("the instance waits for the canceling listeners").isFalse();
      Awaitility.await()
          .until(
              () ->
                  client
                      .newUserTaskSearchRequest()
                      .filter(f -> f.userTaskKey(taskKey))
                      .send()
                      .join()
                      .items(),
              items -> items.size() == 1 && "CANCELING".equals(items.get(0).getState().name()));
      grpc.newCompleteCommand(first.getKey())
          .withResult(r -> r.forUserTask().correctPriority(80))
          .send()
          .join();

      ActivatedJob second = EngineTestSupport.awaitJob(grpc, "tl-canceling-2");
      assertThat(second.getCustomHeaders())
          .as("the next listener sees the corrections")
          .containsEntry("io.camunda.zeebe:priority", "80");
      assertThat(terminated(key)).isFalse();
      grpc.newCompleteCommand(second.getKey()).send().join();
    }

    Awaitility.await().until(() -> terminated(key));
    assertThat(lastUserTask(key, UserTaskIntent.CANCELED).value())
        .containsEntry("priority", 80L)
        .containsEntry("action", "");
    assertThat(taskElementTrace(key))
        .containsExactly(
            "ELEMENT_ACTIVATING",
            "ELEMENT_ACTIVATED",
            "CREATING",
            "CREATED",
            "ELEMENT_TERMINATING",
            "CANCELING",
            "COMPLETE_TASK_LISTENER",
            "CORRECTED",
            "COMPLETE_TASK_LISTENER",
            "CANCELED",
            "ELEMENT_TERMINATED");
    assertThat(jobs(JobIntent.CREATED, key))
        .extracting(r -> r.value().get("jobKind") + " " + r.value().get("jobListenerEventType"))
        .containsExactly("TASK_LISTENER CANCELING", "TASK_LISTENER CANCELING");
  }

  @Test
  void aCancelingListenerCannotDenyAndAnInterruptingBoundaryEventWaitsForItAcrossARestart() {
    deploy(
        Bpmn.createExecutableProcess("tl-canceling-timer")
            .startEvent()
            .userTask(
                "review",
                t ->
                    t.zeebeUserTask()
                        .zeebeTaskListener(l -> l.canceling().type("tl-canceling-timer")))
            .boundaryEvent("too-late", b -> b.timerWithDuration("PT1H"))
            .serviceTask("escalate", t -> t.zeebeJobType("tl-canceling-escalate"))
            .endEvent()
            .moveToActivity("review")
            .endEvent()
            .done(),
        "tl-canceling-timer.bpmn");
    long key = start("tl-canceling-timer", Map.of());
    awaitCreated(key);
    advance(Duration.ofHours(2));

    ActivatedJob listener = awaitJob("tl-canceling-timer");
    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(listener.getKey())
                    .withResult(r -> r.forUserTask().deny(true))
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.details().getDetail())
                  .endsWith(
                      String.format(
                          "Denying result is not supported for 'CANCELING' task listener jobs (job key '%d', type 'tl-canceling-timer', "
                              + "processInstanceKey '%d'). Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING].",
                          listener.getKey(), key));
            });
    assertThat(activate("tl-canceling-escalate"))
        .as("the boundary event waits for the task's termination")
        .isEmpty();

    client.close();
    engine = engine.restart();
    client = engine.connectRest();

    complete(listener); // activated before the restart
    assertThat(awaitJob("tl-canceling-escalate").getProcessInstanceKey()).isEqualTo(key);
    assertThat(taskElementTrace(key))
        .endsWith(
            "ELEMENT_TERMINATING",
            "CANCELING",
            "COMPLETE_TASK_LISTENER",
            "CANCELED",
            "ELEMENT_TERMINATED");
    assertThat(
            engine.events(ProcessEventIntent.TRIGGERED).stream()
                .filter(r -> ((Number) r.value().get("processInstanceKey")).longValue() == key))
        .extracting(r -> r.value().get("targetElementId"))
        .containsExactly("too-late");
  }

  @Test
  void anInterruptingEventSubprocessWaitsForTheCancelingListeners() {
    deploy(
        Bpmn.createExecutableProcess("tl-canceling-esp")
            .eventSubProcess(
                "withdrawn",
                esp ->
                    esp.startEvent("withdraw")
                        .message(m -> m.name("tl-withdraw").zeebeCorrelationKeyExpression("ticket"))
                        .serviceTask("clean-up", t -> t.zeebeJobType("tl-canceling-clean-up"))
                        .endEvent())
            .startEvent()
            .userTask(
                "review",
                t ->
                    t.zeebeUserTask()
                        .zeebeTaskListener(l -> l.canceling().type("tl-canceling-esp")))
            .endEvent()
            .done(),
        "tl-canceling-esp.bpmn");
    long key = start("tl-canceling-esp", Map.of("ticket", "T-1"));
    awaitCreated(key);
    client
        .newPublishMessageCommand()
        .messageName("tl-withdraw")
        .correlationKey("T-1")
        .send()
        .join();

    ActivatedJob listener = awaitJob("tl-canceling-esp");
    assertThat(activate("tl-canceling-clean-up"))
        .as("the event subprocess waits for the task's termination")
        .isEmpty();
    complete(listener);

    assertThat(awaitJob("tl-canceling-clean-up").getProcessInstanceKey()).isEqualTo(key);
    assertThat(taskElementTrace(key))
        .endsWith("CANCELING", "COMPLETE_TASK_LISTENER", "CANCELED", "ELEMENT_TERMINATED");
  }

  @Test
  void aTerminateEndEventCompletesTheScopeOnceTheCancelingListenersAreDone() {
    deploy(
        Bpmn.createExecutableProcess("tl-canceling-end")
            .startEvent()
            .parallelGateway("fork")
            .userTask(
                "review",
                t ->
                    t.zeebeUserTask()
                        .zeebeTaskListener(l -> l.canceling().type("tl-canceling-end")))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("decide", t -> t.zeebeJobType("tl-canceling-decide"))
            .endEvent("stop", e -> e.terminate())
            .done(),
        "tl-canceling-end.bpmn");
    long key = start("tl-canceling-end", Map.of());
    awaitCreated(key);
    complete(awaitJob("tl-canceling-decide"));

    ActivatedJob listener = awaitJob("tl-canceling-end");
    assertThat(engine.completed(key)).as("the instance waits for the canceling listener").isFalse();
    complete(listener);

    Awaitility.await().until(() -> engine.completed(key));
    assertThat(terminated(key)).isFalse();
    assertThat(taskElementTrace(key))
        .endsWith("CANCELING", "COMPLETE_TASK_LISTENER", "CANCELED", "ELEMENT_TERMINATED");
  }

  @Test
  void aModificationTerminatingTheTaskWaitsForItsCancelingListenersAndEndsTheEmptyInstance() {
    deploy(
        process("tl-canceling-modify", List.of(l -> l.canceling().type("tl-canceling-modify"))),
        "tl-canceling-modify.bpmn");
    long key = start("tl-canceling-modify", Map.of());
    awaitCreated(key);
    long review =
        ((Number) lastUserTask(key, UserTaskIntent.CREATED).value().get("elementInstanceKey"))
            .longValue();

    client.newModifyProcessInstanceCommand(key).terminateElement(review).send().join();

    ActivatedJob listener = awaitJob("tl-canceling-modify");
    assertThat(listener.getListenerEventType().name()).isEqualTo("CANCELING");
    assertThat(terminated(key)).as("the instance waits for the canceling listener").isFalse();
    complete(listener);

    Awaitility.await().until(() -> terminated(key));
    assertThat(taskElementTrace(key))
        .endsWith("CANCELING", "COMPLETE_TASK_LISTENER", "CANCELED", "ELEMENT_TERMINATED");
  }

  @Test
  void aTaskStillCreatingRunsItsCancelingListenersInstead() {
    deploy(
        process(
            "tl-canceling-creating",
            List.of(
                l -> l.creating().type("tl-canceling-creating-1"),
                l -> l.canceling().type("tl-canceling-creating-2"))),
        "tl-canceling-creating.bpmn");
    long key = start("tl-canceling-creating", Map.of());
    ActivatedJob creating = awaitJob("tl-canceling-creating-1");

    client.newCancelInstanceCommand(key).send().join();

    assertThat(jobs(JobIntent.CANCELED, key))
        .extracting(Record::key)
        .containsExactly(creating.getKey());
    complete(awaitJob("tl-canceling-creating-2"));
    Awaitility.await().until(() -> terminated(key));
    assertThat(userTaskTrace(key))
        .containsExactly("CREATING", "CANCELING", "COMPLETE_TASK_LISTENER", "CANCELED");
  }

  @Test
  void aMultiInstanceBodyCompletesOnceTheCancelingListenersOfTheInstancesItEndsAreDone() {
    deploy(
        Bpmn.createExecutableProcess("tl-canceling-mi")
            .startEvent()
            .userTask(
                "review",
                t ->
                    t.zeebeUserTask()
                        .zeebeTaskListener(l -> l.canceling().type("tl-canceling-mi"))
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("reviewers")
                                    .zeebeInputElement("reviewer")
                                    .completionCondition("= numberOfCompletedInstances >= 1")))
            .endEvent()
            .done(),
        "tl-canceling-mi.bpmn");
    long key = start("tl-canceling-mi", Map.of("reviewers", List.of("ann", "bo")));
    long first =
        Awaitility.await()
            .until(
                () ->
                    engine.events(UserTaskIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .map(Record::key)
                        .toList(),
                keys -> keys.size() == 2)
            .get(0);

    client.newCompleteUserTaskCommand(first).send().join();

    ActivatedJob listener = awaitJob("tl-canceling-mi");
    assertThat(engine.completed(key))
        .as("the body waits for the other instance's canceling listener")
        .isFalse();
    complete(listener);
    Awaitility.await().until(() -> engine.completed(key));
    assertThat(userTaskTrace(key))
        .containsSubsequence("COMPLETED", "CANCELING", "COMPLETE_TASK_LISTENER", "CANCELED");
  }

  @Test
  void aCancelingListenerWhoseTypeFailsIsAnIncidentAndResolvingItEndsTheTermination() {
    deploy(
        process(
            "tl-canceling-feel",
            List.of(l -> l.canceling().typeExpression("\"tl-canceling-\" + kind"))),
        "tl-canceling-feel.bpmn");
    long key = start("tl-canceling-feel", Map.of());
    awaitCreated(key);
    client.newCancelInstanceCommand(key).send().join();

    Record incident =
        Awaitility.await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .findFirst(),
                java.util.Optional::isPresent)
            .get();
    assertThat(incident.value()).containsEntry("errorType", "EXTRACT_VALUE_ERROR");
    assertThat(terminated(key)).isFalse();
    client.newSetVariablesCommand(key).variables(Map.of("kind", "feel")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    complete(awaitJob("tl-canceling-feel"));
    Awaitility.await().until(() -> terminated(key));
    assertThat(userTaskTrace(key)).endsWith("CANCELING", "COMPLETE_TASK_LISTENER", "CANCELED");
  }
}
