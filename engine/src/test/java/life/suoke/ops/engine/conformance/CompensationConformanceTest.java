package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.CompensationSubscriptionIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import org.junit.jupiter.api.Test;

/**
 * Compensation through the real client: compensation boundary events with their handlers, throw and
 * end events (all of a scope, or one activity by activityRef), subprocesses, multi-instance
 * activities, COMPENSATION_SUBSCRIPTION records, a restart, and deployment rejections.
 */
class CompensationConformanceTest extends ClockedEngineTest {

  List<Record> events(Intent intent, long processInstanceKey) {
    return engine.events(intent).stream()
        .filter(r -> lng(r, "processInstanceKey") == processInstanceKey)
        .toList();
  }

  List<Record> element(ProcessInstanceIntent intent, long processInstanceKey, String elementId) {
    return events(intent, processInstanceKey).stream()
        .filter(r -> elementId.equals(r.value().get("elementId")))
        .toList();
  }

  static long lng(Record record, String field) {
    Object value = record.value().get(field);
    return value == null ? -1 : ((Number) value).longValue();
  }

  void awaitCompleted(long key) {
    await().until(() -> engine.completed(key));
  }

  void complete(String type, Map<String, Object> variables) {
    client.newCompleteCommand(awaitJob(type).getKey()).variables(variables).send().join();
  }

