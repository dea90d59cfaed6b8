package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Linked forms ({@code zeebe:formDefinition formId}) as Zeebe 8.8 runs them: on a job-worker user
 * task (no {@code zeebe:userTask}) the job carries the linked form's key in the {@code
 * io.camunda.zeebe:formKey} header, found when the job is created by the binding type (latest,
 * deployment, versionTag) from a static or FEEL form id; a form that is not there is a
 * FORM_NOT_FOUND incident with Zeebe's message for the binding, resolved once the form is deployed;
 * a static id bound to the deployment must be in the deployment. A Camunda user task follows the
 * same binding rules for its {@code formKey}.
 */
class LinkedFormConformanceTest extends ClockedEngineTest {

  private static final String USER_TASK_JOB = "io.camunda.zeebe:userTask";
  private static final String FORM_KEY_HEADER = "io.camunda.zeebe:formKey";

  private CamundaClient grpc;

  @BeforeAll
  void connectGrpc() {
    grpc = engine.connect();
  }

  @AfterAll
  void closeGrpc() {
    grpc.close();
  }

  private static byte[] form(String id, String versionTag, String label) {
    String tag = versionTag == null ? "" : ",\"versionTag\":\"" + versionTag + "\"";
    return ("{\"id\":\""
            + id
            + "\""
            + tag
            + ",\"type\":\"default\",\"components\":[{\"type\":\"text\",\"text\":\""
            + label
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static BpmnModelInstance process(String id, Consumer<UserTaskBuilder> task) {
    return Bpmn.createExecutableProcess(id).startEvent().userTask("fill", task).endEvent().done();
  }

  private long deployForm(byte[] form, String name) {
    return client
        .newDeployResourceCommand()
        .addResourceBytes(form, name)
        .send()
        .join()
        .getForm()
        .get(0)
        .getFormKey();
  }

  /** The job of the instance's job-worker user task, activated over the given client. */
  private static ActivatedJob userTaskJob(CamundaClient client, long processInstanceKey) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(USER_TASK_JOB)
                    .maxJobsToActivate(10)
                    .requestTimeout(Duration.ofMillis(-1))
                    .send()
                    .join()
                    .getJobs()
                    .stream()
                    .filter(j -> j.getProcessInstanceKey() == processInstanceKey)
                    .findFirst(),
            java.util.Optional::isPresent)
        .get();
  }

  private Incident incidentOf(long processInstanceKey) {
    return Awaitility.await()
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
  void aJobWorkerUserTaskCarriesTheKeyOfTheLatestLinkedFormOverGrpcAndRest() {
    deployForm(form("lf-latest", null, "first"), "lf-latest.form");
    long latest = deployForm(form("lf-latest", null, "second"), "lf-latest.form");
    deploy(
        process("lf-latest", t -> t.zeebeFormId("lf-latest").zeebeTaskHeader("queue", "ops")),
        "lf-latest.bpmn");

    ActivatedJob overGrpc = userTaskJob(grpc, start("lf-latest", Map.of()));
    ActivatedJob overRest = userTaskJob(client, start("lf-latest", Map.of()));

    assertThat(overGrpc.getCustomHeaders())
        .containsEntry(FORM_KEY_HEADER, String.valueOf(latest))
        .containsEntry("queue", "ops");
    assertThat(overRest.getCustomHeaders()).containsEntry(FORM_KEY_HEADER, String.valueOf(latest));
  }

  @Test
  void bindingTypeDeploymentTakesTheFormDeployedWithTheProcess() {
    DeploymentEvent together =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                process(
                    "lf-deployment",
                    t ->
                        t.zeebeFormId("lf-deployment")
                            .zeebeFormBindingType(ZeebeBindingType.deployment)),
                "lf-deployment.bpmn")
            .addResourceBytes(form("lf-deployment", null, "first"), "lf-deployment.form")
            .send()
            .join();
    deployForm(form("lf-deployment", null, "second"), "lf-deployment.form");

    ActivatedJob job = userTaskJob(grpc, start("lf-deployment", Map.of()));

    assertThat(job.getCustomHeaders())
        .containsEntry(FORM_KEY_HEADER, String.valueOf(together.getForm().get(0).getFormKey()));
  }

  @Test
  void bindingTypeVersionTagTakesTheLatestFormWithTheTag() {
    deployForm(form("lf-tagged", "v1", "first"), "lf-tagged.form");
    long tagged = deployForm(form("lf-tagged", "v1", "first, corrected"), "lf-tagged.form");
    deployForm(form("lf-tagged", "v2", "second"), "lf-tagged.form");
    deployForm(form("lf-tagged", null, "untagged"), "lf-tagged.form");
    deploy(
        process(
            "lf-tagged",
            t ->
                t.zeebeFormId("lf-tagged")
                    .zeebeFormBindingType(ZeebeBindingType.versionTag)
                    .zeebeFormVersionTag("v1")),
        "lf-tagged.bpmn");

    ActivatedJob job = userTaskJob(client, start("lf-tagged", Map.of()));

    assertThat(job.getCustomHeaders()).containsEntry(FORM_KEY_HEADER, String.valueOf(tagged));
  }

