package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remaining elements and Zeebe's variable rules, through the real client over REST (its default
 * transport): send, manual and undefined tasks; input and output mappings; propagation of job and
 * user task results; FEEL-valued task attributes; job-worker user tasks; forms and decisions
 * deployed and versioned; FEEL failures as incidents.
 */
class ElementsAndVariablesConformanceTest {

  static EngineTestSupport engine;
  static CamundaClient client;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(ElementsAndVariablesConformanceTest.class);
    client = engine.connectRest();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  DeploymentEvent deploy(BpmnModelInstance model, String name) {
    return client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  ActivatedJob activateOne(String type) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(type)
                    .maxJobsToActivate(1)
                    .requestTimeout(Duration.ofSeconds(1))
                    .send()
                    .join()
                    .getJobs(),
            jobs -> !jobs.isEmpty())
        .get(0);
  }

  UserTask userTaskOf(long processInstanceKey, UserTaskState state) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(processInstanceKey).state(state))
                    .send()
                    .join()
                    .items(),
            tasks -> tasks.size() == 1)
        .get(0);
  }

  Incident incidentOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .newIncidentSearchRequest()
                    .filter(f -> f.processInstanceKey(processInstanceKey))
                    .send()
                    .join()
                    .items(),
            incidents -> incidents.size() == 1)
        .get(0);
  }

  @Test
  void sendManualAndUndefinedTasksRunInOrder() {
    deploy(
        Bpmn.createExecutableProcess("notify-and-record")
            .startEvent()
            .sendTask("send-mail", t -> t.zeebeJobType("send-mail"))
            .manualTask("call-the-customer")
            .task("note")
            .endEvent()
            .done(),
        "notify-and-record.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("notify-and-record")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    ActivatedJob mail = activateOne("send-mail");
    assertThat(mail.getElementId()).isEqualTo("send-mail");
    client.newCompleteCommand(mail.getKey()).variables(Map.of("mailed", true)).send().join();

    assertThat(result.join().getVariablesAsMap()).containsEntry("mailed", true);
  }

  @Test
  void inputMappingsCreateLocalVariablesAndOutputMappingsDecideWhatReachesTheProcess() {
    deploy(
        Bpmn.createExecutableProcess("mapped")
            .startEvent()
            .serviceTask(
                "assess",
                t ->
                    t.zeebeJobType("assess")
                        .zeebeInputExpression("incident.id", "incidentId")
                        .zeebeOutputExpression("result.risk", "risk")
                        .zeebeOutputExpression("result.score * 10", "assessment.score"))
            .endEvent()
            .done(),
        "mapped.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("mapped")
            .latestVersion()
            .variables(
                Map.of("incident", Map.of("id", "INC-7"), "assessment", Map.of("by", "tier-2")))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    ActivatedJob job = activateOne("assess");
    assertThat(job.getVariablesAsMap()).containsEntry("incidentId", "INC-7");
    client
        .newCompleteCommand(job.getKey())
        .variables(Map.of("result", Map.of("risk", "high", "score", 4)))
        .send()
        .join();

    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertThat(variables).containsEntry("risk", "high");
    assertThat(variables).containsEntry("assessment", Map.of("by", "tier-2", "score", 40));
    assertThat(variables)
        .as("job result is local when output mappings exist")
        .doesNotContainKey("result");
    assertThat(variables).as("input mapping targets are local").doesNotContainKey("incidentId");
  }

  @Test
  void jobResultWithoutOutputMappingsUpdatesExistingVariablesAndCreatesNewOnesAtTheRoot() {
    deploy(
        Bpmn.createExecutableProcess("propagate")
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("propagate-work"))
            .endEvent()
            .done(),
        "propagate.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("propagate")
            .latestVersion()
            .variables(Map.of("status", "new"))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    client
        .newCompleteCommand(activateOne("propagate-work").getKey())
        .variables(Map.of("status", "triaged", "owner", "tier-1"))
        .send()
        .join();

    assertThat(result.join().getVariablesAsMap())
        .containsEntry("status", "triaged")
        .containsEntry("owner", "tier-1");
  }

  @Test
  void userTaskAttributesComeFromFeelAndItsCompletionVariablesReachTheProcess() {
    deploy(
        Bpmn.createExecutableProcess("approve-change")
            .startEvent()
            .userTask(
                "approve",
                t ->
                    t.zeebeUserTask()
                        .zeebeAssigneeExpression("owner")
                        .zeebeCandidateGroupsExpression("[\"cab\", team]")
                        .zeebeDueDateExpression("date and time(\"2026-12-01T10:00:00+08:00\")")
                        .zeebeTaskPriorityExpression("if risk = \"high\" then 90 else 40"))
            .endEvent()
            .done(),
        "approve-change.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("approve-change")
            .latestVersion()
            .variables(Map.of("owner", "alice", "team", "sre", "risk", "high"))
            .send()
            .join()
            .getProcessInstanceKey();

    UserTask task = userTaskOf(key, UserTaskState.CREATED);
    assertThat(task.getAssignee()).isEqualTo("alice");
    assertThat(task.getCandidateGroups()).containsExactly("cab", "sre");
    assertThat(task.getPriority()).isEqualTo(90);
    assertThat(task.getDueDate()).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:00+08:00"));

    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("approved", true))
        .send()
        .join();

    await()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .newVariableSearchRequest()
                            .filter(f -> f.processInstanceKey(key).name("approved"))
                            .send()
                            .join()
                            .items())
                    .singleElement()
                    .satisfies(v -> assertThat(v.getValue()).isEqualTo("true")));
    userTaskOf(key, UserTaskState.COMPLETED);
  }

  @Test
  void cancellingTheInstanceCancelsItsUserTask() {
    deploy(
        Bpmn.createExecutableProcess("cancel-review")
            .startEvent()
            .userTask("review", t -> t.zeebeUserTask())
            .endEvent()
            .done(),
        "cancel-review.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("cancel-review")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    userTaskOf(key, UserTaskState.CREATED);

    client.newCancelInstanceCommand(key).send().join();

    assertThat(userTaskOf(key, UserTaskState.CANCELED).getElementId()).isEqualTo("review");
  }

  @Test
  void userTaskWithoutZeebeUserTaskIsAJobWithZeebesHeaders() {
    deploy(
        Bpmn.createExecutableProcess("job-based-task")
            .startEvent()
            .userTask("legacy", t -> t.zeebeAssignee("bob").zeebeCandidateGroups("ops"))
            .endEvent()
            .done(),
        "job-based-task.bpmn");
    client.newCreateInstanceCommand().bpmnProcessId("job-based-task").latestVersion().send().join();

    ActivatedJob job = activateOne("io.camunda.zeebe:userTask");
    assertThat(job.getElementId()).isEqualTo("legacy");
    assertThat(job.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "bob");
    assertThat(job.getCustomHeaders().get("io.camunda.zeebe:candidateGroups")).contains("ops");
  }

  @Test
  void formsAndDecisionsAreVersionedAndAUserTaskLinksItsForm() {
    byte[] form =
        "{\"id\":\"handover-form\",\"type\":\"default\",\"components\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] changed =
        "{\"id\":\"handover-form\",\"type\":\"default\",\"components\":[{\"type\":\"textfield\",\"key\":\"notes\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    DeploymentEvent first =
        client.newDeployResourceCommand().addResourceBytes(form, "handover.form").send().join();
    DeploymentEvent same =
        client.newDeployResourceCommand().addResourceBytes(form, "handover.form").send().join();
    DeploymentEvent second =
        client.newDeployResourceCommand().addResourceBytes(changed, "handover.form").send().join();
    assertThat(first.getForm())
        .singleElement()
        .satisfies(f -> assertThat(f.getVersion()).isEqualTo(1));
    assertThat(same.getForm().get(0).getFormKey()).isEqualTo(first.getForm().get(0).getFormKey());
    assertThat(second.getForm().get(0).getVersion()).isEqualTo(2);

    String dmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="priority-rules" name="Priority" namespace="suoke">
          <decision id="incident-priority" name="Incident priority">
            <decisionTable id="table"><input id="impact"><inputExpression typeRef="string"><text>impact</text></inputExpression></input>
              <output id="priority" name="priority" typeRef="string"/></decisionTable>
          </decision>
        </definitions>""";
    DeploymentEvent decision =
        client
            .newDeployResourceCommand()
            .addResourceBytes(dmn.getBytes(StandardCharsets.UTF_8), "priority.dmn")
            .send()
            .join();
    assertThat(decision.getDecisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDmnDecisionId()).isEqualTo("incident-priority");
              assertThat(d.getVersion()).isEqualTo(1);
            });

    deploy(
        Bpmn.createExecutableProcess("handover")
            .startEvent()
            .userTask("write-handover", t -> t.zeebeUserTask().zeebeFormId("handover-form"))
            .endEvent()
            .done(),
        "handover.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("handover")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    UserTask task = userTaskOf(key, UserTaskState.CREATED);
    assertThat(task.getFormKey()).isEqualTo(second.getForm().get(0).getFormKey());
    var linked = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(linked.getFormId()).isEqualTo("handover-form");
    assertThat(linked.getVersion()).isEqualTo(2);
    assertThat(String.valueOf(linked.getSchema())).contains("notes");
  }

  @Test
  void feelFailureInAJobTypeIsAnIncidentThatResolvesOnceTheVariableIsThere() {
    deploy(
        Bpmn.createExecutableProcess("dynamic-type")
            .startEvent()
            .serviceTask("dispatch", t -> t.zeebeJobTypeExpression("channel + \"-notify\""))
            .endEvent()
            .done(),
        "dynamic-type.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("dynamic-type")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    Incident incident = incidentOf(key);
    assertThat(incident.getErrorType().name()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.getErrorMessage()).contains("channel");

    client.newSetVariablesCommand(key).variables(Map.of("channel", "sms")).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    assertThat(activateOne("sms-notify").getProcessInstanceKey()).isEqualTo(key);
  }
}
