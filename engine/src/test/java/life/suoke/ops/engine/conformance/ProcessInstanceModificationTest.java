package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceModificationIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.MessageSubscription;
import life.suoke.ops.engine.state.TimerInstance;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Process instance modification (ModifyProcessInstance over gRPC, {@code POST
 * /v2/process-instances/{key}/modification} over REST) with Zeebe 8.8's semantics: activating
 * elements (in existing or new flow scope instances, with variables), terminating element instances
 * (and the flow scopes left empty), and every rejection, after which nothing changed.
 */
class ProcessInstanceModificationTest {

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
    engine = new EngineTestSupport(ProcessInstanceModificationTest.class);
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

  // ------------------------------------------------------------------------- activate and
  // terminate

  @ParameterizedTest
  @EnumSource(Transport.class)
  void movesATokenFromAUserTaskToALaterTask(Transport transport) {
    String process = id("move-token", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .userTask("review", t -> t.zeebeUserTask())
            .serviceTask("implement", t -> t.zeebeJobType(process + "-implement"))
            .serviceTask("close", t -> t.zeebeJobType(process + "-close"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long review = awaitElement(key, "review");
    long userTask =
        query(
            state ->
                state.userTasks().stream()
                    .filter(t -> t.elementInstanceKey == review)
                    .findFirst()
                    .orElseThrow()
                    .key);

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("close")
        .and()
        .terminateElement(review)
        .send()
        .join();

    assertThat(activeElements(key)).containsOnlyKeys("close");
    assertThat(events(ProcessInstanceIntent.ELEMENT_TERMINATED)).anyMatch(r -> r.key() == review);
    assertThat(events(UserTaskIntent.CANCELED)).anyMatch(r -> r.key() == userTask);
    assertThat(EngineTestSupport.activate(grpc, process + "-implement")).isEmpty();
    Record modified = modifiedEvent(key);
    assertThat(modified.value().get("terminateInstructions"))
        .isEqualTo(List.of(Map.of("elementInstanceKey", review)));
    assertThat(modified.value().get("activateInstructions"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .singleElement()
        .satisfies(
            instruction -> {
              Map<?, ?> activate = (Map<?, ?>) instruction;
              assertThat(activate.get("elementId")).isEqualTo("close");
              assertThat(activate.get("ancestorScopeKey")).isEqualTo(-1L);
              assertThat(activate.get("ancestorScopeKeys")).isEqualTo(List.of(key));
            });
    assertThat(modified.value().get("activatedElementInstanceKeys")).isEqualTo(List.of());
    assertThat(positionOf(modified))
        .as("the activated element runs after MODIFIED, as in Zeebe")
        .isLessThan(positionOf(activating(key, "close")));

    complete(process + "-close");
    assertThat(engine.completed(key)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void activatingAnElementInsideAnInactiveSubprocessCreatesTheSubprocessWithItsBoundaryEvents(
      Transport transport) {
    String process = id("create-scope", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("triage", t -> t.zeebeJobType(process + "-triage"))
            .subProcess("fix")
            .embeddedSubProcess()
            .startEvent("fix-start")
            .serviceTask("patch", t -> t.zeebeJobType(process + "-patch"))
            .endEvent()
            .subProcessDone()
            .endEvent("done")
            .moveToActivity("fix")
            .boundaryEvent("fix-overdue", b -> b.timerWithDuration("PT1H"))
            .serviceTask("escalate", t -> t.zeebeJobType(process + "-escalate"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long triage = awaitElement(key, "triage");

    client(transport).newModifyProcessInstanceCommand(key).activateElement("patch").send().join();

    Map<String, List<Long>> active = activeElements(key);
    assertThat(active).containsOnlyKeys("triage", "fix", "patch");
    long fix = active.get("fix").get(0);
    long patchScope =
        query(state -> state.elementInstance(active.get("patch").get(0)).flowScopeKey);
    assertThat(patchScope).isEqualTo(fix);
    assertThat(events(ProcessInstanceIntent.ELEMENT_ACTIVATING))
        .as("the subprocess is entered at the element, not at its start event")
        .noneMatch(
            r -> "fix-start".equals(r.value().get("elementId")) && processInstanceOf(r) == key);
    List<TimerInstance> timers = query(state -> state.timersOf(fix));
    assertThat(timers)
        .singleElement()
        .satisfies(
            timer -> {
              assertThat(timer.targetElementId()).isEqualTo("fix-overdue");
              assertThat(timer.dueDate()).isEqualTo(now.plus(Duration.ofHours(1)).toEpochMilli());
            });
    assertThat(modifiedEvent(key).value().get("activateInstructions"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .singleElement()
        .satisfies(
            instruction ->
                assertThat(((Map<?, ?>) instruction).get("ancestorScopeKeys"))
                    .isEqualTo(List.of(key, fix)));
    assertThat(EngineTestSupport.activate(grpc, process + "-patch"))
        .singleElement()
        .satisfies(
            job -> assertThat(job.getElementInstanceKey()).isEqualTo(active.get("patch").get(0)));

    // the boundary timer opened for the new subprocess instance works: it interrupts the subprocess
    now = now.plus(Duration.ofHours(2));
    rest.newPinClockCommand().time(now).send().join();
    assertThat(EngineTestSupport.awaitJob(grpc, process + "-escalate").getProcessInstanceKey())
        .isEqualTo(key);
    assertThat(activeElements(key)).containsOnlyKeys("triage", "escalate");
    assertThat(events(ProcessInstanceIntent.ELEMENT_TERMINATED)).anyMatch(r -> r.key() == fix);
    assertThat(triage).isPositive();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anAncestorKeyChoosesAmongSeveralInstancesOfTheFlowScope(Transport transport) {
    String process = id("two-branches", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .parallelGateway("fork")
            .subProcess("branch")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(process + "-work"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .moveToNode("fork")
            .connectTo("branch")
            .done());
    long key = start(process, Map.of());
    awaitCount(key, "work", 2);
    List<Long> branches = activeElements(key).get("branch");
    assertThat(branches).hasSize(2);
    long second = branches.get(1);
    Map<String, List<Long>> before = activeElements(key);

    assertRejected(
        transport,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(key)
                .activateElement("work")
                .send()
                .join(),
        "INVALID_ARGUMENT",
        "Expected to modify instance of process '"
            + process
            + "' but it contains one or more activate instructions for an"
            + " element that has a flow scope with more than one active instance: 'branch'. Can't decide in which instance of"
            + " the flow scope the element should be activated. Please specify an ancestor element instance key for this"
            + " activate instruction.");
    assertThat(activeElements(key)).isEqualTo(before);

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("work", second)
        .send()
        .join();
    List<Long> works = activeElements(key).get("work");
    assertThat(works).hasSize(3);
    assertThat(
            works.stream()
                .filter(w -> query(state -> state.elementInstance(w).flowScopeKey) == second))
        .hasSize(2);
    assertThat(activeElements(key).get("branch")).isEqualTo(branches);

    // choosing the process instance as the ancestor creates a new instance of the subprocess in
    // between
    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("work", key)
        .send()
        .join();
    assertThat(activeElements(key).get("branch")).hasSize(3);
    assertThat(activeElements(key).get("work")).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void variableInstructionsSetVariablesInTheProcessTheFlowScopeAndTheElement(Transport transport) {
    String process = id("modify-variables", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("wait", t -> t.zeebeJobType(process + "-wait"))
            .subProcess("handling")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("act", t -> t.zeebeJobType(process + "-act"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long key = start(process, Map.of("ticket", "INC-1"));
    awaitElement(key, "wait");

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("act")
        .withVariables(Map.of("priority", "high"))
        .withVariables(Map.of("team", "network"), "handling")
        .withVariables(Map.of("attempt", 2), "act")
        .withVariables(Map.of("priority", "urgent"), process)
        .send()
        .join();

    long handling = activeElements(key).get("handling").get(0);
    long act = activeElements(key).get("act").get(0);
    assertThat(localVariables(key))
        .containsEntry("ticket", "\"INC-1\"")
        .containsEntry("priority", "\"urgent\"");
    assertThat(localVariables(handling)).containsOnly(Map.entry("team", "\"network\""));
    assertThat(localVariables(act)).containsOnly(Map.entry("attempt", "2"));
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, process + "-act");
    assertThat(job.getVariablesAsMap())
        .containsEntry("ticket", "INC-1")
        .containsEntry("priority", "urgent")
        .containsEntry("team", "network")
        .containsEntry("attempt", 2);
    Record variable =
        events(VariableIntent.CREATED).stream()
            .filter(
                r ->
                    "attempt".equals(r.value().get("name"))
                        && ((Number) r.value().get("scopeKey")).longValue() == act)
            .findFirst()
            .orElseThrow();
    assertThat(positionOf(variable))
        .as("the element's variables are set before it creates its job")
        .isLessThan(
            positionOf(
                events(JobIntent.CREATED).stream()
                    .filter(r -> ((Number) r.value().get("elementInstanceKey")).longValue() == act)
                    .findFirst()
                    .orElseThrow()));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void terminatingTheLastActiveElementsTerminatesTheirFlowScopesAndThenTheProcessInstance(
      Transport transport) {
    String process = id("terminate-last", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .parallelGateway("fork")
            .subProcess("investigate")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("analyse", t -> t.zeebeJobType(process + "-analyse"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .moveToNode("fork")
            .serviceTask("notify", t -> t.zeebeJobType(process + "-notify"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long analyse = awaitElement(key, "analyse");
    long investigate = activeElements(key).get("investigate").get(0);
    long notify = awaitElement(key, "notify");

    client(transport).newModifyProcessInstanceCommand(key).terminateElement(analyse).send().join();

    assertThat(activeElements(key))
        .as("the subprocess had nothing left: it is terminated; the process goes on")
        .containsOnlyKeys("notify");
    assertThat(events(ProcessInstanceIntent.ELEMENT_TERMINATED))
        .anyMatch(r -> r.key() == investigate);
    assertThat(events(ProcessInstanceIntent.ELEMENT_COMPLETED))
        .noneMatch(r -> r.key() == investigate);
    assertThat(isActive(key)).isTrue();

    client(transport).newModifyProcessInstanceCommand(key).terminateElement(notify).send().join();

    assertThat(isActive(key))
        .as("a process instance left with no active element is terminated")
        .isFalse();
    assertThat(events(ProcessInstanceIntent.ELEMENT_TERMINATED)).anyMatch(r -> r.key() == key);
    assertThat(engine.completed(key)).isFalse();
    boolean noJobs =
        query(state -> state.jobs().stream().noneMatch(j -> j.processInstanceKey == key));
    assertThat(noJobs).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void movingATokenInsideASubprocessKeepsTheSubprocessInstanceAndItsVariables(Transport transport) {
    String process = id("move-inside", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .subProcess("change", sub -> sub.zeebeInputExpression("\"CHG-42\"", "change"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("plan", t -> t.zeebeJobType(process + "-plan"))
            .serviceTask("execute", t -> t.zeebeJobType(process + "-execute"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long plan = awaitElement(key, "plan");
    long change = activeElements(key).get("change").get(0);

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("execute")
        .and()
        .terminateElement(plan)
        .send()
        .join();

    assertThat(activeElements(key))
        .as("the subprocess is needed by the activation, so it is not terminated")
        .isEqualTo(
            Map.of("change", List.of(change), "execute", activeElements(key).get("execute")));
    ActivatedJob execute = EngineTestSupport.awaitJob(grpc, process + "-execute");
    assertThat(execute.getVariablesAsMap()).containsEntry("change", "CHG-42");
    grpc.newCompleteCommand(execute.getKey()).send().join();
    assertThat(engine.completed(key)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void terminatingATaskWithAnIncidentResolvesTheIncident(Transport transport) {
    String process = id("terminate-incident", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("deploy-fix", t -> t.zeebeJobType(process + "-deploy"))
            .serviceTask("verify", t -> t.zeebeJobType(process + "-verify"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, process + "-deploy");
    grpc.newFailCommand(job.getKey()).retries(0).errorMessage("target down").send().join();
    long incident =
        query(
            state ->
                state.incidents().stream()
                    .filter(i -> i.processInstanceKey() == key)
                    .findFirst()
                    .orElseThrow()
                    .key());

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("verify")
        .and()
        .terminateElement(job.getElementInstanceKey())
        .send()
        .join();

    assertThat(events(IncidentIntent.RESOLVED)).anyMatch(r -> r.key() == incident);
    boolean noIncidents =
        query(state -> state.incidents().stream().noneMatch(i -> i.processInstanceKey() == key));
    assertThat(noIncidents).isTrue();
    assertThat(events(JobIntent.CANCELED)).anyMatch(r -> r.key() == job.getKey());
    assertThat(isActive(key)).isTrue();
    assertThat(activeElements(key)).containsOnlyKeys("verify");
    complete(process + "-verify");
    assertThat(engine.completed(key)).isTrue();
  }

  @Test
  void activatedElementsTookNoSequenceFlowSoTheirScopeStillCompletes() {
    String process = "modify-join";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("first", t -> t.zeebeJobType("modify-join-first"))
            .serviceTask("second", t -> t.zeebeJobType("modify-join-second"))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    long first = awaitElement(key, "first");

    grpc.newModifyProcessInstanceCommand(key)
        .activateElement("second")
        .and()
        .activateElement("second")
        .send()
        .join();
    assertThat(activeElements(key).get("second")).hasSize(2);
    grpc.newModifyProcessInstanceCommand(key).terminateElement(first).send().join();
    List<ActivatedJob> seconds =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> EngineTestSupport.activate(grpc, "modify-join-second"),
                jobs -> jobs.size() == 2);
    grpc.newCompleteCommand(seconds.get(0).getKey()).send().join();
    assertThat(isActive(key)).as("one of two tokens left").isTrue();
    grpc.newCompleteCommand(seconds.get(1).getKey()).send().join();
    assertThat(engine.completed(key))
        .as("the process completes once every token is through")
        .isTrue();
  }

  // ------------------------------------------------------------------------- rejections

  @ParameterizedTest
  @EnumSource(Transport.class)
  void rejectsAnUnknownProcessInstance(Transport transport) {
    assertRejected(
        transport,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(2251799813999999L)
                .activateElement("x")
                .send()
                .join(),
        "NOT_FOUND",
        "Expected to modify process instance but no process instance found with key '2251799813999999'");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void rejectsInvalidInstructionsAndChangesNothing(Transport transport) {
    String process = id("reject", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent("begin")
            .serviceTask("work", t -> t.zeebeJobType(process + "-work"))
            .sequenceFlowId("to-gateway")
            .eventBasedGateway("choose")
            .intermediateCatchEvent(
                "answered",
                e -> e.message(m -> m.name("answered").zeebeCorrelationKeyExpression("ticket")))
            .endEvent()
            .moveToLastGateway()
            .intermediateCatchEvent("expired", e -> e.timerWithDuration("PT1H"))
            .endEvent()
            .moveToActivity("work")
            .boundaryEvent("work-overdue", b -> b.timerWithDuration("PT2H"))
            .endEvent()
            .moveToNode("begin")
            .subProcess("sub")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("inner", t -> t.zeebeJobType(process + "-inner"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long key = start(process, Map.of("ticket", "INC-7"));
    long work = awaitElement(key, "work");
    long sub = awaitElement(key, "sub");
    long inner = awaitElement(key, "inner");
    long other = start(process, Map.of("ticket", "INC-8"));
    long otherWork = awaitElement(other, "work");
    CamundaClient client = client(transport);
    String prefix =
        "Expected to modify instance of process '" + process + "' but it contains one or more ";

    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("nope")
                .and()
                .activateElement("gone")
                .send()
                .join(),
        prefix + "activate instructions with an element that could not be found: 'nope', 'gone'");
    assertUnchanged(
        transport,
        key,
        () -> client.newModifyProcessInstanceCommand(key).activateElement("begin").send().join(),
        prefix
            + "activate instructions for elements that are unsupported: 'begin'. The activation of elements with type"
            + " 'START_EVENT' is not supported. Supported element types are: [SUB_PROCESS,");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("work-overdue")
                .send()
                .join(),
        prefix
            + "activate instructions for elements that are unsupported: 'work-overdue'. The activation of elements with"
            + " type 'BOUNDARY_EVENT' is not supported.");
    assertUnchanged(
        transport,
        key,
        () ->
            client.newModifyProcessInstanceCommand(key).activateElement("to-gateway").send().join(),
        prefix
            + "activate instructions for elements that are unsupported: 'to-gateway'. The activation of elements with"
            + " type 'SEQUENCE_FLOW' is not supported.");
    assertUnchanged(
        transport,
        key,
        () -> client.newModifyProcessInstanceCommand(key).activateElement("answered").send().join(),
        prefix
            + "activate instructions for elements that are unsupported: 'answered'. The activation of events belonging"
            + " to an event-based gateway is not supported.");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .terminateElement(2251799813999998L)
                .send()
                .join(),
        prefix
            + "terminate instructions with an element instance that could not be found: '2251799813999998'");
    assertUnchanged(
        transport,
        key,
        () -> client.newModifyProcessInstanceCommand(key).terminateElement(otherWork).send().join(),
        prefix
            + "terminate instructions with an element instance that could not be found: '"
            + otherWork
            + "'");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("work")
                .withVariables(Map.of("a", 1), "nowhere")
                .send()
                .join(),
        prefix
            + "variable instructions with a scope element id that could not be found: 'nowhere'");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("inner")
                .withVariables(Map.of("a", 1), "work")
                .send()
                .join(),
        prefix
            + "variable instructions with a scope element that doesn't belong to the activating element's flow scope."
            + " These variables should be set before or after the modification.");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("inner", 2251799813999997L)
                .send()
                .join(),
        prefix
            + "activate instructions with an ancestor scope key that does not exist, or is not in an active state:"
            + " '2251799813999997'");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("inner", other)
                .send()
                .join(),
        prefix
            + "activate instructions with an ancestor scope key that does not belong to the modified process instance: '"
            + other
            + "'");
    assertUnchanged(
        transport,
        key,
        () ->
            client.newModifyProcessInstanceCommand(key).activateElement("work", sub).send().join(),
        prefix
            + "activate instructions with an ancestor scope key that is not an ancestor of the element to activate:\n"
            + "- instance '"
            + sub
            + "' of element 'sub' is not an ancestor of element 'work'");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("inner")
                .and()
                .terminateElement(sub)
                .send()
                .join(),
        prefix
            + "activate instructions for elements whose required flow scope instance is also being terminated: element"
            + " 'inner' requires flow scope instance '"
            + sub
            + "' which is being terminated. Please provide a valid ancestor"
            + " scope key for the activation or avoid terminating the required flow scope.");
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("inner", sub)
                .and()
                .terminateElement(sub)
                .send()
                .join(),
        prefix
            + "activate instructions for elements whose required flow scope instance is also being terminated: element"
            + " 'inner' requires flow scope instance '"
            + sub
            + "' which is being terminated.");
    // one bad instruction rejects the valid ones with it
    assertUnchanged(
        transport,
        key,
        () ->
            client
                .newModifyProcessInstanceCommand(key)
                .activateElement("work")
                .withVariables(Map.of("applied", true))
                .and()
                .terminateElement(inner)
                .and()
                .terminateElement(2251799813999996L)
                .send()
                .join(),
        prefix
            + "terminate instructions with an element instance that could not be found: '2251799813999996'");

    assertThat(work).isPositive();
    assertThat(rejections(key))
        .as("each rejected command is in the log as Zeebe writes it")
        .hasSize(15)
        .allSatisfy(r -> assertThat(r.rejectionType().name()).isEqualTo("INVALID_ARGUMENT"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aNewFlowScopeWhoseBoundaryEventCannotBeOpenedRejectsTheCommandUnlessItsVariablesAreGiven(
      Transport transport) {
    String process = id("reject-subscription", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("wait", t -> t.zeebeJobType(process + "-wait"))
            .subProcess("approval")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("ask", t -> t.zeebeJobType(process + "-ask"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .moveToActivity("approval")
            .boundaryEvent(
                "withdrawn",
                b -> b.message(m -> m.name("withdrawn").zeebeCorrelationKeyExpression("requestId")))
            .endEvent()
            .done());
    long key = start(process, Map.of());
    awaitElement(key, "wait");

    assertUnchanged(
        transport,
        key,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(key)
                .activateElement("ask")
                .send()
                .join(),
        "Expected to subscribe to catch event(s) of 'approval' but Failed to extract the correlation key for 'requestId':");

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("ask")
        .withVariables(Map.of("requestId", id("REQ-9", transport)), "approval")
        .send()
        .join();

    long approval = activeElements(key).get("approval").get(0);
    List<MessageSubscription> subscriptions = query(state -> state.subscriptionsOf(approval));
    assertThat(subscriptions)
        .singleElement()
        .satisfies(
            subscription -> {
              assertThat(subscription.messageName()).isEqualTo("withdrawn");
              assertThat(subscription.correlationKey()).isEqualTo(id("REQ-9", transport));
            });
    grpc.newPublishMessageCommand()
        .messageName("withdrawn")
        .correlationKey(id("REQ-9", transport))
        .timeToLive(Duration.ZERO)
        .send()
        .join();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !activeElements(key).containsKey("approval"));
    assertThat(activeElements(key)).containsOnlyKeys("wait");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void terminatingEverythingInAnInstanceACallActivityCreatedIsRejected(Transport transport) {
    String child = id("called-child", transport);
    String parent = id("calling-parent", transport);
    deploy(
        Bpmn.createExecutableProcess(child)
            .startEvent()
            .serviceTask("child-work", t -> t.zeebeJobType(child + "-work"))
            .endEvent()
            .done());
    deploy(
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(child))
            .endEvent()
            .done());
    long key = start(parent, Map.of());
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, child + "-work");
    long childKey = job.getProcessInstanceKey();
    String message =
        "Expected to modify instance of process '"
            + child
            + "' but the given instructions would terminate"
            + " the instance. The instance was created by a call activity in the parent process. To terminate this instance"
            + " please modify the parent process instead.";

    assertUnchanged(
        transport,
        childKey,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(childKey)
                .terminateElement(job.getElementInstanceKey())
                .send()
                .join(),
        message);
    assertUnchanged(
        transport,
        childKey,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(childKey)
                .terminateElement(childKey)
                .send()
                .join(),
        message);

    // modifying the parent instead ends the called instance with the call activity
    long call = activeElements(key).get("call").get(0);
    client(transport).newModifyProcessInstanceCommand(key).terminateElement(call).send().join();
    assertThat(isActive(childKey)).isFalse();
    assertThat(isActive(key)).isFalse();
  }

  @Test
  void restRequestValidationNamesTheMissingProperties() throws Exception {
    long key = 2251799813999995L;
    var http = java.net.http.HttpClient.newHttpClient();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:"
                        + engine.engine.restPort()
                        + "/v2/process-instances/"
                        + key
                        + "/modification"))
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"activateInstructions\":[{\"variableInstructions\":[{\"variables\":{}}]}],\"terminateInstructions\":[{}]}"))
            .build();
    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("No elementId provided.")
        .contains("No variables provided.")
        .contains("No elementInstanceKey provided.");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSubprocessCreatedByModificationOpensItsEventSubprocesses(Transport transport) {
    String process = id("create-scope-esp", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .userTask("triage", t -> t.zeebeUserTask())
            .subProcess("mitigate")
            .embeddedSubProcess()
            .eventSubProcess(
                "customer-cancels",
                e ->
                    e.startEvent("cancel-received")
                        .message(
                            m ->
                                m.name(process + "-cancel").zeebeCorrelationKeyExpression("ticket"))
                        .serviceTask("close-ticket", t -> t.zeebeJobType(process + "-close"))
                        .endEvent())
            .startEvent()
            .serviceTask("apply-fix", t -> t.zeebeJobType(process + "-fix"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long key = start(process, Map.of("ticket", "T-7"));
    long triage = awaitElement(key, "triage");

    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("apply-fix")
        .and()
        .terminateElement(triage)
        .send()
        .join();
    awaitElement(key, "apply-fix");
    grpc.newPublishMessageCommand()
        .messageName(process + "-cancel")
        .correlationKey("T-7")
        .send()
        .join();

    awaitElement(key, "close-ticket");
    assertThat(activeElements(key))
        .as("the interrupting event subprocess took over the new subprocess instance")
        .doesNotContainKey("apply-fix")
        .containsKeys("mitigate", "customer-cancels", "close-ticket");
  }

  // ------------------------------------------------------------------------- multi-instance

  @ParameterizedTest
  @EnumSource(Transport.class)
  void multiInstanceActivitiesAreActivatedWholeOrInsideAnExistingInnerInstance(
      Transport transport) {
    String process = id("mi-modify", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .userTask("gate", t -> t.zeebeUserTask())
            .subProcess(
                "per-host",
                sub ->
                    sub.multiInstance(
                        m -> m.zeebeInputCollectionExpression("hosts").zeebeInputElement("host")))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("drain", t -> t.zeebeJobType(process + "-drain"))
            .serviceTask("patch", t -> t.zeebeJobType(process + "-patch"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long key = start(process, Map.of("hosts", List.of("h1", "h2")));
    long gate = awaitElement(key, "gate");

    // an element inside the multi-instance subprocess cannot get a new body or inner instance
    assertUnchanged(
        transport,
        key,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(key)
                .activateElement("patch")
                .send()
                .join(),
        "Expected to modify instance of process '"
            + process
            + "' but it contains one or more activate instructions"
            + " that would result in the activation of multi-instance element 'per-host', which is currently unsupported.");

    // the multi-instance activity itself runs as usual: one inner instance per host
    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("per-host")
        .and()
        .terminateElement(gate)
        .send()
        .join();
    awaitCount(key, "drain", 2);
    List<Long> inner =
        query(
            state ->
                state.elementInstances().stream()
                    .filter(
                        i ->
                            i.processInstanceKey == key
                                && i.element().id().equals("per-host")
                                && i.type().name().equals("SUB_PROCESS"))
                    .map(i -> i.key)
                    .sorted()
                    .toList());
    assertThat(inner).hasSize(2);

    // inside an existing inner instance, chosen by its key
    assertUnchanged(
        transport,
        key,
        () ->
            client(transport)
                .newModifyProcessInstanceCommand(key)
                .activateElement("patch")
                .send()
                .join(),
        "Expected to modify instance of process '"
            + process
            + "' but it contains one or more activate instructions"
            + " for an element that has a flow scope with more than one active instance: 'per-host'. Can't decide"
            + " in which instance of the flow scope the element should be activated. Please specify an"
            + " ancestor element instance key for this activate instruction.");
    client(transport)
        .newModifyProcessInstanceCommand(key)
        .activateElement("patch", inner.get(1))
        .send()
        .join();
    long patch = awaitElement(key, "patch");
    long flowScope = query(state -> state.elementInstance(patch).flowScopeKey);
    assertThat(flowScope).isEqualTo(inner.get(1));
    Object host = query(state -> state.visibleVariable(patch, "host").value());
    assertThat(host).isEqualTo("h2");
  }

  // ------------------------------------------------------------------------- restart

  @Test
  void aModifiedInstanceIsRebuiltTheSameAfterARestart() {
    EngineTestSupport own = new EngineTestSupport(ProcessInstanceModificationTest.class);
    EngineTestSupport first = own;
    try {
      own.client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("modify-restart")
                  .startEvent()
                  .serviceTask("before", t -> t.zeebeJobType("restart-before"))
                  .subProcess("scope")
                  .embeddedSubProcess()
                  .startEvent()
                  .serviceTask("inside", t -> t.zeebeJobType("restart-inside"))
                  .endEvent()
                  .subProcessDone()
                  .endEvent()
                  .moveToActivity("scope")
                  .boundaryEvent("scope-overdue", b -> b.timerWithDuration("PT4H"))
                  .endEvent()
                  .done(),
              "modify-restart.bpmn")
          .send()
          .join();
      long key =
          own.client
              .newCreateInstanceCommand()
              .bpmnProcessId("modify-restart")
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      long before =
          org.awaitility.Awaitility.await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> activeElements(first, key).get("before"), keys -> keys != null)
              .get(0);
      own.client
          .newModifyProcessInstanceCommand(key)
          .activateElement("inside")
          .withVariables(Map.of("reason", "hotfix"), "scope")
          .and()
          .terminateElement(before)
          .send()
          .join();
      String snapshot = snapshot(own, key);
      assertThat(snapshot)
          .contains("scope")
          .contains("inside")
          .contains("reason")
          .doesNotContain("before=");

      EngineTestSupport restarted = own.restart();
      own = restarted;

      assertThat(snapshot(restarted, key)).isEqualTo(snapshot);
      ActivatedJob inside = EngineTestSupport.awaitJob(restarted.client, "restart-inside");
      assertThat(inside.getVariablesAsMap()).containsEntry("reason", "hotfix");
      restarted.client.newCompleteCommand(inside.getKey()).send().join();
      assertThat(restarted.completed(key)).isTrue();
    } finally {
      own.close();
    }
  }

  // ------------------------------------------------------------------------- helpers

  static void deploy(BpmnModelInstance model) {
    grpc.newDeployResourceCommand().addProcessModel(model, "process.bpmn").send().join();
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

  static <T> T query(java.util.function.Function<EngineState, T> query) {
    return engine.engine.api().query(query).join();
  }

  static boolean isActive(long processInstanceKey) {
    return query(state -> state.elementInstance(processInstanceKey) != null);
  }

  /**
   * Active element instances of a process instance (not the instance itself): element id to keys,
   * oldest first.
   */
  static Map<String, List<Long>> activeElements(long processInstanceKey) {
    return activeElements(engine, processInstanceKey);
  }

  static Map<String, List<Long>> activeElements(
      EngineTestSupport support, long processInstanceKey) {
    return support
        .engine
        .api()
        .query(
            state -> {
              Map<String, List<Long>> active = new TreeMap<>();
              for (ElementInstance instance : state.elementInstances()) {
                if (instance.processInstanceKey == processInstanceKey
                    && instance.key != processInstanceKey) {
                  active
                      .computeIfAbsent(instance.element().id(), id -> new ArrayList<>())
                      .add(instance.key);
                }
              }
              active.values().forEach(keys -> keys.sort(Long::compare));
              return active;
            })
        .join();
  }

  static long awaitElement(long processInstanceKey, String elementId) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> activeElements(processInstanceKey).get(elementId),
            keys -> keys != null && !keys.isEmpty())
        .get(0);
  }

  static void awaitCount(long processInstanceKey, String elementId, int count) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                activeElements(processInstanceKey).getOrDefault(elementId, List.of()).size()
                    == count);
  }

  /** Local variables of a scope: name to JSON. */
  static Map<String, String> localVariables(long scopeKey) {
    return query(
        state -> {
          Map<String, String> variables = new TreeMap<>();
          state
              .localVariables(scopeKey)
              .forEach((name, variable) -> variables.put(name, variable.json()));
          return variables;
        });
  }

  /**
   * Everything the engine keeps about a process instance, as text: its element instances (with
   * state and counters), the variables of each, its jobs, timers, subscriptions and incidents.
   */
  static String snapshot(EngineTestSupport support, long processInstanceKey) {
    return support
        .engine
        .api()
        .query(
            state -> {
              StringBuilder text = new StringBuilder();
              TreeSet<Long> keys = new TreeSet<>();
              for (ElementInstance instance : state.elementInstances()) {
                if (instance.processInstanceKey == processInstanceKey) {
                  keys.add(instance.key);
                }
              }
              for (long key : keys) {
                ElementInstance instance = state.elementInstance(key);
                text.append(instance.element().id())
                    .append('=')
                    .append(key)
                    .append(' ')
                    .append(instance.state())
                    .append(" scope=")
                    .append(instance.flowScopeKey)
                    .append(" children=")
                    .append(instance.activeChildren())
                    .append(" flows=")
                    .append(instance.activeFlows())
                    .append(" job=")
                    .append(instance.jobKey())
                    .append(" incident=")
                    .append(instance.incidentKey())
                    .append(" variables=");
                new TreeMap<>(state.localVariables(key))
                    .forEach(
                        (name, variable) ->
                            text.append(name).append(':').append(variable.json()).append(','));
                state.timersOf(key).forEach(timer -> text.append(" timer=").append(timer));
                state
                    .subscriptionsOf(key)
                    .forEach(subscription -> text.append(" subscription=").append(subscription));
                state
                    .signalSubscriptionsOf(key)
                    .forEach(subscription -> text.append(" signal=").append(subscription));
                text.append('\n');
              }
              state.jobs().stream()
                  .filter(job -> job.processInstanceKey == processInstanceKey)
                  .sorted((a, b) -> Long.compare(a.key, b.key))
                  .forEach(
                      job ->
                          text.append("job ")
                              .append(job.key)
                              .append(' ')
                              .append(job.type)
                              .append(' ')
                              .append(job.state())
                              .append('\n'));
              state.incidents().stream()
                  .filter(incident -> incident.processInstanceKey() == processInstanceKey)
                  .forEach(incident -> text.append(incident).append('\n'));
              state.userTasks().stream()
                  .filter(task -> task.processInstanceKey == processInstanceKey)
                  .forEach(task -> text.append("user task ").append(task.key).append('\n'));
              return text.toString();
            })
        .join();
  }

  static List<Record> events(Intent intent) {
    return engine.events(intent);
  }

  static long processInstanceOf(Record record) {
    return ((Number) record.value().get("processInstanceKey")).longValue();
  }

  static Record modifiedEvent(long processInstanceKey) {
    List<Record> modified =
        events(ProcessInstanceModificationIntent.MODIFIED).stream()
            .filter(r -> r.key() == processInstanceKey)
            .toList();
    assertThat(modified).isNotEmpty();
    return modified.get(modified.size() - 1);
  }

  static Record activating(long processInstanceKey, String elementId) {
    return events(ProcessInstanceIntent.ELEMENT_ACTIVATING).stream()
        .filter(
            r ->
                processInstanceOf(r) == processInstanceKey
                    && elementId.equals(r.value().get("elementId")))
        .findFirst()
        .orElseThrow();
  }

  static long positionOf(Record record) {
    return record.position();
  }

  static List<Record> rejections(long processInstanceKey) {
    List<Record> found = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == RecordType.COMMAND_REJECTION
                  && r.valueType() == ValueType.PROCESS_INSTANCE_MODIFICATION
                  && r.key() == processInstanceKey) {
                found.add(r);
              }
            });
    return found;
  }

  static long lastPosition() {
    AtomicLong last = new AtomicLong();
    engine.engine.recordLog().replay(0, r -> last.set(r.position()));
    return last.get();
  }

  /**
   * The command is rejected with the reason, and neither the instance's state nor the log's events
   * changed.
   */
  static void assertUnchanged(
      Transport transport, long processInstanceKey, ThrowingCallable command, String reason) {
    String before = snapshot(engine, processInstanceKey);
    long eventsBefore = engine.eventCount();
    assertRejected(transport, command, "INVALID_ARGUMENT", reason);
    assertThat(snapshot(engine, processInstanceKey)).isEqualTo(before);
    assertThat(engine.eventCount())
        .as("a rejected modification writes no event")
        .isEqualTo(eventsBefore);
  }

  /**
   * Rejected with the code, over either transport; the reason starts with (or is) the given text.
   */
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
                    .isEqualTo("NOT_FOUND".equals(code) ? 404 : 400);
                assertThat(problem.details().getDetail())
                    .startsWith("Command 'MODIFY' rejected with code '" + code + "': " + reason);
              } else {
                ClientStatusException status = (ClientStatusException) failure;
                assertThat(status.getStatusCode())
                    .isEqualTo(
                        "NOT_FOUND".equals(code)
                            ? Status.Code.NOT_FOUND
                            : Status.Code.INVALID_ARGUMENT);
                assertThat(status.getMessage())
                    .contains("Command 'MODIFY' rejected with code '" + code + "': " + reason);
              }
            });
  }
}
