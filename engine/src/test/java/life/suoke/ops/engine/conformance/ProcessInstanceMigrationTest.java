package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceMigrationIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.MessageSubscription;
import life.suoke.ops.engine.state.TimerInstance;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Process instance migration (MigrateProcessInstance over gRPC, {@code POST
 * /v2/process-instances/{key}/migration} over REST) with Zeebe 8.8's semantics: active elements,
 * their jobs, user tasks, incidents, variables and event subscriptions move to the target process
 * definition, keys kept; and every rejection, after which nothing changed.
 */
class ProcessInstanceMigrationTest {

  enum Transport {
    GRPC,
    REST
  }

  static EngineTestSupport engine;
  static CamundaClient grpc;
  static CamundaClient rest;
  static Instant now = Instant.parse("2026-11-02T01:00:00Z");

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(ProcessInstanceMigrationTest.class);
    grpc = engine.client;
    rest = engine.connectRest();
    rest.newPinClockCommand().time(now).send().join();
  }

  @AfterAll
  static void stop() {
    rest.close();
    engine.close();
  }

  static CamundaClient client(Transport transport) {
    return transport == Transport.GRPC ? grpc : rest;
  }

  static String id(String base, Transport transport) {
    return base + "-" + transport.name().toLowerCase(java.util.Locale.ROOT);
  }

  // ------------------------------------------------------------------------- jobs and user tasks

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anActiveServiceTaskKeepsItsJobAndContinuesInTheNewVersion(Transport transport) {
    String process = id("migrate-job", transport);
    long v1 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("A", t -> t.zeebeJobType(process + "-a"))
                .endEvent("end")
                .done());
    long key = start(process, Map.of("order", "ORD-1"));
    long a = awaitElement(key, "A");
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, process + "-a");
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("A", t -> t.zeebeJobType(process + "-a"))
                .userTask("B", t -> t.zeebeUserTask())
                .endEvent("end")
                .done());
    assertThat(v2).isNotEqualTo(v1);

    client(transport)
        .newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("A", "A")
        .send()
        .join();

    assertThat(
            ProcessInstanceMigrationTest.<Long>query(
                state -> state.elementInstance(key).processDefinitionKey()))
        .isEqualTo(v2);
    assertThat(
            ProcessInstanceMigrationTest.<Integer>query(
                state -> state.elementInstance(key).version()))
        .isEqualTo(2);
    assertThat(activeElements(key)).containsExactly(Map.entry("A", List.of(a)));
    Record jobMigrated = last(JobIntent.MIGRATED, r -> r.key() == job.getKey());
    assertThat(jobMigrated.value())
        .containsEntry("processDefinitionKey", v2)
        .containsEntry("processDefinitionVersion", 2L)
        .containsEntry("elementId", "A")
        .containsEntry("type", process + "-a");
    Record migrated = last(ProcessInstanceMigrationIntent.MIGRATED, r -> r.key() == key);
    assertThat(migrated.value())
        .containsEntry("targetProcessDefinitionKey", v2)
        .containsEntry(
            "mappingInstructions", List.of(Map.of("sourceElementId", "A", "targetElementId", "A")));
    assertThat(
            events(ProcessInstanceIntent.ELEMENT_MIGRATED).stream()
                .filter(r -> processInstanceOf(r) == key)
                .map(r -> r.key())
                .toList())
        .containsExactly(key, a);
    assertThat(last(VariableIntent.MIGRATED, r -> processInstanceOf(r) == key).value())
        .containsEntry("name", "order")
        .containsEntry("processDefinitionKey", v2)
        .containsEntry("scopeKey", key);
    assertThat(
            ProcessInstanceMigrationTest.<Map<String, Object>>query(
                state -> state.visibleVariables(key)))
        .containsEntry("order", "ORD-1");

    // the worker completes the job it holds; the instance goes on as version 2 does
    grpc.newCompleteCommand(job.getKey()).send().join();
    awaitElement(key, "B");
    ProcessInstance searched =
        eventually(
            () -> rest.newProcessInstanceGetRequest(key).send().join(),
            pi -> pi.getProcessDefinitionVersion() == 2);
    assertThat(searched.getProcessDefinitionKey()).isEqualTo(v2);
  }

  @Test
  void anActiveElementMappedToAnotherElementKeepsItsJobType() {
    String process = "migrate-rename";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .exclusiveGateway("choose")
            .defaultFlow()
            .serviceTask("A", t -> t.zeebeJobType("rename-a"))
            .endEvent()
            .moveToLastGateway()
            .conditionExpression("false")
            .serviceTask("B", t -> t.zeebeJobType("rename-b"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long a = awaitElement(key, "A");
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("C", t -> t.name("Charge").zeebeJobType("rename-c"))
                .endEvent("done")
                .done());

    grpc.newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("A", "C")
        .send()
        .join();

    assertThat(activeElements(key)).containsExactly(Map.entry("C", List.of(a)));
    assertThat(EngineTestSupport.activate(grpc, "rename-c"))
        .as("no new job: Zeebe keeps the job of the element")
        .isEmpty();
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, "rename-a");
    assertThat(job.getElementId()).isEqualTo("C");
    assertThat(job.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(2);
    ElementInstance searched =
        eventually(
            () -> rest.newElementInstanceGetRequest(a).send().join(),
            e -> "C".equals(e.getElementId()));
    assertThat(searched.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(searched.getElementName()).isEqualTo("Charge");
    grpc.newCompleteCommand(job.getKey()).send().join();
    assertThat(engine.completed(key)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anActiveUserTaskKeepsItsKeyAndAssignee(Transport transport) {
    String process = id("migrate-user-task", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .userTask("review", t -> t.name("Review").zeebeUserTask().zeebeCandidateGroups("cab"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    UserTask task =
        eventually(
                () ->
                    rest.newUserTaskSearchRequest()
                        .filter(f -> f.processInstanceKey(key))
                        .send()
                        .join()
                        .items(),
                tasks -> tasks.size() == 1)
            .get(0);
    rest.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("alice").send().join();
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .userTask(
                    "approve", t -> t.name("Approve").zeebeUserTask().zeebeCandidateGroups("board"))
                .serviceTask("archive", t -> t.zeebeJobType(process + "-archive"))
                .endEvent()
                .done());

    client(transport)
        .newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("review", "approve")
        .send()
        .join();

    Record taskMigrated = last(UserTaskIntent.MIGRATED, r -> r.key() == task.getUserTaskKey());
    assertThat(taskMigrated.value())
        .containsEntry("elementId", "approve")
        .containsEntry("processDefinitionKey", v2)
        .containsEntry("assignee", "alice")
        .containsEntry("candidateGroupsList", List.of("cab"));
    UserTask searched =
        eventually(
            () -> rest.newUserTaskGetRequest(task.getUserTaskKey()).send().join(),
            t -> "approve".equals(t.getElementId()));
    assertThat(searched.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(searched.getAssignee()).isEqualTo("alice");
    assertThat(searched.getName()).isEqualTo("Approve");
    assertThat(searched.getCandidateGroups()).containsExactly("cab");

    rest.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    complete(process + "-archive");
    assertThat(engine.completed(key)).isTrue();
  }

  @Test
  void anIncidentMovesWithItsElementAndResolvingItRunsTheTargetsMappings() {
    String process = "migrate-incident";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("A", t -> t.zeebeJobTypeExpression("jobType"))
            .endEvent()
            .done());
    long key = start(process, Map.of("total", 12));
    long incidentKey =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    query(
                        state ->
                            state.incidents().stream()
                                .filter(i -> i.processInstanceKey() == key)
                                .map(i -> i.key())
                                .findFirst()
                                .orElse(-1L)),
                k -> k > 0);
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask(
                    "A", t -> t.zeebeJobType("incident-a").zeebeInputExpression("total", "amount"))
                .endEvent()
                .done());

    grpc.newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("A", "A")
        .send()
        .join();

    assertThat(last(IncidentIntent.MIGRATED, r -> r.key() == incidentKey).value())
        .containsEntry("processDefinitionKey", v2)
        .containsEntry("elementId", "A");
    Incident searched =
        eventually(
            () -> rest.newIncidentGetRequest(incidentKey).send().join(),
            i -> i.getProcessDefinitionKey() == v2);
    assertThat(searched.getProcessInstanceKey()).isEqualTo(key);
    grpc.newResolveIncidentCommand(incidentKey).send().join();
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, "incident-a");
    assertThat(job.getVariablesAsMap()).containsEntry("amount", 12);
    grpc.newCompleteCommand(job.getKey()).send().join();
    assertThat(engine.completed(key)).isTrue();
  }

  @Test
  void elementsInsideASubprocessMoveWithTheirSubprocessAndItsVariables() {
    String process = "migrate-subprocess";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .subProcess("S1")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("A", t -> t.zeebeJobType("sub-a"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long a = awaitElement(key, "A");
    long s1 = awaitElement(key, "S1");
    grpc.newSetVariablesCommand(s1).variables(Map.of("local", "kept")).local(true).send().join();
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .subProcess("S2")
                .embeddedSubProcess()
                .startEvent()
                .serviceTask("B", t -> t.zeebeJobType("sub-a"))
                .endEvent()
                .subProcessDone()
                .endEvent()
                .done());

    grpc.newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("S1", "S2")
        .addMappingInstruction("A", "B")
        .send()
        .join();

    assertThat(activeElements(key))
        .containsOnly(Map.entry("S2", List.of(s1)), Map.entry("B", List.of(a)));
    assertThat(
            ProcessInstanceMigrationTest.<String>query(
                state -> state.localVariables(s1).get("local").json()))
        .isEqualTo("\"kept\"");
    complete("sub-a");
    assertThat(engine.completed(key)).isTrue();
  }

  // ------------------------------------------------------------------------- catch events

  @Test
  void aMappedTimerBoundaryEventKeepsItsDueDateAndAnUnmappedOneStartsAgainFromTheTarget() {
    String process = "migrate-timer";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .userTask("A", t -> t.zeebeUserTask())
            .endEvent()
            .moveToActivity("A")
            .boundaryEvent("T1", b -> b.timerWithDuration("P7D"))
            .endEvent("late1")
            .done());
    long kept = start(process, Map.of());
    long reset = start(process, Map.of());
    awaitElement(kept, "A");
    awaitElement(reset, "A");
    TimerInstance keptTimer = timerOf(kept);
    TimerInstance resetTimer = timerOf(reset);
    rest.newPinClockCommand().time(now.plus(Duration.ofDays(5))).send().join();
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .userTask("A", t -> t.zeebeUserTask())
                .endEvent()
                .moveToActivity("A")
                .boundaryEvent("T2", b -> b.timerWithDuration("P14D"))
                .userTask("escalated", t -> t.zeebeUserTask())
                .endEvent()
                .done());
    try {
      grpc.newMigrateProcessInstanceCommand(kept)
          .migrationPlan(v2)
          .addMappingInstruction("A", "A")
          .addMappingInstruction("T1", "T2")
          .send()
          .join();
      grpc.newMigrateProcessInstanceCommand(reset)
          .migrationPlan(v2)
          .addMappingInstruction("A", "A")
          .send()
          .join();

      TimerInstance migrated = timerOf(kept);
      assertThat(migrated.key()).isEqualTo(keptTimer.key());
      assertThat(migrated.dueDate()).isEqualTo(keptTimer.dueDate());
      assertThat(migrated.targetElementId()).isEqualTo("T2");
      assertThat(migrated.processDefinitionKey()).isEqualTo(v2);
      assertThat(last(TimerIntent.MIGRATED, r -> r.key() == keptTimer.key()).value())
          .containsEntry("targetElementId", "T2")
          .containsEntry("dueDate", keptTimer.dueDate());

      TimerInstance recreated = timerOf(reset);
      assertThat(recreated.key()).isNotEqualTo(resetTimer.key());
      assertThat(recreated.targetElementId()).isEqualTo("T2");
      assertThat(recreated.dueDate()).isEqualTo(now.plus(Duration.ofDays(5 + 14)).toEpochMilli());
      assertThat(events(TimerIntent.CANCELED)).anyMatch(r -> r.key() == resetTimer.key());

      // the kept timer fires at its old due date, into the target's flow
      rest.newPinClockCommand().time(now.plus(Duration.ofDays(8))).send().join();
      awaitElement(kept, "escalated");
      assertThat(activeElements(reset)).containsOnlyKeys("A");
    } finally {
      rest.newPinClockCommand().time(now).send().join();
    }
  }

  @Test
  void messageBoundaryEventsAreMigratedClosedAndOpenedByTheMappingInstructions() {
    String process = "migrate-message";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("A", t -> t.zeebeJobType("message-a"))
            .endEvent()
            .moveToActivity("A")
            .boundaryEvent(
                "cancel1",
                b -> b.message(m -> m.name("cancel").zeebeCorrelationKeyExpression("order")))
            .endEvent("canceled1")
            .moveToActivity("A")
            .boundaryEvent(
                "hold1", b -> b.message(m -> m.name("hold").zeebeCorrelationKeyExpression("order")))
            .endEvent("held")
            .done());
    long key = start(process, Map.of("order", "ORD-7"));
    awaitElement(key, "A");
    Map<String, MessageSubscription> before = subscriptionsByName(key);
    assertThat(before).containsOnlyKeys("cancel", "hold");
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("A", t -> t.zeebeJobType("message-a"))
                .endEvent()
                .moveToActivity("A")
                .boundaryEvent(
                    "cancel2",
                    b -> b.message(m -> m.name("cancel").zeebeCorrelationKeyExpression("order")))
                .userTask("refund", t -> t.zeebeUserTask())
                .endEvent()
                .moveToActivity("A")
                .boundaryEvent(
                    "update2",
                    b ->
                        b.cancelActivity(false)
                            .message(m -> m.name("update").zeebeCorrelationKeyExpression("order")))
                .endEvent("updated")
                .done());

    grpc.newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("A", "A")
        .addMappingInstruction("cancel1", "cancel2")
        .send()
        .join();

    Map<String, MessageSubscription> after = subscriptionsByName(key);
    assertThat(after).containsOnlyKeys("cancel", "update");
    assertThat(after.get("cancel").key())
        .as("migrated, not recreated")
        .isEqualTo(before.get("cancel").key());
    assertThat(after.get("cancel").elementId()).isEqualTo("cancel2");
    assertThat(after.get("cancel").processDefinitionKey()).isEqualTo(v2);
    assertThat(after.get("update").interrupting()).isFalse();
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED))
        .anyMatch(r -> r.key() == before.get("hold").key());
    assertThat(events(ProcessMessageSubscriptionIntent.MIGRATED))
        .anyMatch(r -> r.key() == before.get("cancel").key());

    grpc.newPublishMessageCommand().messageName("cancel").correlationKey("ORD-7").send().join();
    awaitElement(key, "refund");
  }

  @Test
  void aJoiningParallelGatewayKeepsItsTakenFlowsWhenTheGatewayAndFlowsAreMapped() {
    String process = "migrate-join";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("A", t -> t.zeebeJobType("join-a"))
            .sequenceFlowId("flow1")
            .parallelGateway("gateway1")
            .endEvent()
            .moveToNode("fork")
            .serviceTask("B", t -> t.zeebeJobType("join-b"))
            .sequenceFlowId("flowB")
            .connectTo("gateway1")
            .done());
    long key = start(process, Map.of());
    awaitElement(key, "B");
    complete("join-a"); // A's token waits at the join
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .parallelGateway("fork")
                .serviceTask("A", t -> t.zeebeJobType("join-a"))
                .sequenceFlowId("flow2")
                .parallelGateway("gateway2")
                .endEvent()
                .moveToNode("fork")
                .serviceTask("B", t -> t.zeebeJobType("join-b"))
                .sequenceFlowId("flowB2")
                .connectTo("gateway2")
                .moveToNode("fork")
                .serviceTask("C", t -> t.zeebeJobType("join-c"))
                .connectTo("gateway2")
                .done());

    assertRejected(
        Transport.GRPC,
        () ->
            grpc.newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("B", "B")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but no mapping instruction defined for the joining gateway with id 'gateway1'");

    assertRejectedUnchanged(
        Transport.GRPC,
        key,
        () ->
            grpc.newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("B", "B")
                .addMappingInstruction("gateway1", "fork")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but the joining gateway with id 'gateway1' is mapped to gateway 'fork'"
            + " with fewer incoming sequence flows (1 instead of 2).");
    assertRejectedUnchanged(
        Transport.GRPC,
        key,
        () ->
            grpc.newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("B", "B")
                .addMappingInstruction("gateway1", "gateway2")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but no mapping instruction defined for the taken sequence flow with"
            + " id 'flow1' of the joining gateway with id 'gateway1'.");

    grpc.newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("B", "B")
        .addMappingInstruction("gateway1", "gateway2")
        .addMappingInstruction("flow1", "flow2")
        .send()
        .join();

    assertThat(events(ProcessInstanceIntent.SEQUENCE_FLOW_DELETED))
        .anyMatch(r -> processInstanceOf(r) == key && "flow1".equals(r.value().get("elementId")));
    assertThat(events(ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN))
        .anyMatch(r -> processInstanceOf(r) == key && "flow2".equals(r.value().get("elementId")));
    complete("join-b");
    assertThat(engine.completed(key))
        .as("the gateway of version 2 waits for a token from C as well")
        .isFalse();
    assertThat(
            ProcessInstanceMigrationTest.<java.util.Set<String>>query(
                state ->
                    state.joinTokenFlows(key, state.process(v2).executable().element("gateway2"))))
        .containsExactlyInAnyOrder("flow2", "flowB2");
  }

  // ------------------------------------------------------------------------- rejections

  @ParameterizedTest
  @EnumSource(Transport.class)
  void rejectsWhatZeebeRejectsAndChangesNothing(Transport transport) {
    String process = id("migrate-reject", transport);
    long v1 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .subProcess("S")
                .embeddedSubProcess()
                .startEvent()
                .serviceTask("A", t -> t.zeebeJobType(process + "-a"))
                .endEvent()
                .subProcessDone()
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent("T", b -> b.timerWithDuration("PT1H"))
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent(
                    "M", b -> b.message(m -> m.name("stop").zeebeCorrelationKeyExpression("order")))
                .endEvent()
                .done());
    long key = start(process, Map.of("order", "ORD-1"));
    awaitElement(key, "A");
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .subProcess("S")
                .embeddedSubProcess()
                .startEvent()
                .serviceTask("A", t -> t.zeebeJobType(process + "-a"))
                .endEvent()
                .subProcessDone()
                .userTask("U", t -> t.zeebeUserTask())
                .serviceTask("top", t -> t.zeebeJobType(process + "-top"))
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent("T2", b -> b.timerWithDuration("PT1H"))
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent(
                    "M2",
                    b -> b.message(m -> m.name("stop").zeebeCorrelationKeyExpression("order")))
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent("T3", b -> b.timerWithDuration("PT2H"))
                .endEvent()
                .done());
    long otherProcess =
        deploy(
            Bpmn.createExecutableProcess(process + "-broken")
                .startEvent()
                .subProcess("S")
                .embeddedSubProcess()
                .startEvent()
                .serviceTask("A", t -> t.zeebeJobType(process + "-a"))
                .endEvent()
                .subProcessDone()
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent("late", b -> b.timerWithDurationExpression("missing.duration"))
                .endEvent()
                .moveToActivity("S")
                .boundaryEvent(
                    "stop2",
                    b -> b.message(m -> m.name("stop").zeebeCorrelationKeyExpression("order")))
                .endEvent()
                .done());
    CamundaClient client = client(transport);

    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key + 1000)
                .migrationPlan(v2)
                .addMappingInstruction("A", "A")
                .send()
                .join(),
        "NOT_FOUND",
        "Expected to migrate process instance but no process instance found with key '"
            + (key + 1000)
            + "'");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2 + 1000)
                .addMappingInstruction("A", "A")
                .send()
                .join(),
        "NOT_FOUND",
        "Expected to migrate process instance to process definition but no process definition found with key '"
            + (v2 + 1000)
            + "'");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("A", "A")
                .addMappingInstruction("A", "top")
                .send()
                .join(),
        "INVALID_ARGUMENT",
        "Expected to migrate process instance '"
            + key
            + "' but the mapping instructions contain duplicate source element ids '[A]'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("nope", "A")
                .send()
                .join(),
        "INVALID_ARGUMENT",
        "Expected to migrate process instance '"
            + key
            + "' but mapping instructions contain a non-existing source element id 'nope'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("A", "nope")
                .send()
                .join(),
        "INVALID_ARGUMENT",
        "Expected to migrate process instance '"
            + key
            + "' but mapping instructions contain a non-existing target element id 'nope'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("A", "A")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but no mapping instruction defined for active element with id 'S'."
            + " Elements cannot be migrated without a mapping.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("M", "M2")
                .addMappingInstruction("A", "U")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but active element with id 'A' and type 'SERVICE_TASK' is mapped to"
            + " an element with id 'U' and different type 'USER_TASK'. Elements must be mapped to elements of the same type.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("M", "M2")
                .addMappingInstruction("A", "top")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but the flow scope of active element with id 'A' is changed."
            + " The flow scope of the active element is expected to be 'S' but was '"
            + process
            + "'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("A", "A")
                .addMappingInstruction("T", "top")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but active element with id 'S' is mapped to an"
            + " element with id 'S' and has a catch event with id 'T' that is mapped to a catch event with id 'top'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("A", "A")
                .addMappingInstruction("T", "T2")
                .addMappingInstruction("M", "T2")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but active element with id 'S' has a catch event"
            + " attached that is mapped to a catch event with id 'T2'. There are multiple mapping instructions that target this"
            + " catch event: 'M', 'T'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(v2)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("A", "A")
                .addMappingInstruction("M", "T3")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but active element with id 'S' has a catch event"
            + " with id 'M' that is mapped to a catch event with id 'T3'. These catch events have different event types:"
            + " 'MESSAGE' and 'TIMER'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(otherProcess)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("A", "A")
                .addMappingInstruction("T", "late")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but active element with id 'S' attempts to"
            + " subscribe to a message it is already subscribed to with name 'stop'.");
    assertRejectedUnchanged(
        transport,
        key,
        () ->
            client
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(otherProcess)
                .addMappingInstruction("S", "S")
                .addMappingInstruction("A", "A")
                .addMappingInstruction("M", "stop2")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but active element with id 'S' is mapped to"
            + " element with id 'S' that must be subscribed to a catch event.");

    // the valid plan goes through after all of them
    client
        .newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("S", "S")
        .addMappingInstruction("A", "A")
        .addMappingInstruction("T", "T2")
        .addMappingInstruction("M", "M2")
        .send()
        .join();
    assertThat(
            ProcessInstanceMigrationTest.<Long>query(
                state -> state.elementInstance(key).processDefinitionKey()))
        .isEqualTo(v2);
    assertThat(v1).isNotEqualTo(v2);
    complete(process + "-a");
    awaitElement(key, "U");
  }

  @Test
  void rejectsElementsZeebeCannotMigrate() {
    String process = "migrate-unsupported";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .intermediateThrowEvent("notify", e -> e.message("notice").zeebeJobType("notify-job"))
            .userTask("form", t -> t.zeebeUserTask())
            .endEvent()
            .done());
    long throwing = start(process, Map.of());
    awaitElement(throwing, "notify");
    long target =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .intermediateThrowEvent(
                    "notify", e -> e.message("notice").zeebeJobType("notify-job"))
                .userTask("form")
                .endEvent()
                .done());
    assertRejectedUnchanged(
        Transport.GRPC,
        throwing,
        () ->
            grpc.newMigrateProcessInstanceCommand(throwing)
                .migrationPlan(target)
                .addMappingInstruction("notify", "notify")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + throwing
            + "' but active element with id 'notify' has an unsupported type."
            + " The migration of a INTERMEDIATE_THROW_EVENT is not supported.");
    complete("notify-job");
    long formInstance = awaitElement(throwing, "form");
    assertThat(formInstance).isPositive();
    assertRejectedUnchanged(
        Transport.GRPC,
        throwing,
        () ->
            grpc.newMigrateProcessInstanceCommand(throwing)
                .migrationPlan(target)
                .addMappingInstruction("form", "form")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + throwing
            + "' but active user task with id 'form' and implementation"
            + " 'zeebe user task' is mapped to an user task with id 'form' and different implementation 'job worker'.");

    String multi = "migrate-multi";
    deploy(
        Bpmn.createExecutableProcess(multi)
            .startEvent()
            .serviceTask(
                "each",
                t ->
                    t.zeebeJobType("multi-each")
                        .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("[1, 2]")))
            .endEvent()
            .done());
    long parallel = start(multi, Map.of());
    awaitCount(parallel, "each", 3);
    long sequential =
        deploy(
            Bpmn.createExecutableProcess(multi)
                .startEvent()
                .serviceTask(
                    "each",
                    t ->
                        t.zeebeJobType("multi-each")
                            .multiInstance(
                                m -> m.sequential().zeebeInputCollectionExpression("[1, 2]")))
                .endEvent()
                .done());
    assertRejectedUnchanged(
        Transport.GRPC,
        parallel,
        () ->
            grpc.newMigrateProcessInstanceCommand(parallel)
                .migrationPlan(sequential)
                .addMappingInstruction("each", "each")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + parallel
            + "' but active element with id 'each' has a different loop"
            + " characteristics than the target element with id 'each'.");
    long parallelAgain =
        deploy(
            Bpmn.createExecutableProcess(multi)
                .startEvent()
                .serviceTask(
                    "each",
                    t ->
                        t.zeebeJobType("multi-each")
                            .multiInstance(
                                m -> m.parallel().zeebeInputCollectionExpression("[1, 2]")))
                .userTask("after", t -> t.zeebeUserTask())
                .endEvent()
                .done());
    grpc.newMigrateProcessInstanceCommand(parallel)
        .migrationPlan(parallelAgain)
        .addMappingInstruction("each", "each")
        .send()
        .join();
    assertThat(
            ProcessInstanceMigrationTest.<Boolean>query(
                state ->
                    state.elementInstances().stream()
                        .filter(i -> i.processInstanceKey == parallel)
                        .allMatch(i -> i.processDefinitionKey() == parallelAgain)))
        .isTrue();
    List<ActivatedJob> jobs =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> EngineTestSupport.activate(grpc, "multi-each"), found -> found.size() == 2);
    assertThat(jobs).allMatch(job -> job.getProcessDefinitionKey() == parallelAgain);
    jobs.forEach(job -> grpc.newCompleteCommand(job.getKey()).send().join());
    awaitElement(parallel, "after");
  }

  @Test
  void rejectsATargetProcessThatAMessageWithTheInstancesCorrelationKeyStartedAlready() {
    deploy(
        Bpmn.createExecutableProcess("migrate-started-a")
            .startEvent()
            .message(m -> m.name("start-a"))
            .serviceTask("work", t -> t.zeebeJobType("started-work"))
            .endEvent()
            .done());
    long target =
        deploy(
            Bpmn.createExecutableProcess("migrate-started-b")
                .startEvent()
                .message(m -> m.name("start-b"))
                .serviceTask("work", t -> t.zeebeJobType("started-work"))
                .endEvent()
                .done());
    grpc.newPublishMessageCommand().messageName("start-a").correlationKey("ORD-9").send().join();
    grpc.newPublishMessageCommand().messageName("start-b").correlationKey("ORD-9").send().join();
    long key =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    query(
                        state ->
                            state.elementInstances().stream()
                                .filter(
                                    i ->
                                        i.type()
                                                == life.suoke.ops.engine.model.BpmnElementType
                                                    .PROCESS
                                            && "migrate-started-a".equals(i.bpmnProcessId()))
                                .map(i -> i.key)
                                .findFirst()
                                .orElse(-1L)),
                k -> k > 0);
    assertRejectedUnchanged(
        Transport.GRPC,
        key,
        () ->
            grpc.newMigrateProcessInstanceCommand(key)
                .migrationPlan(target)
                .addMappingInstruction("work", "work")
                .send()
                .join(),
        "INVALID_STATE",
        "Expected to migrate process instance '"
            + key
            + "' but target process definition '"
            + target
            + "' has an active"
            + " instance triggered by a message start event with correlation key 'ORD-9'.");
  }

  @Test
  void theRestGatewayValidatesTheRequest() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://127.0.0.1:"
                            + engine.engine.restPort()
                            + "/v2/process-instances/123/migration"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"mappingInstructions\":[{\"sourceElementId\":\"A\"}]}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("No targetProcessDefinitionKey provided.")
        .contains("At least one of [sourceElementId, targetElementId] is required.");
  }

  @Test
  void aMigratedInstanceIsRebuiltTheSameAfterARestart() {
    String process = "migrate-restart";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("A", t -> t.zeebeJobType("restart-a"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long a = awaitElement(key, "A");
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("B", t -> t.zeebeJobType("restart-a"))
                .userTask("after", t -> t.zeebeUserTask())
                .endEvent()
                .done());
    grpc.newMigrateProcessInstanceCommand(key)
        .migrationPlan(v2)
        .addMappingInstruction("A", "B")
        .send()
        .join();
    String before = snapshot(key);

    rest.close();
    engine = engine.restart();
    grpc = engine.client;
    rest = engine.connectRest();

    assertThat(snapshot(key)).isEqualTo(before);
    assertThat(activeElements(key)).containsExactly(Map.entry("B", List.of(a)));
    complete("restart-a");
    awaitElement(key, "after");
  }

  // ------------------------------------------------------------------------- helpers

  static long deploy(BpmnModelInstance model) {
    return grpc.newDeployResourceCommand()
        .addProcessModel(model, "process.bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  static long start(String processId, Map<String, Object> variables) {
    return grpc.newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  static void complete(String type) {
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, type);
    grpc.newCompleteCommand(job.getKey()).send().join();
  }

  static <T> T eventually(java.util.concurrent.Callable<T> read, Predicate<T> until) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(read, until);
  }

  static <T> T query(java.util.function.Function<EngineState, T> query) {
    return queryOn(engine, query);
  }

  static <T> T queryOn(
      EngineTestSupport support, java.util.function.Function<EngineState, T> query) {
    return support.engine.api().query(query).join();
  }

  static Map<String, List<Long>> activeElements(long processInstanceKey) {
    return ProcessInstanceModificationTest.activeElements(engine, processInstanceKey);
  }

  static long awaitElement(long processInstanceKey, String elementId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> activeElements(processInstanceKey).get(elementId),
            keys -> keys != null && !keys.isEmpty())
        .get(0);
  }

  static void awaitCount(long processInstanceKey, String elementId, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                activeElements(processInstanceKey).getOrDefault(elementId, List.of()).size()
                    == count);
  }

  static TimerInstance timerOf(long processInstanceKey) {
    return query(
        state ->
            state.timers().stream()
                .filter(t -> t.processInstanceKey() == processInstanceKey)
                .findFirst()
                .orElseThrow());
  }

  static Map<String, MessageSubscription> subscriptionsByName(long processInstanceKey) {
    return query(
        state -> {
          Map<String, MessageSubscription> found = new TreeMap<>();
          state.elementInstances().stream()
              .filter(i -> i.processInstanceKey == processInstanceKey)
              .forEach(
                  i -> state.subscriptionsOf(i.key).forEach(s -> found.put(s.messageName(), s)));
          return found;
        });
  }

  static List<Record> events(Intent intent) {
    return engine.events(intent);
  }

  static Record last(Intent intent, Predicate<Record> which) {
    List<Record> found = events(intent).stream().filter(which).toList();
    assertThat(found).as("%s %s", intent.valueType(), intent).isNotEmpty();
    return found.get(found.size() - 1);
  }

  static long processInstanceOf(Record record) {
    return ((Number) record.value().get("processInstanceKey")).longValue();
  }

  /**
   * The instance's state as text, with its process definition and each element's, and the log's
   * event count.
   */
  static String snapshot(long processInstanceKey) {
    String elements = ProcessInstanceModificationTest.snapshot(engine, processInstanceKey);
    String definitions =
        query(
            state -> {
              StringBuilder text = new StringBuilder();
              TreeSet<Long> keys = new TreeSet<>();
              state.elementInstances().stream()
                  .filter(i -> i.processInstanceKey == processInstanceKey)
                  .forEach(i -> keys.add(i.key));
              for (long key : keys) {
                var instance = state.elementInstance(key);
                text.append(key)
                    .append(':')
                    .append(instance.element().id())
                    .append('@')
                    .append(instance.processDefinitionKey())
                    .append('\n');
              }
              state.jobs().stream()
                  .filter(job -> job.processInstanceKey == processInstanceKey)
                  .forEach(
                      job ->
                          text.append("job ")
                              .append(job.key)
                              .append(' ')
                              .append(job.elementId())
                              .append('@')
                              .append(job.processDefinitionKey())
                              .append('\n'));
              return text.toString();
            });
    return elements + definitions;
  }

  /**
   * Rejected with the code and a reason that starts with the text; the instance and the log's
   * events are unchanged.
   */
  static void assertRejectedUnchanged(
      Transport transport,
      long processInstanceKey,
      ThrowingCallable command,
      String code,
      String reason) {
    String before = snapshot(processInstanceKey);
    long eventsBefore = engine.eventCount();
    assertRejected(transport, command, code, reason);
    assertThat(snapshot(processInstanceKey)).isEqualTo(before);
    assertThat(engine.eventCount())
        .as("a rejected migration writes no event")
        .isEqualTo(eventsBefore);
  }

  static void assertRejected(
      Transport transport, ThrowingCallable command, String code, String reason) {
    assertThatThrownBy(command)
        .satisfies(
            failure -> {
              assertThat(failure)
                  .isInstanceOf(
                      transport == Transport.REST
                          ? ProblemException.class
                          : ClientStatusException.class);
              if (failure instanceof ProblemException problem) {
                assertThat(problem.details().getTitle()).isEqualTo(code);
                assertThat(problem.details().getStatus())
                    .isEqualTo(
                        switch (code) {
                          case "NOT_FOUND" -> 404;
                          case "INVALID_STATE" -> 409;
                          default -> 400;
                        });
                assertThat(problem.details().getDetail())
                    .startsWith("Command 'MIGRATE' rejected with code '" + code + "': " + reason);
              } else {
                ClientStatusException status = (ClientStatusException) failure;
                assertThat(status.getStatusCode())
                    .isEqualTo(
                        switch (code) {
                          case "NOT_FOUND" -> Status.Code.NOT_FOUND;
                          case "INVALID_STATE" -> Status.Code.FAILED_PRECONDITION;
                          default -> Status.Code.INVALID_ARGUMENT;
                        });
                assertThat(status.getMessage())
                    .contains("Command 'MIGRATE' rejected with code '" + code + "': " + reason);
              }
            });
  }
}
