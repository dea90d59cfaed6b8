package life.suoke.ops.engine.projection;

import static life.suoke.ops.engine.projection.Fields.date;
import static life.suoke.ops.engine.projection.Fields.key;
import static life.suoke.ops.engine.projection.Fields.text;
import static life.suoke.ops.engine.projection.Fields.time;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.JobBatchIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.value.JobBatchValue;
import life.suoke.ops.engine.record.value.JobValue;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.state.JsonValues;

/** Jobs (JOB events and activations in JOB_BATCH) and user tasks (USER_TASK events). */
final class TaskProjector {

  private final Tables tables;
  private final DefinitionNames definitions;

  TaskProjector(Tables tables, DefinitionNames definitions) {
    this.tables = tables;
    this.definitions = definitions;
  }

  void job(Record r) {
    String state =
        switch ((JobIntent) r.intent()) {
          case COMPLETED, FAILED, RETRIES_UPDATED, TIMED_OUT, CANCELED, ERROR_THROWN ->
              r.intent().name();
          case MIGRATED -> null; // a migration changes the job's process and element, not its state
          default ->
              "CREATED"; // created, and back to it after a back-off, a yield or a timeout update
        };
    boolean ended = "COMPLETED".equals(state) || "CANCELED".equals(state);
    putJob(
        r.intent() == JobIntent.CREATED ? tables.jobs::putNew : tables.jobs::put,
        r.key(),
        JobValue.of(r),
        state,
        ended ? time(r.timestamp()) : null);
  }

  void jobBatch(Record r) {
    if (r.intent() != JobBatchIntent.ACTIVATED) {
      return;
    }
    JobBatchValue batch = JobBatchValue.of(r);
    List<Long> keys = batch.jobKeys();
    List<JobValue> jobs = batch.jobs();
    for (int i = 0; i < keys.size() && i < jobs.size(); i++) {
      putJob(tables.jobs::put, keys.get(i), jobs.get(i), "CREATED", null);
    }
  }

  private static void putJob(
      TableWriter.Put put, long key, JobValue v, String state, Object endTime) {
    long deadline = v.deadline();
    put.row(
        key,
        text(v.type()),
        text(v.worker()),
        state,
        v.retries(),
        text(v.errorMessage()),
        text(v.errorCode()),
        deadline > 0 ? time(deadline) : null,
        text(v.elementId()),
        key(v.elementInstanceKey()),
        key(v.processInstanceKey()),
        key(v.processDefinitionKey()),
        text(v.bpmnProcessId()),
        v.processDefinitionVersion(),
        JsonValues.write(v.customHeaders()),
        text(v.tenantId()),
        endTime);
  }

  void userTask(Record r, Connection c) throws SQLException {
    UserTaskIntent intent = (UserTaskIntent) r.intent();
    if (intent == UserTaskIntent.CORRECTED
        || intent == UserTaskIntent.COMPLETE_TASK_LISTENER
        || intent == UserTaskIntent.DENY_TASK_LISTENER) {
      return; // the transition in progress keeps its state; its corrections show when it finishes
    }
    UserTaskValue v = UserTaskValue.of(r);
    String state =
        switch (intent) {
          case ASSIGNED, UPDATED, ASSIGNMENT_DENIED, UPDATE_DENIED, COMPLETION_DENIED -> "CREATED";
          case CLAIMING -> "ASSIGNING";
          case MIGRATED -> null; // now of the target's process and element, in the state it was
          default -> intent.name();
        };
    boolean ended = "COMPLETED".equals(state) || "CANCELED".equals(state);
    String elementId = v.elementId();
    String name = text(v.elementName());
    long definitionKey = v.processDefinitionKey();
    tables.userTasks.put(
        r.key(),
        key(v.elementInstanceKey()),
        key(v.processInstanceKey()),
        definitionKey,
        text(v.bpmnProcessId()),
        v.processDefinitionVersion(),
        elementId,
        name == null ? elementId : name,
        definitions.get(c, definitionKey).processName(),
        state,
        text(v.assignee()),
        v.candidateGroupsList(),
        v.candidateUsersList(),
        date(v.dueDate()),
        date(v.followUpDate()),
        v.priority(),
        time(v.creationTimestamp()),
        ended ? time(r.timestamp()) : null,
        key(v.formKey()),
        text(v.externalFormReference()),
        text(v.tenantId()));
  }
}
