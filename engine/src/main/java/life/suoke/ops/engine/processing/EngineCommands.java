package life.suoke.ops.engine.processing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.api.AdHocElementActivation;
import life.suoke.ops.engine.api.BatchOperationCreation;
import life.suoke.ops.engine.api.DecisionEvaluated;
import life.suoke.ops.engine.api.DeploymentResult;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.JobResult;
import life.suoke.ops.engine.api.MessageCorrelated;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.api.ProcessInstanceMigration;
import life.suoke.ops.engine.api.ProcessInstanceModification;
import life.suoke.ops.engine.processing.activation.JobActivation;
import life.suoke.ops.engine.processing.bpmn.behavior.AdHocSubProcessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.AdHocSubProcessInstructionIntent;
import life.suoke.ops.engine.record.intent.BatchOperationCreationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationInitializationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationLifecycleManagementIntent;
import life.suoke.ops.engine.record.intent.ClockIntent;
import life.suoke.ops.engine.record.intent.DecisionEvaluationIntent;
import life.suoke.ops.engine.record.intent.DeploymentIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.MessageCorrelationIntent;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceCreationIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceMigrationIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceModificationIntent;
import life.suoke.ops.engine.record.intent.ResourceDeletionIntent;
import life.suoke.ops.engine.record.intent.SignalIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableDocumentIntent;
import life.suoke.ops.engine.record.value.ClockValue;
import life.suoke.ops.engine.record.value.VariableDocumentValue;
import life.suoke.ops.engine.state.EngineState;

/**
 * The engine's API as the gateways call it. Each call becomes a command for the processing loop
 * ({@link StreamProcessor}): the record it is written as and the processor that handles it; the
 * loop answers it after the batch that holds the command is committed. Job activations go to the
 * loop's {@link JobActivation}. Only checks of arguments that need no state run on the caller's
 * thread; everything else runs on the loop's.
 */
public final class EngineCommands implements EngineApi {

  private final StreamProcessor loop;
  private final JobActivation jobActivation;
  private final BpmnBehaviors bpmn;
  private final JobProcessor jobs;
  private final UserTaskProcessor userTasks;
  private final DeploymentProcessor deployments;
  private final ResourceDeletionProcessor deletions;
  private final ProcessInstanceProcessor instances;
  private final ProcessInstanceModificationProcessor modifications;
  private final ProcessInstanceMigrationProcessor migrations;
  private final BatchOperationProcessor batches;

  public EngineCommands(StreamProcessor loop) {
    EngineProcessors processors = loop.processors();
    this.loop = loop;
    this.jobActivation = loop.jobActivation();
    this.bpmn = processors.bpmn();
    this.jobs = processors.jobs();
    this.userTasks = processors.userTasks();
    this.deployments = processors.deployments();
    this.deletions = processors.deletions();
    this.instances = processors.instances();
    this.modifications = processors.modifications();
    this.migrations = processors.migrations();
    this.batches = processors.batches();
  }

  @Override
  public CompletableFuture<DeploymentResult> deploy(List<Resource> resources, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("resources", resources.stream().map(r -> Map.of("resourceName", r.name())).toList());
    value.put("tenantId", tenantId);
    return loop.command(
        DeploymentIntent.CREATE, -1, value, c -> deployments.deploy(c, resources, tenantId));
  }

