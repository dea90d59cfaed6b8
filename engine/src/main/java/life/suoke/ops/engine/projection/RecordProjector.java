package life.suoke.ops.engine.projection;

import static life.suoke.ops.engine.projection.Fields.key;
import static life.suoke.ops.engine.projection.Fields.text;
import static life.suoke.ops.engine.projection.Fields.time;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.record.value.IncidentValue;
import life.suoke.ops.engine.record.value.VariableValue;

/**
 * Applies a page of the record log to the projection: every event is merged into the rows of its
 * table in memory, then each table is written as one batch. Commands and rejections change nothing.
 */
final class RecordProjector {

  private final Tables tables;
  private final ProcessProjector processes;
  private final TaskProjector tasks;
  private final BatchProjector batches;
  private final IncidentFlags incidentFlags;
  private final String schemaPrefix;

  RecordProjector(String schema) {
    this.schemaPrefix = '"' + schema + "\".";
    this.tables = new Tables(schema);
    DefinitionNames definitions = new DefinitionNames(schema);
    this.processes = new ProcessProjector(tables, definitions);
    this.tasks = new TaskProjector(tables, definitions);
    this.batches = new BatchProjector(tables, schemaPrefix);
    this.incidentFlags = new IncidentFlags(schemaPrefix);
  }

  /** Writes the page's changes on {@code c}; the caller owns the transaction. */
  void apply(List<Record> page, Connection c) throws SQLException {
    try {
      for (Record r : page) {
        if (r.recordType() == RecordType.EVENT) {
          accept(r, c);
        }
      }
      List<Object> userTaskKeys = tables.userTasks.pendingKeys();
      for (TableWriter table : tables.all) {
        table.flush(c);
      }
      UserTaskGroupCount.sync(c, schemaPrefix, userTaskKeys);
      incidentFlags.flush(c);
      batches.flushed(c);
    } finally {
      tables.all.forEach(TableWriter::clear);
      incidentFlags.clear();
    }
  }

  /**
   * The page's transaction did not commit: it will be applied again, so nothing learnt from it is
   * kept.
   */
  void rolledBack() {
    batches.rolledBack();
  }

  private void accept(Record r, Connection c) throws SQLException {
    switch (r.valueType()) {
      case PROCESS -> processes.definition(r);
      case PROCESS_INSTANCE -> processes.element(r, c);
      case JOB -> tasks.job(r);
      case JOB_BATCH -> tasks.jobBatch(r);
      case USER_TASK -> tasks.userTask(r, c);
      case VARIABLE -> {
        VariableValue v = VariableValue.of(r);
        TableWriter.Put put =
            r.intent() == VariableIntent.CREATED ? tables.variables::putNew : tables.variables::put;
        put.row(
            r.key(),
            text(v.name()),
            text(v.value()),
            key(v.scopeKey()),
            key(v.processInstanceKey()),
            key(v.processDefinitionKey()),
            text(v.bpmnProcessId()),
            text(v.tenantId()));
      }
      case INCIDENT -> {
        boolean created = r.intent() == IncidentIntent.CREATED;
        boolean migrated =
            r.intent() == IncidentIntent.MIGRATED; // it moved to the target's process and element
        if (created || migrated || r.intent() == IncidentIntent.RESOLVED) {
          IncidentValue v = IncidentValue.of(r);
          incidentFlags.touched(key(v.processInstanceKey()));
          tables.incidents.put(
              r.key(),
              key(v.processInstanceKey()),
              key(v.processDefinitionKey()),
              text(v.bpmnProcessId()),
              text(v.elementId()),
              key(v.elementInstanceKey()),
              key(v.jobKey()),
              text(v.errorType()),
              text(v.errorMessage()),
              created ? "ACTIVE" : migrated ? null : "RESOLVED",
              created ? time(r.timestamp()) : null,
              text(v.tenantId()));
        }
      }
      case BATCH_OPERATION_CREATION,
          BATCH_OPERATION_CHUNK,
          BATCH_OPERATION_INITIALIZATION,
          BATCH_OPERATION_EXECUTION,
          BATCH_OPERATION_LIFECYCLE_MANAGEMENT ->
          batches.apply(r, c);
      default -> {}
    }
  }
}
