package life.suoke.ops.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The batch operations, each with its items and how far their execution got, and the active ones in
 * the order they became active. Its public methods only read; the appliers of the BATCH_OPERATION_*
 * events change it.
 */
public final class BatchOperationState {

  private final Map<Long, BatchOperation> batches = new LinkedHashMap<>();

  /**
   * The active ones (initialized, neither suspended nor finished): their items run. Exactly the
   * batches in state ACTIVE, in the order they became so.
   */
  private final Set<Long> runnable = new LinkedHashSet<>();

  public BatchOperation batchOperation(long key) {
    return batches.get(key);
  }

  /** Every batch operation, oldest first. */
  public Collection<BatchOperation> batchOperations() {
    return Collections.unmodifiableCollection(batches.values());
  }

  /**
   * Keys of the active batch operations (their items run, or they are to be completed), oldest
   * first.
   */
  public List<Long> runnableBatchOperations() {
    return runnable.isEmpty() ? List.of() : new ArrayList<>(runnable);
  }

  void add(BatchOperation batch) {
    batches.put(batch.key, batch);
  }

  /** A chunk of the items the filter found. */
  void addItems(BatchOperation batch, long[] itemKeys, long[] processInstanceKeys) {
    for (int i = 0; i < itemKeys.length; i++) {
      batch.addItem(itemKeys[i], processInstanceKeys[i]);
    }
  }

  /** The search for items goes on after this cursor. */
  void searchedUpTo(BatchOperation batch, String searchCursor) {
    batch.searchCursor = searchCursor;
  }

  /** Every item is found: a batch not suspended becomes active. */
  void initialized(BatchOperation batch) {
    batch.initialized = true;
    if (batch.state == BatchOperation.State.CREATED) {
      setState(batch, BatchOperation.State.ACTIVE);
    }
  }

  void executed(BatchOperation batch, int items, int completed, int failed) {
    batch.executed += items;
    batch.completed = completed;
    batch.failed = failed;
  }

  void suspend(BatchOperation batch) {
    setState(batch, BatchOperation.State.SUSPENDED);
  }

  /** Active again, or created again if its items are not all found yet. */
  void resume(BatchOperation batch) {
    setState(batch, batch.initialized ? BatchOperation.State.ACTIVE : BatchOperation.State.CREATED);
  }

  /** A finished batch keeps its counts, not its items. */
  void finish(BatchOperation batch, BatchOperation.State state, long endTime) {
    setState(batch, state);
    batch.endTime = endTime;
    batch.releaseItems();
  }

  private void setState(BatchOperation batch, BatchOperation.State state) {
    batch.state = state;
    if (state == BatchOperation.State.ACTIVE) {
      runnable.add(batch.key);
    } else {
      runnable.remove(batch.key);
    }
  }

  void write(Out out) {
    out.i32(batches.size());
    for (BatchOperation b : batches.values()) {
      out.i64(b.key);
      out.sym(b.type);
      out.str(b.filter);
      out.value(b.value.toJson());
      out.i64(b.createdPosition);
      out.i64(b.startTime);
      out.enumeration(b.state);
      out.bool(b.initialized);
      out.str(b.searchCursor);
      out.i32(b.executed);
      out.i32(b.completed);
      out.i32(b.failed);
      out.i64(b.endTime);
      out.i32(b.itemCount());
      int held = b.heldItems();
      out.i32(held);
      for (int i = 0; i < held; i++) {
        out.i64(b.itemKey(i));
        out.i64(b.processInstanceKey(i));
      }
    }
    out.longs(runnable.stream().mapToLong(Long::longValue).toArray());
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      BatchOperation b =
          new BatchOperation(
              in.i64(),
              in.sym(),
              in.str(),
              BatchOperationCreationValue.of(in.mapValue()),
              in.i64(),
              in.i64());
      b.state = in.enumeration(BatchOperation.State.values());
      b.initialized = in.bool();
      b.searchCursor = in.str();
      b.executed = in.i32();
      b.completed = in.i32();
      b.failed = in.i32();
      b.endTime = in.i64();
      int count = in.i32();
      int held = in.i32();
      long[] itemKeys = new long[held];
      long[] processInstanceKeys = new long[held];
      for (int i = 0; i < held; i++) {
        itemKeys[i] = in.i64();
        processInstanceKeys[i] = in.i64();
      }
      b.restoreItems(count, itemKeys, processInstanceKeys);
      batches.put(b.key, b);
    }
    for (long key : in.longs()) {
      runnable.add(key);
    }
  }
}
