package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import life.suoke.ops.engine.state.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zeebe behaviour through the unmodified Camunda client over gRPC. */
class GrpcConformanceTest {

  static EngineTestSupport engine;
  static CamundaClient client;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(GrpcConformanceTest.class);
    client = engine.client;
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static BpmnModelInstance oneTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType(jobType).zeebeJobRetries("2"))
        .endEvent("end")
        .done();
  }

  DeploymentEvent deploy(BpmnModelInstance model, String name) {
    return client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  @Test
  void topologyShowsOneHealthyBrokerWithOnePartition() {
    var topology = client.newTopologyRequest().send().join();
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getPort()).isEqualTo(engine.engine.grpcPort());
              assertThat(b.getPartitions())
                  .singleElement()
                  .satisfies(p -> assertThat(p.isLeader()).isTrue());
            });
  }

  @Test
  void deploysVersionsAndDetectsDuplicates() {
    BpmnModelInstance model = oneTask("versioned", "v");
    DeploymentEvent first = deploy(model, "versioned.bpmn");
    DeploymentEvent again = deploy(model, "versioned.bpmn");
    DeploymentEvent changed = deploy(oneTask("versioned", "v2"), "versioned.bpmn");

    assertThat(first.getProcesses())
        .singleElement()
        .satisfies(p -> assertThat(p.getVersion()).isEqualTo(1));
    assertThat(again.getProcesses().get(0).getProcessDefinitionKey())
        .isEqualTo(first.getProcesses().get(0).getProcessDefinitionKey());
    assertThat(again.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(changed.getProcesses().get(0).getVersion()).isEqualTo(2);
  }

  @Test
  void resourcesOfADeploymentAreVersionedTogether() {
    BpmnModelInstance review = oneTask("together-review", "review");
    BpmnModelInstance release = oneTask("together-release", "release");
    DeploymentEvent first =
        client
            .newDeployResourceCommand()
            .addProcessModel(review, "together-review.bpmn")
            .addProcessModel(release, "together-release.bpmn")
            .send()
            .join();
    DeploymentEvent same =
        client
            .newDeployResourceCommand()
            .addProcessModel(review, "together-review.bpmn")
            .addProcessModel(release, "together-release.bpmn")
            .send()
            .join();
    DeploymentEvent oneChanged =
        client
            .newDeployResourceCommand()
            .addProcessModel(oneTask("together-review", "review-v2"), "together-review.bpmn")
            .addProcessModel(release, "together-release.bpmn")
            .send()
            .join();

    assertThat(same.getProcesses())
        .as("nothing changed: the latest versions are returned")
        .extracting(p -> p.getVersion())
        .containsExactly(1, 1);
    assertThat(same.getProcesses().get(1).getProcessDefinitionKey())
        .isEqualTo(first.getProcesses().get(1).getProcessDefinitionKey());
    assertThat(oneChanged.getProcesses())
        .as("one changed: the unchanged one gets a new version too")
        .extracting(p -> p.getVersion())
        .containsExactly(2, 2);
    assertThat(oneChanged.getProcesses().get(1).getProcessDefinitionKey())
        .isNotEqualTo(first.getProcesses().get(1).getProcessDefinitionKey());
  }

  @Test
  void rejectsInvalidBpmnNamingTheFileAndElementAndDeploysNothingOfTheBatch() {
    BpmnModelInstance noJobType =
        Bpmn.createExecutableProcess("broken")
            .startEvent()
            .serviceTask("Task_NoType")
            .endEvent()
            .done();

    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addProcessModel(oneTask("batchmate", "x"), "batchmate.bpmn")
                    .addProcessModel(noJobType, "broken.bpmn")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("broken.bpmn")
        .hasMessageContaining("Task_NoType");

    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("batchmate")
                    .latestVersion()
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void unknownProcessIdIsNotFound() {
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("no-such-process")
                    .latestVersion()
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND))
        .hasMessageContaining("no-such-process");
  }

  @Test
  void serviceTaskJobIsActivatedWithVariablesAndHeadersAndCompletionMovesOn() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("notify")
            .startEvent()
            .serviceTask(
                "notify-task", t -> t.zeebeJobType("notify").zeebeTaskHeader("channel", "dingtalk"))
            .endEvent()
            .done();
    deploy(model, "notify.bpmn");
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("notify")
            .latestVersion()
            .variables(Map.of("incidentId", "INC-1", "priority", "P1"))
            .send()
            .join();

    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("notify")
            .maxJobsToActivate(5)
            .fetchVariables("incidentId")
            .workerName("w1")
            .send()
            .join()
            .getJobs();

    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
              assertThat(job.getElementId()).isEqualTo("notify-task");
              assertThat(job.getVariablesAsMap()).containsExactly(Map.entry("incidentId", "INC-1"));
              assertThat(job.getCustomHeaders()).containsEntry("channel", "dingtalk");
              assertThat(job.getWorker()).isEqualTo("w1");
              assertThat(job.getRetries()).isEqualTo(3);
            });
    // An activated job is not handed to a second worker while its activation is valid.
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("notify")
                .maxJobsToActivate(5)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .isEmpty();

    client
        .newCompleteCommand(jobs.get(0).getKey())
        .variables(Map.of("notified", true))
        .send()
        .join();

    assertThatThrownBy(() -> client.newCompleteCommand(jobs.get(0).getKey()).send().join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void createWithResultReturnsTheVariablesOfTheCompletedInstance() {
    deploy(oneTask("with-result", "compute"), "with-result.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("with-result")
            .latestVersion()
            .variables(Map.of("a", 1))
            .withResult()
            .fetchVariables("a", "b")
            .requestTimeout(Duration.ofSeconds(20))
            .send();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var jobs =
                  client
                      .newActivateJobsCommand()
                      .jobType("compute")
                      .maxJobsToActivate(1)
                      .send()
                      .join()
                      .getJobs();
              assertThat(jobs).hasSize(1);
              client
                  .newCompleteCommand(jobs.get(0).getKey())
                  .variables(Map.of("b", 2, "c", 3))
                  .send()
                  .join();
            });
    ProcessInstanceResult completed = result.join();
    assertThat(completed.getVariablesAsMap()).containsOnly(Map.entry("a", 1), Map.entry("b", 2));
  }

  @Test
  void createWithResultTimesOutCleanly() {
    deploy(oneTask("never-done", "nobody"), "never-done.bpmn");
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("never-done")
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofMillis(500))
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void longPollingActivationReturnsAsSoonAsAJobArrives() {
    deploy(oneTask("late-job", "late"), "late-job.bpmn");
    var pending =
        client
            .newActivateJobsCommand()
            .jobType("late")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(15))
            .send();
    client.newCreateInstanceCommand().bpmnProcessId("late-job").latestVersion().send().join();
    assertThat(pending.join().getJobs()).hasSize(1);
  }

  @Test
  void failedJobWithRetriesLeftIsActivatableAgainAfterItsBackoff() {
    deploy(oneTask("retrying", "flaky"), "retrying.bpmn");
    client.newCreateInstanceCommand().bpmnProcessId("retrying").latestVersion().send().join();
    ActivatedJob job = activateOne("flaky");

    client
        .newFailCommand(job.getKey())
        .retries(1)
        .retryBackoff(Duration.ofMillis(300))
        .errorMessage("SMS gateway down")
        .send()
        .join();

    ActivatedJob again = activateOne("flaky");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(1);
  }

  @Test
  void jobWithoutRetriesRaisesAnIncidentThatResolvesAfterRetriesAreUpdated() {
    deploy(oneTask("exhausted", "fragile"), "exhausted.bpmn");
    ProcessInstanceEvent instance =
        client.newCreateInstanceCommand().bpmnProcessId("exhausted").latestVersion().send().join();
    ActivatedJob job = activateOne("fragile");

    client
        .newFailCommand(job.getKey())
        .retries(0)
        .errorMessage("mail server refused")
        .send()
        .join();

    Incident incident = incidentOf(instance.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("mail server refused");
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("fragile")
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .isEmpty();
    assertThatThrownBy(() -> client.newResolveIncidentCommand(incident.key()).send().join())
        .as("Zeebe refuses to resolve while the job has no retries")
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining(
            "Expected to resolve incident with key '"
                + incident.key()
                + "', but job with key '"
                + job.getKey()
                + "' has no retries left. Please update the job retries and retry resolving the incident");

    client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob retried = activateOne("fragile");
    assertThat(retried.getRetries()).isEqualTo(2);
    client.newCompleteCommand(retried.getKey()).send().join();
    await().untilAsserted(() -> assertThat(isActive(instance.getProcessInstanceKey())).isFalse());
  }

  @Test
  void thrownErrorWithoutACatchRaisesAnIncident() {
    deploy(oneTask("uncaught", "rollback"), "uncaught.bpmn");
    ProcessInstanceEvent instance =
        client.newCreateInstanceCommand().bpmnProcessId("uncaught").latestVersion().send().join();
    ActivatedJob job = activateOne("rollback");

    client
        .newThrowErrorCommand(job.getKey())
        .errorCode("DEPLOY_FAILED")
        .errorMessage("canary unhealthy")
        .send()
        .join();

    Incident incident = incidentOf(instance.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.errorMessage()).contains("DEPLOY_FAILED");
  }

  @Test
  void timedOutJobIsActivatableAgain() {
    deploy(oneTask("slow", "slow-worker"), "slow.bpmn");
    client.newCreateInstanceCommand().bpmnProcessId("slow").latestVersion().send().join();
    ActivatedJob first =
        client
            .newActivateJobsCommand()
            .jobType("slow-worker")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMillis(200))
            .send()
            .join()
            .getJobs()
            .get(0);

    ActivatedJob second = activateOne("slow-worker");
    assertThat(second.getKey()).isEqualTo(first.getKey());
  }

  @Test
  void cancelRemovesOpenJobs() {
    deploy(oneTask("cancelled", "never"), "cancelled.bpmn");
    ProcessInstanceEvent instance =
        client.newCreateInstanceCommand().bpmnProcessId("cancelled").latestVersion().send().join();

    client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();

    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("never")
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .isEmpty();
    assertThat(isActive(instance.getProcessInstanceKey())).isFalse();
    assertThatThrownBy(
            () -> client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void exclusiveGatewayTakesTheMatchingFlowOrRaisesAnIncident() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("route")
            .startEvent()
            .exclusiveGateway("by-priority")
            .sequenceFlowId("urgent")
            .conditionExpression("priority = \"P0\"")
            .serviceTask("page", t -> t.zeebeJobType("page"))
            .endEvent()
            .moveToLastGateway()
            .sequenceFlowId("normal")
            .conditionExpression("priority = \"P2\"")
            .serviceTask("ticket", t -> t.zeebeJobType("ticket"))
            .endEvent()
            .done();
    deploy(model, "route.bpmn");

    client
        .newCreateInstanceCommand()
        .bpmnProcessId("route")
        .latestVersion()
        .variables(Map.of("priority", "P0"))
        .send()
        .join();
    assertThat(activateOne("page").getElementId()).isEqualTo("page");

    ProcessInstanceEvent unmatched =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("route")
            .latestVersion()
            .variables(Map.of("priority", "P9"))
            .send()
            .join();
    Incident incident = incidentOf(unmatched.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.elementId()).isEqualTo("by-priority");

    client
        .newSetVariablesCommand(unmatched.getProcessInstanceKey())
        .variables(Map.of("priority", "P2"))
        .send()
        .join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    assertThat(activateOne("ticket").getProcessInstanceKey())
        .isEqualTo(unmatched.getProcessInstanceKey());
  }

  @Test
  void parallelGatewayForksAndJoins() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("fork-join")
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("a", t -> t.zeebeJobType("branch-a"))
            .parallelGateway("join")
            .serviceTask("after", t -> t.zeebeJobType("after-join"))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("b", t -> t.zeebeJobType("branch-b"))
            .connectTo("join")
            .done();
    deploy(model, "fork-join.bpmn");
    client.newCreateInstanceCommand().bpmnProcessId("fork-join").latestVersion().send().join();

    client.newCompleteCommand(activateOne("branch-a").getKey()).send().join();
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("after-join")
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .as("join waits for the other branch")
        .isEmpty();
    client.newCompleteCommand(activateOne("branch-b").getKey()).send().join();
    assertThat(activateOne("after-join").getElementId()).isEqualTo("after");
  }

  @Test
  void feelFailureInInputMappingRaisesAnIncidentWithFeelsMessage() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("bad-mapping")
            .startEvent()
            .serviceTask(
                "mapped",
                t -> t.zeebeJobType("mapped").zeebeInputExpression("assert(x, x != null)", "y"))
            .endEvent()
            .done();
    deploy(model, "bad-mapping.bpmn");
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("bad-mapping")
            .latestVersion()
            .send()
            .join();

    Incident incident = incidentOf(instance.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("IO_MAPPING_ERROR");
    assertThat(incident.errorMessage()).isNotBlank();
  }

  @Test
  void jobStreamPushesJobsToAStreamingWorker() {
    deploy(oneTask("pushed", "push-me"), "pushed.bpmn");
    List<Long> handled = new CopyOnWriteArrayList<>();
    try (var worker =
        client
            .newWorker()
            .jobType("push-me")
            .handler(
                (jobClient, job) -> {
                  jobClient.newCompleteCommand(job.getKey()).send().join();
                  handled.add(job.getProcessInstanceKey());
                })
            .streamEnabled(true)
            .pollInterval(Duration.ofMinutes(10))
            .open()) {
      await().pollDelay(Duration.ofMillis(300)).until(() -> true);
      long key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("pushed")
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(handled).contains(key));
    }
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

  boolean isActive(long processInstanceKey) {
    return engine
        .engine
        .api()
        .query(state -> state.elementInstance(processInstanceKey) != null)
        .join();
  }
}
