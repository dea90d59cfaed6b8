package life.suoke.ops.engine.processing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.BatchOperationCreation;
import life.suoke.ops.engine.api.ProcessInstanceMigration;
import life.suoke.ops.engine.api.ProcessInstanceModification;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.BatchOperationChunkIntent;
import life.suoke.ops.engine.record.intent.BatchOperationCreationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationExecutionIntent;
import life.suoke.ops.engine.record.intent.BatchOperationInitializationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationLifecycleManagementIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceMigrationIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceModificationIntent;
import life.suoke.ops.engine.record.value.BatchOperationChunkValue;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue;
import life.suoke.ops.engine.record.value.BatchOperationExecutionValue;
import life.suoke.ops.engine.record.value.BatchOperationInitializationValue;
import life.suoke.ops.engine.record.value.BatchOperationLifecycleValue;
import life.suoke.ops.engine.state.BatchOperation;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Incident;
import life.suoke.ops.engine.state.Job;

/**
 * Batch operations (Camunda 8.8): their lifecycle commands, the items their filter found (handed
 * over by the engine's initializer in pages), and their execution on the processing thread, one
 * chunk per batch of the processing loop, so that a large batch never becomes one huge transaction
 * and other commands are served in between.
 *
 * <p>Each item runs its own command, written to the log as a client's would be (PROCESS_INSTANCE
 * CANCEL; JOB UPDATE_RETRIES to 1 for a job's incident, then INCIDENT RESOLVE;
 * PROCESS_INSTANCE_MIGRATION MIGRATE; PROCESS_INSTANCE_MODIFICATION MODIFY), followed by its events
 * or its rejection. A chunk is framed by BATCH_OPERATION_EXECUTION EXECUTE (command), EXECUTING and
 * EXECUTED; the EXECUTED event carries, besides Zeebe's {@code itemKeys}, each item's outcome
 * ({@code itemResults}: COMPLETED, or FAILED with the rejection's reason) and the batch's counts so
 * far, which Zeebe's exporters work out from the item commands' records.
 */
final class BatchOperationProcessor {

  /** Items per chunk record and per execution round, Zeebe's default chunk size. */
  static final int CHUNK_SIZE = 100;

  /** An execution round also stops after an item that brought it past this many records. */
  private static final int MAX_RECORDS_PER_ROUND = 8_000;

  private static final String NOT_FOUND =
      "Expected to %s a batch operation with key '%d', but no such batch operation was found";
  private static final String WRONG_STATE =
      "Expected to %s a batch operation with key '%d', but it is in state '%s'";
  private static final String GIVEN_FILTER_IS_EMPTY = "Given filter is empty";

  private final ProcessInstanceProcessor instances;
  private final JobProcessor jobs;
  private final ProcessInstanceMigrationProcessor migrations;
  private final ProcessInstanceModificationProcessor modifications;

  /** The chunk being executed in this round, cleared when it is done (before the commit). */
  private InFlight inFlight;

  /**
   * After a round that failed unexpectedly: that batch runs one item per round; an item that fails
   * again is marked failed.
   */
  private InFlight isolate;

  private String poisonedMessage;
  private long lastServed = -1;

  private record InFlight(long batchKey, int firstIndex, int count) {}

  BatchOperationProcessor(
      ProcessInstanceProcessor instances,
      JobProcessor jobs,
      ProcessInstanceMigrationProcessor migrations,
      ProcessInstanceModificationProcessor modifications) {
    this.instances = instances;
    this.jobs = jobs;
    this.migrations = migrations;
    this.modifications = modifications;
  }

  // ------------------------------------------------------------------ commands

  static BatchOperationCreationValue creationValue(long key, BatchOperationCreation creation) {
    ProcessInstanceMigration plan = creation.migrationPlan();
    return new BatchOperationCreationValue(
        key,
        creation.type(),
        creation.filter() == null ? "" : creation.filter(),
        new BatchOperationCreationValue.MigrationPlan(
            plan == null ? -1L : plan.targetProcessDefinitionKey(),
            plan == null ? List.of() : instructions(plan.mappingInstructions())),
        new BatchOperationCreationValue.ModificationPlan(instructions(creation.moveInstructions())),
        List.of((long) Record.PARTITION_ID));
  }

  private static List<BatchOperationCreationValue.Instruction> instructions(
      List<ProcessInstanceMigration.MappingInstruction> instructions) {
    List<BatchOperationCreationValue.Instruction> values = new ArrayList<>();
    for (ProcessInstanceMigration.MappingInstruction instruction : instructions) {
      values.add(
          new BatchOperationCreationValue.Instruction(
              instruction.sourceElementId(), instruction.targetElementId()));
    }
    return values;
  }

