package life.suoke.ops.engine.state;

import java.util.List;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.BatchOperationChunkIntent;
import life.suoke.ops.engine.record.intent.BatchOperationCreationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationExecutionIntent;
import life.suoke.ops.engine.record.intent.BatchOperationInitializationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationLifecycleManagementIntent;
import life.suoke.ops.engine.record.value.BatchOperationChunkValue;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue;
import life.suoke.ops.engine.record.value.BatchOperationExecutionValue;
import life.suoke.ops.engine.record.value.BatchOperationInitializationValue;
import life.suoke.ops.engine.record.value.BatchOperationLifecycleValue;

/**
 * The appliers of the BATCH_OPERATION_CREATION, _CHUNK, _INITIALIZATION, _EXECUTION and
 * _LIFECYCLE_MANAGEMENT events. After its creation, a batch's events name it by {@code
 * batchOperationKey}; an event of a batch that does not exist changes nothing.
 */
final class BatchOperationAppliers {

  private BatchOperationAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> created(e, s.batchOperations), BatchOperationCreationIntent.CREATED);
    registry.register(
        (e, s) -> chunkCreated(e, s.batchOperations), BatchOperationChunkIntent.CREATED);
    registry.register(
        (e, s) -> initializing(e, s.batchOperations),
        BatchOperationInitializationIntent.INITIALIZING);
    registry.register(
        (e, s) -> initialized(e, s.batchOperations),
        BatchOperationInitializationIntent.INITIALIZED);
    registry.register(
        (e, s) -> executed(e, s.batchOperations), BatchOperationExecutionIntent.EXECUTED);
    registry.register(
        (e, s) -> suspended(e, s.batchOperations),
        BatchOperationLifecycleManagementIntent.SUSPENDED);
    registry.register(
        (e, s) -> resumed(e, s.batchOperations), BatchOperationLifecycleManagementIntent.RESUMED);
    registry.register(
        (e, s) -> finished(e, s.batchOperations),
        BatchOperationLifecycleManagementIntent.COMPLETED,
        BatchOperationLifecycleManagementIntent.CANCELED,
        BatchOperationLifecycleManagementIntent.FAILED);
  }

  static void created(Record event, BatchOperationState batches) {
    BatchOperationCreationValue v = BatchOperationCreationValue.of(event);
    batches.add(
        new BatchOperation(
            event.key(),
            v.batchOperationType(),
            v.entityFilter(),
            v,
            event.position(),
            event.timestamp()));
  }

  /** A chunk of the items the filter found, in the order found. */
  static void chunkCreated(Record event, BatchOperationState batches) {
    BatchOperationChunkValue v = BatchOperationChunkValue.of(event);
    BatchOperation batch = batches.batchOperation(v.batchOperationKey());
    if (batch == null) {
      return;
    }
    List<BatchOperationChunkValue.Item> items = v.items();
    long[] itemKeys = new long[items.size()];
    long[] processInstanceKeys = new long[items.size()];
    for (int i = 0; i < items.size(); i++) {
      itemKeys[i] = items.get(i).itemKey();
      processInstanceKeys[i] = items.get(i).processInstanceKey();
    }
    batches.addItems(batch, itemKeys, processInstanceKeys);
  }

  static void initializing(Record event, BatchOperationState batches) {
    BatchOperationInitializationValue v = BatchOperationInitializationValue.of(event);
    BatchOperation batch = batches.batchOperation(v.batchOperationKey());
    if (batch != null) {
      batches.searchedUpTo(batch, v.searchResultCursor());
    }
  }

  static void initialized(Record event, BatchOperationState batches) {
    BatchOperationInitializationValue v = BatchOperationInitializationValue.of(event);
    BatchOperation batch = batches.batchOperation(v.batchOperationKey());
    if (batch != null) {
      batches.initialized(batch);
    }
  }

  static void executed(Record event, BatchOperationState batches) {
    BatchOperationExecutionValue v = BatchOperationExecutionValue.of(event);
    BatchOperation batch = batches.batchOperation(v.batchOperationKey());
    if (batch != null) {
      if (v.operationsCompletedCount() == null || v.operationsFailedCount() == null) {
        throw new IllegalStateException(
            "BATCH_OPERATION_EXECUTION EXECUTED at " + event.position() + " has no counts");
      }
      batches.executed(
          batch, v.itemKeys().size(), v.operationsCompletedCount(), v.operationsFailedCount());
    }
  }

  static void suspended(Record event, BatchOperationState batches) {
    BatchOperation batch = lifecycleBatch(event, batches);
    if (batch != null) {
      batches.suspend(batch);
    }
  }

  static void resumed(Record event, BatchOperationState batches) {
    BatchOperation batch = lifecycleBatch(event, batches);
    if (batch != null) {
      batches.resume(batch);
    }
  }

  /** The batch a lifecycle event without more to read names, or null. */
  private static BatchOperation lifecycleBatch(Record event, BatchOperationState batches) {
    return batches.batchOperation(BatchOperationLifecycleValue.of(event).batchOperationKey());
  }

  /** COMPLETED (partially, with errors), CANCELED or FAILED. */
  static void finished(Record event, BatchOperationState batches) {
    BatchOperationLifecycleValue v = BatchOperationLifecycleValue.of(event);
    BatchOperation batch = batches.batchOperation(v.batchOperationKey());
    if (batch == null) {
      return;
    }
    BatchOperation.State state =
        switch ((BatchOperationLifecycleManagementIntent) event.intent()) {
          case COMPLETED ->
              v.errors().isEmpty()
                  ? BatchOperation.State.COMPLETED
                  : BatchOperation.State.PARTIALLY_COMPLETED;
          case CANCELED -> BatchOperation.State.CANCELED;
          default -> BatchOperation.State.FAILED;
        };
    batches.finish(batch, state, event.timestamp());
  }
}
