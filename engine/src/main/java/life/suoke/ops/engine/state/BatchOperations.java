package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.integer;
import static life.suoke.ops.engine.record.Values.list;
import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;

/**
 * The batch operations part of the state, changed only by EngineState's appliers: each batch with
 * its items and how far their execution got, rebuilt exactly by replaying the log.
 */
final class BatchOperations {

  final Map<Long, BatchOperation> batches = new LinkedHashMap<>();

  /** The active ones (initialized, neither suspended nor finished): their items run. */
  final java.util.Set<Long> runnable = new java.util.LinkedHashSet<>();

  BatchOperation get(long key) {
    return batches.get(key);
  }

  Collection<BatchOperation> all() {
    return batches.values();
  }

  List<Long> runnable() {
    return runnable.isEmpty() ? List.of() : new java.util.ArrayList<>(runnable);
  }

  void apply(Record record, Map<String, Object> v) {
    long key = lng(v, "batchOperationKey");
    if (record.valueType() == life.suoke.ops.engine.record.ValueType.BATCH_OPERATION_CREATION) {
      if ("CREATED".equals(record.intent())) {
        batches.put(
            record.key(),
            new BatchOperation(
                record.key(),
                str(v, "batchOperationType"),
                str(v, "entityFilter"),
                new LinkedHashMap<>(v),
                record.position(),
                record.timestamp()));
      }
      return;
    }
    BatchOperation batch = batches.get(key);
    if (batch == null) {
      return;
    }
    switch (record.valueType()) {
      case BATCH_OPERATION_CHUNK -> {
        if ("CREATED".equals(record.intent())) {
          for (Map<String, Object> item : list(v, "items").stream().map(i -> cast(i)).toList()) {
            batch.addItem(lng(item, "itemKey"), lng(item, "processInstanceKey"));
          }
        }
      }
      case BATCH_OPERATION_INITIALIZATION -> {
        if ("INITIALIZING".equals(record.intent())) {
          batch.searchCursor = str(v, "searchResultCursor");
        } else if ("INITIALIZED".equals(record.intent())) {
          batch.initialized = true;
          if (batch.state == BatchOperation.State.CREATED) {
            batch.state = BatchOperation.State.ACTIVE;
          }
        }
      }
      case BATCH_OPERATION_EXECUTION -> {
        if ("EXECUTED".equals(record.intent())) {
          List<Object> keys = list(v, "itemKeys");
          batch.executed += keys.size();
          batch.completed = integer(v, "operationsCompletedCount");
          batch.failed = integer(v, "operationsFailedCount");
        }
      }
      case BATCH_OPERATION_LIFECYCLE_MANAGEMENT -> {
        switch (record.intent()) {
          case "SUSPENDED" -> batch.state = BatchOperation.State.SUSPENDED;
          case "RESUMED" ->
              batch.state =
                  batch.initialized ? BatchOperation.State.ACTIVE : BatchOperation.State.CREATED;
          case "COMPLETED" ->
              finish(
                  batch,
                  list(v, "errors").isEmpty()
                      ? BatchOperation.State.COMPLETED
                      : BatchOperation.State.PARTIALLY_COMPLETED,
                  record);
          case "CANCELED" -> finish(batch, BatchOperation.State.CANCELED, record);
          case "FAILED" -> finish(batch, BatchOperation.State.FAILED, record);
          default -> {}
        }
      }
      default -> {}
    }
    if (batch.state == BatchOperation.State.ACTIVE) {
      runnable.add(batch.key);
    } else {
      runnable.remove(batch.key);
    }
  }

  private static void finish(BatchOperation batch, BatchOperation.State state, Record record) {
    batch.state = state;
    batch.endTime = record.timestamp();
    batch.releaseItems();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object item) {
    return (Map<String, Object>) item;
  }
}
