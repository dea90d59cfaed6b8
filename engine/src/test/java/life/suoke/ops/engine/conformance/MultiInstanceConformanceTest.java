package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import org.junit.jupiter.api.Test;

/**
 * Multi-instance activities (parallel and sequential) on service tasks, embedded subprocesses and
 * call activities: input collection and element, loopCounter, output collection and element,
 * completion condition, boundary events on the body, incidents, and replay after a restart.
 */
class MultiInstanceConformanceTest extends ClockedEngineTest {

  @Override
  Instant startTime() {
    return Instant.parse("2026-11-10T08:00:00Z");
  }

  /** Waits until {@code count} jobs of a type can be activated, and activates them. */
  List<ActivatedJob> awaitJobs(String type, int count) {
    List<ActivatedJob> jobs = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              jobs.addAll(EngineTestSupport.activate(client, type));
              return jobs.size() >= count;
            });
    return jobs;
  }

  List<Record> processInstanceEvents(long processInstanceKey, ProcessInstanceIntent intent) {
    return engine.events(intent).stream()
        .filter(
            r -> ((Number) r.value().get("processInstanceKey")).longValue() == processInstanceKey)
        .toList();
  }

  Record awaitIncident(long processInstanceKey) {
    return await()
        .until(
            () ->
                engine.events(IncidentIntent.CREATED).stream()
                    .filter(
                        r ->
                            ((Number) r.value().get("processInstanceKey")).longValue()
                                == processInstanceKey)
                    .reduce((first, second) -> second),
            java.util.Optional::isPresent)
        .get();
  }

  static int loopCounter(ActivatedJob job) {
    return ((Number) job.getVariablesAsMap().get("loopCounter")).intValue();
  }

  @Test
  void parallelServiceTaskRunsOnceForEveryItemAndGathersTheResultsInItemOrder() {
    deploy(
        Bpmn.createExecutableProcess("notify-responders")
            .startEvent()
            .serviceTask(
                "notify",
                t ->
                    t.zeebeJobType("notify-responder")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("responders")
                                    .zeebeInputElement("responder")
                                    .zeebeOutputCollection("acknowledgements")
                                    .zeebeOutputElementExpression("ack")))
            .serviceTask("summary", t -> t.zeebeJobType("notify-summary"))
            .endEvent()
            .done(),
        "notify-responders.bpmn");
    long key = start("notify-responders", Map.of("responders", List.of("ana", "bo", "chen")));

    List<ActivatedJob> jobs = awaitJobs("notify-responder", 3);
    assertThat(jobs)
        .extracting(job -> job.getVariablesAsMap().get("responder"))
        .containsExactlyInAnyOrder("ana", "bo", "chen");
    assertThat(jobs)
        .extracting(MultiInstanceConformanceTest::loopCounter)
        .containsExactlyInAnyOrder(1, 2, 3);
    for (ActivatedJob job : jobs) {
      assertThat(job.getVariablesAsMap())
          .as("the item goes with its number")
          .containsEntry("responder", List.of("ana", "bo", "chen").get(loopCounter(job) - 1));
    }
    // completed in reverse order: the output collection still follows the input order
    jobs.sort(Comparator.comparingInt(MultiInstanceConformanceTest::loopCounter).reversed());
    for (ActivatedJob job : jobs) {
      client
          .newCompleteCommand(job.getKey())
          .variables(Map.of("ack", "ack-" + job.getVariablesAsMap().get("responder")))
          .send()
          .join();
    }

    ActivatedJob summary = EngineTestSupport.awaitJob(client, "notify-summary");
    assertThat(summary.getProcessInstanceKey()).isEqualTo(key);
    assertThat(summary.getVariablesAsMap())
        .containsEntry("acknowledgements", List.of("ack-ana", "ack-bo", "ack-chen"))
        .as("loop variables and each instance's result stay local")
        .doesNotContainKeys("loopCounter", "responder", "ack");

    List<Record> bodies =
        processInstanceEvents(key, ProcessInstanceIntent.ELEMENT_ACTIVATED).stream()
            .filter(r -> "notify".equals(r.value().get("elementId")))
            .toList();
    assertThat(bodies)
        .extracting(r -> r.value().get("bpmnElementType"))
        .containsExactly("MULTI_INSTANCE_BODY", "SERVICE_TASK", "SERVICE_TASK", "SERVICE_TASK");
    long bodyKey = bodies.get(0).key();
    assertThat(bodies.subList(1, 4))
        .allMatch(r -> ((Number) r.value().get("flowScopeKey")).longValue() == bodyKey);
  }

  @Test
  void sequentialInstancesRunOneAfterTheOtherWithTheirLoopCounter() {
    deploy(
        Bpmn.createExecutableProcess("canary-rollout")
            .startEvent()
            .serviceTask(
                "shift-traffic",
                t ->
                    t.zeebeJobType("shift-traffic")
                        .multiInstance(
                            m ->
                                m.sequential()
                                    .zeebeInputCollectionExpression("steps")
                                    .zeebeInputElement("percent")))
            .endEvent()
            .done(),
        "canary-rollout.bpmn");
    long key = start("canary-rollout", Map.of("steps", List.of(5, 25, 50, 100)));

    List<Integer> seen = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      List<ActivatedJob> jobs = awaitJobs("shift-traffic", 1);
      assertThat(jobs).as("one step at a time").hasSize(1);
      ActivatedJob job = jobs.get(0);
      assertThat(loopCounter(job)).isEqualTo(i);
      seen.add(((Number) job.getVariablesAsMap().get("percent")).intValue());
      client.newCompleteCommand(job.getKey()).send().join();
    }
    assertThat(seen).containsExactly(5, 25, 50, 100);
    await().until(() -> engine.completed(key));
  }

  @Test
  void completionConditionEndsTheLoopEarlyAndTerminatesTheRemainingInstances() {
    deploy(
        Bpmn.createExecutableProcess("cab-vote")
            .startEvent()
            .serviceTask(
                "vote",
                t ->
                    t.zeebeJobType("cab-vote")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("members")
                                    .zeebeInputElement("member")
                                    .zeebeOutputCollection("votes")
                                    .zeebeOutputElementExpression("approved")
                                    .completionCondition(
                                        "= numberOfCompletedInstances >= 2 and numberOfActiveInstances = 2 and numberOfInstances = 4")))
            .serviceTask("decide", t -> t.zeebeJobType("cab-decide"))
            .endEvent()
            .done(),
        "cab-vote.bpmn");
    long key = start("cab-vote", Map.of("members", List.of("m1", "m2", "m3", "m4")));
    List<ActivatedJob> jobs = awaitJobs("cab-vote", 4);
    jobs.sort(Comparator.comparingInt(MultiInstanceConformanceTest::loopCounter));

    client
        .newCompleteCommand(jobs.get(1).getKey())
        .variables(Map.of("approved", true))
        .send()
        .join();
    client
        .newCompleteCommand(jobs.get(3).getKey())
        .variables(Map.of("approved", false))
        .send()
        .join();

    ActivatedJob decide = EngineTestSupport.awaitJob(client, "cab-decide");
    assertThat(decide.getProcessInstanceKey()).isEqualTo(key);
    assertThat(decide.getVariablesAsMap().get("votes"))
        .isEqualTo(Arrays.asList(null, true, null, false));
    assertThatThrownBy(() -> client.newCompleteCommand(jobs.get(0).getKey()).send().join())
        .as("the remaining instances were terminated with their jobs")
        .hasMessageContaining("NOT_FOUND");
    assertThat(engine.events(JobIntent.CANCELED))
        .extracting(Record::key)
        .contains(jobs.get(0).getKey(), jobs.get(2).getKey());
  }

  @Test
  void parallelSubprocessGivesEveryItemItsOwnScope() {
    deploy(
        Bpmn.createExecutableProcess("check-services")
            .startEvent()
            .subProcess(
                "check",
                sub ->
                    sub.multiInstance(
                        m ->
                            m.parallel()
                                .zeebeInputCollectionExpression("services")
                                .zeebeInputElement("service")
                                .zeebeOutputCollection("health")
                                .zeebeOutputElementExpression("healthy")))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask(
                "probe",
                t -> t.zeebeJobType("probe-service").zeebeInputExpression("service.url", "url"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done(),
        "check-services.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("check-services")
            .latestVersion()
            .variables(
                Map.of("services", List.of(Map.of("url", "https://a"), Map.of("url", "https://b"))))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    List<ActivatedJob> probes = awaitJobs("probe-service", 2);
    assertThat(probes)
        .extracting(job -> job.getVariablesAsMap().get("url"))
        .containsExactlyInAnyOrder("https://a", "https://b");
    for (ActivatedJob probe : probes) {
      // the output element is a plain variable, so each inner instance has a local "healthy"
      // (null at first) and the job's result lands there instead of in the shared process scope
      assertThat(probe.getVariablesAsMap()).containsEntry("healthy", null);
      boolean healthy = "https://a".equals(probe.getVariablesAsMap().get("url"));
      client.newCompleteCommand(probe.getKey()).variables(Map.of("healthy", healthy)).send().join();
    }
    Map<String, Object> variables = result.join().getVariablesAsMap();
    assertThat(variables)
        .containsEntry("health", List.of(true, false))
        .doesNotContainKeys("healthy", "service", "url");
  }

  @Test
  void callActivityIsCalledOncePerItem() {
    deploy(
        Bpmn.createExecutableProcess("page-one-team")
            .startEvent()
            .serviceTask("page", t -> t.zeebeJobType("page-team"))
            .endEvent()
            .done(),
        "page-one-team.bpmn");
    deploy(
        Bpmn.createExecutableProcess("page-all-teams")
            .startEvent()
            .callActivity(
                "page-team",
                c ->
                    c.zeebeProcessId("page-one-team")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("teams")
                                    .zeebeInputElement("team")
                                    .zeebeOutputCollection("pagedAt")
                                    .zeebeOutputElementExpression("pagedAt")))
            .endEvent()
            .done(),
        "page-all-teams.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("page-all-teams")
            .latestVersion()
            .variables(Map.of("teams", List.of("db", "network", "payments")))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();

    List<ActivatedJob> pages = awaitJobs("page-team", 3);
    assertThat(pages).extracting(ActivatedJob::getProcessInstanceKey).doesNotHaveDuplicates();
    for (ActivatedJob page : pages) {
      client
          .newCompleteCommand(page.getKey())
          .variables(Map.of("pagedAt", "08:0" + page.getVariablesAsMap().get("loopCounter")))
          .send()
          .join();
    }
    assertThat(result.join().getVariablesAsMap().get("pagedAt"))
        .isEqualTo(List.of("08:01", "08:02", "08:03"));
  }

  @Test
  void eachInnerReceiveTaskWaitsForTheMessageWithItsOwnCorrelationKey() {
    deploy(
        Bpmn.createExecutableProcess("await-sign-offs")
            .startEvent()
            .receiveTask(
                "sign-off",
                r ->
                    r.message(m -> m.name("sign-off").zeebeCorrelationKeyExpression("team"))
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("teams")
                                    .zeebeInputElement("team")
                                    .zeebeOutputCollection("signers")
                                    .zeebeOutputElementExpression("signer")))
            .endEvent()
            .done(),
        "await-sign-offs.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("await-sign-offs")
            .latestVersion()
            .variables(Map.of("teams", List.of("dba", "sre")))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();
    await()
        .until(
            () ->
                engine.events(ProcessMessageSubscriptionIntent.CREATED).stream()
                        .filter(r -> "sign-off".equals(r.value().get("messageName")))
                        .count()
                    == 2);

    client
        .newPublishMessageCommand()
        .messageName("sign-off")
        .correlationKey("sre")
        .variables(Map.of("signer", "li"))
        .send()
        .join();
    client
        .newPublishMessageCommand()
        .messageName("sign-off")
        .correlationKey("dba")
        .variables(Map.of("signer", "ana"))
        .send()
        .join();

    assertThat(result.join().getVariablesAsMap().get("signers")).isEqualTo(List.of("ana", "li"));
  }

  @Test
  void emptyCollectionCompletesTheActivityAtOnce() {
    deploy(
        Bpmn.createExecutableProcess("no-approvers")
            .startEvent()
            .userTask(
                "approve",
                u ->
                    u.zeebeUserTask()
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("approvers")
                                    .zeebeInputElement("approver")
                                    .zeebeOutputCollection("decisions")
                                    .zeebeOutputElementExpression("decision")))
            .endEvent()
            .done(),
        "no-approvers.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("no-approvers")
            .latestVersion()
            .variables(Map.of("approvers", List.of()))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join();
    assertThat(result.getVariablesAsMap()).containsEntry("decisions", List.of());
    assertThat(
            processInstanceEvents(
                result.getProcessInstanceKey(), ProcessInstanceIntent.ELEMENT_ACTIVATED))
        .noneMatch(r -> "USER_TASK".equals(r.value().get("bpmnElementType")));
  }

  @Test
  void inputCollectionThatIsNotAListIsAnIncidentResolvedByFixingTheVariable() {
    deploy(
        Bpmn.createExecutableProcess("fan-out")
            .startEvent()
            .serviceTask(
                "each",
                t ->
                    t.zeebeJobType("fan-out-each")
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("targets")
                                    .zeebeInputElement("target")))
            .endEvent()
            .done(),
        "fan-out.bpmn");
    long key = start("fan-out", Map.of("targets", "web-1"));
    Record incident = awaitIncident(key);
    assertThat(incident.value().get("errorType")).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.value().get("errorMessage"))
        .isEqualTo("Expected result of the expression 'targets' to be 'ARRAY', but was 'STRING'.");

    client
        .newSetVariablesCommand(key)
        .variables(Map.of("targets", List.of("web-1", "web-2")))
        .send()
        .join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    assertThat(awaitJobs("fan-out-each", 2))
        .extracting(job -> job.getVariablesAsMap().get("target"))
        .containsExactlyInAnyOrder("web-1", "web-2");
  }

  @Test
  void failingOutputElementLeavesTheInnerInstanceWithAnIncident() {
    deploy(
        Bpmn.createExecutableProcess("collect-fail")
            .startEvent()
            .serviceTask(
                "collect",
                t ->
                    t.zeebeJobType("collect-fail")
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("xs")
                                    .zeebeOutputCollection("ys")
                                    .zeebeOutputElementExpression("assert(y, y != null)")))
            .endEvent()
            .done(),
        "collect-fail.bpmn");
    long key = start("collect-fail", Map.of("xs", List.of(1)));
    ActivatedJob job = awaitJobs("collect-fail", 1).get(0);
    client.newCompleteCommand(job.getKey()).send().join();

    Record incident = awaitIncident(key);
    assertThat(incident.value().get("errorType")).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.value().get("elementInstanceKey")).isEqualTo(job.getElementInstanceKey());

    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("y", 42))
        .local(true)
        .send()
        .join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    await().until(() -> engine.completed(key));
  }

  @Test
  void interruptingTimerOnTheActivityTerminatesEveryInnerInstance() {
    deploy(
        Bpmn.createExecutableProcess("collect-approvals")
            .startEvent()
            .userTask(
                "approve",
                u ->
                    u.zeebeUserTask()
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("approvers")
                                    .zeebeInputElement("approver")))
            .endEvent("approved")
            .moveToActivity("approve")
            .boundaryEvent("deadline", b -> b.timerWithDuration("PT4H"))
            .serviceTask("escalate", t -> t.zeebeJobType("escalate-approval"))
            .endEvent()
            .done(),
        "collect-approvals.bpmn");
    long key = start("collect-approvals", Map.of("approvers", List.of("lead", "sre", "security")));
    await()
        .until(
            () ->
                engine.events(UserTaskIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .count()
                    == 3);

    now = now.plus(Duration.ofHours(4));
    client.newPinClockCommand().time(now).send().join();

    assertThat(EngineTestSupport.awaitJob(client, "escalate-approval").getProcessInstanceKey())
        .isEqualTo(key);
    assertThat(
            engine.events(UserTaskIntent.CANCELED).stream()
                .filter(r -> ((Number) r.value().get("processInstanceKey")).longValue() == key))
        .hasSize(3);
    assertThat(processInstanceEvents(key, ProcessInstanceIntent.ELEMENT_TERMINATED))
        .extracting(r -> r.value().get("bpmnElementType"))
        .containsExactlyInAnyOrder("USER_TASK", "USER_TASK", "USER_TASK", "MULTI_INSTANCE_BODY");
  }

  @Test
  void errorThrownInOneInnerInstanceIsCaughtOnTheActivity() {
    deploy(
        Bpmn.createExecutableProcess("migrate-shards")
            .startEvent()
            .serviceTask(
                "migrate",
                t ->
                    t.zeebeJobType("migrate-shard")
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("shards")
                                    .zeebeInputElement("shard")))
            .endEvent()
            .moveToActivity("migrate")
            .boundaryEvent("migration-failed", b -> b.error("MIGRATION_FAILED"))
            .serviceTask("restore", t -> t.zeebeJobType("restore-shards"))
            .endEvent()
            .done(),
        "migrate-shards.bpmn");
    long key = start("migrate-shards", Map.of("shards", List.of(1, 2)));
    List<ActivatedJob> jobs = awaitJobs("migrate-shard", 2);

    client.newThrowErrorCommand(jobs.get(0).getKey()).errorCode("MIGRATION_FAILED").send().join();

    assertThat(EngineTestSupport.awaitJob(client, "restore-shards").getProcessInstanceKey())
        .isEqualTo(key);
    assertThatThrownBy(() -> client.newCompleteCommand(jobs.get(1).getKey()).send().join())
        .hasMessageContaining("NOT_FOUND");
  }

  @Test
  void sequentialLoopContinuesWhereItWasAfterARestart() {
    deploy(
        Bpmn.createExecutableProcess("restart-nodes")
            .startEvent()
            .serviceTask(
                "restart-node",
                t ->
                    t.zeebeJobType("restart-node")
                        .multiInstance(
                            m ->
                                m.sequential()
                                    .zeebeInputCollectionExpression("nodes")
                                    .zeebeInputElement("node")
                                    .zeebeOutputCollection("uptimes")
                                    .zeebeOutputElementExpression("uptime")))
            .serviceTask("after-restarts", t -> t.zeebeJobType("after-restarts"))
            .endEvent()
            .done(),
        "restart-nodes.bpmn");
    long key = start("restart-nodes", Map.of("nodes", List.of("n1", "n2")));
    ActivatedJob first = awaitJobs("restart-node", 1).get(0);
    client.newCompleteCommand(first.getKey()).variables(Map.of("uptime", 1)).send().join();
    await()
        .until(
            () ->
                engine.events(JobIntent.CREATED).stream()
                        .filter(
                            r -> ((Number) r.value().get("processInstanceKey")).longValue() == key)
                        .count()
                    == 2);

    client.close();
    EngineTestSupport restarted = engine.restart();
    engine = restarted;
    client = restarted.connectRest();
    client.newPinClockCommand().time(now).send().join();

    ActivatedJob second = EngineTestSupport.awaitJob(client, "restart-node");
    assertThat(second.getVariablesAsMap())
        .containsEntry("node", "n2")
        .containsEntry("loopCounter", 2);
    client.newCompleteCommand(second.getKey()).variables(Map.of("uptime", 2)).send().join();
    ActivatedJob after = EngineTestSupport.awaitJob(client, "after-restarts");
    assertThat(after.getProcessInstanceKey()).isEqualTo(key);
    assertThat(after.getVariablesAsMap()).containsEntry("uptimes", List.of(1, 2));
  }

  @Test
  void eventSubprocessInsideEachInnerInstanceReactsToItsOwnMessage() {
    deploy(
        Bpmn.createExecutableProcess("rollout-regions")
            .eventSubProcess(
                "abort-region",
                e ->
                    e.startEvent("abort")
                        .message(
                            m ->
                                m.name("abort-rollout").zeebeCorrelationKeyExpression("\"global\""))
                        .endEvent())
            .startEvent()
            .subProcess(
                "per-region",
                sub ->
                    sub.multiInstance(
                        m ->
                            m.parallel()
                                .zeebeInputCollectionExpression("regions")
                                .zeebeInputElement("region")
                                .zeebeOutputCollection("outcomes")
                                .zeebeOutputElementExpression("outcome")))
            .embeddedSubProcess()
            .eventSubProcess(
                "halt-region",
                e ->
                    e.startEvent("halt")
                        .message(m -> m.name("halt-region").zeebeCorrelationKeyExpression("region"))
                        .serviceTask("roll-back-region", t -> t.zeebeJobType("roll-back-region"))
                        .endEvent())
            .startEvent()
            .serviceTask("deploy-region", t -> t.zeebeJobType("deploy-region"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done(),
        "rollout-regions.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("rollout-regions")
            .latestVersion()
            .variables(Map.of("regions", List.of("cn-north", "cn-east")))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send();
    List<ActivatedJob> deploys = awaitJobs("deploy-region", 2);

    // the halt for one region interrupts only that region's inner instance
    client
        .newPublishMessageCommand()
        .messageName("halt-region")
        .correlationKey("cn-east")
        .variables(Map.of("outcome", "halted"))
        .send()
        .join();
    ActivatedJob rollBack = awaitJobs("roll-back-region", 1).get(0);
    assertThat(rollBack.getVariablesAsMap()).containsEntry("region", "cn-east");
    ActivatedJob north =
        deploys.stream()
            .filter(j -> "cn-north".equals(j.getVariablesAsMap().get("region")))
            .findFirst()
            .orElseThrow();
    client
        .newCompleteCommand(north.getKey())
        .variables(Map.of("outcome", "deployed"))
        .send()
        .join();
    client.newCompleteCommand(rollBack.getKey()).send().join();

    assertThat(result.join().getVariablesAsMap().get("outcomes"))
        .isEqualTo(List.of("deployed", "halted"));
  }

  @Test
  void multiInstanceWithoutInputCollectionIsRejectedOnDeployment() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("no-collection")
            .startEvent()
            .serviceTask(
                "each", t -> t.zeebeJobType("x").multiInstance(m -> m.zeebeInputElement("item")))
            .endEvent()
            .done();
    assertThatThrownBy(() -> deploy(model, "no-collection.bpmn"))
        .hasMessageContaining("Attribute 'inputCollection' must be present and not empty");
  }
}