  long create(ProcessingContext ctx, BatchOperationCreation creation) {
    if (!List.of(
            BatchOperationCreation.CANCEL_PROCESS_INSTANCE,
            BatchOperationCreation.RESOLVE_INCIDENT,
            BatchOperationCreation.MIGRATE_PROCESS_INSTANCE,
            BatchOperationCreation.MODIFY_PROCESS_INSTANCE)
        .contains(creation.type())) {
      throw Rejection.invalidArgument(
          "Batch operations of type '%s' are not supported by this engine", creation.type());
    }
    if (creation.filter() == null
        || creation.filter().isBlank()
        || creation.filter().trim().equals("{}")) {
      throw Rejection.invalidArgument(GIVEN_FILTER_IS_EMPTY);
    }
    long key = ctx.state().nextKey();
    ctx.event(BatchOperationCreationIntent.CREATED, key, creationValue(key, creation));
    return key;
  }

  void addItems(
      ProcessingContext ctx,
      long key,
      String cursorBefore,
      List<BatchOperationCreation.Item> items,
      String cursorAfter,
      int pageSize) {
    BatchOperation batch = initializing(ctx, key, "initialize");
    if (!batch.searchCursor().equals(cursorBefore == null ? "" : cursorBefore)) {
      throw Rejection.invalidState(
          "Expected to add items after cursor '%s' to batch operation with key '%d', but its cursor is '%s'",
          cursorBefore, key, batch.searchCursor());
    }
    for (int from = 0; from < items.size(); from += CHUNK_SIZE) {
      List<BatchOperationChunkValue.Item> chunk = new ArrayList<>();
      for (BatchOperationCreation.Item item :
          items.subList(from, Math.min(items.size(), from + CHUNK_SIZE))) {
        chunk.add(new BatchOperationChunkValue.Item(item.itemKey(), item.processInstanceKey()));
      }
      ctx.event(
          BatchOperationChunkIntent.CREATED,
          ctx.state().nextKey(),
          new BatchOperationChunkValue(key, chunk));
    }
    ctx.event(
        BatchOperationInitializationIntent.INITIALIZING,
        key,
        initializationValue(key, cursorAfter, pageSize));
  }

  static BatchOperationInitializationValue initializationValue(
      long key, String cursor, int pageSize) {
    return new BatchOperationInitializationValue(key, cursor == null ? "" : cursor, pageSize, null);
  }

  void finishInitialization(ProcessingContext ctx, long key) {
    BatchOperation batch = initializing(ctx, key, "finish the initialization of");
    // the total is this engine's addition: the total it fixed
    BatchOperationInitializationValue value =
        new BatchOperationInitializationValue(key, batch.searchCursor(), 0, batch.itemCount());
    ctx.event(BatchOperationInitializationIntent.INITIALIZED, key, value);
  }

  private BatchOperation initializing(ProcessingContext ctx, long key, String action) {
    BatchOperation batch = ctx.state().batchOperation(key);
    if (batch == null) {
      throw Rejection.notFound(NOT_FOUND, action, key);
    }
    if (batch.initialized() || batch.isFinished()) {
      throw Rejection.invalidState(WRONG_STATE, action, key, batch.state());
    }
    return batch;
  }

  void fail(ProcessingContext ctx, long key, String message) {
    BatchOperation batch = initializing(ctx, key, "fail");
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("partitionId", Record.PARTITION_ID);
    error.put("type", "QUERY_FAILED");
    error.put("message", message == null ? "" : message);
    ctx.event(
        BatchOperationLifecycleManagementIntent.FAILED,
        batch.key,
        lifecycleValue(batch.key, List.of(error)));
  }

  void suspend(ProcessingContext ctx, long key) {
    BatchOperation batch = lifecycle(ctx, key, "suspend");
    if (batch.state() != BatchOperation.State.CREATED
        && batch.state() != BatchOperation.State.ACTIVE) {
      throw Rejection.invalidState(WRONG_STATE, "suspend", key, batch.state());
    }
    ctx.event(
        BatchOperationLifecycleManagementIntent.SUSPENDED, key, lifecycleValue(key, List.of()));
  }

  void resume(ProcessingContext ctx, long key) {
    BatchOperation batch = lifecycle(ctx, key, "resume");
    if (batch.state() != BatchOperation.State.SUSPENDED) {
      throw Rejection.invalidState(WRONG_STATE, "resume", key, batch.state());
    }
    ctx.event(BatchOperationLifecycleManagementIntent.RESUMED, key, lifecycleValue(key, List.of()));
  }

