package life.suoke.ops.workers.incident;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the incident workers fail a job: a {@link IncidentJobs.Refusal} without retries (the process
 * shows an incident with its message), anything else with one retry less and a back-off that
 * doubles with every retry used ({@code suoke.incident.jobs.retry-backoff}, 10 s, at most 10
 * minutes), assuming the engine's default of 3 retries.
 *
 * <p>Messages go into the engine's records, so they name what failed and never carry incident
 * texts; the backend's port implementation gives technical failures such safe messages.
 */
@Component
public class JobFailures {

  private static final int DEFAULT_RETRIES = 3;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  private final Duration backoff;

  public JobFailures(@Value("${suoke.incident.jobs.retry-backoff:PT10S}") Duration backoff) {
    this.backoff = backoff;
  }

  /** Runs the port call; its failure becomes the job's failure. */
  public <T> T run(ActivatedJob job, Supplier<T> call) {
    try {
      return call.get();
    } catch (IncidentJobs.Refusal refusal) {
      throw CamundaError.jobError(refusal.getMessage(), null, 0);
    } catch (CamundaError error) {
      throw error;
    } catch (RuntimeException e) {
      int retries = Math.max(0, job.getRetries() - 1);
      throw CamundaError.jobError(
          job.getType() + " failed: " + e.getMessage(), null, retries, backoff(job.getRetries()));
    }
  }

  /** Runs a port call without an answer. */
  public void run(ActivatedJob job, Runnable call) {
    run(
        job,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * The wait before the next attempt: the base for the first failure, doubling with each retry
   * used.
   */
  Duration backoff(int retriesLeft) {
    int used = Math.max(0, Math.min(10, DEFAULT_RETRIES - retriesLeft));
    Duration wait = backoff.multipliedBy(1L << used);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** The job as the port sees it; a missing incident number is a refusal. */
  static IncidentJobs.Job job(ActivatedJob job, String incidentNumber) {
    if (incidentNumber == null || incidentNumber.isBlank()) {
      throw new IncidentJobs.Refusal("variable incidentNumber is missing");
    }
    return new IncidentJobs.Job(
        incidentNumber, job.getProcessInstanceKey(), job.getBpmnProcessId(), job.getKey());
  }
}
