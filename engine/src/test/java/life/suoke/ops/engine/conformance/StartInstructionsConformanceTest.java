package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.ProcessInstanceCreationIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
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
 * Creating a process instance at start instructions (CreateProcessInstance and
 * CreateProcessInstanceWithResult over gRPC, {@code POST /v2/process-instances} with {@code
 * startInstructions} over REST) with Zeebe 8.8's semantics: the instance starts before the named
 * elements instead of at its none start event, creating the subprocesses around them without their
 * start events, with the command's variables set on the process instance first; every element Zeebe
 * refuses is rejected with its message and nothing written.
 */
class StartInstructionsConformanceTest {

  enum Transport {
    GRPC,
    REST
  }

  static EngineTestSupport engine;
  static CamundaClient grpc;
  static CamundaClient rest;
  static final Instant NOW = Instant.parse("2026-11-02T01:00:00Z");

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(StartInstructionsConformanceTest.class);
    grpc = engine.client;
    rest = engine.connectRest();
    rest.newPinClockCommand().time(NOW).send().join();
  }

  @AfterAll
  static void stop() {
    rest.close();
    engine.close();
  }

  // ------------------------------------------------------------------------- where the instance
  // starts

  @ParameterizedTest
  @EnumSource(Transport.class)
  void startsAtATaskInTheMiddleWithoutTheStartEventOrTheTasksBeforeIt(Transport transport) {
    String process = id("middle", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent("start")
            .serviceTask("receive", t -> t.zeebeJobType(process + "-receive"))
            .serviceTask("review", t -> t.zeebeJobType(process + "-review"))
            .serviceTask("ship", t -> t.zeebeJobType(process + "-ship"))
            .endEvent("done")
            .done());

    long key =
        create(transport, process)
            .startBeforeElement("review")
            .send()
            .join()
            .getProcessInstanceKey();

    assertThat(activeElements(key)).containsOnlyKeys("review");
    assertThat(activatedElementIds(key)).containsExactly(process, "review");
    Record created = createdEvent(key);
    assertThat(created.value().get("startInstructions"))
        .isEqualTo(List.of(Map.of("elementId", "review")));
    assertThat(created.value().get("processInstanceKey")).isEqualTo(key);
    assertThat(commandOf(created).value().get("startInstructions"))
        .isEqualTo(List.of(Map.of("elementId", "review")));
    assertThat(elementEvent(key, process, ProcessInstanceIntent.ELEMENT_ACTIVATED).position())
        .as("the process instance is activated directly, before CREATED")
        .isLessThan(created.position());
    assertThat(created.position())
        .as("the element runs after CREATED, as in Zeebe")
        .isLessThan(
            elementEvent(key, "review", ProcessInstanceIntent.ELEMENT_ACTIVATING).position());
    List<ElementInstance> searched =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    rest.newElementInstanceSearchRequest()
                        .filter(f -> f.processInstanceKey(key))
                        .send()
                        .join()
                        .items(),
                items -> items.stream().anyMatch(item -> item.getElementId().equals("review")));
    assertThat(searched)
        .extracting(ElementInstance::getElementId)
        .doesNotContain("start", "receive");
    assertThat(EngineTestSupport.activate(grpc, process + "-receive")).isEmpty();

    complete(process + "-review");
    complete(process + "-ship");
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));
    assertThat(activatedElementIds(key)).containsExactly(process, "review", "ship", "done");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void startsAtTwoElementsOnParallelPathsThatJoinAgain(Transport transport) {
    String process = id("parallel", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent("start")
            .parallelGateway("fork")
            .serviceTask("pack", t -> t.zeebeJobType(process + "-pack"))
            .parallelGateway("join")
            .endEvent("done")
            .moveToNode("fork")
            .serviceTask("bill", t -> t.zeebeJobType(process + "-bill"))
            .connectTo("join")
            .done());

    long key =
        create(transport, process)
            .startBeforeElement("pack")
            .startBeforeElement("bill")
            .send()
            .join()
            .getProcessInstanceKey();

    assertThat(activeElements(key)).containsOnlyKeys("pack", "bill");
    assertThat(activatedElementIds(key)).containsExactly(process, "pack", "bill");
    assertThat(createdEvent(key).value().get("startInstructions"))
        .isEqualTo(List.of(Map.of("elementId", "pack"), Map.of("elementId", "bill")));

    complete(process + "-pack");
    assertThat(engine.completed(key)).as("the join waits for the other path").isFalse();
    complete(process + "-bill");
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));
    assertThat(activatedElementIds(key)).containsOnlyOnce("join").doesNotContain("start", "fork");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theSameElementNamedTwiceStartsTwice(Transport transport) {
    String process = id("twice", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("call", t -> t.zeebeJobType(process + "-call"))
            .endEvent()
            .done());

    long key =
        create(transport, process)
            .startBeforeElement("call")
            .startBeforeElement("call")
            .send()
            .join()
            .getProcessInstanceKey();

    assertThat(activeElements(key).get("call")).hasSize(2);
    List<ActivatedJob> jobs = EngineTestSupport.activate(grpc, process + "-call");
    assertThat(jobs).hasSize(2);
    grpc.newCompleteCommand(jobs.get(0).getKey()).send().join();
    assertThat(engine.completed(key)).isFalse();
    grpc.newCompleteCommand(jobs.get(1).getKey()).send().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void insideNestedSubprocessesTheSubprocessesActivateWithTheirBoundaryEventsButNotTheirStartEvents(
      Transport transport) {
    String process = id("nested", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent("start")
            .serviceTask("triage", t -> t.zeebeJobType(process + "-triage"))
            .subProcess("outer")
            .embeddedSubProcess()
            .startEvent("outer-start")
            .subProcess("inner")
            .embeddedSubProcess()
            .startEvent("inner-start")
            .serviceTask("fix", t -> t.zeebeJobType(process + "-fix"))
            .endEvent("inner-end")
            .subProcessDone()
            .endEvent("outer-end")
            .subProcessDone()
            .endEvent("done")
            .moveToActivity("inner")
            .boundaryEvent("overdue", b -> b.timerWithDuration("PT1H"))
            .endEvent("given-up")
            .done());

    long key =
        create(transport, process).startBeforeElement("fix").send().join().getProcessInstanceKey();

    Map<String, List<Long>> active = activeElements(key);
    assertThat(active).containsOnlyKeys("outer", "inner", "fix");
    long outer = active.get("outer").get(0);
    long inner = active.get("inner").get(0);
    long outerScope = query(state -> state.elementInstance(outer).flowScopeKey);
    long innerScope = query(state -> state.elementInstance(inner).flowScopeKey);
    long fixScope = query(state -> state.elementInstance(active.get("fix").get(0)).flowScopeKey);
    assertThat(outerScope).isEqualTo(key);
    assertThat(innerScope).isEqualTo(outer);
    assertThat(fixScope).isEqualTo(inner);
    assertThat(activatedElementIds(key))
        .as("flow scopes are created, their start events are not taken")
        .containsExactly(process, "outer", "inner", "fix");
    Record created = createdEvent(key);
    assertThat(elementEvent(key, "inner", ProcessInstanceIntent.ELEMENT_ACTIVATED).position())
        .isLessThan(created.position());
    assertThat(created.position())
        .isLessThan(elementEvent(key, "fix", ProcessInstanceIntent.ELEMENT_ACTIVATING).position());
    List<TimerInstance> timers = query(state -> state.timersOf(inner));
    assertThat(timers)
        .singleElement()
        .satisfies(
            timer -> {
              assertThat(timer.targetElementId()).isEqualTo("overdue");
              assertThat(timer.dueDate()).isEqualTo(NOW.plus(Duration.ofHours(1)).toEpochMilli());
            });

    complete(process + "-fix");
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));
    assertThat(activatedElementIds(key))
        .containsExactly(process, "outer", "inner", "fix", "inner-end", "outer-end", "done");
    List<TimerInstance> left = query(state -> state.timersOf(inner));
    assertThat(left).as("the boundary timer closed with its subprocess").isEmpty();

    long shared =
        create(transport, process)
            .startBeforeElement("fix")
            .startBeforeElement("fix")
            .send()
            .join()
            .getProcessInstanceKey();
    Map<String, List<Long>> sharing = activeElements(shared);
    assertThat(sharing.get("outer"))
        .as("two instructions in one subprocess share its instance")
        .hasSize(1);
    assertThat(sharing.get("inner")).hasSize(1);
    assertThat(sharing.get("fix")).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theVariablesAreSetOnTheProcessInstanceBeforeTheElementsActivateAndTheirExpressionsSeeThem(
      Transport transport) {
    String process = id("variables", transport);
    String orderId = id("ORD-7", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .eventSubProcess(
                "cancellation",
                esp ->
                    esp.startEvent("cancel")
                        .message(m -> m.name("cancel").zeebeCorrelationKeyExpression("orderId"))
                        .endEvent("cancelled"))
            .startEvent()
            .serviceTask("collect", t -> t.zeebeJobType(process + "-collect"))
            .subProcess("assessment")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask(
                "assess",
                t ->
                    t.zeebeJobType(process + "-assess")
                        .zeebeInputExpression("amount * 2", "doubled"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .moveToActivity("assessment")
            .boundaryEvent("late", b -> b.timerWithDurationExpression("deadline"))
            .endEvent()
            .done());

    assertNothingWritten(
        transport,
        () ->
            create(transport, process)
                .startBeforeElement("assess")
                .variables(Map.of("orderId", orderId))
                .send()
                .join(),
        "Expected to subscribe to catch event(s) of 'assessment' but ");

    long key =
        create(transport, process)
            .startBeforeElement("assess")
            .variables(Map.of("amount", 21, "orderId", orderId, "deadline", "PT2H"))
            .send()
            .join()
            .getProcessInstanceKey();

    long activating =
        elementEvent(key, "assess", ProcessInstanceIntent.ELEMENT_ACTIVATING).position();
    List<Record> variables =
        events(VariableIntent.CREATED).stream().filter(r -> processInstanceOf(r) == key).toList();
    assertThat(variables)
        .filteredOn(r -> ((Number) r.value().get("scopeKey")).longValue() == key)
        .extracting(r -> r.value().get("name"))
        .containsExactlyInAnyOrder("amount", "orderId", "deadline");
    assertThat(variables)
        .filteredOn(r -> ((Number) r.value().get("scopeKey")).longValue() == key)
        .allSatisfy(r -> assertThat(r.position()).isLessThan(activating));
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, process + "-assess");
    assertThat(job.getVariablesAsMap())
        .containsEntry("doubled", 42)
        .containsEntry("orderId", orderId);
    long assessment = activeElements(key).get("assessment").get(0);
    List<TimerInstance> deadlines = query(state -> state.timersOf(assessment));
    assertThat(deadlines)
        .singleElement()
        .satisfies(
            timer ->
                assertThat(timer.dueDate())
                    .isEqualTo(NOW.plus(Duration.ofHours(2)).toEpochMilli()));
    List<MessageSubscription> subscriptions = query(state -> state.subscriptionsOf(key));
    assertThat(subscriptions)
        .as("the process instance's event subprocess is open without its start event")
        .singleElement()
        .satisfies(
            subscription -> {
              assertThat(subscription.messageName()).isEqualTo("cancel");
              assertThat(subscription.correlationKey()).isEqualTo(orderId);
            });

    grpc.newPublishMessageCommand()
        .messageName("cancel")
        .correlationKey(orderId)
        .timeToLive(Duration.ZERO)
        .send()
        .join();
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));
    assertThat(activatedElementIds(key))
        .contains("cancellation", "cancelled")
        .doesNotContain("collect");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void createWithResultAnswersWhenTheInstanceStartedAtTheElementCompletes(Transport transport) {
    String process = id("with-result", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent("start")
            .serviceTask("ask", t -> t.zeebeJobType(process + "-ask"))
            .scriptTask("compute", s -> s.zeebeExpression("base + 1").zeebeResultVariable("total"))
            .endEvent("done")
            .done());

    ProcessInstanceResult result =
        create(transport, process)
            .startBeforeElement("compute")
            .variables(Map.of("base", 41))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsEntry("total", 42).containsEntry("base", 41);
    assertThat(engine.completed(result.getProcessInstanceKey())).isTrue();
    assertThat(activatedElementIds(result.getProcessInstanceKey()))
        .containsExactly(process, "compute", "done");
    assertThat(commandOf(createdEvent(result.getProcessInstanceKey())).intent())
        .isEqualTo(ProcessInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT);
    assertThat(EngineTestSupport.activate(grpc, process + "-ask")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aProcessWithoutNoneStartEventCanBeStartedAtAnElement(Transport transport) {
    String process = id("no-none-start", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent("by-message")
            .message(m -> m.name(process + "-go"))
            .serviceTask("work", t -> t.zeebeJobType(process + "-work"))
            .endEvent()
            .done());

    assertRejected(
        transport,
        () -> create(transport, process).send().join(),
        "INVALID_STATE",
        "Expected to create instance of process with none start event, but there is no such event");

    long key =
        create(transport, process).startBeforeElement("work").send().join().getProcessInstanceKey();
    assertThat(activeElements(key)).containsOnlyKeys("work");
  }

  // ------------------------------------------------------------------------- rejections

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyElementZeebeRefusesIsRejectedWithItsMessageAndNothingWritten(Transport transport) {
    String process = id("refused", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .eventSubProcess(
                "alarm", esp -> esp.startEvent("alarm-start").signal("alarm").endEvent())
            .startEvent("start")
            .serviceTask("work", t -> t.zeebeJobType(process + "-work"))
            .boundaryEvent("overdue", b -> b.timerWithDuration("PT1H"))
            .endEvent()
            .moveToActivity("work")
            .sequenceFlowId("to-items")
            .subProcess(
                "per-item",
                s ->
                    s.multiInstance(
                        m -> m.zeebeInputCollectionExpression("items").zeebeInputElement("item")))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("handle", t -> t.zeebeJobType(process + "-handle"))
            .endEvent()
            .subProcessDone()
            .eventBasedGateway("gate")
            .intermediateCatchEvent("paid")
            .message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
            .endEvent()
            .moveToNode("gate")
            .intermediateCatchEvent("timeout")
            .timerWithDuration("PT1H")
            .endEvent()
            .done());
    String prefix = "Expected to create instance of process with start instructions but ";
    String unsupported =
        ". Supported element types are: [SUB_PROCESS, EVENT_SUB_PROCESS, AD_HOC_SUB_PROCESS,"
            + " AD_HOC_SUB_PROCESS_INNER_INSTANCE, INTERMEDIATE_CATCH_EVENT, INTERMEDIATE_THROW_EVENT, END_EVENT, SERVICE_TASK,"
            + " RECEIVE_TASK, USER_TASK, MANUAL_TASK, TASK, EXCLUSIVE_GATEWAY, PARALLEL_GATEWAY, EVENT_BASED_GATEWAY,"
            + " INCLUSIVE_GATEWAY, MULTI_INSTANCE_BODY, CALL_ACTIVITY, BUSINESS_RULE_TASK, SCRIPT_TASK, SEND_TASK]";

    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "nowhere"),
        prefix + "no element found with id 'nowhere'.");
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "overdue", "work", "nowhere"),
        prefix + "no element found with id 'nowhere'.");
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "work", "handle"),
        prefix
            + "the element with id 'handle' is inside a multi-instance subprocess. The creation of elements inside a"
            + " multi-instance subprocess is not supported.");
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "start"),
        prefix
            + "the element with id 'start' targets unsupported element type 'START_EVENT'"
            + unsupported);
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "alarm-start"),
        prefix
            + "the element with id 'alarm-start' targets unsupported element type 'START_EVENT'"
            + unsupported);
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "work", "overdue"),
        prefix
            + "the element with id 'overdue' targets unsupported element type 'BOUNDARY_EVENT'"
            + unsupported);
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "to-items"),
        prefix
            + "the element with id 'to-items' targets unsupported element type 'SEQUENCE_FLOW'"
            + unsupported);
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, process),
        prefix
            + "the element with id '"
            + process
            + "' targets unsupported element type 'PROCESS'"
            + unsupported);
    assertNothingWritten(
        transport,
        () -> startingAt(transport, process, "paid"),
        prefix
            + "the element with id 'paid' belongs to an event-based gateway. The creation of elements belonging to an"
            + " event-based gateway is not supported.");

    assertThat(rejections())
        .filteredOn(r -> process.equals(r.value().get("bpmnProcessId")))
        .as("each rejected command is in the log as Zeebe writes it")
        .hasSize(9)
        .allSatisfy(r -> assertThat(r.rejectionType().name()).isEqualTo("INVALID_ARGUMENT"));

    // the elements Zeebe does start at: the multi-instance activity itself, the event-based
    // gateway, the event subprocess
    long key =
        create(transport, process)
            .startBeforeElement("per-item")
            .startBeforeElement("gate")
            .startBeforeElement("alarm")
            .variables(Map.of("items", List.of(1, 2), "orderId", "o-1"))
            .send()
            .join()
            .getProcessInstanceKey();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> activeElements(key).getOrDefault("handle", List.of()).size() == 2);
    assertThat(activeElements(key)).containsKeys("per-item", "gate").doesNotContainKey("work");
    assertThat(activatedElementIds(key)).contains("alarm", "alarm-start");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void runtimeInstructionsAreNotImplementedAndCreateNothing(Transport transport) {
    String process = id("runtime", transport);
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(process + "-work"))
            .endEvent()
            .done());
    long before = engine.eventCount();

    assertThatThrownBy(() -> create(transport, process).terminateAfterElement("work").send().join())
        .satisfies(
            failure -> {
              if (transport == Transport.REST) {
                ProblemException problem = (ProblemException) failure;
                assertThat(problem.details().getStatus()).isEqualTo(501);
                assertThat(problem.details().getTitle()).isEqualTo("NOT_IMPLEMENTED");
              } else {
                assertThat(((ClientStatusException) failure).getStatusCode())
                    .isEqualTo(Status.Code.UNIMPLEMENTED);
              }
            });
    assertThat(engine.eventCount()).isEqualTo(before);
  }

  @Test
  void restRefusesAStartInstructionWithoutElementId() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + engine.engine.restPort() + "/v2/process-instances"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"processDefinitionId\":\"any\",\"startInstructions\":[{}]}"))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("\"title\":\"INVALID_ARGUMENT\"")
        .contains("No elementId provided.");
  }

  // ------------------------------------------------------------------------- helpers

  static CamundaClient client(Transport transport) {
    return transport == Transport.GRPC ? grpc : rest;
  }

  static String id(String base, Transport transport) {
    return base + "-" + transport.name().toLowerCase(Locale.ROOT);
  }

  static void deploy(BpmnModelInstance model) {
    grpc.newDeployResourceCommand().addProcessModel(model, "process.bpmn").send().join();
  }

  static CreateProcessInstanceCommandStep3 create(Transport transport, String processId) {
    return client(transport).newCreateInstanceCommand().bpmnProcessId(processId).latestVersion();
  }

  static void startingAt(Transport transport, String processId, String... elementIds) {
    CreateProcessInstanceCommandStep3 command = create(transport, processId);
    for (String elementId : elementIds) {
      command = command.startBeforeElement(elementId);
    }
    command.send().join();
  }

  static void complete(String type) {
    ActivatedJob job = EngineTestSupport.awaitJob(grpc, type);
    grpc.newCompleteCommand(job.getKey()).send().join();
  }

  static <T> T query(Function<EngineState, T> query) {
    return engine.engine.api().query(query).join();
  }

  /**
   * Active element instances of a process instance (not the instance itself): element id to keys,
   * oldest first.
   */
  static Map<String, List<Long>> activeElements(long processInstanceKey) {
    return query(
        state -> {
          Map<String, List<Long>> active = new TreeMap<>();
          state.elementInstances().stream()
              .filter(
                  instance ->
                      instance.processInstanceKey == processInstanceKey
                          && instance.key != processInstanceKey)
              .sorted((a, b) -> Long.compare(a.key, b.key))
              .forEach(
                  instance ->
                      active
                          .computeIfAbsent(instance.element().id(), id -> new ArrayList<>())
                          .add(instance.key));
          return active;
        });
  }

  static List<Record> events(Intent intent) {
    return engine.events(intent);
  }

  static long processInstanceOf(Record record) {
    return ((Number) record.value().get("processInstanceKey")).longValue();
  }

  /** The ids of the elements of a process instance that started activating, in log order. */
  static List<Object> activatedElementIds(long processInstanceKey) {
    return events(ProcessInstanceIntent.ELEMENT_ACTIVATING).stream()
        .filter(r -> processInstanceOf(r) == processInstanceKey)
        .map(r -> r.value().get("elementId"))
        .toList();
  }

  static Record elementEvent(
      long processInstanceKey, String elementId, ProcessInstanceIntent intent) {
    return events(intent).stream()
        .filter(
            r ->
                processInstanceOf(r) == processInstanceKey
                    && elementId.equals(r.value().get("elementId")))
        .findFirst()
        .orElseThrow();
  }

  static Record createdEvent(long processInstanceKey) {
    return events(ProcessInstanceCreationIntent.CREATED).stream()
        .filter(r -> r.key() == processInstanceKey)
        .findFirst()
        .orElseThrow();
  }

  /** The command an event was written for. */
  static Record commandOf(Record event) {
    List<Record> found = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.position() == event.sourceRecordPosition()) {
                found.add(r);
              }
            });
    assertThat(found)
        .singleElement()
        .satisfies(r -> assertThat(r.recordType()).isEqualTo(RecordType.COMMAND));
    return found.get(0);
  }

  static List<Record> rejections() {
    List<Record> found = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == RecordType.COMMAND_REJECTION
                  && r.valueType() == ValueType.PROCESS_INSTANCE_CREATION) {
                found.add(r);
              }
            });
    return found;
  }

  /**
   * Rejected (INVALID_ARGUMENT) with the reason, and no event written, no element instance made.
   */
  static void assertNothingWritten(Transport transport, ThrowingCallable command, String reason) {
    long eventsBefore = engine.eventCount();
    int instancesBefore = query(state -> state.elementInstances().size());
    assertRejected(transport, command, "INVALID_ARGUMENT", reason);
    assertThat(engine.eventCount())
        .as("a rejected creation writes no event")
        .isEqualTo(eventsBefore);
    int instancesAfter = query(state -> state.elementInstances().size());
    assertThat(instancesAfter).isEqualTo(instancesBefore);
  }

  /**
   * Rejected with the code over either transport; the reason starts with (or is) the given text.
   */
  static void assertRejected(
      Transport transport, ThrowingCallable command, String code, String reason) {
    String expected = "Command 'CREATE' rejected with code '" + code + "': " + reason;
    assertThatThrownBy(command)
        .satisfies(
            failure -> {
              if (transport == Transport.REST) {
                assertThat(failure).isInstanceOf(ProblemException.class);
                ProblemException problem = (ProblemException) failure;
                assertThat(problem.details().getTitle()).isEqualTo(code);
                assertThat(problem.details().getStatus())
                    .isEqualTo("INVALID_STATE".equals(code) ? 409 : 400);
                assertThat(problem.details().getDetail()).startsWith(expected);
              } else {
                assertThat(failure).isInstanceOf(ClientStatusException.class);
                ClientStatusException status = (ClientStatusException) failure;
                assertThat(status.getStatusCode())
                    .isEqualTo(
                        "INVALID_STATE".equals(code)
                            ? Status.Code.FAILED_PRECONDITION
                            : Status.Code.INVALID_ARGUMENT);
                assertThat(status.getMessage()).contains(expected);
              }
            });
  }
}