  /**
   * deploy (undo: undeploy) -> migrate (undo: restore) -> check: failed -> compensation end event.
   */
  static BpmnModelInstance rollback(String id, String prefix) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "deploy",
            t ->
                t.zeebeJobType(prefix + "deploy")
                    .boundaryEvent(
                        "deploy-undo",
                        b ->
                            b.compensation(
                                c -> c.serviceTask("undeploy").zeebeJobType(prefix + "undeploy"))))
        .serviceTask(
            "migrate",
            t ->
                t.zeebeJobType(prefix + "migrate")
                    .boundaryEvent(
                        "migrate-undo",
                        b ->
                            b.compensation(
                                c -> c.serviceTask("restore").zeebeJobType(prefix + "restore"))))
        .serviceTask("check", t -> t.zeebeJobType(prefix + "check"))
        .exclusiveGateway("ok")
        .defaultFlow()
        .endEvent("released")
        .moveToLastGateway()
        .conditionExpression("failed")
        .endEvent("rolled-back", e -> e.compensateEventDefinition())
        .done();
  }

  @Test
  void releaseRollbackUndoesTheCompletedStepsThenCompletes() {
    deploy(rollback("release", "r-"), "release.bpmn");
    long key = start("release", Map.of("version", "1.4"));
    complete("r-deploy", Map.of());
    complete("r-migrate", Map.of());
    complete("r-check", Map.of("failed", true));

    ActivatedJob undeploy = awaitJob("r-undeploy");
    ActivatedJob restore = awaitJob("r-restore");
    assertThat(undeploy.getProcessInstanceKey()).isEqualTo(key);
    assertThat(undeploy.getVariablesAsMap())
        .containsEntry("version", "1.4")
        .containsEntry("failed", true);
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "rolled-back")).hasSize(1);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "rolled-back"))
        .as("waits for the handlers")
        .isEmpty();
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "deploy-undo"))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).containsEntry("bpmnEventType", "COMPENSATION"));
    assertThat(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "undeploy"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.value())
                    .containsEntry("bpmnEventType", "COMPENSATION")
                    .containsEntry("flowScopeKey", key));

    client
        .newCompleteCommand(undeploy.getKey())
        .variables(Map.of("undeployed", true))
        .send()
        .join();
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "rolled-back")).isEmpty();
    client.newCompleteCommand(restore.getKey()).send().join();
    awaitCompleted(key);

    List<Record> created = events(CompensationSubscriptionIntent.CREATED, key);
    assertThat(created)
        .extracting(r -> r.value().get("compensableActivityId"))
        .containsExactly("deploy", "migrate");
    assertThat(created.get(0).value())
        .containsEntry("compensationHandlerId", "undeploy")
        .containsEntry("compensableActivityScopeKey", key)
        .containsEntry("throwEventId", "")
        .containsEntry("tenantId", "<default>");
    List<Record> triggered = events(CompensationSubscriptionIntent.TRIGGERED, key);
    assertThat(triggered)
        .extracting(r -> r.value().get("throwEventId"))
        .containsExactly("rolled-back", "rolled-back");
    assertThat(lng(triggered.get(0), "compensationHandlerInstanceKey"))
        .isEqualTo(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "undeploy").get(0).key());
    assertThat(events(CompensationSubscriptionIntent.COMPLETED, key)).hasSize(2);
    assertThat(events(CompensationSubscriptionIntent.DELETED, key)).isEmpty();
    // the handler's result lands in the process scope
    assertThat(
            engine.events(VariableIntent.CREATED).stream()
                .filter(r -> "undeployed".equals(r.value().get("name"))))
        .singleElement()
        .satisfies(r -> assertThat(lng(r, "scopeKey")).isEqualTo(key));
  }

  @Test
  void noCompensationWhenTheReleaseSucceedsAndSubscriptionsAreDeletedAtTheEnd() {
    deploy(rollback("release-ok", "ok-"), "release-ok.bpmn");
    long key = start("release-ok", Map.of());
    complete("ok-deploy", Map.of());
    complete("ok-migrate", Map.of());
    complete("ok-check", Map.of("failed", false));
    awaitCompleted(key);
    assertThat(events(CompensationSubscriptionIntent.CREATED, key)).hasSize(2);
    assertThat(events(CompensationSubscriptionIntent.DELETED, key)).hasSize(2);
    assertThat(activate("ok-undeploy")).isEmpty();
  }

  @Test
  void throwEventWithActivityRefCompensatesOnlyThatActivityAndContinuesAfterItsHandler() {
    deploy(
        Bpmn.createExecutableProcess("partial")
            .startEvent()
            .serviceTask(
                "a",
                t ->
                    t.zeebeJobType("p-a")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-a").zeebeJobType("p-undo-a"))))
            .serviceTask(
                "b",
                t ->
                    t.zeebeJobType("p-b")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-b").zeebeJobType("p-undo-b"))))
            .intermediateThrowEvent(
                "undo-only-b", e -> e.compensateEventDefinition().activityRef("b"))
            .serviceTask("after", t -> t.zeebeJobType("p-after"))
            .endEvent()
            .done(),
        "partial.bpmn");
    long key = start("partial", Map.of());
    complete("p-a", Map.of());
    complete("p-b", Map.of());

    ActivatedJob undoB = awaitJob("p-undo-b");
    assertThat(activate("p-after")).as("the throw event waits for the handler").isEmpty();
    client.newCompleteCommand(undoB.getKey()).send().join();
    complete("p-after", Map.of());
    awaitCompleted(key);

    assertThat(activate("p-undo-a")).isEmpty();
    assertThat(events(CompensationSubscriptionIntent.TRIGGERED, key))
        .extracting(r -> r.value().get("compensableActivityId"))
        .containsExactly("b");
    assertThat(events(CompensationSubscriptionIntent.DELETED, key))
        .extracting(r -> r.value().get("compensableActivityId"))
        .containsExactly("a");
  }

  @Test
  void throwEventWithNothingToCompensateContinuesRightAway() {
    deploy(
        Bpmn.createExecutableProcess("nothing")
            .startEvent()
            .serviceTask(
                "a",
                t ->
                    t.zeebeJobType("n-a")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-a").zeebeJobType("n-undo-a"))))
            .intermediateThrowEvent("compensate-early", e -> e.compensateEventDefinition())
            .endEvent()
            .moveToNode("a")
            .done(),
        "nothing.bpmn");
    // a boundary event that cannot fire: the activity has not completed when the throw event runs
    deploy(
        Bpmn.createExecutableProcess("not-completed")
            .startEvent()
            .parallelGateway("fork")
            .serviceTask(
                "slow",
                t ->
                    t.zeebeJobType("nc-slow")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-slow").zeebeJobType("nc-undo-slow"))))
            .endEvent("slow-end")
            .moveToNode("fork")
            .intermediateThrowEvent("compensate-now", e -> e.compensateEventDefinition())
            .endEvent("quick-end")
            .done(),
        "not-completed.bpmn");
    long key = start("not-completed", Map.of());
    await()
        .until(
            () ->
                !element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "compensate-now").isEmpty());
    complete("nc-slow", Map.of());
    awaitCompleted(key);
    assertThat(activate("nc-undo-slow")).isEmpty();
    assertThat(events(CompensationSubscriptionIntent.TRIGGERED, key)).isEmpty();
    assertThat(events(CompensationSubscriptionIntent.DELETED, key)).hasSize(1);
  }

  @Test
  void compensationInsideAnEmbeddedSubprocessAndOfACompletedSubprocessFromOutside() {
    deploy(
        Bpmn.createExecutableProcess("nested")
            .startEvent()
            .subProcess("provision", s -> s.zeebeInputExpression("\"eu\"", "region"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask(
                "vm",
                t ->
                    t.zeebeJobType("s-vm")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-vm").zeebeJobType("s-undo-vm"))))
            .endEvent()
            .subProcessDone()
            .serviceTask(
                "dns",
                t ->
                    t.zeebeJobType("s-dns")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-dns").zeebeJobType("s-undo-dns"))))
            .endEvent("undo-all", e -> e.compensateEventDefinition())
            .done(),
        "nested.bpmn");
    long key = start("nested", Map.of());
    complete("s-vm", Map.of());
    complete("s-dns", Map.of());

    complete("s-undo-dns", Map.of());
    ActivatedJob undoVm = awaitJob("s-undo-vm");
    assertThat(undoVm.getProcessInstanceKey()).isEqualTo(key);
    assertThat(element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "undo-all")).isEmpty();
    client.newCompleteCommand(undoVm.getKey()).send().join();
    awaitCompleted(key);

    long subprocess =
        element(ProcessInstanceIntent.ELEMENT_COMPLETED, key, "provision").get(0).key();
    List<Record> created = events(CompensationSubscriptionIntent.CREATED, key);
    assertThat(created)
        .extracting(r -> r.value().get("compensableActivityId"))
        .containsExactly("vm", "provision", "dns");
    assertThat(lng(created.get(0), "compensableActivityScopeKey")).isEqualTo(subprocess);
    assertThat(created.get(1).value()).containsEntry("compensationHandlerId", "");
    assertThat(events(CompensationSubscriptionIntent.TRIGGERED, key))
        .extracting(r -> r.value().get("compensableActivityId"))
        .containsExactly("provision", "vm", "dns");
    assertThat(events(CompensationSubscriptionIntent.COMPLETED, key))
        .extracting(r -> r.value().get("compensableActivityId"))
        .containsExactlyInAnyOrder("vm", "provision", "dns");
  }

  @Test
  void throwEventInsideASubprocessCompensatesOnlyItsOwnScope() {
    deploy(
        Bpmn.createExecutableProcess("inner-scope")
            .startEvent()
            .serviceTask(
                "outer",
                t ->
                    t.zeebeJobType("i-outer")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-outer").zeebeJobType("i-undo-outer"))))
            .subProcess("sub")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask(
                "inner",
                t ->
                    t.zeebeJobType("i-inner")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-inner").zeebeJobType("i-undo-inner"))))
            .intermediateThrowEvent("undo-inside", e -> e.compensateEventDefinition())
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done(),
        "inner-scope.bpmn");
    long key = start("inner-scope", Map.of());
    complete("i-outer", Map.of());
    complete("i-inner", Map.of());
    ActivatedJob undoInner = awaitJob("i-undo-inner");
    assertThat(
            element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "undo-inner")
                .get(0)
                .value()
                .get("flowScopeKey"))
        .isEqualTo(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "sub").get(0).key());
    client.newCompleteCommand(undoInner.getKey()).send().join();
    awaitCompleted(key);
    assertThat(activate("i-undo-outer")).isEmpty();
  }

  @Test
  void multiInstanceActivityIsCompensatedOncePerCompletedInstance() {
    deploy(
        Bpmn.createExecutableProcess("rollout")
            .startEvent()
            .serviceTask(
                "install",
                t ->
                    t.zeebeJobType("m-install")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("hosts")
                                    .zeebeInputElement("host"))
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("uninstall").zeebeJobType("m-uninstall"))))
            .endEvent("abort", e -> e.compensateEventDefinition())
            .done(),
        "rollout.bpmn");
    long key = start("rollout", Map.of("hosts", List.of("h1", "h2", "h3")));
    await()
        .until(() -> element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "install").size() == 4);
    List<ActivatedJob> installs =
        client
            .newActivateJobsCommand()
            .jobType("m-install")
            .maxJobsToActivate(10)
            .send()
            .join()
            .getJobs();
    assertThat(installs).hasSize(3);
    installs.forEach(job -> client.newCompleteCommand(job.getKey()).send().join());

    await()
        .until(
            () -> element(ProcessInstanceIntent.ELEMENT_ACTIVATED, key, "uninstall").size() == 3);
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("m-uninstall")
            .maxJobsToActivate(10)
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(3);
    jobs.forEach(job -> client.newCompleteCommand(job.getKey()).send().join());
    awaitCompleted(key);

    List<Record> created = events(CompensationSubscriptionIntent.CREATED, key);
    assertThat(created)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.value()).containsEntry("compensableActivityId", "install"));
    assertThat(created)
        .filteredOn(r -> "uninstall".equals(r.value().get("compensationHandlerId")))
        .hasSize(3);
    assertThat(events(CompensationSubscriptionIntent.COMPLETED, key)).hasSize(4);
  }

  @Test
  void aHandlerIncidentBehavesNormally() {
    deploy(
        Bpmn.createExecutableProcess("undo-fails")
            .startEvent()
            .serviceTask(
                "a",
                t ->
                    t.zeebeJobType("f-a")
                        .boundaryEvent(
                            null,
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("undo-a").zeebeJobType("f-undo-a"))))
            .endEvent("undo", e -> e.compensateEventDefinition())
            .done(),
        "undo-fails.bpmn");
    long key = start("undo-fails", Map.of());
    complete("f-a", Map.of());
    ActivatedJob undo = awaitJob("f-undo-a");
    client.newFailCommand(undo.getKey()).retries(0).errorMessage("cannot undo").send().join();
    await().until(() -> !events(IncidentIntent.CREATED, key).isEmpty());
    Record incident = events(IncidentIntent.CREATED, key).get(0);
    assertThat(incident.value())
        .containsEntry("errorType", "JOB_NO_RETRIES")
        .containsEntry("elementId", "undo-a")
        .containsEntry("errorMessage", "cannot undo");

    client.newUpdateRetriesCommand(undo.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    complete("f-undo-a", Map.of());
    awaitCompleted(key);
  }

  @Test
  void subscriptionsSurviveARestart() {
    deploy(rollback("release-restart", "rs-"), "release-restart.bpmn");
    long key = start("release-restart", Map.of());
    complete("rs-deploy", Map.of());
    long migrate = awaitJob("rs-migrate").getKey();

    client.close();
    engine = engine.restart();
    client = engine.connectRest();
    client.newPinClockCommand().time(now).send().join();

    client.newCompleteCommand(migrate).send().join();
    complete("rs-check", Map.of("failed", true));
    complete("rs-undeploy", Map.of());
    complete("rs-restore", Map.of());
    awaitCompleted(key);
    assertThat(events(CompensationSubscriptionIntent.COMPLETED, key)).hasSize(2);
  }

  @Test
  void invalidCompensationModelsAreRejectedWithZeebesMessages() {
    var noHandler =
        Bpmn.createExecutableProcess("no-handler")
            .startEvent()
            .serviceTask(
                "a",
                t -> t.zeebeJobType("x").boundaryEvent("comp", b -> b.compensateEventDefinition()))
            .moveToActivity("a")
            .endEvent()
            .done();
    assertThatThrownBy(() -> deploy(noHandler, "no-handler.bpmn"))
        .hasMessageContaining("'no-handler.bpmn'")
        .hasMessageContaining(
            "Compensation boundary events must have a compensation association and no outgoing sequence flows");
  }
}
