package life.suoke.ops.engine.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.JobBatchIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.value.JobBatchValue;
import life.suoke.ops.engine.record.value.JobValue;

/** The appliers of JOB and JOB_BATCH events. */
final class JobAppliers {

  private JobAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> created(e, s.jobs, s.elementInstances, s.userTasks), JobIntent.CREATED);
    registry.register((e, s) -> activated(e.key(), JobValue.of(e), s.jobs), JobIntent.ACTIVATED);
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
    JobValue v = JobValue.of(event);
    long key = event.key();
    Map<String, String> customHeaders = new LinkedHashMap<>();
    v.customHeaders().forEach((name, value) -> customHeaders.put(name, String.valueOf(value)));
    Job job =
        new Job(
            key,
            v.type(),
            v.retries(),
            customHeaders,
            v.elementInstanceKey(),
            v.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.processDefinitionVersion(),
            v.elementId(),
            v.tenantId());
    job.kind = v.jobKind();
    job.listenerEventType = v.jobListenerEventType();
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
  static void activated(long key, JobValue v, JobState jobs) {
    Job job = jobs.job(key);
    if (job != null) {
      jobs.activate(job, v.worker(), v.deadline());
    }
  }

  static void batchActivated(Record event, JobState jobs) {
    JobBatchValue batch = JobBatchValue.of(event);
    List<Long> keys = batch.jobKeys();
    List<JobValue> values = batch.jobs();
    for (int i = 0; i < keys.size(); i++) {
      activated(keys.get(i), values.get(i), jobs);
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
      JobValue v = JobValue.of(event);
      jobs.fail(job, v.retries(), v.errorMessage(), v.retryBackoff(), v.recurringTime());
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
      jobs.updateRetries(job, JobValue.of(event).retries());
    }
  }

  static void timeoutUpdated(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      jobs.updateDeadline(job, JobValue.of(event).deadline());
    }
  }

  static void errorThrown(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      JobValue v = JobValue.of(event);
      jobs.throwError(job, v.errorCode(), v.errorMessage());
    }
  }

  /** A process instance migration moved the job's element to another process. */
  static void migrated(Record event, JobState jobs) {
    Job job = jobs.job(event.key());
    if (job != null) {
      JobValue v = JobValue.of(event);
      jobs.migrate(
          job,
          v.processDefinitionKey(),
          v.bpmnProcessId(),
          v.processDefinitionVersion(),
          v.elementId());
    }
  }
}
