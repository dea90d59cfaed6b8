package life.suoke.ops.engine.projection;

import static life.suoke.ops.engine.projection.Fields.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import life.suoke.ops.engine.state.JsonValues;

/**
 * Batch operations and their items, from the BATCH_OPERATION_* records: a batch's state, dates and
 * counts (the total from INITIALIZED, the outcomes from each EXECUTED), and each item as its chunk
 * created it and as its execution left it. A canceled batch's items that never ran become CANCELED.
 * The state machine (RESUMED goes back to ACTIVE or, before initialization, CREATED) needs the
 * batch's state, kept here per batch and read from the table the first time a batch is seen.
 */
final class BatchProjector {

  private final Tables tables;
  private final String schemaPrefix;
  private final Map<Long, Batch> batches = new HashMap<>();
  private final Set<Long> canceled = new LinkedHashSet<>();

  private static final class Batch {
    String state;
    boolean initialized;

    Batch(String state, boolean initialized) {
      this.state = state;
      this.initialized = initialized;
    }
  }

  BatchProjector(Tables tables, String schemaPrefix) {
    this.tables = tables;
    this.schemaPrefix = schemaPrefix;
  }

  void apply(Record r, Connection c) throws SQLException {
    switch (r.valueType()) {
      case BATCH_OPERATION_CREATION -> {
        if (r.intent() == BatchOperationCreationIntent.CREATED) {
          BatchOperationCreationValue created = BatchOperationCreationValue.of(r);
          batches.put(r.key(), new Batch("CREATED", false));
          tables.batchOperations.put(
              r.key(),
              created.batchOperationType(),
              "CREATED",
              false,
              time(r.timestamp()),
              null,
              0,
              0,
              0,
              null,
              created.entityFilter());
        }
      }
      case BATCH_OPERATION_CHUNK -> {
        if (r.intent() == BatchOperationChunkIntent.CREATED) {
          BatchOperationChunkValue chunk = BatchOperationChunkValue.of(r);
          for (BatchOperationChunkValue.Item item : chunk.items()) {
            tables.batchOperationItems.put(
                chunk.batchOperationKey(),
                item.itemKey(),
                item.processInstanceKey(),
                "ACTIVE",
                null,
                null);
          }
        }
      }
      case BATCH_OPERATION_INITIALIZATION -> {
        if (r.intent() == BatchOperationInitializationIntent.INITIALIZED) {
          BatchOperationInitializationValue initialized = BatchOperationInitializationValue.of(r);
          long key = initialized.batchOperationKey();
          Batch batch = batch(c, key);
          batch.initialized = true;
          if ("CREATED".equals(batch.state)) {
            batch.state = "ACTIVE";
          }
          batchRow(
              key, batch.state, true, null, initialized.operationsTotalCount(), null, null, null);
        }
      }
      case BATCH_OPERATION_EXECUTION -> {
        if (r.intent() == BatchOperationExecutionIntent.EXECUTED) {
          BatchOperationExecutionValue executed = BatchOperationExecutionValue.of(r);
          long key = executed.batchOperationKey();
          List<BatchOperationExecutionValue.ItemResult> results =
              executed.itemResults() == null ? List.of() : executed.itemResults();
          for (BatchOperationExecutionValue.ItemResult result : results) {
            tables.batchOperationItems.put(
                key,
                result.itemKey(),
                result.processInstanceKey(),
                result.state(),
                time(r.timestamp()),
                result.errorMessage().isEmpty() ? null : result.errorMessage());
          }
          batchRow(
              key,
              null,
              null,
              null,
              null,
              executed.operationsCompletedCount(),
              executed.operationsFailedCount(),
              null);
        }
      }
      case BATCH_OPERATION_LIFECYCLE_MANAGEMENT ->
          lifecycle(r, BatchOperationLifecycleValue.of(r), c);
      default -> {}
    }
  }

  private void lifecycle(Record r, BatchOperationLifecycleValue v, Connection c)
      throws SQLException {
    long key = v.batchOperationKey();
    Batch batch = batch(c, key);
    List<Object> errors = v.errors();
    String state =
        switch ((BatchOperationLifecycleManagementIntent) r.intent()) {
          case SUSPENDED -> "SUSPENDED";
          case RESUMED -> batch.initialized ? "ACTIVE" : "CREATED";
          case COMPLETED -> errors.isEmpty() ? "COMPLETED" : "PARTIALLY_COMPLETED";
          case CANCELED -> "CANCELED";
          case FAILED -> "FAILED";
          default -> null;
        };
    if (state == null) {
      return;
    }
    batch.state = state;
    boolean finished =
        !state.equals("SUSPENDED") && !state.equals("ACTIVE") && !state.equals("CREATED");
    if (state.equals("CANCELED")) {
      canceled.add(key);
    }
    batchRow(
        key,
        state,
        null,
        finished ? time(r.timestamp()) : null,
        null,
        null,
        null,
        errors.isEmpty() ? null : JsonValues.write(errors));
  }

  private void batchRow(
      long key,
      String state,
      Boolean initialized,
      Object endDate,
      Integer total,
      Integer completed,
      Integer failed,
      String errors) {
    tables.batchOperations.put(
        key, null, state, initialized, null, endDate, total, completed, failed, errors, null);
  }

  private Batch batch(Connection c, long key) throws SQLException {
    Batch batch = batches.get(key);
    if (batch != null) {
      return batch;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT state, initialized FROM "
                + schemaPrefix
                + "batch_operation WHERE batch_operation_key = ?")) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        batch =
            rs.next() ? new Batch(rs.getString(1), rs.getBoolean(2)) : new Batch("CREATED", false);
      }
    }
    batches.put(key, batch);
    return batch;
  }

  /**
   * After the page's rows are written: the items of batches canceled in it that never ran are
   * canceled.
   */
  void flushed(Connection c) throws SQLException {
    if (canceled.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + schemaPrefix
                + "batch_operation_item SET state = 'CANCELED'"
                + " WHERE batch_operation_key = ? AND state = 'ACTIVE'")) {
      for (long key : canceled) {
        ps.setLong(1, key);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    canceled.clear();
  }

  /** The page was not written: what was learnt from it is forgotten (it is applied again). */
  void rolledBack() {
    batches.clear();
    canceled.clear();
  }
}
