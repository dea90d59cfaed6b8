package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.BatchOperationItemState;
import io.camunda.client.api.search.enums.BatchOperationState;
import io.camunda.client.api.search.enums.BatchOperationType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.BatchOperation;
import io.camunda.client.api.search.response.BatchOperationItems.BatchOperationItem;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.BatchOperationExecutionIntent;
import life.suoke.ops.engine.record.intent.BatchOperationLifecycleManagementIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Camunda 8.8's batch operations through the real client: created by a process instance filter,
 * their items found in the search projection and run in chunks in the background, each item's
 * outcome recorded; suspension, resumption and cancellation; a restart in the middle.
 *
 * <p>To look at a batch between finding its items and running them, a test suspends it while the
 * projection cannot yet write the batch (the test holds a lock on its table): the items are only
 * searched once the projection has the batch, and, as in Zeebe, a suspended batch is still
 * initialized but runs nothing.
 */
class BatchOperationTest {

  static EngineTestSupport engine;
  static CamundaClient grpc;
  static CamundaClient rest;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(BatchOperationTest.class);
    grpc = engine.client;
    rest = engine.connectRest();
  }

  @AfterAll
  static void stop() {
    rest.close();
    engine.close();
  }

  static BpmnModelInstance oneTask(String processId, String elementId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask(elementId, t -> t.zeebeJobType(jobType))
        .endEvent()
        .done();
  }

  // ------------------------------------------------------------------------- cancel

  @Test
  void cancelsTheInstancesAFilterFindsAndRecordsEachItemsOutcome() throws Exception {
    deploy(oneTask("batch-cancel", "work", "batch-cancel-work"));
    deploy(oneTask("batch-cancel-other", "work", "batch-cancel-other-work"));
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(start("batch-cancel", Map.of("i", i)));
    }
    long other = start("batch-cancel-other", Map.of());
    awaitSearchable("batch-cancel", 5);

    String key =
        createSuspended(
            () ->
                rest.newCreateBatchOperationCommand()
                    .processInstanceCancel()
                    .filter(f -> f.processDefinitionId("batch-cancel"))
                    .send()
                    .join()
                    .getBatchOperationKey());

    BatchOperation suspended = eventually(() -> batch(key), b -> b.getOperationsTotalCount() == 5);
    assertThat(suspended.getStatus()).isEqualTo(BatchOperationState.SUSPENDED);
    assertThat(suspended.getType()).isEqualTo(BatchOperationType.CANCEL_PROCESS_INSTANCE);
    assertThat(suspended.getOperationsCompletedCount()).isZero();
    assertThat(suspended.getStartDate()).isNotNull();
    assertThat(suspended.getEndDate()).isNull();
    List<BatchOperationItem> pending = items(key);
    assertThat(pending)
        .extracting(BatchOperationItem::getItemKey)
        .containsExactlyInAnyOrderElementsOf(keys);
    assertThat(pending)
        .allMatch(
            item ->
                item.getStatus() == BatchOperationItemState.ACTIVE
                    && item.getOperationType() == BatchOperationType.CANCEL_PROCESS_INSTANCE);

    long gone = keys.get(2);
    grpc.newCancelInstanceCommand(gone).send().join(); // someone cancels one before the batch runs
    rest.newResumeBatchOperationCommand(key).send().join();

    BatchOperation done =
        eventually(() -> batch(key), b -> b.getStatus() == BatchOperationState.COMPLETED);
    assertThat(done.getOperationsTotalCount()).isEqualTo(5);
    assertThat(done.getOperationsCompletedCount()).isEqualTo(4);
    assertThat(done.getOperationsFailedCount()).isEqualTo(1);
    assertThat(done.getEndDate()).isNotNull();
    assertThat(done.getErrors()).isEmpty();
    BatchOperationItem failed =
        eventually(
                () ->
                    rest.newBatchOperationItemsSearchRequest()
                        .filter(f -> f.batchOperationKey(key).state(BatchOperationItemState.FAILED))
                        .send()
                        .join()
                        .items(),
                found -> found.size() == 1)
            .get(0);
    assertThat(failed.getItemKey()).isEqualTo(gone);
    assertThat(failed.getProcessInstanceKey()).isEqualTo(gone);
    assertThat(failed.getErrorMessage())
        .isEqualTo(
            "Expected to cancel a process instance with key '"
                + gone
                + "', but no such process was found");
    assertThat(failed.getProcessedDate()).isNotNull();
    assertThat(
            rest.newBatchOperationItemsSearchRequest()
                .filter(f -> f.batchOperationKey(key).state(BatchOperationItemState.COMPLETED))
                .send()
                .join()
                .items())
        .hasSize(4);
    for (long instance : keys) {
      assertThat(
              ProcessInstanceMigrationTest.<Boolean>queryOn(
                  engine, state -> state.elementInstance(instance) == null))
          .isTrue();
    }
    assertThat(
            ProcessInstanceMigrationTest.<Boolean>queryOn(
                engine, state -> state.elementInstance(other) != null))
        .as("the filter did not find it")
        .isTrue();

    Record executed =
        engine.events(BatchOperationExecutionIntent.EXECUTED).stream()
            .filter(r -> r.key() == Long.parseLong(key))
            .findFirst()
            .orElseThrow();
    assertThat(executed.value().get("itemResults"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .hasSize(5);
    assertThat(engine.events(BatchOperationLifecycleManagementIntent.COMPLETED))
        .anyMatch(r -> r.key() == Long.parseLong(key));
    assertThat(
            rest.newBatchOperationSearchRequest()
                .filter(
                    f ->
                        f.operationType(BatchOperationType.CANCEL_PROCESS_INSTANCE)
                            .state(BatchOperationState.COMPLETED))
                .send()
                .join()
                .items())
        .extracting(BatchOperation::getBatchOperationKey)
        .contains(key);
  }

  // ------------------------------------------------------------------------- migrate and resolve
  // incidents

  @Test
  void migratesTheInstancesAFilterFindsAndFailsThoseThePlanDoesNotFit() {
    String process = "batch-migrate";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("A", t -> t.zeebeJobType("batch-migrate-a"))
            .serviceTask("B", t -> t.zeebeJobType("batch-migrate-b"))
            .endEvent()
            .done());
    List<Long> atA = List.of(start(process, Map.of()), start(process, Map.of()));
    long atB = start(process, Map.of());
    ActivatedJob first =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> EngineTestSupport.activate(grpc, "batch-migrate-a"), jobs -> jobs.size() == 3)
            .stream()
            .filter(job -> job.getProcessInstanceKey() == atB)
            .findFirst()
            .orElseThrow();
    grpc.newCompleteCommand(first.getKey()).send().join();
    EngineTestSupport.awaitJob(grpc, "batch-migrate-b");
    long v2 =
        deploy(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("A2", t -> t.zeebeJobType("batch-migrate-a"))
                .endEvent()
                .done());
    awaitSearchable(process, 3);

    String key =
        rest.newCreateBatchOperationCommand()
            .migrateProcessInstance()
            .migrationPlan(
                io.camunda.client.api.command.MigrationPlan.newBuilder()
                    .withTargetProcessDefinitionKey(v2)
                    .addMappingInstruction("A", "A2")
                    .build())
            .filter(f -> f.processDefinitionId(process))
            .send()
            .join()
            .getBatchOperationKey();

    BatchOperation done =
        eventually(() -> batch(key), b -> b.getStatus() == BatchOperationState.COMPLETED);
    assertThat(done.getType()).isEqualTo(BatchOperationType.MIGRATE_PROCESS_INSTANCE);
    assertThat(done.getOperationsTotalCount()).isEqualTo(3);
    assertThat(done.getOperationsCompletedCount()).isEqualTo(2);
    assertThat(done.getOperationsFailedCount()).isEqualTo(1);
    BatchOperationItem failed =
        items(key).stream()
            .filter(i -> i.getStatus() == BatchOperationItemState.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.getProcessInstanceKey()).isEqualTo(atB);
    assertThat(failed.getErrorMessage())
        .isEqualTo(
            "Expected to migrate process instance '"
                + atB
                + "' but no mapping instruction defined for active element with id 'B'. Elements cannot be migrated without a mapping.");
    for (long instance : atA) {
      assertThat(
              eventually(
                      () -> rest.newProcessInstanceGetRequest(instance).send().join(),
                      pi -> pi.getProcessDefinitionKey() == v2)
                  .getProcessDefinitionVersion())
          .isEqualTo(2);
    }
  }

  @Test
  void resolvesTheIncidentsOfTheInstancesAFilterFindsGivingTheirJobsARetry() {
    String process = "batch-resolve";
    deploy(oneTask(process, "work", "batch-resolve-work"));
    List<Long> keys =
        List.of(start(process, Map.of()), start(process, Map.of()), start(process, Map.of()));
    List<ActivatedJob> jobs =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> EngineTestSupport.activate(grpc, "batch-resolve-work"),
                found -> found.size() == 3);
    jobs.forEach(
        job -> grpc.newFailCommand(job.getKey()).retries(0).errorMessage("boom").send().join());
    eventually(
        () ->
            rest.newIncidentSearchRequest()
                .filter(f -> f.processDefinitionId(process))
                .send()
                .join()
                .items(),
        found -> found.size() == 3);
    eventually(
        () ->
            rest.newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(process).hasIncident(true))
                .send()
                .join()
                .items(),
        found -> found.size() == 3);

    String key =
        rest.newCreateBatchOperationCommand()
            .resolveIncident()
            .filter(f -> f.processDefinitionId(process))
            .send()
            .join()
            .getBatchOperationKey();

    BatchOperation done =
        eventually(() -> batch(key), b -> b.getStatus() == BatchOperationState.COMPLETED);
    assertThat(done.getOperationsTotalCount()).isEqualTo(3);
    assertThat(done.getOperationsCompletedCount()).isEqualTo(3);
    List<BatchOperationItem> items = items(key);
    assertThat(items)
        .extracting(BatchOperationItem::getProcessInstanceKey)
        .containsExactlyInAnyOrderElementsOf(keys);
    assertThat(items)
        .extracting(BatchOperationItem::getItemKey)
        .doesNotContainAnyElementsOf(keys); // the incidents
    List<ActivatedJob> retried =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> EngineTestSupport.activate(grpc, "batch-resolve-work"),
                found -> found.size() == 3);
    assertThat(retried).allMatch(job -> job.getRetries() == 1);
    assertThat(engine.events(JobIntent.RETRIES_UPDATED))
        .filteredOn(r -> keys.contains(((Number) r.value().get("processInstanceKey")).longValue()))
        .hasSize(3);
    retried.forEach(job -> grpc.newCompleteCommand(job.getKey()).send().join());
    keys.forEach(instance -> assertThat(engine.completed(instance)).isTrue());
  }

  @Test
  void movesTokensOfTheInstancesAFilterFinds() {
    String process = "batch-modify";
    deploy(
        Bpmn.createExecutableProcess(process)
            .startEvent()
            .serviceTask("stuck", t -> t.zeebeJobType("batch-modify-stuck"))
            .serviceTask("next", t -> t.zeebeJobType("batch-modify-next"))
            .endEvent()
            .done());
    List<Long> keys = List.of(start(process, Map.of()), start(process, Map.of()));
    awaitSearchable(process, 2);

    String key =
        rest.newCreateBatchOperationCommand()
            .modifyProcessInstance()
            .addMoveInstruction("stuck", "next")
            .filter(f -> f.processDefinitionId(process))
            .send()
            .join()
            .getBatchOperationKey();

    eventually(
        () -> batch(key),
        b ->
            b.getStatus() == BatchOperationState.COMPLETED && b.getOperationsCompletedCount() == 2);
    List<ActivatedJob> moved =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> EngineTestSupport.activate(grpc, "batch-modify-next"),
                found -> found.size() == 2);
    assertThat(moved)
        .extracting(ActivatedJob::getProcessInstanceKey)
        .containsExactlyInAnyOrderElementsOf(keys);
    assertThat(EngineTestSupport.activate(grpc, "batch-modify-stuck")).isEmpty();
  }

  // ------------------------------------------------------------------------- lifecycle and restart

  @Test
  void aBatchInterruptedByARestartFinishesEveryItemOnce() throws Exception {
    String process = "batch-restart";
    deploy(oneTask(process, "work", "batch-restart-work"));
    int count = 250;
    List<java.util.concurrent.CompletableFuture<?>> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      started.add(
          grpc.newCreateInstanceCommand()
              .bpmnProcessId(process)
              .latestVersion()
              .send()
              .toCompletableFuture());
    }
    started.forEach(java.util.concurrent.CompletableFuture::join);
    awaitSearchable(process, count);
    String key =
        createSuspended(
            () ->
                rest.newCreateBatchOperationCommand()
                    .processInstanceCancel()
                    .filter(f -> f.processDefinitionId(process))
                    .send()
                    .join()
                    .getBatchOperationKey());
    eventually(() -> batch(key), b -> b.getOperationsTotalCount() == count);

    restart(); // suspended, its items found: they survive
    assertThat(batch(key).getStatus()).isEqualTo(BatchOperationState.SUSPENDED);
    rest.newResumeBatchOperationCommand(key).send().join();
    restart(); // in the middle of (or just after) running its chunks

    BatchOperation done =
        eventually(() -> batch(key), b -> b.getStatus() == BatchOperationState.COMPLETED);
    assertThat(done.getOperationsCompletedCount())
        .as("every item ran once: a second cancellation would fail")
        .isEqualTo(count);
    assertThat(done.getOperationsFailedCount()).isZero();
    assertThat(
            engine.events(BatchOperationExecutionIntent.EXECUTED).stream()
                .filter(r -> r.key() == Long.parseLong(key))
                .count())
        .as("in chunks")
        .isGreaterThanOrEqualTo(3);
    assertThat(
            eventually(
                () ->
                    rest.newProcessInstanceSearchRequest()
                        .filter(
                            f -> f.processDefinitionId(process).state(ProcessInstanceState.ACTIVE))
                        .send()
                        .join()
                        .items(),
                List::isEmpty))
        .isEmpty();
  }

  @Test
  void aCanceledBatchRunsNothingMoreAndLifecycleCommandsAreCheckedAgainstItsState()
      throws Exception {
    String process = "batch-lifecycle";
    deploy(oneTask(process, "work", "batch-lifecycle-work"));
    List<Long> keys = List.of(start(process, Map.of()), start(process, Map.of()));
    awaitSearchable(process, 2);
    String key =
        createSuspended(
            () ->
                rest.newCreateBatchOperationCommand()
                    .processInstanceCancel()
                    .filter(f -> f.processDefinitionId(process))
                    .send()
                    .join()
                    .getBatchOperationKey());
    eventually(() -> batch(key), b -> b.getOperationsTotalCount() == 2);

    assertProblem(
        () -> rest.newSuspendBatchOperationCommand(key).send().join(),
        409,
        "Expected to suspend a batch operation with key '"
            + key
            + "', but it is in state 'SUSPENDED'");
    rest.newCancelBatchOperationCommand(key).send().join();

    BatchOperation canceled =
        eventually(() -> batch(key), b -> b.getStatus() == BatchOperationState.CANCELED);
    assertThat(canceled.getEndDate()).isNotNull();
    assertThat(
            eventually(
                () -> items(key),
                found ->
                    found.stream()
                        .allMatch(i -> i.getStatus() == BatchOperationItemState.CANCELED)))
        .hasSize(2);
    keys.forEach(
        instance ->
            assertThat(
                    ProcessInstanceMigrationTest.<Boolean>queryOn(
                        engine, state -> state.elementInstance(instance) != null))
                .as("not canceled by the canceled batch")
                .isTrue());
    assertProblem(
        () -> rest.newResumeBatchOperationCommand(key).send().join(),
        409,
        "Expected to resume a batch operation with key '"
            + key
            + "', but it is in state 'CANCELED'");
    assertProblem(
        () -> rest.newCancelBatchOperationCommand("1234").send().join(),
        404,
        "Expected to cancel a batch operation with key '1234', but no such batch operation was found");
    assertProblem(
        () -> rest.newBatchOperationGetRequest("1234").send().join(),
        404,
        "Batch operation with key '1234' not found");
  }

  @Test
  void requestsAreValidatedAsTheGatewayDoes() throws Exception {
    assertProblem(
        () ->
            rest.newCreateBatchOperationCommand()
                .processInstanceCancel()
                .filter(f -> {})
                .send()
                .join(),
        400,
        "Given filter is empty");
    assertThat(post("/v2/process-instances/cancellation", "{}")).contains("No filter provided.");
    assertThat(
            post(
                "/v2/process-instances/incident-resolution",
                "{\"filter\":{\"errorMessage\":\"x\"}}"))
        .contains("The filter property 'errorMessage' is not supported by this engine.");
    assertThat(
            post("/v2/process-instances/migration", "{\"filter\":{\"processDefinitionId\":\"x\"}}"))
        .contains("No migrationPlan provided.");
    assertThat(
            post(
                "/v2/process-instances/migration",
                "{\"filter\":{\"processDefinitionId\":\"x\"},\"migrationPlan\":{\"mappingInstructions\":[]}}"))
        .contains("No targetProcessDefinitionKey provided.")
        .contains("No mappingInstructions provided.");
    assertThat(
            post(
                "/v2/process-instances/modification",
                "{\"filter\":{\"processDefinitionId\":\"x\"}}"))
        .contains("No moveInstructions provided.");
  }

  // ------------------------------------------------------------------------- helpers

  static long deploy(BpmnModelInstance model) {
    return grpc.newDeployResourceCommand()
        .addProcessModel(model, "process.bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  static long start(String processId, Map<String, Object> variables) {
    return grpc.newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  static <T> T eventually(Callable<T> read, Predicate<T> until) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(read, until);
  }

  static BatchOperation batch(String key) {
    return rest.newBatchOperationGetRequest(key).send().join();
  }

  static List<BatchOperationItem> items(String key) {
    return rest.newBatchOperationItemsSearchRequest()
        .filter(f -> f.batchOperationKey(key))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  static void awaitSearchable(String processId, int count) {
    eventually(
        () ->
            rest.newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(processId).state(ProcessInstanceState.ACTIVE))
                .page(p -> p.limit(1))
                .send()
                .join()
                .page()
                .totalItems(),
        total -> total == count);
  }

  /**
   * Creates a batch operation and suspends it before its items are searched: the projection cannot
   * write the batch while the test holds a lock on its table, and the items are searched only once
   * it has.
   */
  static String createSuspended(Callable<String> create) throws Exception {
    String key;
    try (Connection c = engine.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("LOCK TABLE engine.batch_operation IN ACCESS EXCLUSIVE MODE");
      }
      try {
        key = create.call();
        rest.newSuspendBatchOperationCommand(key).send().join();
      } finally {
        c.rollback();
      }
    }
    return key;
  }

  static void restart() {
    rest.close();
    engine = engine.restart();
    grpc = engine.client;
    rest = engine.connectRest();
  }

  static void assertProblem(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(status);
              assertThat(problem.details().getDetail()).contains(detail);
            });
  }

  static String post(String path, String body) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + engine.engine.restPort() + path))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return response.body();
  }
}