  @Override
  public CompletableFuture<Void> deleteResource(long resourceKey) {
    return loop.command(
        ResourceDeletionIntent.DELETE,
        -1,
        ResourceDeletionProcessor.value(resourceKey, "").toJson(),
        c -> {
          deletions.delete(c, resourceKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> activateAdHocSubProcessActivities(
      long adHocSubProcessInstanceKey,
      List<AdHocElementActivation> elements,
      boolean cancelRemainingInstances) {
    return loop.command(
        AdHocSubProcessInstructionIntent.ACTIVATE,
        adHocSubProcessInstanceKey,
        AdHocSubProcessBehavior.instructionValue(
                adHocSubProcessInstanceKey, elements, cancelRemainingInstances, false, "<default>")
            .toJson(),
        c -> {
          bpmn.adHocSubProcesses()
              .activateByCommand(c, adHocSubProcessInstanceKey, elements, cancelRemainingInstances);
          return null;
        });
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions) {
    return loop.command(
        ProcessInstanceCreationIntent.CREATE,
        -1,
        creationValue(
            processDefinitionKey, bpmnProcessId, version, variables, tenantId, startInstructions),
        c ->
            instances.create(
                c,
                processDefinitionKey,
                bpmnProcessId,
                version,
                variables,
                tenantId,
                startInstructions));
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstanceWithResult(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions,
      List<String> fetchVariables,
      Duration requestTimeout) {
    CompletableFuture<ProcessInstanceCreated> result = new CompletableFuture<>();
    CompletableFuture<ProcessInstanceCreated> created =
        loop.command(
            ProcessInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT,
            -1,
            creationValue(
                processDefinitionKey,
                bpmnProcessId,
                version,
                variables,
                tenantId,
                startInstructions),
            c -> {
              ProcessInstanceCreated instance =
                  instances.create(
                      c,
                      processDefinitionKey,
                      bpmnProcessId,
                      version,
                      variables,
                      tenantId,
                      startInstructions);
              loop.awaitResult(instance, fetchVariables, result);
              return instance;
            });
    created.whenComplete(
        (instance, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          }
        });
    if (requestTimeout != null && !requestTimeout.isZero() && !requestTimeout.isNegative()) {
      result
          .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (r, failure) -> {
                if (failure instanceof TimeoutException) {
                  created.thenAccept(
                      instance ->
                          loop.enqueue(c -> loop.forgetResult(instance.processInstanceKey())));
                }
              });
    }
    return result;
  }

  private static Map<String, Object> creationValue(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", bpmnProcessId == null ? "" : bpmnProcessId);
    value.put("processDefinitionKey", processDefinitionKey);
    value.put("version", version);
    value.put("variables", variables == null ? Map.of() : variables);
    value.put("startInstructions", StartInstructions.recordValue(startInstructions));
    value.put("tenantId", tenantId);
    return value;
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return loop.command(
        ProcessInstanceIntent.CANCEL,
        processInstanceKey,
        Map.of("processInstanceKey", processInstanceKey),
        c -> {
          instances.cancel(c, processInstanceKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> modifyProcessInstance(
      long processInstanceKey, ProcessInstanceModification modification) {
    return loop.command(
        ProcessInstanceModificationIntent.MODIFY,
        processInstanceKey,
        ProcessInstanceModificationProcessor.commandValue(
            processInstanceKey, modification, "<default>"),
        c -> {
          modifications.modify(c, processInstanceKey, modification);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> migrateProcessInstance(
      long processInstanceKey, ProcessInstanceMigration migration) {
    return loop.command(
        ProcessInstanceMigrationIntent.MIGRATE,
        processInstanceKey,
        ProcessInstanceMigrationProcessor.commandValue(processInstanceKey, migration, "<default>"),
        c -> {
          migrations.migrate(c, processInstanceKey, migration);
          return null;
        });
  }

  @Override
  public CompletableFuture<Long> createBatchOperation(BatchOperationCreation creation) {
    return loop.command(
        BatchOperationCreationIntent.CREATE,
        -1,
        BatchOperationProcessor.creationValue(-1, creation).toJson(),
        c -> batches.create(c, creation));
  }

  /** Suspends, resumes or cancels a batch operation: the same command shape, another intent. */
  private CompletableFuture<Void> batchLifecycle(
      long batchOperationKey,
      BatchOperationLifecycleManagementIntent intent,
      ObjLongConsumer<ProcessingContext> step) {
    return loop.command(
        intent,
        batchOperationKey,
        BatchOperationProcessor.lifecycleValue(batchOperationKey, List.of()).toJson(),
        c -> {
          step.accept(c, batchOperationKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> suspendBatchOperation(long batchOperationKey) {
    return batchLifecycle(
        batchOperationKey, BatchOperationLifecycleManagementIntent.SUSPEND, batches::suspend);
  }

  @Override
  public CompletableFuture<Void> resumeBatchOperation(long batchOperationKey) {
    return batchLifecycle(
        batchOperationKey, BatchOperationLifecycleManagementIntent.RESUME, batches::resume);
  }

  @Override
  public CompletableFuture<Void> cancelBatchOperation(long batchOperationKey) {
    return batchLifecycle(
        batchOperationKey, BatchOperationLifecycleManagementIntent.CANCEL, batches::cancel);
  }

  @Override
  public CompletableFuture<Void> addBatchOperationItems(
      long batchOperationKey,
      String cursorBefore,
      List<BatchOperationCreation.Item> items,
      String cursorAfter,
      int pageSize) {
    return loop.command(
        BatchOperationInitializationIntent.INITIALIZE,
        batchOperationKey,
        BatchOperationProcessor.initializationValue(batchOperationKey, cursorBefore, pageSize)
            .toJson(),
        c -> {
          batches.addItems(c, batchOperationKey, cursorBefore, items, cursorAfter, pageSize);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> finishBatchOperationInitialization(long batchOperationKey) {
    return loop.command(
        BatchOperationInitializationIntent.FINISH_INITIALIZATION,
        batchOperationKey,
        Map.of("batchOperationKey", batchOperationKey),
        c -> {
          batches.finishInitialization(c, batchOperationKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> failBatchOperation(long batchOperationKey, String message) {
    return loop.command(
        BatchOperationLifecycleManagementIntent.FAIL,
        batchOperationKey,
        BatchOperationProcessor.lifecycleValue(batchOperationKey, List.of()).toJson(),
        c -> {
          batches.fail(c, batchOperationKey, message);
          return null;
        });
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(
      String type,
      String worker,
      Duration timeout,
      int maxJobs,
      List<String> fetchVariables,
      Duration requestTimeout) {
    if (type == null || type.isBlank()) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument("Expected to activate jobs with a non-empty type"));
    }
    if (maxJobs < 1) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument(
              "Expected to activate jobs with a maximum number of jobs greater than zero, but was %d",
              maxJobs));
    }
    return jobActivation.activate(type, worker, timeout, maxJobs, fetchVariables, requestTimeout);
  }

  @Override
  public AutoCloseable streamJobs(
      String type,
      String worker,
      Duration timeout,
      List<String> fetchVariables,
      Consumer<ActivatedJob> consumer) {
    return jobActivation.stream(type, worker, timeout, fetchVariables, consumer);
  }

  @Override
  public CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables) {
    return completeJob(jobKey, variables, null);
  }

  @Override
  public CompletableFuture<Void> completeJob(
      long jobKey, Map<String, Object> variables, JobResult result) {
    return loop.command(
        JobIntent.COMPLETE,
        jobKey,
        Map.of("variables", nonNull(variables)),
        c -> {
          jobs.complete(c, jobKey, nonNull(variables), result);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> failJob(
      long jobKey,
      int retries,
      String errorMessage,
      Duration retryBackoff,
      Map<String, Object> variables) {
    long backoff = retryBackoff == null ? 0 : retryBackoff.toMillis();
    return loop.command(
        JobIntent.FAIL,
        jobKey,
        Map.of(
            "retries",
            retries,
            "errorMessage",
            errorMessage == null ? "" : errorMessage,
            "retryBackoff",
            backoff),
        c -> {
          jobs.fail(c, jobKey, retries, errorMessage, backoff, variables);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    if (errorCode == null || errorCode.isBlank()) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument("Expected to throw an error with a non-empty error code"));
    }
    return loop.command(
        JobIntent.THROW_ERROR,
        jobKey,
        Map.of("errorCode", errorCode, "errorMessage", errorMessage == null ? "" : errorMessage),
        c -> {
          jobs.throwError(c, jobKey, errorCode, errorMessage, variables);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> updateJobRetries(long jobKey, int retries) {
    return loop.command(
        JobIntent.UPDATE_RETRIES,
        jobKey,
        Map.of("retries", retries),
        c -> {
          jobs.updateRetries(c, jobKey, retries);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> updateJobTimeout(long jobKey, Duration timeout) {
    return loop.command(
        JobIntent.UPDATE_TIMEOUT,
        jobKey,
        Map.of("timeout", timeout.toMillis()),
        c -> {
          jobs.updateTimeout(c, jobKey, timeout.toMillis());
          return null;
        });
  }

  @Override
  public CompletableFuture<Long> setVariables(
      long elementInstanceKey, Map<String, Object> variables, boolean local) {
    return loop.command(
        VariableDocumentIntent.UPDATE,
        elementInstanceKey,
        Map.of(
            "scopeKey",
            elementInstanceKey,
            "variables",
            nonNull(variables),
            "updateSemantics",
            local ? "LOCAL" : "PROPAGATE"),
        c -> {
          instances.setVariables(c, elementInstanceKey, nonNull(variables), local);
          long key = c.state().nextKey();
          c.event(
              VariableDocumentIntent.UPDATED,
              key,
              new VariableDocumentValue(
                  elementInstanceKey, local ? "LOCAL" : "PROPAGATE", nonNull(variables)));
          return key;
        });
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return loop.command(
        IncidentIntent.RESOLVE,
        incidentKey,
        Map.of(),
        c -> {
          instances.resolveIncident(c, incidentKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> assignUserTask(
      long userTaskKey, String assignee, boolean allowOverride, String action) {
    return userTaskCommand(
        UserTaskIntent.ASSIGN,
        userTaskKey,
        Map.of("assignee", assignee == null ? "" : assignee),
        c -> userTasks.assign(c, userTaskKey, assignee, allowOverride, action));
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(long userTaskKey, String action) {
    return userTaskCommand(
        UserTaskIntent.ASSIGN,
        userTaskKey,
        Map.of("assignee", ""),
        c -> userTasks.unassign(c, userTaskKey, action));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(
      long userTaskKey, Map<String, Object> changes, String action) {
    return userTaskCommand(
        UserTaskIntent.UPDATE,
        userTaskKey,
        Map.of("changes", nonNull(changes)),
        c -> userTasks.update(c, userTaskKey, nonNull(changes), action));
  }

  @Override
  public CompletableFuture<Void> completeUserTask(
      long userTaskKey, Map<String, Object> variables, String action) {
    return userTaskCommand(
        UserTaskIntent.COMPLETE,
        userTaskKey,
        Map.of("variables", nonNull(variables)),
        c -> userTasks.complete(c, userTaskKey, nonNull(variables), action));
  }

  /**
   * A user task command, answered when its transition ends: now, or once its task listeners are
   * done.
   */
  private CompletableFuture<Void> userTaskCommand(
      UserTaskIntent intent,
      long userTaskKey,
      Map<String, Object> value,
      Function<ProcessingContext, Boolean> handler) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    loop.command(
            intent,
            userTaskKey,
            value,
            c -> {
              if (handler.apply(c)) {
                loop.awaitTransition(c, userTaskKey, answer);
              }
              return null;
            })
        .whenComplete(
            (v, failure) -> {
              if (failure != null) {
                answer.completeExceptionally(failure);
              } else if (!loop.awaitsTransition(answer)) {
                answer.complete(null);
              }
            });
    return answer;
  }

  @Override
  public CompletableFuture<Long> publishMessage(
      String name,
      String correlationKey,
      Duration timeToLive,
      String messageId,
      Map<String, Object> variables,
      String tenantId) {
    long ttl = timeToLive == null ? 0 : timeToLive.toMillis();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name == null ? "" : name);
    value.put("correlationKey", correlationKey == null ? "" : correlationKey);
    value.put("timeToLive", ttl);
    value.put("messageId", messageId == null ? "" : messageId);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return loop.command(
        MessageIntent.PUBLISH,
        -1,
        value,
        c ->
            bpmn.messages()
                .publish(c, name, correlationKey, ttl, messageId, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<MessageCorrelated> correlateMessage(
      String name, String correlationKey, Map<String, Object> variables, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name == null ? "" : name);
    value.put("correlationKey", correlationKey == null ? "" : correlationKey);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return loop.command(
        MessageCorrelationIntent.CORRELATE,
        -1,
        value,
        c -> bpmn.messages().correlateNow(c, name, correlationKey, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<Long> broadcastSignal(
      String signalName, Map<String, Object> variables, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("signalName", signalName == null ? "" : signalName);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return loop.command(
        SignalIntent.BROADCAST,
        -1,
        value,
        c -> bpmn.signals().broadcast(c, signalName, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<DecisionEvaluated> evaluateDecision(
      long decisionKey, String decisionId, Map<String, Object> variables, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("decisionId", decisionId == null ? "" : decisionId);
    value.put("decisionKey", decisionKey);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return loop.command(
        DecisionEvaluationIntent.EVALUATE,
        -1,
        value,
        c -> bpmn.decisions().evaluate(c, decisionKey, decisionId, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<Long> pinClock(long epochMillis) {
    if (epochMillis < 0) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument(
              "Expected to pin the clock to a non-negative timestamp, but was %d", epochMillis));
    }
    return loop.command(
        ClockIntent.PIN,
        -1,
        Map.of("time", epochMillis),
        c -> {
          c.event(ClockIntent.PINNED, c.state().nextKey(), new ClockValue(epochMillis));
          return epochMillis;
        });
  }

  @Override
  public CompletableFuture<Void> resetClock() {
    return loop.command(
        ClockIntent.RESET,
        -1,
        Map.of(),
        c -> {
          c.event(ClockIntent.RESETTED, c.state().nextKey(), new ClockValue(-1L));
          return null;
        });
  }

  @Override
  public <T> CompletableFuture<T> query(Function<EngineState, T> query) {
    CompletableFuture<T> future = new CompletableFuture<>();
    loop.submit(
        c -> {
          try {
            T value = query.apply(c.state());
            c.afterCommit(() -> future.complete(value));
            c.onRollback(
                () ->
                    future.completeExceptionally(
                        new Rejection(RejectionType.PROCESSING_ERROR, "Query failed; retry")));
          } catch (RuntimeException e) {
            c.afterCommit(() -> future.completeExceptionally(e));
          }
        });
    return future;
  }

  private static Map<String, Object> nonNull(Map<String, Object> variables) {
    return variables == null ? Map.of() : variables;
  }
}