  void cancel(ProcessingContext ctx, long key) {
    BatchOperation batch = lifecycle(ctx, key, "cancel");
    if (batch.isFinished()) {
      throw Rejection.invalidState(WRONG_STATE, "cancel", key, batch.state());
    }
    ctx.event(
        BatchOperationLifecycleManagementIntent.CANCELED, key, lifecycleValue(key, List.of()));
  }

  private BatchOperation lifecycle(ProcessingContext ctx, long key, String action) {
    BatchOperation batch = ctx.state().batchOperation(key);
    if (batch == null) {
      throw Rejection.notFound(NOT_FOUND, action, key);
    }
    return batch;
  }

  static BatchOperationLifecycleValue lifecycleValue(long key, List<Object> errors) {
    return new BatchOperationLifecycleValue(key, errors);
  }

  // ------------------------------------------------------------------ execution

  /** Whether a batch operation has items to run or is to be completed. */
  boolean hasWork(EngineState state) {
    return !state.runnableBatchOperations().isEmpty();
  }

  /**
   * Runs the next chunk of one active batch operation (taking turns among them), or completes a
   * batch whose items have all run. Returns whether there is more to do.
   */
  boolean executeNext(ProcessingContext ctx) {
    EngineState state = ctx.state();
    BatchOperation batch = next(state);
    if (batch == null) {
      return false;
    }
    lastServed = batch.key;
    if (!batch.hasPendingItems()) {
      ctx.event(
          BatchOperationLifecycleManagementIntent.COMPLETED,
          batch.key,
          lifecycleValue(batch.key, List.of()));
      return hasWork(state);
    }
    int first = batch.executed();
    boolean single = isolate != null && isolate.batchKey() == batch.key;
    int limit = Math.min(batch.itemCount() - first, single ? 1 : CHUNK_SIZE);
    inFlight = new InFlight(batch.key, first, limit);
    List<Long> keys = new ArrayList<>();
    for (int i = first; i < first + limit; i++) {
      keys.add(batch.itemKey(i));
    }
    BatchOperationExecutionValue executing =
        new BatchOperationExecutionValue(batch.key, keys, null, null, null);
    ctx.command(BatchOperationExecutionIntent.EXECUTE, batch.key, executing.toJson());
    ctx.event(BatchOperationExecutionIntent.EXECUTING, batch.key, executing);
    List<BatchOperationExecutionValue.ItemResult> results = new ArrayList<>();
    int completed = batch.completed();
    int failed = batch.failed();
    int recordsAtStart = ctx.records().size();
    List<Long> ran = new ArrayList<>();
    for (int i = first; i < first + limit; i++) {
      long itemKey = batch.itemKey(i);
      long processInstanceKey = batch.processInstanceKey(i);
      String failure;
      if (poisonedMessage != null && single) {
        failure = "The item could not be processed: " + poisonedMessage;
        poisonedMessage = null;
      } else {
        failure = runItem(ctx, batch, itemKey, processInstanceKey);
      }
      results.add(
          new BatchOperationExecutionValue.ItemResult(
              itemKey,
              processInstanceKey,
              failure == null ? "COMPLETED" : "FAILED",
              failure == null ? "" : failure));
      ran.add(itemKey);
      if (failure == null) {
        completed++;
      } else {
        failed++;
      }
      if (ctx.records().size() - recordsAtStart > MAX_RECORDS_PER_ROUND) {
        break;
      }
    }
    ctx.event(
        BatchOperationExecutionIntent.EXECUTED,
        batch.key,
        new BatchOperationExecutionValue(batch.key, ran, completed, failed, results));
    if (single && batch.executed() >= isolate.firstIndex() + isolate.count()) {
      isolate = null; // past the chunk that failed: full chunks again
    }
    inFlight = null;
    return true;
  }

  /**
   * The round could not be committed or failed unexpectedly; the state is rebuilt from the log. A
   * chunk that was running is run again one item per round, and an item that fails on its own is
   * marked failed rather than tried forever.
   */
  void rolledBack(RuntimeException cause) {
    if (inFlight == null) {
      return;
    }
    if (isolate != null && isolate.batchKey() == inFlight.batchKey() && inFlight.count() == 1) {
      poisonedMessage =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    } else {
      isolate = inFlight;
    }
    inFlight = null;
  }

  private BatchOperation next(EngineState state) {
    List<Long> runnable = state.runnableBatchOperations();
    if (runnable.isEmpty()) {
      return null;
    }
    int start = 0;
    int at = runnable.indexOf(lastServed);
    if (at >= 0) {
      start = (at + 1) % runnable.size();
    }
    return state.batchOperation(runnable.get(start));
  }

