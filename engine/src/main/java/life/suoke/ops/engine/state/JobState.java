package life.suoke.ops.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The jobs, with the activatable ones of each type in the order they became activatable, and the
 * deadlines of activated jobs and ends of back-offs in time order. A job is in exactly one of them,
 * or none, according to its state. Its public methods only read; the appliers of JOB and JOB_BATCH
 * events change it, and that of a resolved INCIDENT makes a failed job with retries activatable.
 */
public final class JobState {

  private final Map<Long, Job> jobs = new HashMap<>();
  private final KeyIndex<String> activatable = new KeyIndex<>();
  private final Schedule deadlines = new Schedule();
  private final Schedule backoffs = new Schedule();

  // ---------------------------------------------------------------- reads

  public Job job(long key) {
    return jobs.get(key);
  }

  public Collection<Job> jobs() {
    return Collections.unmodifiableCollection(jobs.values());
  }

  /** Activatable jobs of a type, oldest first. */
  public Collection<Long> activatableJobs(String type) {
    return Collections.unmodifiableCollection(activatable.keys(type));
  }

  public boolean hasActivatableJobs(String type) {
    return !activatable.isEmpty(type);
  }

  /** Earliest deadline of an activated job, or Long.MAX_VALUE. */
  public long nextJobDeadline() {
    return deadlines.next();
  }

  public List<Long> jobsTimedOutAt(long now) {
    return deadlines.due(now, Integer.MAX_VALUE);
  }

  /** Earliest end of a failed job's back-off, or Long.MAX_VALUE. */
  public long nextJobBackoff() {
    return backoffs.next();
  }

  public List<Long> jobsRecurringAt(long now) {
    return backoffs.due(now, Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------- changes

  /** A new job, activatable. */
  void add(Job job) {
    jobs.put(job.key, job);
    makeActivatable(job);
  }

  void activate(Job job, String worker, long deadline) {
    leaveCurrentState(job);
    job.state = Job.State.ACTIVATED;
    job.worker = worker;
    job.deadline = deadline;
    deadlines.add(deadline, job.key);
  }

  /** The job completed or was canceled. */
  void remove(Job job) {
    leaveCurrentState(job);
    jobs.remove(job.key);
  }

  /**
   * The job failed: out of retries it waits for its incident to be resolved, with a back-off it
   * waits until then, else it is activatable again.
   */
  void fail(Job job, int retries, String errorMessage, long backoff, long recurAt) {
    leaveCurrentState(job);
    job.retries = retries;
    job.errorMessage = errorMessage;
    if (retries <= 0) {
      job.state = Job.State.FAILED;
    } else if (backoff > 0) {
      job.state = Job.State.BACKOFF;
      job.recurAt = recurAt;
      backoffs.add(recurAt, job.key);
    } else {
      makeActivatable(job);
    }
  }

  /**
   * The job is activatable again (timed out, back-off over, yielded, or its incident resolved), the
   * newest of its type.
   */
  void reactivate(Job job) {
    leaveCurrentState(job);
    makeActivatable(job);
  }

  void throwError(Job job, String errorCode, String errorMessage) {
    leaveCurrentState(job);
    job.state = Job.State.ERROR_THROWN;
    job.errorCode = errorCode;
    job.errorMessage = errorMessage;
  }

  void updateRetries(Job job, int retries) {
    job.retries = retries;
  }

  /** An activated job's new deadline; a job in another state ignores it. */
  void updateDeadline(Job job, long deadline) {
    if (job.state == Job.State.ACTIVATED) {
      deadlines.remove(job.deadline, job.key);
      job.deadline = deadline;
      deadlines.add(deadline, job.key);
    }
  }

  /** A process instance migration moved the job's element to another process. */
  void migrate(
      Job job,
      long processDefinitionKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      String elementId) {
    job.processDefinitionKey = processDefinitionKey;
    job.bpmnProcessId = bpmnProcessId;
    job.processDefinitionVersion = processDefinitionVersion;
    job.elementId = elementId;
  }

  private void makeActivatable(Job job) {
    job.state = Job.State.ACTIVATABLE;
    job.worker = "";
    job.deadline = -1;
    activatable.add(job.type, job.key);
  }

  private void leaveCurrentState(Job job) {
    switch (job.state) {
      case ACTIVATABLE -> activatable.remove(job.type, job.key);
      case ACTIVATED -> deadlines.remove(job.deadline, job.key);
      case BACKOFF -> backoffs.remove(job.recurAt, job.key);
      default -> {}
    }
  }

  // ---------------------------------------------------------------- snapshot

  void write(Out out) {
    out.i32(jobs.size());
    for (Job j : jobs.values()) {
      out.i64(j.key);
      out.sym(j.type);
      out.i32(j.retries);
      out.i32(j.customHeaders.size());
      j.customHeaders.forEach(
          (name, value) -> {
            out.sym(name);
            out.sym(value);
          });
      out.i64(j.elementInstanceKey);
      out.i64(j.processInstanceKey);
      out.i64(j.processDefinitionKey);
      out.sym(j.bpmnProcessId);
      out.i32(j.processDefinitionVersion);
      out.sym(j.elementId);
      out.sym(j.tenantId);
      out.enumeration(j.state);
      out.sym(j.worker);
      out.i64(j.deadline);
      out.i64(j.recurAt);
      out.str(j.errorMessage);
      out.sym(j.errorCode);
      out.sym(j.kind);
      out.sym(j.listenerEventType);
    }
    activatable.write(out);
    deadlines.write(out);
    backoffs.write(out);
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      long key = in.i64();
      String type = in.sym();
      int retries = in.i32();
      int headerCount = in.i32();
      Map<String, String> headers = new LinkedHashMap<>();
      for (int h = 0; h < headerCount; h++) {
        headers.put(in.sym(), in.sym());
      }
      Job j =
          new Job(
              key, type, retries, headers, in.i64(), in.i64(), in.i64(), in.sym(), in.i32(),
              in.sym(), in.sym());
      j.state = in.enumeration(Job.State.values());
      j.worker = in.sym();
      j.deadline = in.i64();
      j.recurAt = in.i64();
      j.errorMessage = in.str();
      j.errorCode = in.sym();
      j.kind = in.sym();
      j.listenerEventType = in.sym();
      jobs.put(key, j);
    }
    KeyIndex.readStringGroups(activatable, in);
    deadlines.read(in);
    backoffs.read(in);
  }
}
