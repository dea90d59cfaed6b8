package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.intent.DecisionIntent;
import life.suoke.ops.engine.record.intent.DecisionRequirementsIntent;
import life.suoke.ops.engine.record.intent.FormIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ResourceDeletionIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.testsupport.RecordFields;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Resource deletion (DeleteResource over gRPC, {@code POST /v2/resources/{key}/deletion} over REST)
 * with Zeebe 8.8's rules, through the real client: the version before a deleted latest one takes
 * over (new instances, timer, message and signal start events), nothing is left to start once the
 * only version is gone, a process with running instances is not deleted, a decision requirements
 * graph goes with its decisions (business rule tasks then raise incidents), a user task links the
 * form version that is left, unknown keys are not found, and all of it survives a restart.
 */
class ResourceDeletionConformanceTest extends ClockedEngineTest {

  enum Transport {
    GRPC,
    REST
  }

  CamundaClient client(Transport transport) {
    return transport == Transport.GRPC ? engine.client : client;
  }

  static String id(String base, Transport transport) {
    return base + "-" + transport.name().toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------------- processes

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deletingTheLatestVersionMakesThePreviousOneTheLatestWithItsStartEvents(Transport transport) {
    String process = id("shift-report", transport);
    long v1 = deployProcess(startEvents(process, process + "-v1"));
    long v2 =
        deployProcess(
            Bpmn.createExecutableProcess(process)
                .startEvent("manual")
                .serviceTask("work", t -> t.zeebeJobType(process + "-v2"))
                .endEvent()
                .done());
    // version 2 has no timer, message or signal start event: version 1's are closed while it is the
    // latest
    advance(Duration.ofHours(1));
    publish(process + "-start");
    client.newBroadcastSignalCommand().signalName(process + "-signal").send().join();
    assertThat(activate(process + "-v1")).isEmpty();

    client(transport).newDeleteResourceCommand(v2).send().join();

    assertThat(createLatest(process)).isEqualTo(v1);
    ActivatedJob manual = awaitJob(process + "-v1");
    assertThat(manual.getProcessDefinitionKey()).isEqualTo(v1);
    assertThat(manual.getProcessDefinitionVersion()).isEqualTo(1);
    client.newCompleteCommand(manual.getKey()).send().join();
    Record reopened =
        last(TimerIntent.CREATED, r -> RecordFields.lng(r.value(), "processDefinitionKey") == v1);
    assertThat(reopened.position())
        .isGreaterThan(last(ResourceDeletionIntent.DELETING, r -> resourceKey(r) == v2).position());
    advance(Duration.ofHours(1));
    ActivatedJob timed = awaitJob(process + "-v1");
    assertThat(startEventOf(timed.getProcessInstanceKey())).isEqualTo("hourly");
    client.newCompleteCommand(timed.getKey()).send().join();
    publish(process + "-start");
    ActivatedJob messaged = awaitJob(process + "-v1");
    assertThat(startEventOf(messaged.getProcessInstanceKey())).isEqualTo("on-message");
    client.newCompleteCommand(messaged.getKey()).send().join();
    client.newBroadcastSignalCommand().signalName(process + "-signal").send().join();
    ActivatedJob signalled = awaitJob(process + "-v1");
    assertThat(startEventOf(signalled.getProcessInstanceKey())).isEqualTo("on-signal");
    client.newCompleteCommand(signalled.getKey()).send().join();

    // the search lists what is left, and version 1 as the latest
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(definitions(process, false))
                    .extracting(ProcessDefinition::getProcessDefinitionKey)
                    .containsExactly(v1));
    assertThat(definitions(process, true))
        .extracting(ProcessDefinition::getVersion)
        .containsExactly(1);
    assertThatThrownBy(() -> client.newProcessDefinitionGetRequest(v2).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
    // a version number is never given again
    long v3 =
        deployProcess(
            Bpmn.createExecutableProcess(process)
                .startEvent("manual")
                .serviceTask("work", t -> t.zeebeJobType(process + "-v2"))
                .endEvent()
                .done());
    assertThat(versionOf(v3)).isEqualTo(3);
  }

  @Test
  void theDeletionWritesZeebesRecords() {
    String process = "deletion-records";
    long v1 = deployProcess(startEvents(process, process + "-v1"));
    long v2 = deployProcess(startEvents(process, process + "-v2"));
    Record v2Timer =
        last(TimerIntent.CREATED, r -> RecordFields.lng(r.value(), "processDefinitionKey") == v2);

    engine.client.newDeleteResourceCommand(v2).send().join();

    long command =
        last(ResourceDeletionIntent.DELETING, r -> resourceKey(r) == v2).sourceRecordPosition();
    List<Record> written = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            command - 1,
            r -> {
              if (r.position() == command || r.sourceRecordPosition() == command) {
                written.add(r);
              }
            });
    assertThat(written)
        .extracting(r -> r.recordType() + " " + r.valueType() + " " + r.intent())
        .containsExactly(
            "COMMAND RESOURCE_DELETION DELETE",
            "EVENT RESOURCE_DELETION DELETING",
            "EVENT PROCESS DELETING",
            "EVENT TIMER CANCELED",
            "EVENT TIMER CREATED",
            "EVENT PROCESS DELETED",
            "EVENT RESOURCE_DELETION DELETED");
    assertThat(written.get(1).value())
        .isEqualTo(Map.of("resourceKey", v2, "tenantId", "<default>"));
    assertThat(written.get(6).key()).isEqualTo(written.get(1).key());
    assertThat(written.get(3).key()).isEqualTo(v2Timer.key());
    assertThat(written.get(4).value())
        .containsEntry("processDefinitionKey", v1)
        .containsEntry("targetElementId", "hourly");
    assertThat(written.get(5).value())
        .containsEntry("bpmnProcessId", process)
        .containsEntry("version", 2L)
        .containsEntry("processDefinitionKey", v2)
        .containsEntry("resourceName", process + ".bpmn")
        .containsEntry("checksum", "")
        .containsEntry("resource", "")
        .containsEntry("tenantId", "<default>")
        .containsKeys("versionTag", "deploymentKey");
    assertThat(written.get(5).key()).isNotEqualTo(v2);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void withTheOnlyVersionDeletedNothingIsLeftToStartOrCall(Transport transport) {
    String process = id("retired-runbook", transport);
    long only =
        deployProcess(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("run", t -> t.zeebeJobType(process))
                .endEvent()
                .done());
    String caller = process + "-caller";
    deployProcess(
        Bpmn.createExecutableProcess(caller)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(process))
            .endEvent()
            .done());

    client(transport).newDeleteResourceCommand(only).operationReference(42).send().join();

    assertRejected(
        transport,
        "CREATE",
        () ->
            client(transport)
                .newCreateInstanceCommand()
                .bpmnProcessId(process)
                .latestVersion()
                .send()
                .join(),
        "NOT_FOUND",
        "Expected to find process definition with process ID '" + process + "', but none found");
    assertRejected(
        transport,
        "CREATE",
        () -> client(transport).newCreateInstanceCommand().processDefinitionKey(only).send().join(),
        "NOT_FOUND",
        "Expected to find process definition with key '" + only + "', but none found");
    long callerInstance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(caller)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    assertThat(incidentOf(callerInstance))
        .isEqualTo(
            Map.entry(
                "CALLED_ELEMENT_ERROR",
                "Expected process with BPMN process id '"
                    + process
                    + "' to be deployed, but not found."));
    assertRejected(
        transport,
        "DELETE",
        () -> client(transport).newDeleteResourceCommand(only).send().join(),
        "NOT_FOUND",
        "Expected to delete resource but no resource found with key `" + only + "`");

    long again =
        deployProcess(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("run", t -> t.zeebeJobType(process))
                .endEvent()
                .done());
    assertThat(versionOf(again)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aProcessWithRunningInstancesIsNotDeletedUntilTheyEnd(Transport transport) {
    String process = id("major-incident", transport);
    long definition =
        deployProcess(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("mitigate", t -> t.zeebeJobType(process))
                .endEvent()
                .done());
    long running = createInstance(process);
    long eventsBefore = engine.eventCount();

    assertRejected(
        transport,
        "DELETE",
        () -> client(transport).newDeleteResourceCommand(definition).send().join(),
        "INVALID_STATE",
        "Expected to delete resource with key `"
            + definition
            + "` but there are still running instances");

    assertThat(engine.eventCount())
        .as("a rejected deletion writes no event")
        .isEqualTo(eventsBefore);
    assertThat(this.<Boolean>query(state -> state.process(definition) != null)).isTrue();
    ActivatedJob job = awaitJob(process);
    assertThat(job.getProcessInstanceKey()).isEqualTo(running);
    client.newCompleteCommand(job.getKey()).send().join();
    await().until(() -> engine.completed(running));

    client(transport).newDeleteResourceCommand(definition).send().join();
    assertThat(this.<Boolean>query(state -> state.process(definition) == null)).isTrue();
  }

  // ------------------------------------------------------------------------- decisions and forms

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aDeletedGraphTakesItsDecisionsAndBusinessRuleTasksFallBackOrRaiseAnIncident(
      Transport transport) {
    String graph = id("change-risk-rules", transport);
    String decision = id("change-risk", transport);
    DeploymentEvent first = deployDmn(graph, decision, "low");
    DeploymentEvent second = deployDmn(graph, decision, "high");
    String process = id("assess-change", transport);
    deployProcess(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .businessRuleTask(
                "assess", t -> t.zeebeCalledDecisionId(decision).zeebeResultVariable("risk"))
            .endEvent()
            .done());
    assertThat(run(process)).containsEntry("risk", "high");

    client(transport)
        .newDeleteResourceCommand(
            second.getDecisionRequirements().get(0).getDecisionRequirementsKey())
        .send()
        .join();

    long secondDecision = second.getDecisions().get(0).getDecisionKey();
    assertThat(
            last(
                    DecisionIntent.DELETED,
                    r -> RecordFields.lng(r.value(), "decisionKey") == secondDecision)
                .value())
        .containsEntry("decisionId", decision)
        .containsEntry("decisionName", "Risk")
        .containsEntry("version", 2L)
        .containsEntry("decisionRequirementsId", graph);
    assertThat(
            last(
                    DecisionRequirementsIntent.DELETED,
                    r -> RecordFields.str(r.value(), "decisionRequirementsId").equals(graph))
                .value())
        .containsEntry("decisionRequirementsVersion", 2L)
        .containsEntry("decisionRequirementsName", "Risk rules");
    assertThat(run(process)).as("the version before it is the latest").containsEntry("risk", "low");
    assertRejected(
        transport,
        "DELETE",
        () ->
            client(transport)
                .newDeleteResourceCommand(first.getDecisions().get(0).getDecisionKey())
                .send()
                .join(),
        "NOT_FOUND",
        "Expected to delete resource but no resource found with key `"
            + first.getDecisions().get(0).getDecisionKey()
            + "`");

    client(transport)
        .newDeleteResourceCommand(
            first.getDecisionRequirements().get(0).getDecisionRequirementsKey())
        .send()
        .join();

    assertRejected(
        transport,
        "EVALUATE",
        () -> client(transport).newEvaluateDecisionCommand().decisionId(decision).send().join(),
        "NOT_FOUND",
        "Expected to evaluate decision '"
            + decision
            + "', but no decision found for id '"
            + decision
            + "'");
    long stuck =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(process)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    assertThat(incidentOf(stuck))
        .isEqualTo(
            Map.entry(
                "CALLED_DECISION_ERROR",
                "Expected to evaluate decision '"
                    + decision
                    + "', but no decision found for id '"
                    + decision
                    + "'"));
    assertThat(deployDmn(graph, decision, "medium").getDecisions().get(0).getVersion())
        .isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aUserTaskLinksTheFormVersionThatIsLeft(Transport transport) {
    String form = id("handover-form", transport);
    long v1 = deployForm(form, "summary");
    long v2 = deployForm(form, "risks");
    String process = id("handover", transport);
    deployProcess(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .userTask("write", t -> t.zeebeUserTask().zeebeFormId(form))
            .endEvent()
            .done());
    assertThat(linkedForm(createInstance(process))).isEqualTo(v2);

    client(transport).newDeleteResourceCommand(v2).send().join();

    assertThat(last(FormIntent.DELETED, r -> RecordFields.lng(r.value(), "formKey") == v2).value())
        .containsEntry("formId", form)
        .containsEntry("version", 2L)
        .containsKeys("resource", "checksum", "deploymentKey");
    long task = userTaskOf(createInstance(process));
    assertThat(this.<Long>query(state -> state.userTask(task).formDefinitionKey())).isEqualTo(v1);
    var linked = client.newUserTaskGetFormRequest(task).send().join();
    assertThat(linked.getVersion()).isEqualTo(1);
    assertThat(String.valueOf(linked.getSchema())).contains("summary").doesNotContain("risks");

    client(transport).newDeleteResourceCommand(v1).send().join();

    assertThat(incidentOf(createInstance(process)))
        .isEqualTo(
            Map.entry(
                "FORM_NOT_FOUND",
                "Expected to find a form with id '"
                    + form
                    + "', but no form with this id is found, at least a form with this id should be available. To resolve the"
                    + " Incident please deploy a form with the same id"));
  }

  // ------------------------------------------------------------------------- unknown keys and the
  // gateways

  @ParameterizedTest
  @EnumSource(Transport.class)
  void keysOfNoDeletableResourceAreNotFoundAndChangeNothing(Transport transport) {
    String process = id("not-a-resource", transport);
    deployProcess(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("wait", t -> t.zeebeJobType(process))
            .endEvent()
            .done());
    long instance = createInstance(process);
    long eventsBefore = engine.eventCount();
    for (long key : new long[] {2251799813999999L, instance}) {
      assertRejected(
          transport,
          "DELETE",
          () -> client(transport).newDeleteResourceCommand(key).send().join(),
          "NOT_FOUND",
          "Expected to delete resource but no resource found with key `" + key + "`");
    }
    assertThat(engine.eventCount()).isEqualTo(eventsBefore);
    assertThat(
            last(
                    ResourceDeletionIntent.DELETE,
                    RecordType.COMMAND_REJECTION,
                    r -> resourceKey(r) == instance)
                .rejectionReason())
        .isEqualTo("Expected to delete resource but no resource found with key `" + instance + "`");
  }

  @Test
  void theRestGatewayChecksTheOperationReferenceAndAnswersNoContent() throws Exception {
    String process = "rest-deletion";
    long definition =
        deployProcess(Bpmn.createExecutableProcess(process).startEvent().endEvent().done());

    HttpResponse<String> refused =
        post("/v2/resources/" + definition + "/deletion", "{\"operationReference\":0}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("The value for operationReference is '0' but must be > 0.");
    assertThat(post("/v2/resources/not-a-key/deletion", "").statusCode()).isEqualTo(400);
    assertThat(this.<Boolean>query(state -> state.process(definition) != null)).isTrue();

    HttpResponse<String> deleted = post("/v2/resources/" + definition + "/deletion", "");
    assertThat(deleted.statusCode()).isEqualTo(204);
    HttpResponse<String> again =
        post("/v2/resources/" + definition + "/deletion", "{\"operationReference\":7}");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body())
        .contains("\"title\":\"NOT_FOUND\"")
        .contains(
            "Command 'DELETE' rejected with code 'NOT_FOUND': Expected to delete resource but no resource found with key `"
                + definition
                + "`");
  }

  // ------------------------------------------------------------------------- restart

  @Test
  void deletionsAreKeptAcrossARestart() {
    String process = "on-call-review";
    long v1 = deployProcess(startEvents(process, process + "-v1"));
    long v2 =
        deployProcess(
            Bpmn.createExecutableProcess(process)
                .startEvent("manual")
                .serviceTask("work", t -> t.zeebeJobType(process + "-v2"))
                .endEvent()
                .done());
    DeploymentEvent rules = deployDmn("escalation-rules", "escalation", "page");
    long form = deployForm("review-form", "notes");
    engine.client.newDeleteResourceCommand(v2).send().join();
    client
        .newDeleteResourceCommand(
            rules.getDecisionRequirements().get(0).getDecisionRequirementsKey())
        .send()
        .join();
    client.newDeleteResourceCommand(form).send().join();

    client.close();
    engine = engine.restart();
    client = engine.connectRest();

    assertThat(
            this.<Boolean>query(
                state ->
                    state.process(v2) == null
                        && state.resource(form) == null
                        && state.latestResource("DECISION", "<default>", "escalation") == null))
        .isTrue();
    assertThat(createLatest(process)).isEqualTo(v1);
    client.newCompleteCommand(awaitJob(process + "-v1").getKey()).send().join();
    advance(Duration.ofHours(1));
    assertThat(startEventOf(awaitJob(process + "-v1").getProcessInstanceKey())).isEqualTo("hourly");
    assertRejected(
        Transport.REST,
        "EVALUATE",
        () -> client.newEvaluateDecisionCommand().decisionId("escalation").send().join(),
        "NOT_FOUND",
        "Expected to evaluate decision 'escalation', but no decision found for id 'escalation'");
    assertThat(
            versionOf(
                deployProcess(
                    Bpmn.createExecutableProcess(process)
                        .startEvent("manual")
                        .serviceTask("work", t -> t.zeebeJobType(process + "-v2"))
                        .endEvent()
                        .done())))
        .as("the deleted version's number stays taken")
        .isEqualTo(3);
    long redeployed = deployForm("review-form", "notes");
    assertThat(redeployed)
        .as("the same form again is a new version, not the deleted one")
        .isNotEqualTo(form);
    assertThat(this.<Integer>query(state -> state.resource(redeployed).version())).isEqualTo(2);
  }

  // ------------------------------------------------------------------------- helpers

  /**
   * A process with a none start event and hourly timer, message and signal start events, all to one
   * task.
   */
  static BpmnModelInstance startEvents(String process, String jobType) {
    return Bpmn.createExecutableProcess(process)
        .startEvent("manual")
        .serviceTask("work", t -> t.zeebeJobType(jobType))
        .endEvent()
        .moveToProcess(process)
        .startEvent("hourly")
        .timerWithCycle("R/PT1H")
        .connectTo("work")
        .moveToProcess(process)
        .startEvent("on-message")
        .message(process + "-start")
        .connectTo("work")
        .moveToProcess(process)
        .startEvent("on-signal")
        .signal(process + "-signal")
        .connectTo("work")
        .done();
  }

  long deployProcess(BpmnModelInstance model) {
    String name = model.getModelElementsByType(Process.class).iterator().next().getId();
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, name + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  DeploymentEvent deployDmn(String graph, String decision, String output) {
    String dmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="%s" name="Risk rules" namespace="suoke">
          <decision id="%s" name="Risk"><literalExpression><text>"%s"</text></literalExpression></decision>
        </definitions>"""
            .formatted(graph, decision, output);
    return client
        .newDeployResourceCommand()
        .addResourceBytes(dmn.getBytes(StandardCharsets.UTF_8), graph + ".dmn")
        .send()
        .join();
  }

  long deployForm(String formId, String field) {
    String form =
        """
        {"id":"%s","type":"default","components":[{"type":"textfield","key":"%s","label":"%s"}]}"""
            .formatted(formId, field, field);
    return client
        .newDeployResourceCommand()
        .addResourceBytes(form.getBytes(StandardCharsets.UTF_8), formId + ".form")
        .send()
        .join()
        .getForm()
        .get(0)
        .getFormKey();
  }

  /** Creates an instance of the latest version and answers its process definition key. */
  long createLatest(String process) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .send()
        .join()
        .getProcessDefinitionKey();
  }

  long createInstance(String process) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .send()
        .join()
        .getProcessInstanceKey();
  }

  Map<String, Object> run(String process) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .withResult()
        .requestTimeout(Duration.ofSeconds(20))
        .send()
        .join()
        .getVariablesAsMap();
  }

  /** Publishes a message that is not buffered: it starts an instance now or never. */
  void publish(String message) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .withoutCorrelationKey()
        .timeToLive(Duration.ZERO)
        .send()
        .join();
  }

  int versionOf(long processDefinitionKey) {
    return query(state -> state.process(processDefinitionKey).version());
  }

  /** The start event a process instance was started at. */
  String startEventOf(long processInstanceKey) {
    return engine.events(ProcessInstanceIntent.ELEMENT_ACTIVATED).stream()
        .filter(
            r ->
                RecordFields.lng(r.value(), "processInstanceKey") == processInstanceKey
                    && "START_EVENT".equals(RecordFields.str(r.value(), "bpmnElementType")))
        .map(r -> RecordFields.str(r.value(), "elementId"))
        .findFirst()
        .orElseThrow();
  }

  List<ProcessDefinition> definitions(String process, boolean latestOnly) {
    return client
        .newProcessDefinitionSearchRequest()
        .filter(
            f -> {
              f.processDefinitionId(process);
              if (latestOnly) {
                f.isLatestVersion(true);
              }
            })
        .send()
        .join()
        .items();
  }

  /** The open incident of a process instance, as error type and message. */
  Map.Entry<String, String> incidentOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                query(
                    state ->
                        state.incidents().stream()
                            .filter(i -> i.processInstanceKey() == processInstanceKey)
                            .map(i -> Map.entry(i.errorType(), i.errorMessage()))
                            .findFirst()
                            .orElse(null)),
            found -> found != null);
  }

  long userTaskOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                query(
                    state ->
                        state.userTasks().stream()
                            .filter(t -> t.processInstanceKey == processInstanceKey)
                            .mapToLong(t -> t.key)
                            .findFirst()
                            .orElse(-1)),
            key -> key > 0);
  }

  long linkedForm(long processInstanceKey) {
    long task = userTaskOf(processInstanceKey);
    return query(state -> state.userTask(task).formDefinitionKey());
  }

  <T> T query(Function<EngineState, T> query) {
    return engine.engine.api().query(query).join();
  }

  static long resourceKey(Record r) {
    return RecordFields.lng(r.value(), "resourceKey");
  }

  Record last(Intent intent, Predicate<Record> filter) {
    return last(intent, RecordType.EVENT, filter);
  }

  Record last(Intent intent, RecordType recordType, Predicate<Record> filter) {
    List<Record> found = new ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == recordType && r.intent() == intent && filter.test(r)) {
                found.add(r);
              }
            });
    assertThat(found).as("%s %s %s", recordType, intent.valueType(), intent).isNotEmpty();
    return found.get(found.size() - 1);
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + engine.engine.restPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Rejected with the code and a reason, as the REST gateway (problem detail) or the gRPC gateway
   * (status) words it.
   */
  static void assertRejected(
      Transport transport, String intent, ThrowingCallable command, String code, String reason) {
    String detail = "Command '" + intent + "' rejected with code '" + code + "': " + reason;
    assertThatThrownBy(command)
        .satisfies(
            failure -> {
              if (transport == Transport.REST) {
                assertThat(failure).isInstanceOf(ProblemException.class);
                ProblemException problem = (ProblemException) failure;
                assertThat(problem.details().getTitle()).isEqualTo(code);
                assertThat(problem.details().getStatus())
                    .isEqualTo("NOT_FOUND".equals(code) ? 404 : 409);
                assertThat(problem.details().getDetail()).isEqualTo(detail);
              } else {
                assertThat(failure).isInstanceOf(ClientStatusException.class);
                ClientStatusException status = (ClientStatusException) failure;
                assertThat(status.getStatusCode())
                    .isEqualTo(
                        "NOT_FOUND".equals(code)
                            ? Status.Code.NOT_FOUND
                            : Status.Code.FAILED_PRECONDITION);
                assertThat(status.getMessage()).contains(detail);
              }
            });
  }
}
