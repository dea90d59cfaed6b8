package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import org.junit.jupiter.api.Test;

/**
 * Execution listeners (Zeebe 8.8): start listeners after input mappings and before the element's
 * behaviour, end listeners after output mappings and before ELEMENT_COMPLETED, each a job of kind
 * EXECUTION_LISTENER; their variables, incidents, cancellation, a restart, and the deployments
 * Zeebe rejects.
 */
class ExecutionListenerConformanceTest extends ClockedEngineTest {

  /**
   * The PROCESS_INSTANCE events of the element and the JOB events of the instance, as "intent
   * elementId [job type]".
   */
  private List<String> trace(long processInstanceKey, String elementId) {
    List<String> lines = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() != RecordType.EVENT
                  && r.intent() != ProcessInstanceIntent.COMPLETE_EXECUTION_LISTENER) {
                return;
              }
              if (((Number) r.value().getOrDefault("processInstanceKey", -1L)).longValue()
                      != processInstanceKey
                  || !elementId.equals(r.value().get("elementId"))) {
                return;
              }
              if (r.valueType() == ValueType.PROCESS_INSTANCE) {
                lines.add(r.intent().name());
              } else if (r.valueType() == ValueType.JOB) {
                lines.add("JOB " + r.intent() + " " + r.value().get("type"));
              }
            });
    return lines;
  }

  private List<Record> jobs(JobIntent intent, long processInstanceKey) {
    return engine.events(intent).stream()
        .filter(
            r -> ((Number) r.value().get("processInstanceKey")).longValue() == processInstanceKey)
        .toList();
  }

  private void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  @Test
  void startAndEndListenersOfAServiceTaskRunInOrderAroundItsJob() {
    deploy(
        Bpmn.createExecutableProcess("el-task")
            .startEvent()
            .serviceTask(
                "check",
                t ->
                    t.zeebeJobType("el-check")
                        .zeebeInputExpression("\"in\"", "mapped")
                        .zeebeOutputExpression("result", "checked")
                        .zeebeStartExecutionListener("el-start-1")
                        .zeebeStartExecutionListener("el-start-2")
                        .zeebeEndExecutionListener("el-end-1"))
            .endEvent()
            .done(),
        "el-task.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("el-task")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    ActivatedJob first = awaitJob("el-start-1");
    assertThat(first.getKind().name()).isEqualTo("EXECUTION_LISTENER");
    assertThat(first.getListenerEventType().name()).isEqualTo("START");
    assertThat(first.getElementId()).isEqualTo("check");
    assertThat(first.getVariablesAsMap())
        .as("after the input mappings")
        .containsEntry("mapped", "in");
    assertThat(first.getCustomHeaders()).isEmpty();
    assertThat(activate("el-start-2")).as("one listener at a time").isEmpty();
    assertThat(activate("el-check")).as("the task's job waits for its start listeners").isEmpty();
    complete(first, Map.of("fromStart", 1));

    ActivatedJob second = awaitJob("el-start-2");
    assertThat(second.getVariablesAsMap())
        .as("a start listener's variables are the next one's")
        .containsEntry("fromStart", 1);
    assertThat(activate("el-check")).isEmpty();
    complete(second, Map.of());

    ActivatedJob work = awaitJob("el-check");
    assertThat(work.getKind().name()).isEqualTo("BPMN_ELEMENT");
    assertThat(work.getListenerEventType().name()).isEqualTo("UNSPECIFIED");
    assertThat(work.getVariablesAsMap()).containsEntry("fromStart", 1);
    complete(work, Map.of("result", "ok"));

    ActivatedJob end = awaitJob("el-end-1");
    assertThat(end.getListenerEventType().name()).isEqualTo("END");
    assertThat(end.getVariablesAsMap())
        .as("after the output mappings")
        .containsEntry("checked", "ok");
    complete(end, Map.of("fromEnd", "done"));

    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertThat(variables)
        .as("an end listener's variables go to the flow scope")
        .containsEntry("fromEnd", "done");
    assertThat(variables)
        .as("a start listener's variables are local to the element")
        .doesNotContainKey("fromStart");
    long key = result.join().getProcessInstanceKey();
    assertThat(trace(key, "check"))
        .containsExactly(
            "ELEMENT_ACTIVATING",
            "JOB CREATED el-start-1",
            "JOB COMPLETED el-start-1",
            "COMPLETE_EXECUTION_LISTENER",
            "JOB CREATED el-start-2",
            "JOB COMPLETED el-start-2",
            "COMPLETE_EXECUTION_LISTENER",
            "ELEMENT_ACTIVATED",
            "JOB CREATED el-check",
            "JOB COMPLETED el-check",
            "ELEMENT_COMPLETING",
            "JOB CREATED el-end-1",
            "JOB COMPLETED el-end-1",
            "COMPLETE_EXECUTION_LISTENER",
            "ELEMENT_COMPLETED");
    assertThat(jobs(JobIntent.CREATED, key))
        .filteredOn(r -> "el-start-1".equals(r.value().get("type")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value())
                  .containsEntry("jobKind", "EXECUTION_LISTENER")
                  .containsEntry("jobListenerEventType", "START");
            });
  }

  @Test
  void listenerJobsAreActivatedOverGrpcWithTheirKind() {
    deploy(
        Bpmn.createExecutableProcess("el-grpc")
            .startEvent()
            .manualTask("pass")
            .zeebeEndExecutionListener("el-grpc-end")
            .endEvent()
            .done(),
        "el-grpc.bpmn");
    long key = start("el-grpc", Map.of());
    ActivatedJob job = EngineTestSupport.awaitJob(engine.client, "el-grpc-end");
    assertThat(job.getKind().name()).isEqualTo("EXECUTION_LISTENER");
    assertThat(job.getListenerEventType().name()).isEqualTo("END");
    engine.client.newCompleteCommand(job.getKey()).send().join();
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aUserTaskIsCreatedOnlyAfterItsStartListeners() {
    deploy(
        Bpmn.createExecutableProcess("el-user")
            .startEvent()
            .userTask(
                "approve", t -> t.zeebeUserTask().zeebeStartExecutionListener("el-user-start"))
            .endEvent()
            .done(),
        "el-user.bpmn");
    long key = start("el-user", Map.of());
    ActivatedJob listener = awaitJob("el-user-start");
    assertThat(engine.events(UserTaskIntent.CREATED))
        .noneMatch(r -> ((Number) r.value().get("processInstanceKey")).longValue() == key);
    complete(listener, Map.of("assigneeHint", "anna"));
    org.awaitility.Awaitility.await()
        .until(
            () ->
                engine.events(UserTaskIntent.CREATED).stream()
                    .anyMatch(
                        r -> ((Number) r.value().get("processInstanceKey")).longValue() == key));
    assertThat(trace(key, "approve"))
        .containsSubsequence(
            "ELEMENT_ACTIVATING", "JOB COMPLETED el-user-start", "ELEMENT_ACTIVATED");
  }

  @Test
  void processStartAndEndListenersRunAroundTheWholeInstance() {
    deploy(
        Bpmn.createExecutableProcess("el-process")
            .zeebeStartExecutionListener("el-process-start")
            .zeebeEndExecutionListener("el-process-end")
            .startEvent("begin")
            .endEvent("finish")
            .done(),
        "el-process.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("el-process")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();
    ActivatedJob started = awaitJob("el-process-start");
    assertThat(started.getElementId()).isEqualTo("el-process");
    long key = started.getProcessInstanceKey();
    assertThat(trace(key, "begin"))
        .as("nothing starts before the process's start listeners")
        .isEmpty();
    complete(started, Map.of("ticket", "T-1"));
    ActivatedJob ended = awaitJob("el-process-end");
    assertThat(ended.getVariablesAsMap()).containsEntry("ticket", "T-1");
    complete(ended, Map.of("closedBy", "listener"));

    assertThat(result.join().getVariablesAsMap())
        .containsEntry("ticket", "T-1")
        .containsEntry("closedBy", "listener");
    assertThat(trace(key, "el-process"))
        .containsExactly(
            "ELEMENT_ACTIVATING",
            "JOB CREATED el-process-start",
            "JOB COMPLETED el-process-start",
            "COMPLETE_EXECUTION_LISTENER",
            "ELEMENT_ACTIVATED",
            "ELEMENT_COMPLETING",
            "JOB CREATED el-process-end",
            "JOB COMPLETED el-process-end",
            "COMPLETE_EXECUTION_LISTENER",
            "ELEMENT_COMPLETED");
  }

  @Test
  void aGatewayStartListenerSetsTheVariableItsConditionsRead() {
    deploy(
        Bpmn.createExecutableProcess("el-gateway")
            .startEvent()
            .exclusiveGateway("route")
            .zeebeStartExecutionListener("el-route")
            .conditionExpression("tier = 2")
            .endEvent("second-line")
            .moveToNode("route")
            .conditionExpression("tier != 2")
            .endEvent("first-line")
            .done(),
        "el-gateway.bpmn");
    long key = start("el-gateway", Map.of());
    complete(awaitJob("el-route"), Map.of("tier", 2));
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
    assertThat(trace(key, "second-line")).contains("ELEMENT_COMPLETED");
    assertThat(trace(key, "first-line")).isEmpty();
  }

  @Test
  void aTerminateEndEventRunsItsOutputMappingsAndEndListenerBeforeItEndsTheOtherBranches() {
    deploy(
        Bpmn.createExecutableProcess("el-terminate")
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("other", t -> t.zeebeJobType("el-terminate-other"))
            .endEvent()
            .moveToNode("fork")
            .endEvent(
                "stop",
                e ->
                    e.terminate()
                        .zeebeOutputExpression("\"by stop\"", "stoppedBy")
                        .zeebeStartExecutionListener("el-stop-start")
                        .zeebeEndExecutionListener("el-stop-end"))
            .done(),
        "el-terminate.bpmn");
    long key = start("el-terminate", Map.of());
    complete(awaitJob("el-stop-start"), Map.of());

    ActivatedJob end = awaitJob("el-stop-end");
    assertThat(end.getListenerEventType().name()).isEqualTo("END");
    assertThat(end.getVariablesAsMap())
        .as("after the output mappings")
        .containsEntry("stoppedBy", "by stop");
    assertThat(trace(key, "other"))
        .as("the other branch runs until the terminate end event is left")
        .doesNotContain("ELEMENT_TERMINATING");
    complete(end, Map.of("closedBy", "listener"));

    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
    assertThat(trace(key, "other"))
        .containsSubsequence("ELEMENT_ACTIVATED", "ELEMENT_TERMINATING", "ELEMENT_TERMINATED");
    assertThat(trace(key, "stop"))
        .containsExactly(
            "ELEMENT_ACTIVATING",
            "JOB CREATED el-stop-start",
            "JOB COMPLETED el-stop-start",
            "COMPLETE_EXECUTION_LISTENER",
            "ELEMENT_ACTIVATED",
            "ELEMENT_COMPLETING",
            "JOB CREATED el-stop-end",
            "JOB COMPLETED el-stop-end",
            "COMPLETE_EXECUTION_LISTENER",
            "ELEMENT_COMPLETED");
    assertThat(
            engine.events(VariableIntent.CREATED).stream()
                .filter(r -> ((Number) r.value().get("scopeKey")).longValue() == key)
                .map(r -> r.value().get("name"))
                .toList())
        .as("the mapped variable and the listener's go to the process instance")
        .contains("stoppedBy", "closedBy");
  }

  @Test
  void anIntermediateCatchEventStartListenerRunsBeforeItsTimerIsCreated() {
    deploy(
        Bpmn.createExecutableProcess("el-timer")
            .startEvent()
            .intermediateCatchEvent(
                "wait",
                e -> e.timerWithDurationExpression("delay").zeebeStartExecutionListener("el-delay"))
            .endEvent()
            .done(),
        "el-timer.bpmn");
    long key = start("el-timer", Map.of());
    complete(awaitJob("el-delay"), Map.of("delay", "PT5M"));
    advance(Duration.ofMinutes(5));
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aFeelListenerTypeIsEvaluatedInTheElementsScope() {
    deploy(
        Bpmn.createExecutableProcess("el-feel")
            .startEvent()
            .manualTask("note")
            .zeebeStartExecutionListener("=\"el-audit-\" + channel")
            .endEvent()
            .done(),
        "el-feel.bpmn");
    long key = start("el-feel", Map.of("channel", "mail"));
    complete(awaitJob("el-audit-mail"), Map.of());
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aListenerTypeThatCannotBeEvaluatedRaisesAnIncidentAndResolvingRunsTheListenersAgain() {
    deploy(
        Bpmn.createExecutableProcess("el-bad-type")
            .startEvent()
            .manualTask("note")
            .zeebeStartExecutionListener("el-bad-first")
            .zeebeStartExecutionListener("=missing")
            .endEvent()
            .done(),
        "el-bad-type.bpmn");
    long key = start("el-bad-type", Map.of());
    complete(awaitJob("el-bad-first"), Map.of());
    var incident =
        org.awaitility.Awaitility.await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(incident.value())
        .containsEntry("errorType", "EXTRACT_VALUE_ERROR")
        .containsEntry("elementId", "note");

    client.newSetVariablesCommand(key).variables(Map.of("missing", "el-now-there")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    complete(awaitJob("el-bad-first"), Map.of());
    complete(awaitJob("el-now-there"), Map.of());
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aListenerJobWithoutRetriesRaisesAnIncidentAndResolvingContinuesWithThatListener() {
    deploy(
        Bpmn.createExecutableProcess("el-fail")
            .startEvent()
            .serviceTask(
                "work",
                t ->
                    t.zeebeJobType("el-fail-work")
                        .zeebeStartExecutionListener("el-fail-first")
                        .zeebeStartExecutionListener("el-fail-second"))
            .endEvent()
            .done(),
        "el-fail.bpmn");
    long key = start("el-fail", Map.of());
    complete(awaitJob("el-fail-first"), Map.of());
    ActivatedJob failing = awaitJob("el-fail-second");
    client
        .newFailCommand(failing.getKey())
        .retries(0)
        .errorMessage("audit service down")
        .send()
        .join();

    var incident =
        org.awaitility.Awaitility.await()
            .until(
                () ->
                    engine.events(IncidentIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(incident.value())
        .containsEntry("errorType", "EXECUTION_LISTENER_NO_RETRIES")
        .containsEntry("errorMessage", "audit service down")
        .containsEntry("elementId", "work");
    assertThat(((Number) incident.value().get("jobKey")).longValue()).isEqualTo(failing.getKey());

    client.newUpdateRetriesCommand(failing.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    ActivatedJob again = awaitJob("el-fail-second");
    assertThat(again.getKey())
        .as("the same listener job, not a new one")
        .isEqualTo(failing.getKey());
    assertThat(activate("el-fail-first")).as("listeners that completed do not run again").isEmpty();
    complete(again, Map.of());
    complete(awaitJob("el-fail-work"), Map.of());
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aListenerJobCannotThrowABpmnError() {
    deploy(
        Bpmn.createExecutableProcess("el-error")
            .startEvent()
            .serviceTask(
                "work",
                t -> t.zeebeJobType("el-error-work").zeebeStartExecutionListener("el-error-start"))
            .boundaryEvent("caught", b -> b.error("E"))
            .endEvent()
            .done(),
        "el-error.bpmn");
    long key = start("el-error", Map.of());
    ActivatedJob job = awaitJob("el-error-start");
    assertThatThrownBy(
            () -> engine.client.newThrowErrorCommand(job.getKey()).errorCode("E").send().join())
        .hasMessageContaining("INVALID_STATE")
        .hasMessageContaining(
            String.format(
                "Cannot throw BPMN error from EXECUTION_LISTENER job with key '%d', type 'el-error-start' and processInstanceKey '%d'",
                job.getKey(), key));
    complete(job, Map.of());
    assertThat(awaitJob("el-error-work").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  void cancellingTheInstanceCancelsThePendingListenerJob() {
    deploy(
        Bpmn.createExecutableProcess("el-cancel")
            .startEvent()
            .serviceTask(
                "work",
                t ->
                    t.zeebeJobType("el-cancel-work").zeebeStartExecutionListener("el-cancel-start"))
            .endEvent()
            .done(),
        "el-cancel.bpmn");
    long key = start("el-cancel", Map.of());
    ActivatedJob job = awaitJob("el-cancel-start");
    client.newCancelInstanceCommand(key).send().join();
    assertThat(jobs(JobIntent.CANCELED, key)).extracting(Record::key).containsExactly(job.getKey());
    assertThat(trace(key, "work"))
        .endsWith("ELEMENT_TERMINATING", "JOB CANCELED el-cancel-start", "ELEMENT_TERMINATED");
    assertThatThrownBy(() -> complete(job, Map.of())).isInstanceOf(ProblemException.class);
  }

  @Test
  void anInterruptingBoundaryEventCancelsAPendingEndListenerJob() {
    deploy(
        Bpmn.createExecutableProcess("el-boundary")
            .startEvent()
            .subProcess("stage", s -> s.zeebeEndExecutionListener("el-stage-end"))
            .embeddedSubProcess()
            .startEvent()
            .endEvent()
            .subProcessDone()
            .endEvent("done")
            .moveToActivity("stage")
            .boundaryEvent(
                "abort",
                b -> b.message(m -> m.name("el-abort").zeebeCorrelationKeyExpression("id")))
            .endEvent("aborted")
            .done(),
        "el-boundary.bpmn");
    long key = start("el-boundary", Map.of("id", "B-1"));
    ActivatedJob job = awaitJob("el-stage-end");
    // Zeebe closes the element's events when it starts completing: the message no longer interrupts
    // it
    client.newPublishMessageCommand().messageName("el-abort").correlationKey("B-1").send().join();
    complete(job, Map.of());
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
    assertThat(trace(key, "done")).contains("ELEMENT_COMPLETED");
    assertThat(trace(key, "aborted")).isEmpty();
  }

  @Test
  void listenersOfAMultiInstanceActivityRunForEachInnerInstance() {
    deploy(
        Bpmn.createExecutableProcess("el-multi")
            .startEvent()
            .serviceTask(
                "each",
                t ->
                    t.zeebeJobType("el-multi-work")
                        .zeebeStartExecutionListener("el-multi-start")
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("[1,2]")
                                    .zeebeInputElement("item")))
            .endEvent()
            .done(),
        "el-multi.bpmn");
    long key = start("el-multi", Map.of());
    List<ActivatedJob> starts =
        org.awaitility.Awaitility.await()
            .until(() -> activate("el-multi-start"), found -> found.size() == 2);
    assertThat(starts)
        .extracting(j -> j.getVariablesAsMap().get("item"))
        .containsExactlyInAnyOrder(1, 2);
    assertThat(jobs(JobIntent.CREATED, key))
        .filteredOn(r -> "el-multi-start".equals(r.value().get("type")))
        .hasSize(2)
        .allSatisfy(
            r ->
                assertThat(r.value().get("elementInstanceKey"))
                    .isNotEqualTo(
                        engine.events(ProcessInstanceIntent.ELEMENT_ACTIVATING).stream()
                            .filter(
                                p ->
                                    "MULTI_INSTANCE_BODY".equals(p.value().get("bpmnElementType"))
                                        && ((Number) p.value().get("processInstanceKey"))
                                                .longValue()
                                            == key)
                            .findFirst()
                            .orElseThrow()
                            .key()));
    starts.forEach(j -> complete(j, Map.of()));
    org.awaitility.Awaitility.await()
        .until(() -> activate("el-multi-work"), found -> found.size() == 2)
        .forEach(j -> complete(j, Map.of()));
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aPendingListenerJobSurvivesARestartAndTheNextListenerFollows() {
    deploy(
        Bpmn.createExecutableProcess("el-restart")
            .startEvent()
            .serviceTask(
                "work",
                t ->
                    t.zeebeJobType("el-restart-work")
                        .zeebeStartExecutionListener("el-restart-1")
                        .zeebeStartExecutionListener("el-restart-2")
                        .zeebeEndExecutionListener("el-restart-end"))
            .endEvent()
            .done(),
        "el-restart.bpmn");
    long key = start("el-restart", Map.of());
    complete(awaitJob("el-restart-1"), Map.of("first", true));
    org.awaitility.Awaitility.await()
        .until(
            () ->
                jobs(JobIntent.CREATED, key).stream()
                    .anyMatch(r -> "el-restart-2".equals(r.value().get("type"))));

    client.close();
    engine = engine.restart();
    client = engine.connectRest();
    client.newPinClockCommand().time(now).send().join();

    ActivatedJob second =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> activate("el-restart-2"), found -> !found.isEmpty())
            .get(0);
    assertThat(second.getVariablesAsMap()).containsEntry("first", true);
    complete(second, Map.of());
    assertThat(activate("el-restart-1")).as("the first listener does not run again").isEmpty();
    complete(awaitJob("el-restart-work"), Map.of());
    complete(awaitJob("el-restart-end"), Map.of());
    org.awaitility.Awaitility.await().until(() -> engine.completed(key));
  }

  @Test
  void aProcessStartedByAMessageStartsAtThatEventAfterItsStartListenerEvenAcrossARestart() {
    deploy(
        Bpmn.createExecutableProcess("el-message-start")
            .zeebeStartExecutionListener("el-message-start-listener")
            .startEvent("by-hand")
            .serviceTask("manual-path", t -> t.zeebeJobType("el-manual-path"))
            .endEvent()
            .moveToProcess("el-message-start")
            .startEvent("by-alert")
            .message("el-alert")
            .serviceTask("alert-path", t -> t.zeebeJobType("el-alert-path"))
            .endEvent()
            .done(),
        "el-message-start.bpmn");
    client.newPublishMessageCommand().messageName("el-alert").correlationKey("").send().join();
    ActivatedJob listener = awaitJob("el-message-start-listener");
    assertThat(engine.events(ProcessEventIntent.TRIGGERING))
        .as("the start event is remembered in the log")
        .anyMatch(r -> "by-alert".equals(r.value().get("targetElementId")));

    client.close();
    engine = engine.restart();
    client = engine.connectRest();
    client.newPinClockCommand().time(now).send().join();

    complete(listener, Map.of());
    assertThat(awaitJob("el-alert-path").getProcessInstanceKey())
        .isEqualTo(listener.getProcessInstanceKey());
    assertThat(activate("el-manual-path")).isEmpty();
  }

  @Test
  void deploymentsZeebeRejectsAreRejectedWithItsMessages() {
    expectRejection(
        Bpmn.createExecutableProcess("el-bad-start")
            .startEvent("begin")
            .zeebeStartExecutionListener("x")
            .endEvent()
            .done(),
        "'el-bad-start.bpmn': element 'begin' (startEvent): Execution listeners of type 'start' are not supported by start events");
    // the model builder offers no end listener on gateways: the XML says it
    String gateway =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess("el-bad-gateway")
                    .startEvent()
                    .exclusiveGateway("split")
                    .zeebeStartExecutionListener("x")
                    .endEvent()
                    .done())
            .replace("eventType=\"start\"", "eventType=\"end\"");
    expectRejection(
        Bpmn.readModelFromStream(
            new java.io.ByteArrayInputStream(
                gateway.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        "'el-bad-gateway.bpmn': element 'split' (exclusiveGateway): Execution listeners of type 'end' are not supported by gateway element");
    expectRejection(
        Bpmn.createExecutableProcess("el-bad-boundary")
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("w"))
            .endEvent()
            .moveToActivity("work")
            .boundaryEvent("late", b -> b.timerWithDuration("PT1H"))
            .zeebeStartExecutionListener("x")
            .endEvent()
            .done(),
        "'el-bad-boundary.bpmn': element 'late' (boundaryEvent): Execution listeners of type 'start' are not supported by boundary events");
    expectRejection(
        Bpmn.createExecutableProcess("el-bad-error")
            .startEvent()
            .endEvent("fail", e -> e.error("E").zeebeEndExecutionListener("x"))
            .done(),
        "'el-bad-error.bpmn': element 'fail' (endEvent): Execution listeners of type 'end' are not supported by [error] end events");
    expectRejection(
        Bpmn.createExecutableProcess("el-bad-feel")
            .startEvent()
            .manualTask("m")
            .zeebeStartExecutionListener("=1 +")
            .endEvent()
            .done(),
        "'el-bad-feel.bpmn'");
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
}
