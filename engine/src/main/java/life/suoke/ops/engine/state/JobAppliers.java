package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.integer;
import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.map;
import static life.suoke.ops.engine.record.Values.str;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.Values;
import life.suoke.ops.engine.record.intent.JobBatchIntent;
import life.suoke.ops.engine.record.intent.JobIntent;

/** The appliers of JOB and JOB_BATCH events. */
final class JobAppliers {

  private JobAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> created(e, s.jobs, s.elementInstances, s.userTasks), JobIntent.CREATED);
    registry.register((e, s) -> activated(e.key(), e.value(), s.jobs), JobIntent.ACTIVATED);
    registry.register(
        (e, s) -> ended(e, s.jobs, s.elementInstances), JobIntent.COMPLETED, JobIntent.CANCELED);
    registry.register((e, s) -> failed(e, s.jobs), JobIntent.FAILED);
    registry.register(
        (e, s) -> activatableAgain(e, s.jobs),
        JobIntent.TIMED_OUT,
        JobIntent.RECURRED_AFTER_BACKOFF,
        JobIntent.YIELDED);
    registry.register((e, s) -> retriesUpdated(e, s.jobs), JobIntent.RETRIES_UPDATED);
    registry.register((e, s) -> timeoutUpdated(e, s.jobs), JobIntent.TIMEOUT_UPDATED);
    registry.register((e, s) -> errorThrown(e, s.jobs), JobIntent.ERROR_THROWN);
    registry.register((e, s) -> migrated(e, s.jobs), JobIntent.MIGRATED);
    registry.register((e, s) -> batchActivated(e, s.jobs), JobBatchIntent.ACTIVATED);
  }

  /**
   * A new job, activatable. It is its element instance's job; an execution listener's job moves the
   * element on to its next listener, a task listener's job the user task's transition.
   */
  static void created(
      Record event, JobState jobs, ElementInstanceState instances, UserTaskState userTasks) {
    Map<String, Object> v = event.value();
    long key = event.key();
    Map<String, String> customHeaders = new LinkedHashMap<>();
    map(v, "customHeaders")
        .forEach((name, value) -> customHeaders.put(name, String.valueOf(value)));
    Job job =
        new Job(
            key,
            str(v, "type"),
            integer(v, "retries"),
            customHeaders,
            lng(v, "elementInstanceKey"),
            lng(v, "processInstanceKey"),
            lng(v, "processDefinitionKey"),
            str(v, "bpmnProcessId"),
            integer(v, "processDefinitionVersion"),
            str(v, "elementId"),
            str(v, "tenantId"));
    job.kind = String.valueOf(v.getOrDefault("jobKind", "BPMN_ELEMENT"));
    job.listenerEventType = String.valueOf(v.getOrDefault("jobListenerEventType", "UNSPECIFIED"));
    jobs.add(job);
    ElementInstance instance = instances.elementInstance(job.elementInstanceKey);
    if (instance != null) {
      instances.jobCreated(instance, key, job.isExecutionListener());
      if (!job.isExecutionListener() && "TASK_LISTENER".equals(job.kind)) {
        userTasks.listenerJobCreated(instance.userTaskKey);
      }
    }
  }

  /** A worker activated the job (a JOB ACTIVATED event, or one job of a JOB_BATCH ACTIVATED). */
  static void activated(long key, Map<String, Object> v, JobState jobs) {
    Job job = jobs.job(key);
    if (job != null) {
      jobs.activate(job, str(v, "worker"), lng(v, "deadline"));
    }
  }

  static void batchActivated(Record event, JobState jobs) {
    List<Number> keys = Values.list(event.value(), "jobKeys");
    List<Map<String, Object>> values = Values.list(event.value(), "jobs");
    for (int i = 0; i < keys.size(); i++) {
      activated(keys.get(i).longValue(), values.get(i), jobs);
    }
  }

  /** The job completed or was canceled: it is no longer its element instance's job. */
  static void ended(Record event, JobState jobs, ElementInstanceState instances) {
    Job job = jobs.job(event.key());
    if (job != null) {
      jobs.remove(job);
      instances.jobEnded(job.elementInstanceKey, job.key);
    }
  }

  static void failed(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      Map<String, Object> v = event.value();
      jobs.fail(
          job,
          integer(v, "retries"),
          str(v, "errorMessage"),
          lng(v, "retryBackoff"),
          lng(v, "recurringTime"));
    }
  }

  /** Timed out, back-off over, or yielded by its worker: activatable again. */
  static void activatableAgain(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      jobs.reactivate(job);
    }
  }

  static void retriesUpdated(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      jobs.updateRetries(job, integer(event.value(), "retries"));
    }
  }

  static void timeoutUpdated(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      jobs.updateDeadline(job, lng(event.value(), "deadline"));
    }
  }

  static void errorThrown(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      jobs.throwError(job, str(event.value(), "errorCode"), str(event.value(), "errorMessage"));
    }
  }

  /** A process instance migration moved the job's element to another process. */
  static void migrated(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      Map<String, Object> v = event.value();
      jobs.migrate(
          job,
          lng(v, "processDefinitionKey"),
          str(v, "bpmnProcessId"),
          integer(v, "processDefinitionVersion"),
          str(v, "elementId"));
    }
  }
}
