package life.suoke.ops.engine.state;

import java.util.Arrays;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue;

/**
 * A batch operation (Camunda 8.8): one operation (cancel, resolve incidents, migrate, modify)
 * applied to the items its filter found when it was initialized, a chunk at a time in the
 * background. The items are kept in the order they were found; {@link #executed} of them have run.
 */
public final class BatchOperation {

  /** Camunda's batch operation states. */
  public enum State {
    CREATED,
    ACTIVE,
    SUSPENDED,
    COMPLETED,
    PARTIALLY_COMPLETED,
    CANCELED,
    FAILED
  }

  public final long key;

  /**
   * {@code CANCEL_PROCESS_INSTANCE}, {@code RESOLVE_INCIDENT}, {@code MIGRATE_PROCESS_INSTANCE} or
   * {@code MODIFY_PROCESS_INSTANCE}.
   */
  public final String type;

  /** The process instance filter, as JSON (with the overrides of the operation's type applied). */
  public final String filter;

  /** The value of the CREATED record (with the migration or modification plan). */
  public final BatchOperationCreationValue value;

  /**
   * Position of the CREATED record: the search projection must have reached it before the filter is
   * run.
   */
  public final long createdPosition;

  public final long startTime;
  State state = State.CREATED;
  boolean initialized;
  String searchCursor = "";
  int executed;
  int completed;
  int failed;
  long endTime = -1;
  private long[] itemKeys = new long[16];
  private long[] processInstanceKeys = new long[16];
  private int itemCount;

  public BatchOperation(
      long key,
      String type,
      String filter,
      BatchOperationCreationValue value,
      long createdPosition,
      long startTime) {
    this.key = key;
    this.type = type;
    this.filter = filter;
    this.value = value;
    this.createdPosition = createdPosition;
    this.startTime = startTime;
  }

  public int itemCount() {
    return itemCount;
  }

  public long itemKey(int index) {
    return itemKeys[index];
  }

  public long processInstanceKey(int index) {
    return processInstanceKeys[index];
  }

  /** Whether items wait to be executed (initialized or not). */
  public boolean hasPendingItems() {
    return executed < itemCount;
  }

  public boolean isFinished() {
    return state == State.COMPLETED
        || state == State.PARTIALLY_COMPLETED
        || state == State.CANCELED
        || state == State.FAILED;
  }

  void addItem(long itemKey, long processInstanceKey) {
    if (itemCount == itemKeys.length) {
      itemKeys = Arrays.copyOf(itemKeys, itemCount * 2);
      processInstanceKeys = Arrays.copyOf(processInstanceKeys, itemCount * 2);
    }
    itemKeys[itemCount] = itemKey;
    processInstanceKeys[itemCount] = processInstanceKey;
    itemCount++;
  }

  /** How many items are still held: all of them, or none once released. */
  int heldItems() {
    return Math.min(itemCount, itemKeys.length);
  }

  /**
   * Puts back items read from a snapshot: {@code count} items, of which the first {@code
   * held.length} are held (none once released).
   */
  void restoreItems(int count, long[] heldItemKeys, long[] heldProcessInstanceKeys) {
    itemKeys = heldItemKeys;
    processInstanceKeys = heldProcessInstanceKeys;
    itemCount = count;
    if (itemKeys.length < count && itemKeys.length != 0) {
      throw new IllegalArgumentException("a batch holds all its items or none");
    }
    if (itemKeys.length == 0 && count == 0) {
      itemKeys = new long[16];
      processInstanceKeys = new long[16];
    }
  }

  /** A finished batch keeps its counts, not its items. */
  void releaseItems() {
    itemKeys = new long[0];
    processInstanceKeys = new long[0];
  }

  public State state() {
    return state;
  }

  /** Whether the filter has found every item (the total is then fixed). */
  public boolean initialized() {
    return initialized;
  }

  /** Where the search for items goes on (the last item key found), empty at first. */
  public String searchCursor() {
    return searchCursor;
  }

  /** How many items have been executed so far. */
  public int executed() {
    return executed;
  }

  /** How many items completed. */
  public int completed() {
    return completed;
  }

  /** How many items failed. */
  public int failed() {
    return failed;
  }

  /** When the operation ended, -1 while it has not. */
  public long endTime() {
    return endTime;
  }
}
