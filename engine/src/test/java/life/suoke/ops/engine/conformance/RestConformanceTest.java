package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import life.suoke.ops.engine.state.Incident;
import life.suoke.ops.engine.state.UserTask;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda 8.8 REST API ({@code /v2}) through the unmodified Camunda client with {@code
 * preferRestOverGrpc(true)}: every command it sends over REST, and the error shape.
 */
class RestConformanceTest {

  static EngineTestSupport engine;
  static CamundaClient client;
  static HttpClient http;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(RestConformanceTest.class);
    client = engine.connectRest();
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  static BpmnModelInstance oneTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType(jobType).zeebeTaskHeader("channel", "dingtalk"))
        .endEvent("end")
        .done();
  }

  static BpmnModelInstance userTaskProcess(String processId) {
    return Bpmn.createExecutableProcess(processId)
        .name("Approve change")
        .startEvent()
        .userTask(
            "approve",
            t ->
                t.name("Approve the change")
                    .zeebeUserTask()
                    .zeebeCandidateGroups("cab")
                    .zeebeTaskPriority("60"))
        .endEvent()
        .done();
  }

  DeploymentEvent deploy(BpmnModelInstance model, String name) {
    return client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  // ------------------------------------------------------------------------- topology, deployment

  @Test
  void topologyShowsOneHealthyBrokerLeadingOnePartition() {
    var topology = client.newTopologyRequest().send().join();
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getPort()).isEqualTo(engine.engine.grpcPort());
              assertThat(b.getPartitions())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.isLeader()).isTrue();
                        assertThat(p.getPartitionId()).isEqualTo(1);
                      });
            });
  }

  @Test
  void deploysVersionsAndDetectsDuplicates() {
    BpmnModelInstance model = oneTask("rest-versioned", "v");
    DeploymentEvent first = deploy(model, "rest-versioned.bpmn");
    DeploymentEvent again = deploy(model, "rest-versioned.bpmn");
    DeploymentEvent changed = deploy(oneTask("rest-versioned", "v2"), "rest-versioned.bpmn");

    assertThat(first.getKey()).isPositive();
    assertThat(first.getTenantId()).isEqualTo("<default>");
    assertThat(first.getProcesses())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getBpmnProcessId()).isEqualTo("rest-versioned");
              assertThat(p.getVersion()).isEqualTo(1);
              assertThat(p.getResourceName()).isEqualTo("rest-versioned.bpmn");
            });
    assertThat(again.getProcesses().get(0).getProcessDefinitionKey())
        .isEqualTo(first.getProcesses().get(0).getProcessDefinitionKey());
    assertThat(changed.getProcesses().get(0).getVersion()).isEqualTo(2);
  }

  @Test
  void invalidBpmnIsRejectedWith400NamingTheFileAndTheElement() {
    BpmnModelInstance noJobType =
        Bpmn.createExecutableProcess("rest-broken")
            .startEvent()
            .serviceTask("Task_NoType")
            .endEvent()
            .done();

    assertProblem(
        () ->
            client
                .newDeployResourceCommand()
                .addProcessModel(oneTask("rest-batchmate", "x"), "rest-batchmate.bpmn")
                .addProcessModel(noJobType, "rest-broken.bpmn")
                .send()
                .join(),
        400,
        "INVALID_ARGUMENT",
        d ->
            assertThat(d)
                .contains("rest-broken.bpmn")
                .contains("Task_NoType")
                .startsWith("Command 'CREATE' rejected with code 'INVALID_ARGUMENT'"));
    // Nothing of the batch was deployed.
    assertProblem(
        () -> start("rest-batchmate", Map.of()),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains("rest-batchmate"));
  }

  @Test
  void processDefinitionAndItsXmlAreReadable() {
    DeploymentEvent deployed = deploy(userTaskProcess("rest-readable"), "rest-readable.bpmn");
    long key = deployed.getProcesses().get(0).getProcessDefinitionKey();

    var definition = client.newProcessDefinitionGetRequest(key).send().join();
    assertThat(definition.getProcessDefinitionKey()).isEqualTo(key);
    assertThat(definition.getProcessDefinitionId()).isEqualTo("rest-readable");
    assertThat(definition.getName()).isEqualTo("Approve change");
    assertThat(definition.getVersion()).isEqualTo(1);
    assertThat(definition.getResourceName()).isEqualTo("rest-readable.bpmn");
    assertThat(client.newProcessDefinitionGetXmlRequest(key).send().join())
        .contains("rest-readable")
        .contains("Approve the change");

    assertProblem(
        () -> client.newProcessDefinitionGetRequest(key + 1000).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains(String.valueOf(key + 1000)));
  }

  // ------------------------------------------------------------------------- process instances

  @Test
  void createsInstancesByKeyAndByIdAndVersion() {
    DeploymentEvent v1 = deploy(oneTask("rest-create", "create-a"), "rest-create.bpmn");
    deploy(oneTask("rest-create", "create-b"), "rest-create.bpmn");
    long v1Key = v1.getProcesses().get(0).getProcessDefinitionKey();

    ProcessInstanceEvent byKey =
        client.newCreateInstanceCommand().processDefinitionKey(v1Key).send().join();
    ProcessInstanceEvent byVersion =
        client.newCreateInstanceCommand().bpmnProcessId("rest-create").version(1).send().join();
    ProcessInstanceEvent latest =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("rest-create")
            .latestVersion()
            .send()
            .join();

    assertThat(byKey.getProcessDefinitionKey()).isEqualTo(v1Key);
    assertThat(byKey.getBpmnProcessId()).isEqualTo("rest-create");
    assertThat(byKey.getVersion()).isEqualTo(1);
    assertThat(byKey.getProcessInstanceKey()).isPositive();
    assertThat(byVersion.getProcessDefinitionKey()).isEqualTo(v1Key);
    assertThat(latest.getVersion()).isEqualTo(2);
    assertProblem(
        () ->
            client.newCreateInstanceCommand().bpmnProcessId("rest-create").version(7).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains("rest-create").contains("7"));
  }

  @Test
  void unknownProcessIdIsNotFound() {
    assertProblem(
        () -> start("no-such-rest-process", Map.of()),
        404,
        "NOT_FOUND",
        d ->
            assertThat(d)
                .isEqualTo(
                    "Command 'CREATE' rejected with code 'NOT_FOUND': "
                        + "Expected to find process definition with process ID 'no-such-rest-process', but none found"));
  }

  @Test
  void createWithResultReturnsTheRequestedVariablesOfTheCompletedInstance() {
    deploy(oneTask("rest-with-result", "rest-compute"), "rest-with-result.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("rest-with-result")
            .latestVersion()
            .variables(Map.of("a", 1))
            .withResult()
            .fetchVariables("a", "b")
            .requestTimeout(Duration.ofSeconds(20))
            .send();
    ActivatedJob job = activateOne("rest-compute");
    client.newCompleteCommand(job.getKey()).variables(Map.of("b", 2, "c", 3)).send().join();

    ProcessInstanceResult completed = result.join();
    assertThat(completed.getBpmnProcessId()).isEqualTo("rest-with-result");
    assertThat(completed.getProcessInstanceKey()).isEqualTo(job.getProcessInstanceKey());
    assertThat(completed.getVariablesAsMap()).containsOnly(Map.entry("a", 1), Map.entry("b", 2));
  }

  @Test
  void createWithResultTimesOutWith504() {
    deploy(oneTask("rest-never-done", "rest-nobody"), "rest-never-done.bpmn");
    assertProblem(
        () ->
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("rest-never-done")
                .latestVersion()
                .withResult()
                .requestTimeout(Duration.ofMillis(500))
                .send()
                .join(),
        504,
        "DEADLINE_EXCEEDED",
        d -> assertThat(d).isNotBlank());
  }

  @Test
  void cancelEndsTheInstanceAndASecondCancelIsNotFound() {
    deploy(oneTask("rest-cancelled", "rest-never"), "rest-cancelled.bpmn");
    long instance = start("rest-cancelled", Map.of());

    client.newCancelInstanceCommand(instance).send().join();

    assertThat(isActive(instance)).isFalse();
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("rest-never")
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .isEmpty();
    assertProblem(
        () -> client.newCancelInstanceCommand(instance).send().join(),
        404,
        "NOT_FOUND",
        d ->
            assertThat(d)
                .startsWith("Command 'CANCEL' rejected with code 'NOT_FOUND'")
                .contains(String.valueOf(instance)));
  }

  // ------------------------------------------------------------------------- jobs

  @Test
  void jobIsActivatedWithVariablesAndHeadersAndCompletingItTwiceIsNotFound() {
    deploy(oneTask("rest-notify", "rest-notify"), "rest-notify.bpmn");
    long instance =
        start("rest-notify", Map.of("incidentId", "INC-1", "priority", "P1", "ratio", 0.75));

    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("rest-notify")
            .maxJobsToActivate(5)
            .fetchVariables("incidentId", "ratio")
            .workerName("w1")
            .timeout(Duration.ofMinutes(1))
            .send()
            .join()
            .getJobs();

    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
              assertThat(job.getBpmnProcessId()).isEqualTo("rest-notify");
              assertThat(job.getElementId()).isEqualTo("task");
              assertThat(job.getType()).isEqualTo("rest-notify");
              assertThat(job.getVariablesAsMap())
                  .containsOnly(Map.entry("incidentId", "INC-1"), Map.entry("ratio", 0.75));
              assertThat(job.getCustomHeaders()).containsEntry("channel", "dingtalk");
              assertThat(job.getWorker()).isEqualTo("w1");
              assertThat(job.getRetries()).isEqualTo(3);
              assertThat(job.getDeadline()).isGreaterThan(System.currentTimeMillis());
            });
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("rest-notify")
                .maxJobsToActivate(5)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .as("an activated job is not handed out twice")
        .isEmpty();

    client
        .newCompleteCommand(jobs.get(0).getKey())
        .variables(Map.of("notified", true))
        .send()
        .join();

    assertProblem(
        () -> client.newCompleteCommand(jobs.get(0).getKey()).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).startsWith("Command 'COMPLETE' rejected with code 'NOT_FOUND'"));
    await().untilAsserted(() -> assertThat(isActive(instance)).isFalse());
  }

  @Test
  void longPollingActivationReturnsAsSoonAsAJobArrives() {
    deploy(oneTask("rest-late-job", "rest-late"), "rest-late-job.bpmn");
    var pending =
        client
            .newActivateJobsCommand()
            .jobType("rest-late")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(15))
            .send();
    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
    long instance = start("rest-late-job", Map.of());
    assertThat(pending.join().getJobs())
        .singleElement()
        .satisfies(j -> assertThat(j.getProcessInstanceKey()).isEqualTo(instance));
  }

  @Test
  void failedJobWithRetriesComesBackAfterItsBackoff() {
    deploy(oneTask("rest-retrying", "rest-flaky"), "rest-retrying.bpmn");
    start("rest-retrying", Map.of());
    ActivatedJob job = activateOne("rest-flaky");

    client
        .newFailCommand(job.getKey())
        .retries(1)
        .retryBackoff(Duration.ofMillis(300))
        .errorMessage("SMS gateway down")
        .variables(Map.of("attempt", 1))
        .send()
        .join();

    ActivatedJob again = activateOne("rest-flaky");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(1);
    assertThat(again.getVariablesAsMap()).containsEntry("attempt", 1);
  }

  @Test
  void jobWithoutRetriesRaisesAnIncidentResolvedAfterRetriesAreUpdated() {
    deploy(oneTask("rest-exhausted", "rest-fragile"), "rest-exhausted.bpmn");
    long instance = start("rest-exhausted", Map.of());
    ActivatedJob job = activateOne("rest-fragile");

    client
        .newFailCommand(job.getKey())
        .retries(0)
        .errorMessage("mail server refused")
        .send()
        .join();
    Incident incident = incidentOf(instance);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertProblem(
        () -> client.newResolveIncidentCommand(incident.key()).send().join(),
        409,
        "INVALID_STATE",
        d ->
            assertThat(d)
                .contains(
                    "has no retries left. Please update the job retries and retry resolving the incident"));

    client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob retried = activateOne("rest-fragile");
    assertThat(retried.getRetries()).isEqualTo(2);
    client.newCompleteCommand(retried.getKey()).send().join();
    await().untilAsserted(() -> assertThat(isActive(instance)).isFalse());
    assertProblem(
        () -> client.newResolveIncidentCommand(incident.key()).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).startsWith("Command 'RESOLVE' rejected with code 'NOT_FOUND'"));
  }

  @Test
  void thrownErrorWithoutACatchRaisesAnIncident() {
    deploy(oneTask("rest-uncaught", "rest-rollback"), "rest-uncaught.bpmn");
    long instance = start("rest-uncaught", Map.of());
    ActivatedJob job = activateOne("rest-rollback");

    client
        .newThrowErrorCommand(job.getKey())
        .errorCode("DEPLOY_FAILED")
        .errorMessage("canary unhealthy")
        .send()
        .join();

    Incident incident = incidentOf(instance);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.errorMessage()).contains("DEPLOY_FAILED");
  }

  @Test
  void jobTimeoutAndRetriesAreUpdatedThroughPatch() {
    deploy(oneTask("rest-patched", "rest-patched"), "rest-patched.bpmn");
    start("rest-patched", Map.of());
    ActivatedJob job =
        client
            .newActivateJobsCommand()
            .jobType("rest-patched")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMillis(300))
            .send()
            .join()
            .getJobs()
            .get(0);

    client.newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMinutes(5)).send().join();
    client.newUpdateJobCommand(job.getKey()).update(4, null).send().join();

    await().pollDelay(Duration.ofMillis(600)).until(() -> true);
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("rest-patched")
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .as("the extended deadline has not passed")
        .isEmpty();
    assertThat(engine.engine.api().query(s -> s.job(job.getKey()).retries()).join()).isEqualTo(4);
    assertProblem(
        () -> client.newUpdateRetriesCommand(job.getKey()).retries(0).send().join(),
        400,
        "INVALID_ARGUMENT",
        d -> assertThat(d).startsWith("Command 'UPDATE' rejected with code 'INVALID_ARGUMENT'"));
    assertProblem(
        () ->
            client
                .newUpdateTimeoutCommand(job.getKey() + 99_999)
                .timeout(Duration.ofMinutes(1))
                .send()
                .join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains(String.valueOf(job.getKey() + 99_999)));
  }

  @Test
  void jobWorkerPollsAndCompletesOverRest() {
    deploy(oneTask("rest-worked", "rest-worker"), "rest-worked.bpmn");
    List<Long> handled = new CopyOnWriteArrayList<>();
    try (var worker =
        client
            .newWorker()
            .jobType("rest-worker")
            .handler(
                (jobClient, job) -> {
                  jobClient
                      .newCompleteCommand(job.getKey())
                      .variables(Map.of("done", true))
                      .send()
                      .join();
                  handled.add(job.getProcessInstanceKey());
                })
            .streamEnabled(false)
            .pollInterval(Duration.ofMillis(50))
            .open()) {
      long first = start("rest-worked", Map.of());
      long second = start("rest-worked", Map.of());
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(handled).contains(first, second));
    }
  }

  // ------------------------------------------------------------------------- variables

  @Test
  void variablesAreSetLocallyOrPropagated() {
    deploy(oneTask("rest-vars", "rest-vars"), "rest-vars.bpmn");
    long instance = start("rest-vars", Map.of("x", 1));
    ActivatedJob job = activateOne("rest-vars");

    client
        .newSetVariablesCommand(instance)
        .variables(Map.of("x", 2, "fromRoot", "yes"))
        .send()
        .join();
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("onlyHere", true))
        .local(true)
        .send()
        .join();

    Map<String, Object> root = engine.engine.api().query(s -> s.visibleVariables(instance)).join();
    Map<String, Object> task =
        engine.engine.api().query(s -> s.visibleVariables(job.getElementInstanceKey())).join();
    assertThat(root)
        .containsEntry("x", 2)
        .containsEntry("fromRoot", "yes")
        .doesNotContainKey("onlyHere");
    assertThat(task).containsEntry("onlyHere", true).containsEntry("x", 2);
    assertProblem(
        () ->
            client
                .newSetVariablesCommand(instance + 99_999)
                .variables(Map.of("a", 1))
                .send()
                .join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).startsWith("Command 'UPDATE' rejected with code 'NOT_FOUND'"));
  }

  // ------------------------------------------------------------------------- user tasks

  @Test
  void userTaskLifecycleCreatedAssignedUpdatedCompleted() {
    deploy(userTaskProcess("rest-approval"), "rest-approval.bpmn");
    long instance = start("rest-approval", Map.of("change", "CHG-7"));
    UserTask created = userTaskOf(instance);
    assertThat(created.candidateGroups()).containsExactly("cab");
    assertThat(created.priority()).isEqualTo(60);
    assertThat(created.assignee()).isEmpty();

    client.newAssignUserTaskCommand(created.key).assignee("alice").send().join();
    assertThat(userTask(created.key).assignee()).isEqualTo("alice");
    assertProblem(
        () ->
            client
                .newAssignUserTaskCommand(created.key)
                .assignee("bob")
                .allowOverride(false)
                .send()
                .join(),
        409,
        "INVALID_STATE",
        d -> assertThat(d).startsWith("Command 'ASSIGN' rejected with code 'INVALID_STATE'"));
    client.newAssignUserTaskCommand(created.key).assignee("bob").send().join();
    assertThat(userTask(created.key).assignee())
        .as("allowOverride defaults to true")
        .isEqualTo("bob");

    client
        .newUpdateUserTaskCommand(created.key)
        .candidateGroups("cab", "sre")
        .candidateUsers("carol")
        .dueDate("2030-01-02T03:04:05Z")
        .followUpDate("2030-01-01T00:00:00Z")
        .priority(80)
        .send()
        .join();
    UserTask updated = userTask(created.key);
    assertThat(updated.candidateGroups()).containsExactly("cab", "sre");
    assertThat(updated.candidateUsers()).containsExactly("carol");
    assertThat(updated.dueDate()).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(updated.followUpDate()).isEqualTo("2030-01-01T00:00Z");
    assertThat(updated.priority()).isEqualTo(80);
    assertProblem(
        () -> client.newUpdateUserTaskCommand(created.key).priority(101).send().join(),
        400,
        "INVALID_ARGUMENT",
        d -> assertThat(d).contains("priority").contains("101"));
    assertProblem(
        () -> client.newUpdateUserTaskCommand(created.key).dueDate("next tuesday").send().join(),
        400,
        "INVALID_ARGUMENT",
        d -> assertThat(d).contains("dueDate").contains("next tuesday"));

    client.newUnassignUserTaskCommand(created.key).send().join();
    assertThat(userTask(created.key).assignee()).isEmpty();

    client
        .newCompleteUserTaskCommand(created.key)
        .variables(Map.of("approved", true))
        .send()
        .join();
    await().untilAsserted(() -> assertThat(isActive(instance)).isFalse());
    assertProblem(
        () -> client.newCompleteUserTaskCommand(created.key).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).startsWith("Command 'COMPLETE' rejected with code 'NOT_FOUND'"));
  }

  @Test
  void completingAUserTaskOfACanceledInstanceIsNotFound() {
    deploy(userTaskProcess("rest-withdrawn"), "rest-withdrawn.bpmn");
    long instance = start("rest-withdrawn", Map.of());
    UserTask task = userTaskOf(instance);

    client.newCancelInstanceCommand(instance).send().join();

    assertProblem(
        () -> client.newCompleteUserTaskCommand(task.key).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains(String.valueOf(task.key)));
    assertProblem(
        () -> client.newAssignUserTaskCommand(task.key).assignee("alice").send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).startsWith("Command 'ASSIGN' rejected with code 'NOT_FOUND'"));
  }

  // ------------------------------------------------------------------------- errors and plumbing

  @Test
  void anEndpointThisEngineDoesNotServeIsAProblemSayingSo() {
    assertProblem(
        () -> client.newCreateTenantCommand().tenantId("ops").name("Operations").send().join(),
        501,
        "NOT_IMPLEMENTED",
        d ->
            assertThat(d)
                .contains("/v2/tenants")
                .endsWith("is not implemented by this engine yet"));
  }

  @Test
  void malformedOrIncompleteRequestsAre400ProblemsNamingTheField() throws Exception {
    HttpResponse<String> missingType =
        post("/v2/jobs/activation", "{\"timeout\":1000,\"maxJobsToActivate\":1}");
    assertThat(missingType.statusCode()).isEqualTo(400);
    assertThat(missingType.headers().firstValue("content-type"))
        .hasValue("application/problem+json");
    assertThat(missingType.body())
        .contains("\"title\":\"INVALID_ARGUMENT\"")
        .contains("No type provided.")
        .contains("\"instance\":\"/v2/jobs/activation\"")
        .contains("\"type\":\"about:blank\"")
        .contains("\"status\":400");

    HttpResponse<String> notJson = post("/v2/process-instances", "{\"processDefinitionId\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not valid JSON");

    HttpResponse<String> wrongType =
        post(
            "/v2/jobs/activation", "{\"type\":\"x\",\"timeout\":\"soon\",\"maxJobsToActivate\":1}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.body()).contains("timeout").contains("soon");

    HttpResponse<String> neither = post("/v2/process-instances", "{\"variables\":{}}");
    assertThat(neither.statusCode()).isEqualTo(400);
    assertThat(neither.body()).contains("processDefinitionId").contains("processDefinitionKey");

    HttpResponse<String> badKey = post("/v2/jobs/not-a-key/completion", "{}");
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.body()).contains("jobKey").contains("not-a-key");

    HttpResponse<String> keysAreStrings =
        post("/v2/process-instances", "{\"processDefinitionId\":\"rest-key-strings\"}");
    assertThat(keysAreStrings.statusCode()).isEqualTo(404);
    deploy(oneTask("rest-key-strings", "rest-ks"), "rest-key-strings.bpmn");
    HttpResponse<String> created =
        post("/v2/process-instances", "{\"processDefinitionId\":\"rest-key-strings\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body())
        .containsPattern("\"processInstanceKey\":\"\\d+\"")
        .containsPattern("\"processDefinitionKey\":\"\\d+\"");
  }

  // ------------------------------------------------------------------------- helpers

  static void assertProblem(
      ThrowingCallable call, int status, String title, Consumer<String> detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(status);
              assertThat(e.details().getStatus()).isEqualTo(status);
              assertThat(e.details().getTitle()).isEqualTo(title);
              detail.accept(e.details().getDetail());
            });
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.engine.restPort() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
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

  Incident incidentOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                engine
                    .engine
                    .api()
                    .query(
                        state ->
                            state.incidents().stream()
                                .filter(i -> i.processInstanceKey() == processInstanceKey)
                                .findFirst()
                                .orElse(null))
                    .join(),
            i -> i != null);
  }

  UserTask userTaskOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                engine
                    .engine
                    .api()
                    .query(
                        state ->
                            state.userTasks().stream()
                                .filter(t -> t.processInstanceKey == processInstanceKey)
                                .findFirst()
                                .orElse(null))
                    .join(),
            t -> t != null);
  }

  UserTask userTask(long key) {
    return engine.engine.api().query(state -> state.userTask(key)).join();
  }

  boolean isActive(long processInstanceKey) {
    return engine
        .engine
        .api()
        .query(state -> state.elementInstance(processInstanceKey) != null)
        .join();
  }
}
