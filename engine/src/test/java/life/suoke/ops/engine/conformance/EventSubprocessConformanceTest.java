package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.EscalationIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import org.junit.jupiter.api.Test;

/**
 * Event subprocesses with Zeebe 8.8's semantics, through the real Camunda client (REST, and gRPC
 * where noted): timer, message, signal, error and escalation start events, interrupting and
 * non-interrupting, in the process and in an embedded subprocess; the variables of the triggering
 * event; catch precedence against boundary events; scope completion; incidents; cancellation; a
 * restart; deployment rejections. Time moves only through the clock API.
 */
class EventSubprocessConformanceTest extends ClockedEngineTest {

  /**
   * The first job of a type, waiting up to 10 s for one; locked for a day, as the tests move the
   * clock by hours.
   */
  ActivatedJob awaitJob(String type) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> activate(type, 1), jobs -> !jobs.isEmpty())
        .get(0);
  }

  /** The jobs of a type that are activatable right now (no long polling). */
  List<ActivatedJob> activate(String type) {
    return activate(type, 10);
  }

  List<ActivatedJob> activate(String type, int max) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(max)
        .timeout(Duration.ofDays(1))
        .requestTimeout(Duration.ofMillis(-1))
        .send()
        .join()
        .getJobs();
  }

  void complete(ActivatedJob job) {
    client.newCompleteCommand(job.getKey()).send().join();
  }

  void publish(String name, String correlationKey, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .timeToLive(Duration.ZERO)
        .variables(variables)
        .send()
        .join();
  }

  /** Events of a type and intent that belong to a process instance, in log order. */
  List<Record> events(Intent intent, long processInstanceKey) {
    return engine.events(intent).stream()
        .filter(r -> lng(r, "processInstanceKey") == processInstanceKey)
        .toList();
  }

  /** Element instance events of one element of a process instance. */
  List<Record> element(ProcessInstanceIntent intent, long processInstanceKey, String elementId) {
    return events(intent, processInstanceKey).stream()
        .filter(r -> elementId.equals(r.value().get("elementId")))
        .toList();
  }

  static long lng(Record record, String field) {
    Object value = record.value().get(field);
    return value == null ? -1 : ((Number) value).longValue();
  }

  void awaitCompleted(long processInstanceKey) {
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(processInstanceKey));
  }

  // ------------------------------------------------------------------------- timers

  @Test
  void interruptingTimerCancelsTheUserTaskAndTheTimerThenCompletesTheProcess() {
    deploy(
        Bpmn.createExecutableProcess("esp-sla")
            .eventSubProcess(
                "sla-breached",
                esp ->
                    esp.startEvent("sla-timer")
                        .timerWithDuration("PT1H")
                        .serviceTask("escalate", t -> t.zeebeJobType("esp-sla-escalate"))
                        .endEvent("escalated"))
            .startEvent()
            .parallelGateway("fork")
            .userTask("review", u -> u.zeebeUserTask().zeebeCandidateGroups("cab"))
            .endEvent("reviewed")
            .moveToNode("fork")
            .intermediateCatchEvent("reminder", e -> e.timerWithDuration("PT2H"))
            .endEvent("reminded")
            .done(),
        "esp-sla.bpmn");
    long key = start("esp-sla", Map.of());

    await().until(() -> !events(UserTaskIntent.CREATED, key).isEmpty());
    Record espTimer =
        events(TimerIntent.CREATED, key).stream()
            .filter(r -> "sla-timer".equals(r.value().get("targetElementId")))
            .findFirst()
            .orElseThrow();
    assertThat(lng(espTimer, "elementInstanceKey"))
        .as("the timer belongs to the process instance")
        .isEqualTo(key);
    assertThat(lng(espTimer, "dueDate")).isEqualTo(now.plus(Duration.ofHours(1)).toEpochMilli());

    advance(Duration.ofMinutes(59));
    assertThat(activate("esp-sla-escalate")).as("not due yet").isEmpty();
    advance(Duration.ofMinutes(1));
    ActivatedJob escalate = awaitJob("esp-sla-escalate");
    assertThat(escalate.getProcessInstanceKey()).isEqualTo(key);

    // everything else in the scope was terminated first: the user task, the other timer
    assertThat(events(UserTaskIntent.CANCELED, key)).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "review")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "reminder")).hasSize(1);
    assertThat(events(TimerIntent.CANCELED, key))
        .anyMatch(r -> "reminder".equals(r.value().get("targetElementId")));
    assertThat(events(TimerIntent.TRIGGERED, key))
        .singleElement()
        .satisfies(r -> assertThat(r.value().get("targetElementId")).isEqualTo("sla-timer"));

    // the records Zeebe writes for the trigger and the event subprocess
    assertThat(events(ProcessEventIntent.TRIGGERING, key))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(lng(r, "scopeKey")).isEqualTo(key);
              assertThat(r.value().get("targetElementId")).isEqualTo("sla-timer");
            });
    Record subprocess =
        element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "sla-breached").get(0);
    assertThat(subprocess.value().get("bpmnElementType")).isEqualTo("EVENT_SUB_PROCESS");
    assertThat(subprocess.value().get("bpmnEventType")).isEqualTo("UNSPECIFIED");
    assertThat(lng(subprocess, "flowScopeKey")).isEqualTo(key);
    Record startEvent = element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "sla-timer").get(0);
    assertThat(startEvent.value().get("bpmnElementType")).isEqualTo("START_EVENT");
    assertThat(startEvent.value().get("bpmnEventType")).isEqualTo("TIMER");
    assertThat(lng(startEvent, "flowScopeKey")).isEqualTo(subprocess.key());
    assertThat(events(ProcessEventIntent.TRIGGERED, key))
        .singleElement()
        .satisfies(r -> assertThat(lng(r, "scopeKey")).isEqualTo(startEvent.key()));

    // the search API shows the event subprocess instance with its type
    ElementInstance found =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    client
                        .newElementInstanceSearchRequest()
                        .filter(f -> f.processInstanceKey(key).elementId("sla-breached"))
                        .send()
                        .join()
                        .items(),
                items -> items.size() == 1)
            .get(0);
    assertThat(found.getType()).isEqualTo(ElementInstanceType.EVENT_SUB_PROCESS);
    assertThat(found.getElementInstanceKey()).isEqualTo(subprocess.key());

    complete(escalate);
    awaitCompleted(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "sla-breached")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "reviewed"))
        .as("the main flow never ended normally")
        .isEmpty();
  }

  @Test
  void nonInterruptingTimerCycleFiresEachTimeAndTheProcessWaitsForItsInstances() {
    deploy(
        Bpmn.createExecutableProcess("esp-reminders")
            .eventSubProcess(
                "remind",
                esp ->
                    esp.startEvent("every-10m")
                        .interrupting(false)
                        .timerWithCycle("R3/PT10M")
                        .serviceTask("send-reminder", t -> t.zeebeJobType("esp-send-reminder"))
                        .endEvent())
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("esp-reminded-work"))
            .endEvent("done")
            .done(),
        "esp-reminders.bpmn");
    long key = start("esp-reminders", Map.of());
    ActivatedJob work = awaitJob("esp-reminded-work");

    List<ActivatedJob> reminders = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      advance(Duration.ofMinutes(10));
      reminders.add(awaitJob("esp-send-reminder"));
      assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "remind")).hasSize(i);
    }
    assertThat(reminders).allSatisfy(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(key));
    assertThat(events(TimerIntent.CREATED, key)).as("R3: three occurrences").hasSize(3);
    assertThat(events(TimerIntent.TRIGGERED, key)).hasSize(3);
    assertThat(events(JobIntent.CANCELED, key))
        .as("the main flow goes on, not interrupted")
        .isEmpty();

    complete(work);
    await().until(() -> !element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "done").isEmpty());
    assertThat(engine.completed(key))
        .as("three event subprocess instances are still active")
        .isFalse();

    reminders.forEach(this::complete);
    awaitCompleted(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "remind")).hasSize(3);
  }

  // ------------------------------------------------------------------------- messages

  @Test
  void interruptingMessageCorrelatesByTheScopesVariableAndItsVariablesReachTheProcess() {
    deploy(
        Bpmn.createExecutableProcess("esp-order")
            .eventSubProcess(
                "cancellation",
                esp ->
                    esp.startEvent("cancel-requested")
                        .message(
                            m ->
                                m.name("esp-cancel-order").zeebeCorrelationKeyExpression("orderId"))
                        .serviceTask("refund", t -> t.zeebeJobType("esp-refund"))
                        .endEvent())
            .startEvent()
            .serviceTask("ship", t -> t.zeebeJobType("esp-ship"))
            .endEvent()
            .done(),
        "esp-order.bpmn");
    long cancelled = start("esp-order", Map.of("orderId", "A-1"));
    long shipped = start("esp-order", Map.of("orderId", 42));

    await().until(() -> events(ProcessMessageSubscriptionIntent.CREATED, shipped).size() == 1);
    assertThat(events(ProcessMessageSubscriptionIntent.CREATED, cancelled))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().get("correlationKey")).isEqualTo("A-1");
              assertThat(r.value().get("elementId")).isEqualTo("cancel-requested");
              assertThat(lng(r, "elementInstanceKey")).isEqualTo(cancelled);
              assertThat(r.value().get("interrupting")).isEqualTo(true);
            });
    assertThat(
            events(ProcessMessageSubscriptionIntent.CREATED, shipped)
                .get(0)
                .value()
                .get("correlationKey"))
        .isEqualTo("42");

    publish("esp-cancel-order", "A-1", Map.of("reason", "customer"));

    ActivatedJob refund = awaitJob("esp-refund");
    assertThat(refund.getProcessInstanceKey()).isEqualTo(cancelled);
    assertThat(refund.getVariablesAsMap())
        .containsEntry("reason", "customer")
        .containsEntry("orderId", "A-1");
    assertThat(events(VariableIntent.CREATED, cancelled))
        .as(
            "without output mappings the message's variables are propagated to the process instance")
        .filteredOn(r -> "reason".equals(r.value().get("name")))
        .singleElement()
        .satisfies(r -> assertThat(lng(r, "scopeKey")).isEqualTo(cancelled));
    assertThat(events(JobIntent.CANCELED, cancelled))
        .singleElement()
        .satisfies(r -> assertThat(r.value().get("elementId")).isEqualTo("ship"));
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, cancelled)).hasSize(1);

    // the other instance is untouched
    assertThat(activate("esp-ship"))
        .singleElement()
        .satisfies(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(shipped));
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, shipped)).isEmpty();

    complete(refund);
    awaitCompleted(cancelled);
  }

  @Test
  void nonInterruptingMessageRunsForEachMessageWithItsVariablesAndTheSubprocessMappings() {
    deploy(
        Bpmn.createExecutableProcess("esp-updates")
            .eventSubProcess(
                "update",
                esp ->
                    esp.zeebeInputExpression("\"ops-\" + ticket", "queue")
                        .zeebeOutputExpression("queue + \": \" + note", "lastUpdate")
                        .startEvent("update-received")
                        .interrupting(false)
                        .message(
                            m ->
                                m.name("esp-ticket-updated")
                                    .zeebeCorrelationKeyExpression("ticket"))
                        .serviceTask("apply-update", t -> t.zeebeJobType("esp-apply-update"))
                        .endEvent())
            .startEvent()
            .serviceTask("resolve", t -> t.zeebeJobType("esp-resolve"))
            .endEvent()
            .done(),
        "esp-updates.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("esp-updates")
            .latestVersion()
            .variables(Map.of("ticket", "T-7"))
            .withResult()
            .requestTimeout(Duration.ofSeconds(30))
            .send();
    ActivatedJob resolve = awaitJob("esp-resolve");
    long key = resolve.getProcessInstanceKey();

    publish("esp-ticket-updated", "T-7", Map.of("note", "first"));
    ActivatedJob first = awaitJob("esp-apply-update");
    assertThat(first.getVariablesAsMap())
        .containsEntry("note", "first")
        .containsEntry("queue", "ops-T-7");
    publish("esp-ticket-updated", "T-7", Map.of("note", "second"));
    ActivatedJob second = awaitJob("esp-apply-update");
    assertThat(second.getVariablesAsMap()).containsEntry("note", "second");

    List<Record> subprocesses = element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "update");
    assertThat(subprocesses).hasSize(2);
    assertThat(events(VariableIntent.CREATED, key))
        .filteredOn(r -> "queue".equals(r.value().get("name")))
        .as("the input mapping makes a local variable of each event subprocess instance")
        .extracting(r -> lng(r, "scopeKey"))
        .containsExactly(subprocesses.get(0).key(), subprocesses.get(1).key());
    assertThat(events(VariableIntent.CREATED, key))
        .filteredOn(r -> "note".equals(r.value().get("name")))
        .singleElement()
        .satisfies(r -> assertThat(lng(r, "scopeKey")).isEqualTo(key));
    assertThat(events(ProcessMessageSubscriptionIntent.CORRELATED, key)).hasSize(2);
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, key))
        .as("non-interrupting: still open")
        .isEmpty();

    complete(second);
    complete(first);
    complete(resolve);
    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertThat(variables)
        .containsEntry("note", "second")
        .containsEntry("lastUpdate", "ops-T-7: second")
        .doesNotContainKey("queue");
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, key))
        .as("closed when the process completes")
        .hasSize(1);
  }

  @Test
  void aCorrelationKeyThatCannotBeEvaluatedIsAnIncidentUntilTheVariableIsSet() {
    deploy(
        Bpmn.createExecutableProcess("esp-no-key")
            .eventSubProcess(
                "complaint",
                esp ->
                    esp.startEvent("complaint-received")
                        .message(
                            m ->
                                m.name("esp-complaint").zeebeCorrelationKeyExpression("customerId"))
                        .serviceTask(
                            "handle-complaint", t -> t.zeebeJobType("esp-handle-complaint"))
                        .endEvent())
            .startEvent("begin")
            .serviceTask("serve", t -> t.zeebeJobType("esp-serve"))
            .endEvent()
            .done(),
        "esp-no-key.bpmn");
    long key = start("esp-no-key", Map.of());

    Record incident =
        await().until(() -> events(IncidentIntent.CREATED, key), found -> !found.isEmpty()).get(0);
    assertThat(incident.value().get("errorType")).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.value().get("elementId")).isEqualTo("begin");
    assertThat(incident.value().get("errorMessage"))
        .isEqualTo(
            "Failed to extract the correlation key for 'customerId': The value must be either a string or a number, but was 'NULL'.");
    assertThat(activate("esp-serve")).as("the start event did not complete").isEmpty();

    client.newSetVariablesCommand(key).variables(Map.of("customerId", "C-5")).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    assertThat(awaitJob("esp-serve").getProcessInstanceKey()).isEqualTo(key);
    assertThat(events(ProcessMessageSubscriptionIntent.CREATED, key))
        .singleElement()
        .satisfies(r -> assertThat(r.value().get("correlationKey")).isEqualTo("C-5"));
  }

  // ------------------------------------------------------------------------- signals

  @Test
  void interruptingSignalTakesOverWithTheBroadcastsVariables() {
    deploy(
        Bpmn.createExecutableProcess("esp-freeze")
            .eventSubProcess(
                "freeze",
                esp ->
                    esp.startEvent("freeze-signal")
                        .signal("esp-change-freeze")
                        .serviceTask("hold", t -> t.zeebeJobType("esp-hold-change"))
                        .endEvent())
            .startEvent()
            .serviceTask("implement", t -> t.zeebeJobType("esp-implement"))
            .endEvent()
            .done(),
        "esp-freeze.bpmn");
    long key = start("esp-freeze", Map.of());
    awaitJob("esp-implement");
    assertThat(events(SignalSubscriptionIntent.CREATED, key))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().get("catchEventId")).isEqualTo("freeze-signal");
              assertThat(lng(r, "catchEventInstanceKey")).isEqualTo(key);
            });

    client
        .newBroadcastSignalCommand()
        .signalName("esp-change-freeze")
        .variables(Map.of("until", "2026-12-01"))
        .send()
        .join();

    ActivatedJob hold = awaitJob("esp-hold-change");
    assertThat(hold.getProcessInstanceKey()).isEqualTo(key);
    assertThat(hold.getVariablesAsMap()).containsEntry("until", "2026-12-01");
    assertThat(events(JobIntent.CANCELED, key))
        .extracting(r -> r.value().get("elementId"))
        .containsExactly("implement");
    assertThat(events(SignalSubscriptionIntent.DELETED, key)).hasSize(1);
    assertThat(events(ProcessEventIntent.TRIGGERING, key))
        .singleElement()
        .satisfies(
            r -> assertThat(r.value().get("variables")).isEqualTo(Map.of("until", "2026-12-01")));

    complete(hold);
    awaitCompleted(key);
  }

  @Test
  void interruptingEventSubprocessClearsTokensWaitingAtAJoin() {
    deploy(
        Bpmn.createExecutableProcess("esp-join")
            .eventSubProcess(
                "stop",
                esp -> esp.startEvent("stop-signal").signal("esp-stop-join").endEvent("stopped"))
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("a", t -> t.zeebeJobType("esp-join-a"))
            .parallelGateway("join")
            .endEvent()
            .moveToNode("fork")
            .serviceTask("b", t -> t.zeebeJobType("esp-join-b"))
            .connectTo("join")
            .done(),
        "esp-join.bpmn");
    long key = start("esp-join", Map.of());
    complete(awaitJob("esp-join-a")); // its token waits at the join
    awaitJob("esp-join-b");

    // over gRPC this time
    engine.client.newBroadcastSignalCommand().signalName("esp-stop-join").send().join();

    awaitCompleted(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "b")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "join")).isEmpty();
  }

  // ------------------------------------------------------------------------- errors

  @Test
  void errorEndEventIsCaughtByAnErrorEventSubprocess() {
    deploy(
        Bpmn.createExecutableProcess("esp-error-end")
            .eventSubProcess(
                "on-failure",
                esp ->
                    esp.startEvent("failed")
                        .error("ESP_CHECK_FAILED")
                        .serviceTask("clean-up", t -> t.zeebeJobType("esp-clean-up"))
                        .endEvent())
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("parallel-work", t -> t.zeebeJobType("esp-parallel-work"))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("check", t -> t.zeebeJobType("esp-check"))
            .endEvent("check-failed", e -> e.error("ESP_CHECK_FAILED"))
            .done(),
        "esp-error-end.bpmn");
    long key = start("esp-error-end", Map.of());
    awaitJob("esp-parallel-work");
    complete(awaitJob("esp-check"));

    ActivatedJob cleanUp = awaitJob("esp-clean-up");
    assertThat(cleanUp.getProcessInstanceKey()).isEqualTo(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "check-failed"))
        .as("the throwing end event")
        .hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "parallel-work")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "failed"))
        .singleElement()
        .satisfies(r -> assertThat(r.value().get("bpmnEventType")).isEqualTo("ERROR"));

    complete(cleanUp);
    awaitCompleted(key);
  }

  @Test
  void workerErrorsAreCaughtByCodeOrByTheCatchAllEventSubprocess() {
    deploy(
        Bpmn.createExecutableProcess("esp-worker-errors")
            .eventSubProcess(
                "by-code",
                esp ->
                    esp.startEvent("invalid-card")
                        .error("ESP_INVALID_CARD")
                        .serviceTask("ask-for-card", t -> t.zeebeJobType("esp-ask-for-card"))
                        .endEvent())
            .eventSubProcess(
                "any-error",
                esp ->
                    esp.startEvent("any")
                        .error()
                        .serviceTask("page", t -> t.zeebeJobType("esp-page-on-call"))
                        .endEvent())
            .startEvent()
            .serviceTask("charge", t -> t.zeebeJobType("esp-charge"))
            .endEvent()
            .done(),
        "esp-worker-errors.bpmn");

    long byCode = start("esp-worker-errors", Map.of());
    client
        .newThrowErrorCommand(awaitJob("esp-charge").getKey())
        .errorCode("ESP_INVALID_CARD")
        .errorMessage("declined")
        .variables(Map.of("last4", "4242"))
        .send()
        .join();
    ActivatedJob ask = awaitJob("esp-ask-for-card");
    assertThat(ask.getProcessInstanceKey()).isEqualTo(byCode);
    assertThat(ask.getVariablesAsMap()).containsEntry("last4", "4242");

    long other = start("esp-worker-errors", Map.of());
    engine
        .client
        .newThrowErrorCommand(awaitJob("esp-charge").getKey())
        .errorCode("GATEWAY_TIMEOUT")
        .send()
        .join(); // gRPC
    assertThat(awaitJob("esp-page-on-call").getProcessInstanceKey()).isEqualTo(other);
    assertThat(activate("esp-ask-for-card")).isEmpty();
  }

  @Test
  void theTasksBoundaryEventCatchesBeforeTheEventSubprocessOfItsScope() {
    deploy(
        Bpmn.createExecutableProcess("esp-boundary-first")
            .eventSubProcess(
                "process-handler",
                esp ->
                    esp.startEvent("process-level")
                        .error("ESP_E")
                        .serviceTask("process-handles", t -> t.zeebeJobType("esp-process-handles"))
                        .endEvent())
            .startEvent()
            .serviceTask("own", t -> t.zeebeJobType("esp-own"))
            .boundaryEvent("own-error", b -> b.error("ESP_E"))
            .serviceTask("boundary-handles", t -> t.zeebeJobType("esp-boundary-handles"))
            .endEvent()
            .moveToActivity("own")
            .endEvent()
            .done(),
        "esp-boundary-first.bpmn");
    long key = start("esp-boundary-first", Map.of());
    client.newThrowErrorCommand(awaitJob("esp-own").getKey()).errorCode("ESP_E").send().join();

    assertThat(awaitJob("esp-boundary-handles").getProcessInstanceKey()).isEqualTo(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "process-handler")).isEmpty();
  }

  @Test
  void inAScopeTheEventSubprocessesComeBeforeItsBoundaryEventsAndAnExactCodeBeforeACatchAll() {
    deploy(
        Bpmn.createExecutableProcess("esp-scope-order")
            .startEvent()
            .subProcess("payment")
            .embeddedSubProcess()
            .eventSubProcess(
                "inner-f",
                esp ->
                    esp.startEvent("inner-f-start")
                        .error("ESP_F")
                        .serviceTask("inner-f-handles", t -> t.zeebeJobType("esp-inner-f-handles"))
                        .endEvent())
            .eventSubProcess(
                "inner-any",
                esp ->
                    esp.startEvent("inner-any-start")
                        .error()
                        .serviceTask(
                            "inner-any-handles", t -> t.zeebeJobType("esp-inner-any-handles"))
                        .endEvent())
            .startEvent()
            .serviceTask("pay", t -> t.zeebeJobType("esp-pay"))
            .endEvent()
            .subProcessDone()
            .endEvent("paid")
            .moveToActivity("payment")
            .boundaryEvent("payment-e", b -> b.error("ESP_E"))
            .serviceTask("boundary-e-handles", t -> t.zeebeJobType("esp-boundary-e-handles"))
            .endEvent()
            .moveToActivity("payment")
            .boundaryEvent("payment-f", b -> b.error("ESP_F"))
            .serviceTask("boundary-f-handles", t -> t.zeebeJobType("esp-boundary-f-handles"))
            .endEvent()
            .done(),
        "esp-scope-order.bpmn");

    long exactOnTheBoundary = start("esp-scope-order", Map.of());
    client.newThrowErrorCommand(awaitJob("esp-pay").getKey()).errorCode("ESP_E").send().join();
    assertThat(awaitJob("esp-boundary-e-handles").getProcessInstanceKey())
        .as("exact code beats the catch-all")
        .isEqualTo(exactOnTheBoundary);

    long sameCode = start("esp-scope-order", Map.of());
    client.newThrowErrorCommand(awaitJob("esp-pay").getKey()).errorCode("ESP_F").send().join();
    ActivatedJob inner = awaitJob("esp-inner-f-handles");
    assertThat(inner.getProcessInstanceKey())
        .as("the event subprocess beats the boundary event with the same code")
        .isEqualTo(sameCode);

    long otherCode = start("esp-scope-order", Map.of());
    client.newThrowErrorCommand(awaitJob("esp-pay").getKey()).errorCode("ESP_OTHER").send().join();
    assertThat(awaitJob("esp-inner-any-handles").getProcessInstanceKey()).isEqualTo(otherCode);
    assertThat(activate("esp-boundary-f-handles")).isEmpty();

    // the interrupting event subprocess completes its subprocess, which goes on as usual
    complete(inner);
    awaitCompleted(sameCode);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, sameCode, "payment")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, sameCode, "paid")).hasSize(1);
  }

  @Test
  void anErrorNothingCatchesIsAnIncidentNamingTheErrorEventsAvailable() {
    deploy(
        Bpmn.createExecutableProcess("esp-unhandled")
            .eventSubProcess(
                "known", esp -> esp.startEvent("known-error").error("ESP_KNOWN").endEvent())
            .startEvent()
            .serviceTask("risky", t -> t.zeebeJobType("esp-risky"))
            .endEvent()
            .done(),
        "esp-unhandled.bpmn");
    long key = start("esp-unhandled", Map.of());
    client
        .newThrowErrorCommand(awaitJob("esp-risky").getKey())
        .errorCode("ESP_UNKNOWN")
        .errorMessage("boom")
        .send()
        .join();

    Record incident =
        await().until(() -> events(IncidentIntent.CREATED, key), found -> !found.isEmpty()).get(0);
    assertThat(incident.value().get("errorType")).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.value().get("elementId")).isEqualTo("risky");
    assertThat(incident.value().get("errorMessage"))
        .isEqualTo(
            "Expected to throw an error event with the code 'ESP_UNKNOWN' with message 'boom', but it was not caught. "
                + "Available error events are [ESP_KNOWN]");
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "known")).isEmpty();
  }

  @Test
  void anErrorInsideAnInterruptingEventSubprocessIsNotCaughtByTheScopeItInterrupted() {
    deploy(
        Bpmn.createExecutableProcess("esp-interrupted-scope")
            .eventSubProcess(
                "timeout",
                esp ->
                    esp.startEvent("timeout-signal")
                        .signal("esp-run-timeout")
                        .serviceTask("clean-up-run", t -> t.zeebeJobType("esp-clean-up-run"))
                        .endEvent())
            .eventSubProcess(
                "failure",
                esp ->
                    esp.startEvent("clean-up-failed")
                        .error("ESP_CLEAN_UP_FAILED")
                        .serviceTask("never-caught", t -> t.zeebeJobType("esp-never-caught"))
                        .endEvent())
            .startEvent()
            .serviceTask("run-job", t -> t.zeebeJobType("esp-run-job"))
            .endEvent()
            .done(),
        "esp-interrupted-scope.bpmn");
    long key = start("esp-interrupted-scope", Map.of());
    awaitJob("esp-run-job");
    client.newBroadcastSignalCommand().signalName("esp-run-timeout").send().join();

    client
        .newThrowErrorCommand(awaitJob("esp-clean-up-run").getKey())
        .errorCode("ESP_CLEAN_UP_FAILED")
        .send()
        .join();

    Record incident =
        await().until(() -> events(IncidentIntent.CREATED, key), found -> !found.isEmpty()).get(0);
    assertThat(incident.value().get("errorType")).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.value().get("errorMessage"))
        .isEqualTo(
            "Expected to throw an error event with the code 'ESP_CLEAN_UP_FAILED', but it was not caught. "
                + "No error events are available in the scope.");
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "failure")).isEmpty();
  }

  // ------------------------------------------------------------------------- escalations

  @Test
  void nonInterruptingEscalationLetsTheThrowerContinue() {
    deploy(
        Bpmn.createExecutableProcess("esp-escalation")
            .eventSubProcess(
                "notify",
                esp ->
                    esp.startEvent("late")
                        .interrupting(false)
                        .escalation("ESP_LATE")
                        .serviceTask("notify-manager", t -> t.zeebeJobType("esp-notify-manager"))
                        .endEvent())
            .startEvent()
            .intermediateThrowEvent("report-late", e -> e.escalation("ESP_LATE"))
            .serviceTask("keep-going", t -> t.zeebeJobType("esp-keep-going"))
            .endEvent()
            .done(),
        "esp-escalation.bpmn");
    long key = start("esp-escalation", Map.of());

    ActivatedJob notify = awaitJob("esp-notify-manager");
    ActivatedJob keepGoing = awaitJob("esp-keep-going");
    assertThat(List.of(notify.getProcessInstanceKey(), keepGoing.getProcessInstanceKey()))
        .containsOnly(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "report-late")).hasSize(1);
    assertThat(events(EscalationIntent.ESCALATED, key))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().get("catchElementId")).isEqualTo("late");
              assertThat(r.value().get("throwElementId")).isEqualTo("report-late");
            });

    complete(keepGoing);
    complete(notify);
    awaitCompleted(key);
  }

  @Test
  void interruptingEscalationInASubprocessEndsTheThrowerAndTheSubprocessThenGoesOn() {
    deploy(
        Bpmn.createExecutableProcess("esp-stop-work")
            .startEvent()
            .subProcess("work")
            .embeddedSubProcess()
            .eventSubProcess(
                "stop",
                esp ->
                    esp.startEvent("stop-requested")
                        .escalation("ESP_STOP")
                        .serviceTask("wrap-up", t -> t.zeebeJobType("esp-wrap-up"))
                        .endEvent())
            .startEvent()
            .intermediateThrowEvent("ask-to-stop", e -> e.escalation("ESP_STOP"))
            .serviceTask("never", t -> t.zeebeJobType("esp-never"))
            .endEvent()
            .subProcessDone()
            .serviceTask("after-work", t -> t.zeebeJobType("esp-after-work"))
            .endEvent()
            .done(),
        "esp-stop-work.bpmn");
    long key = start("esp-stop-work", Map.of());

    complete(awaitJob("esp-wrap-up"));
    assertThat(awaitJob("esp-after-work").getProcessInstanceKey()).isEqualTo(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "ask-to-stop")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "never")).isEmpty();
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "work")).hasSize(1);
  }

  // ------------------------------------------------------------------------- in an embedded
  // subprocess

  @Test
  void eventSubprocessesOfAnEmbeddedSubprocessLiveAsLongAsItsInstance() {
    deploy(
        Bpmn.createExecutableProcess("esp-in-sub")
            .startEvent()
            .subProcess(
                "incident-handling",
                s -> s.zeebeInputExpression("\"INC-\" + string(number)", "incident"))
            .embeddedSubProcess()
            .eventSubProcess(
                "customer-update",
                esp ->
                    esp.startEvent("customer-wrote")
                        .interrupting(false)
                        .message(
                            m ->
                                m.name("esp-customer-wrote")
                                    .zeebeCorrelationKeyExpression("incident"))
                        .serviceTask("read-update", t -> t.zeebeJobType("esp-read-update"))
                        .endEvent())
            .eventSubProcess(
                "nudge",
                esp ->
                    esp.startEvent("nudge-timer")
                        .interrupting(false)
                        .timerWithDuration("PT30M")
                        .serviceTask("nudge-assignee", t -> t.zeebeJobType("esp-nudge"))
                        .endEvent())
            .startEvent()
            .serviceTask("investigate", t -> t.zeebeJobType("esp-investigate"))
            .endEvent()
            .subProcessDone()
            .serviceTask("close", t -> t.zeebeJobType("esp-close"))
            .endEvent()
            .moveToActivity("incident-handling")
            .boundaryEvent(
                "withdrawn",
                b ->
                    b.message(
                        m ->
                            m.name("esp-withdrawn")
                                .zeebeCorrelationKeyExpression("string(number)")))
            .serviceTask("archive", t -> t.zeebeJobType("esp-archive"))
            .endEvent()
            .done(),
        "esp-in-sub.bpmn");
    long withdrawn = start("esp-in-sub", Map.of("number", 1));
    awaitJob("esp-investigate");
    long subprocess =
        element(ProcessInstanceIntent.ELEMENT_ACTIVATED, withdrawn, "incident-handling")
            .get(0)
            .key();
    assertThat(events(ProcessMessageSubscriptionIntent.CREATED, withdrawn))
        .filteredOn(r -> "customer-wrote".equals(r.value().get("elementId")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().get("correlationKey"))
                  .as("evaluated in the subprocess's scope")
                  .isEqualTo("INC-1");
              assertThat(lng(r, "elementInstanceKey")).isEqualTo(subprocess);
            });

    publish("esp-customer-wrote", "INC-1", Map.of("text", "any news?"));
    ActivatedJob readUpdate = awaitJob("esp-read-update");
    assertThat(readUpdate.getVariablesAsMap())
        .containsEntry("text", "any news?")
        .containsEntry("incident", "INC-1");
    assertThat(
            lng(
                element(ProcessInstanceIntent.ELEMENT_ACTIVATED, withdrawn, "customer-update")
                    .get(0),
                "flowScopeKey"))
        .isEqualTo(subprocess);
    advance(Duration.ofMinutes(30));
    assertThat(awaitJob("esp-nudge").getProcessInstanceKey()).isEqualTo(withdrawn);

    // the subprocess's boundary event ends it with everything in it
    publish("esp-withdrawn", "1", Map.of());
    assertThat(awaitJob("esp-archive").getProcessInstanceKey()).isEqualTo(withdrawn);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, withdrawn, "customer-update"))
        .hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, withdrawn, "nudge")).hasSize(1);
    assertThat(events(JobIntent.CANCELED, withdrawn))
        .extracting(r -> r.value().get("elementId"))
        .containsExactlyInAnyOrder("investigate", "read-update", "nudge-assignee");
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, withdrawn))
        .anyMatch(r -> "customer-wrote".equals(r.value().get("elementId")));

    // completing the subprocess closes its event subprocesses' timer and subscription
    long closed = start("esp-in-sub", Map.of("number", 2));
    complete(awaitJob("esp-investigate"));
    assertThat(awaitJob("esp-close").getProcessInstanceKey()).isEqualTo(closed);
    assertThat(events(TimerIntent.CANCELED, closed))
        .singleElement()
        .satisfies(r -> assertThat(r.value().get("targetElementId")).isEqualTo("nudge-timer"));
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, closed))
        .extracting(r -> r.value().get("elementId"))
        .contains("customer-wrote");
  }

  // ------------------------------------------------------------------------- cancellation,
  // restart, deployment

  @Test
  void cancellingTheProcessInstanceClosesItsEventSubprocesses() {
    deploy(
        Bpmn.createExecutableProcess("esp-cancel")
            .eventSubProcess(
                "deadline",
                esp -> esp.startEvent("deadline-timer").timerWithDuration("P30D").endEvent())
            .eventSubProcess(
                "recall",
                esp ->
                    esp.startEvent("recall-message")
                        .message(m -> m.name("esp-recall").zeebeCorrelationKeyExpression("batch"))
                        .endEvent())
            .eventSubProcess(
                "audit",
                esp ->
                    esp.startEvent("audit-signal")
                        .interrupting(false)
                        .signal("esp-audit")
                        .serviceTask(
                            "collect-evidence", t -> t.zeebeJobType("esp-collect-evidence"))
                        .endEvent())
            .startEvent()
            .serviceTask("produce", t -> t.zeebeJobType("esp-produce"))
            .endEvent()
            .done(),
        "esp-cancel.bpmn");
    long key = start("esp-cancel", Map.of("batch", "B-1"));
    awaitJob("esp-produce");
    client.newBroadcastSignalCommand().signalName("esp-audit").send().join();
    awaitJob("esp-collect-evidence");

    client.newCancelInstanceCommand(key).send().join();

    await()
        .until(
            () -> !element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "esp-cancel").isEmpty());
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "audit")).hasSize(1);
    assertThat(events(JobIntent.CANCELED, key)).hasSize(2);
    assertThat(events(TimerIntent.CANCELED, key))
        .singleElement()
        .satisfies(r -> assertThat(r.value().get("targetElementId")).isEqualTo("deadline-timer"));
    assertThat(events(ProcessMessageSubscriptionIntent.DELETED, key)).hasSize(1);
    assertThat(events(SignalSubscriptionIntent.DELETED, key)).hasSize(1);

    client.newBroadcastSignalCommand().signalName("esp-audit").send().join();
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "audit"))
        .as("nothing listens any more")
        .hasSize(1);
  }

  @Test
  void theSubscriptionsOfARunningInstanceSurviveARestart() {
    deploy(
        Bpmn.createExecutableProcess("esp-restart")
            .eventSubProcess(
                "hourly",
                esp ->
                    esp.startEvent("hourly-timer")
                        .interrupting(false)
                        .timerWithDuration("PT1H")
                        .serviceTask("hourly-check", t -> t.zeebeJobType("esp-hourly-check"))
                        .endEvent())
            .eventSubProcess(
                "abort",
                esp ->
                    esp.startEvent("abort-message")
                        .message(m -> m.name("esp-abort-run").zeebeCorrelationKeyExpression("run"))
                        .serviceTask("abort-run", t -> t.zeebeJobType("esp-abort-run"))
                        .endEvent())
            .startEvent()
            .serviceTask("run", t -> t.zeebeJobType("esp-long-run"))
            .endEvent()
            .done(),
        "esp-restart.bpmn");
    long key = start("esp-restart", Map.of("run", "R-1"));
    awaitJob("esp-long-run");

    client.close();
    engine = engine.restart();
    client = engine.connectRest();

    advance(Duration.ofHours(1));
    ActivatedJob check = awaitJob("esp-hourly-check");
    assertThat(check.getProcessInstanceKey()).isEqualTo(key);
    assertThat(events(TimerIntent.TRIGGERED, key)).hasSize(1);

    publish("esp-abort-run", "R-1", Map.of());
    assertThat(awaitJob("esp-abort-run").getProcessInstanceKey()).isEqualTo(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_TERMINATED, key, "hourly"))
        .as("the interrupting one ends the other")
        .hasSize(1);
  }

  @Test
  void deploymentsZeebeRejectsAreRejectedWithItsMessages() {
    BpmnModelInstance nonInterruptingError =
        Bpmn.createExecutableProcess("esp-bad-error")
            .eventSubProcess(
                "bad-error",
                esp -> esp.startEvent("bad-error-start").interrupting(false).error("E").endEvent())
            .startEvent()
            .endEvent()
            .done();
    assertThatThrownBy(() -> deploy(nonInterruptingError, "esp-bad-error.bpmn"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.details().getStatus()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains(
                      "'esp-bad-error.bpmn': element 'bad-error' (subProcess): Non-Interrupting event of this type is not allowed");
            });

    BpmnModelInstance interruptingCycle =
        Bpmn.createExecutableProcess("esp-bad-cycle")
            .eventSubProcess(
                "bad-cycle",
                esp -> esp.startEvent("bad-cycle-start").timerWithCycle("R/PT1H").endEvent())
            .startEvent()
            .endEvent()
            .done();
    assertThatThrownBy(
            () ->
                engine
                    .client
                    .newDeployResourceCommand()
                    .addProcessModel(interruptingCycle, "esp-bad-cycle.bpmn")
                    .send()
                    .join())
        .hasMessageContaining(
            "'esp-bad-cycle.bpmn': element 'bad-cycle' (subProcess): Interrupting timer event with time cycle is not allowed.");
  }
}
