package life.suoke.ops.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import life.suoke.ops.engine.state.EngineState;

/**
 * The engine's commands, as the gateways (gRPC, REST) call them. Every future completes after the
 * command's records are durably committed, or exceptionally with a {@link
 * life.suoke.ops.engine.processing.Rejection}.
 */
public interface EngineApi {

  record Resource(String name, byte[] content) {}

  CompletableFuture<DeploymentResult> deploy(List<Resource> resources, String tenantId);

  /** Creates an instance at the process's none start event. */
  default CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId) {
    return createProcessInstance(
        processDefinitionKey, bpmnProcessId, version, variables, tenantId, List.of());
  }

  /**
   * Deletes a deployed process definition, decision requirements graph (with its decisions) or form
   * by its key (Zeebe's DeleteResource): NOT_FOUND for any other key, INVALID_STATE for a process
   * definition that still has running instances.
   */
  CompletableFuture<Void> deleteResource(long resourceKey);

  /**
   * @param processDefinitionKey used when > 0; otherwise bpmnProcessId and version (-1 = latest)
   * @param startInstructions the ids of the elements to start at instead of the none start event
   *     (Zeebe's start instructions, each one "start before the element"); empty: the none start
   *     event
   */
  CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions);

  /**
   * Creates an instance and completes when it completes, with the requested variables (all if
   * empty).
   */
  CompletableFuture<ProcessInstanceCreated> createProcessInstanceWithResult(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions,
      List<String> fetchVariables,
      Duration requestTimeout);

  CompletableFuture<Void> cancelProcessInstance(long processInstanceKey);

  /**
   * Modifies a running process instance (Zeebe's ModifyProcessInstance): activates elements and
   * terminates element instances, all of them or, when one instruction is invalid, none.
   */
  CompletableFuture<Void> modifyProcessInstance(
      long processInstanceKey, ProcessInstanceModification modification);

  /**
   * Migrates a running process instance to another process definition (Zeebe's
   * MigrateProcessInstance): every active element to the element its mapping instruction names,
   * with Zeebe's rules; all of it or, when the plan does not fit the instance, nothing.
   */
  CompletableFuture<Void> migrateProcessInstance(
      long processInstanceKey, ProcessInstanceMigration migration);

  /**
   * Creates a batch operation (Camunda 8.8): it finds its items with its filter in the background
   * and then runs the operation on them, a chunk at a time. Returns the batch operation key.
   */
  CompletableFuture<Long> createBatchOperation(BatchOperationCreation creation);

  /** Suspends a batch operation that is created or active; items not yet run wait. */
  CompletableFuture<Void> suspendBatchOperation(long batchOperationKey);

  /** Resumes a suspended batch operation. */
  CompletableFuture<Void> resumeBatchOperation(long batchOperationKey);

  /**
   * Cancels a batch operation that has not finished; items not yet run are not run (nothing is
   * undone).
   */
  CompletableFuture<Void> cancelBatchOperation(long batchOperationKey);

  /**
   * The engine's own initializer hands over items its filter found after {@code cursorBefore} (the
   * batch's recorded cursor, else rejected as stale), and the cursor to go on from.
   */
  CompletableFuture<Void> addBatchOperationItems(
      long batchOperationKey,
      String cursorBefore,
      List<BatchOperationCreation.Item> items,
      String cursorAfter,
      int pageSize);

  /** The filter found every item: the total is fixed and the items run. */
  CompletableFuture<Void> finishBatchOperationInitialization(long batchOperationKey);

  /** The filter could not be run (Camunda's QUERY_FAILED): the batch operation fails. */
  CompletableFuture<Void> failBatchOperation(long batchOperationKey, String message);

  /**
   * Activates up to maxJobs jobs; with a positive request timeout waits (long polling) until jobs
   * arrive or the timeout passes, then completes with what it has (possibly nothing).
   */
  CompletableFuture<List<ActivatedJob>> activateJobs(
      String type,
      String worker,
      Duration timeout,
      int maxJobs,
      List<String> fetchVariables,
      Duration requestTimeout);

  /**
   * Pushes jobs of a type to the consumer as they become activatable, until the returned handle is
   * closed.
   */
  AutoCloseable streamJobs(
      String type,
      String worker,
      Duration timeout,
      List<String> fetchVariables,
      Consumer<ActivatedJob> consumer);

  CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables);

  /**
   * Completes a job with a worker's result (user task listener jobs: denial or corrections; ad-hoc
   * subprocess jobs: elements to activate or completion); null means none.
   */
  default CompletableFuture<Void> completeJob(
      long jobKey, Map<String, Object> variables, JobResult result) {
    return completeJob(jobKey, variables);
  }

  /**
   * Activates elements of an active ad-hoc subprocess instance (Camunda 8.8's "Activate activities
   * within an ad-hoc sub-process", REST only): each element the subprocess can activate (one
   * without incoming sequence flows) starts in a new inner instance, with its variables local
   * there. NOT_FOUND for a key that is no ad-hoc subprocess instance and for an element it cannot
   * activate, INVALID_STATE if it is not active, INVALID_ARGUMENT for an element given twice.
   */
  CompletableFuture<Void> activateAdHocSubProcessActivities(
      long adHocSubProcessInstanceKey,
      List<AdHocElementActivation> elements,
      boolean cancelRemainingInstances);

  CompletableFuture<Void> failJob(
      long jobKey,
      int retries,
      String errorMessage,
      Duration retryBackoff,
      Map<String, Object> variables);

  CompletableFuture<Void> throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables);

  CompletableFuture<Void> updateJobRetries(long jobKey, int retries);

  CompletableFuture<Void> updateJobTimeout(long jobKey, Duration timeout);

  /**
   * @return the key of the variable document command
   */
  CompletableFuture<Long> setVariables(
      long elementInstanceKey, Map<String, Object> variables, boolean local);

  CompletableFuture<Void> resolveIncident(long incidentKey);

  CompletableFuture<Void> assignUserTask(
      long userTaskKey, String assignee, boolean allowOverride, String action);

  CompletableFuture<Void> unassignUserTask(long userTaskKey, String action);

  /**
   * @param changes attribute name to new value: candidateGroups, candidateUsers (lists), dueDate,
   *     followUpDate (ISO strings), priority (integer)
   */
  CompletableFuture<Void> updateUserTask(
      long userTaskKey, Map<String, Object> changes, String action);

  CompletableFuture<Void> completeUserTask(
      long userTaskKey, Map<String, Object> variables, String action);

  /**
   * Publishes a message (Zeebe's PublishMessage): it correlates to the open subscriptions and
   * message start events with its name and correlation key, and, with a time to live, stays
   * buffered for subscriptions opened later. A message id already published and still buffered is
   * rejected (ALREADY_EXISTS). Returns the message key.
   */
  CompletableFuture<Long> publishMessage(
      String name,
      String correlationKey,
      Duration timeToLive,
      String messageId,
      Map<String, Object> variables,
      String tenantId);

  /**
   * Correlates a message to one waiting subscription or message start event right away, without
   * buffering it (Camunda's message correlation API); NOT_FOUND when nothing waits for it.
   */
  CompletableFuture<MessageCorrelated> correlateMessage(
      String name, String correlationKey, Map<String, Object> variables, String tenantId);

  /**
   * Broadcasts a signal to every signal start event and open signal subscription; returns the
   * signal key.
   */
  CompletableFuture<Long> broadcastSignal(
      String signalName, Map<String, Object> variables, String tenantId);

  /**
   * Evaluates a decision (Zeebe's EvaluateDecision): the latest version of {@code decisionId} when
   * it is given, otherwise the decision with {@code decisionKey}. An unknown decision is rejected
   * (NOT_FOUND); a decision that fails to evaluate is not rejected, the result says why it failed.
   */
  CompletableFuture<DecisionEvaluated> evaluateDecision(
      long decisionKey, String decisionId, Map<String, Object> variables, String tenantId);

  /**
   * Pins the engine clock at an instant (Camunda's clock API): time stands there, and every timer
   * due by then fires, in due order. Returns the pinned instant.
   */
  CompletableFuture<Long> pinClock(long epochMillis);

  /** Lets the engine clock follow the system clock again. */
  CompletableFuture<Void> resetClock();

  /** Runs a read on the processing thread between batches: it sees only committed state. */
  <T> CompletableFuture<T> query(Function<EngineState, T> query);
}