  @Test
  void aFeelFormIdIsEvaluatedInTheTasksScope() {
    long form = deployForm(form("lf-feel-b", null, "b"), "lf-feel-b.form");
    deployForm(form("lf-feel-a", null, "a"), "lf-feel-a.form");
    deploy(process("lf-feel", t -> t.zeebeFormId("=\"lf-feel-\" + variant")), "lf-feel.bpmn");

    ActivatedJob job = userTaskJob(grpc, start("lf-feel", Map.of("variant", "b")));

    assertThat(job.getCustomHeaders()).containsEntry(FORM_KEY_HEADER, String.valueOf(form));
  }

  @Test
  void aMissingFormIsAnIncidentThatResolvesOnceTheFormIsDeployed() {
    deploy(process("lf-missing", t -> t.zeebeFormId("lf-missing")), "lf-missing.bpmn");
    long instance = start("lf-missing", Map.of());

    Incident incident = incidentOf(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("FORM_NOT_FOUND");
    assertThat(incident.getErrorMessage())
        .isEqualTo(
            "Expected to find a form with id 'lf-missing', but no form with this id is"
                + " found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id");
    assertThat(activate(USER_TASK_JOB)).noneMatch(j -> j.getProcessInstanceKey() == instance);

    long form = deployForm(form("lf-missing", null, "late"), "lf-missing.form");
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(userTaskJob(client, instance).getCustomHeaders())
        .containsEntry(FORM_KEY_HEADER, String.valueOf(form));
  }

  @Test
  void aMissingFormOfABindingTypeGetsThatBindingsMessage() {
    deployForm(form("lf-elsewhere", "v1", "elsewhere"), "lf-elsewhere.form");
    long deploymentKey =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                process(
                    "lf-missing-deployment",
                    t ->
                        t.zeebeFormId("=formId").zeebeFormBindingType(ZeebeBindingType.deployment)),
                "lf-missing-deployment.bpmn")
            .send()
            .join()
            .getKey();
    deploy(
        process(
            "lf-missing-tag",
            t ->
                t.zeebeFormId("lf-elsewhere")
                    .zeebeFormBindingType(ZeebeBindingType.versionTag)
                    .zeebeFormVersionTag("v9")),
        "lf-missing-tag.bpmn");

    Incident deployment =
        incidentOf(start("lf-missing-deployment", Map.of("formId", "lf-elsewhere")));
    Incident versionTag = incidentOf(start("lf-missing-tag", Map.of()));

    assertThat(deployment.getErrorType().name()).isEqualTo("FORM_NOT_FOUND");
    assertThat(deployment.getErrorMessage())
        .isEqualTo(
            "Expected to use a form with id 'lf-elsewhere' with binding type"
                + " 'deployment', but no such form found in the deployment with key "
                + deploymentKey
                + " which contained the current"
                + " process. To resolve this incident, migrate the process instance to a process definition that is deployed together"
                + " with the intended form to use.");
    assertThat(versionTag.getErrorType().name()).isEqualTo("FORM_NOT_FOUND");
    assertThat(versionTag.getErrorMessage())
        .isEqualTo(
            "Expected to use a form with id 'lf-elsewhere' and version tag 'v9',"
                + " but no such form found. To resolve the incident, deploy a form with the given id and version tag.\n");
  }

  @Test
  void aStaticFormIdBoundToTheDeploymentMustBeInTheDeployment() {
    deployForm(form("lf-not-along", null, "deployed before"), "lf-not-along.form");

    assertThatThrownBy(
            () ->
                deploy(
                    process(
                        "lf-not-along",
                        t ->
                            t.zeebeFormId("lf-not-along")
                                .zeebeFormBindingType(ZeebeBindingType.deployment)),
                    "lf-not-along.bpmn"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.details().getStatus()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains(
                      "'lf-not-along.bpmn': element 'fill' (userTask > extensionElements >"
                          + " formDefinition): Expected to find form with id 'lf-not-along' in current deployment, but not found.");
            });
  }

  @Test
  void aCamundaUserTaskFollowsTheBindingTypeToo() {
    DeploymentEvent together =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                process(
                    "lf-camunda",
                    t ->
                        t.zeebeUserTask()
                            .zeebeFormId("=\"lf-camunda\"")
                            .zeebeFormBindingType(ZeebeBindingType.deployment)),
                "lf-camunda.bpmn")
            .addResourceBytes(form("lf-camunda", null, "first"), "lf-camunda.form")
            .send()
            .join();
    deployForm(form("lf-camunda", null, "second"), "lf-camunda.form");
    long instance = start("lf-camunda", Map.of());

    long formKey =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(f -> f.processInstanceKey(instance))
                        .send()
                        .join()
                        .items(),
                tasks -> tasks.size() == 1)
            .get(0)
            .getFormKey();

    assertThat(formKey).isEqualTo(together.getForm().get(0).getFormKey());
  }
}