  /**
   * Runs one item's command; returns null when it went through, else the rejection's reason
   * (nothing of it written).
   */
  private String runItem(
      ProcessingContext ctx, BatchOperation batch, long itemKey, long processInstanceKey) {
    EngineState state = ctx.state();
    switch (batch.type) {
      case BatchOperationCreation.CANCEL_PROCESS_INSTANCE -> {
        return item(
            ctx,
            ProcessInstanceIntent.CANCEL,
            processInstanceKey,
            Map.of("processInstanceKey", processInstanceKey),
            () -> instances.cancel(ctx, processInstanceKey));
      }
      case BatchOperationCreation.RESOLVE_INCIDENT -> {
        Incident incident = state.incident(itemKey);
        Job job = incident == null || incident.jobKey() <= 0 ? null : state.job(incident.jobKey());
        if (job != null) {
          // as Zeebe's batch does: the job gets a retry, so that resolving the incident lets it run
          // again
          item(
              ctx,
              JobIntent.UPDATE_RETRIES,
              job.key,
              Map.of("retries", 1),
              () -> jobs.updateRetries(ctx, job.key, 1));
        }
        return item(
            ctx,
            IncidentIntent.RESOLVE,
            itemKey,
            Map.of(),
            () -> instances.resolveIncident(ctx, itemKey));
      }
      case BatchOperationCreation.MIGRATE_PROCESS_INSTANCE -> {
        ProcessInstanceMigration plan = migrationPlan(batch);
        return item(
            ctx,
            ProcessInstanceMigrationIntent.MIGRATE,
            processInstanceKey,
            ProcessInstanceMigrationProcessor.commandValue(processInstanceKey, plan, "<default>"),
            () -> migrations.migrate(ctx, processInstanceKey, plan));
      }
      case BatchOperationCreation.MODIFY_PROCESS_INSTANCE -> {
        ProcessInstanceModification modification = modification(state, batch, processInstanceKey);
        return item(
            ctx,
            ProcessInstanceModificationIntent.MODIFY,
            processInstanceKey,
            ProcessInstanceModificationProcessor.commandValue(
                processInstanceKey, modification, "<default>"),
            () -> modifications.modify(ctx, processInstanceKey, modification));
      }
      default -> {
        return "Batch operations of type '" + batch.type + "' are not supported by this engine";
      }
    }
  }

  private static String item(
      ProcessingContext ctx, Intent intent, long key, Map<String, Object> value, Runnable work) {
    ctx.command(intent, key, value);
    int mark = ctx.records().size();
    try {
      work.run();
      ctx.drainFollowUps();
      return null;
    } catch (Rejection rejection) {
      ctx.rejection(mark, intent, key, value, rejection);
      return rejection.getMessage();
    }
  }

  private static ProcessInstanceMigration migrationPlan(BatchOperation batch) {
    BatchOperationCreationValue.MigrationPlan plan = batch.value.migrationPlan();
    List<ProcessInstanceMigration.MappingInstruction> instructions = new ArrayList<>();
    for (BatchOperationCreationValue.Instruction instruction : plan.mappingInstructions()) {
      instructions.add(
          new ProcessInstanceMigration.MappingInstruction(
              instruction.sourceElementId(), instruction.targetElementId()));
    }
    return new ProcessInstanceMigration(plan.targetProcessDefinitionKey(), instructions);
  }

  /**
   * Zeebe's batch modification: every element instance of the process instance (at any depth) whose
   * element is the source of a move instruction is terminated, and the target is activated in the
   * same flow scope instance.
   */
  private static ProcessInstanceModification modification(
      EngineState state, BatchOperation batch, long processInstanceKey) {
    Map<String, String> moves = new LinkedHashMap<>();
    for (BatchOperationCreationValue.Instruction instruction :
        batch.value.modificationPlan().moveInstructions()) {
      moves.put(instruction.sourceElementId(), instruction.targetElementId());
    }
    List<ProcessInstanceModification.ActivateInstruction> activate = new ArrayList<>();
    List<Long> terminate = new ArrayList<>();
    ArrayDeque<ElementInstance> queue = new ArrayDeque<>(state.children(processInstanceKey));
    while (!queue.isEmpty()) {
      ElementInstance instance = queue.poll();
      String target = moves.get(instance.element().id());
      if (target != null) {
        activate.add(
            new ProcessInstanceModification.ActivateInstruction(
                target, instance.flowScopeKey, List.of()));
        terminate.add(instance.key);
      }
      queue.addAll(state.children(instance.key));
    }
    return new ProcessInstanceModification(activate, terminate);
  }
}
