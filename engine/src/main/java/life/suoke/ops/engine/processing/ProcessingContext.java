package life.suoke.ops.engine.processing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.value.RecordValue;
import life.suoke.ops.engine.state.EngineState;

/**
 * What a processor writes while handling one batch: records (events are applied to the state as
 * they are written), follow-up work that runs later in the same batch, and side effects that run
 * only after the batch is durably committed (answers to clients, notifications).
 */
public final class ProcessingContext {

  private EngineState state;
  private final LongSupplier clock;
  private final List<Record> batch = new ArrayList<>();
  private final ArrayDeque<Runnable> followUps = new ArrayDeque<>();
  private final List<Runnable> sideEffects = new ArrayList<>();
  private final List<Runnable> rollbacks = new ArrayList<>();
  private long sourcePosition = -1;
  private long now;

  ProcessingContext(EngineState state, LongSupplier clock) {
    this.state = state;
    this.clock = clock;
  }

  public EngineState state() {
    return state;
  }

  /** Engine clock at the start of the current command, epoch milliseconds. */
  public long now() {
    return now;
  }

  void beginCommand() {
    now = clock.getAsLong();
    sourcePosition = -1;
  }

  /** A command, with the JSON value its sender gave; the records after it are written for it. */
  public long command(Intent intent, long key, Map<String, Object> value) {
    Record record =
        append(RecordType.COMMAND, intent, key, value, null, RejectionType.NULL_VAL, "");
    sourcePosition = record.position();
    return record.position();
  }

  /** An event: the state applies its typed value as it is, the log stores its JSON. */
  public Record event(Intent intent, long key, RecordValue value) {
    Record record = append(RecordType.EVENT, intent, key, null, value, RejectionType.NULL_VAL, "");
    state.apply(record);
    return record;
  }

  public void rejection(Intent intent, long key, Map<String, Object> value, Rejection rejection) {
    append(
        RecordType.COMMAND_REJECTION,
        intent,
        key,
        value,
        null,
        rejection.type(),
        rejection.getMessage());
  }

  /**
   * Writes the rejection of a command whose processing began when the context held {@code mark}
   * records; a processor that wrote records before it rejected is a bug, thrown as such (the batch
   * rolls back) rather than answered as a rejection.
   */
  public void rejection(
      int mark, Intent intent, long key, Map<String, Object> value, Rejection rejection) {
    if (records().size() != mark) {
      throw new IllegalStateException(
          "Command " + intent.valueType() + " " + intent + " wrote records before it was rejected",
          rejection);
    }
    rejection(intent, key, value, rejection);
  }

  /**
   * Appends a record to the batch at the next position, written for the current command at the
   * command's time: with a typed value (events) or else a JSON one (commands and rejections).
   */
  private Record append(
      RecordType type,
      Intent intent,
      long key,
      Map<String, Object> json,
      RecordValue typed,
      RejectionType rejectionType,
      String reason) {
    long position = state.nextPosition();
    Record record =
        typed != null
            ? new Record(
                Record.PARTITION_ID,
                position,
                sourcePosition,
                key,
                now,
                type,
                intent,
                rejectionType,
                reason,
                Record.BROKER_VERSION,
                typed)
            : new Record(
                Record.PARTITION_ID,
                position,
                sourcePosition,
                key,
                now,
                type,
                intent.valueType(),
                intent,
                rejectionType,
                reason,
                Record.BROKER_VERSION,
                json);
    batch.add(record);
    return record;
  }

  /** Work caused by the current command, run after it within the same batch (FIFO). */
  public void followUp(Runnable work) {
    followUps.add(work);
  }

  /** Runs after the batch is committed. */
  public void afterCommit(Runnable effect) {
    sideEffects.add(effect);
  }

  /** Runs if the batch cannot be committed (to fail waiting clients). */
  public void onRollback(Runnable effect) {
    rollbacks.add(effect);
  }

  /**
   * Runs the follow-up work queued so far, now: what each correlation or start of a message or
   * signal caused, before the next one.
   */
  public void drainFollowUps() {
    Runnable next;
    while ((next = followUps.poll()) != null) {
      next.run();
    }
  }

  boolean isEmpty() {
    return batch.isEmpty() && sideEffects.isEmpty();
  }

  List<Record> records() {
    return batch;
  }

  List<Runnable> sideEffects() {
    return sideEffects;
  }

  List<Runnable> rollbacks() {
    return rollbacks;
  }

  void replaceState(EngineState rebuilt) {
    this.state = rebuilt;
  }

  void reset() {
    batch.clear();
    followUps.clear();
    sideEffects.clear();
    rollbacks.clear();
  }
}
