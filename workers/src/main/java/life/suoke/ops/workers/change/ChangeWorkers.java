package life.suoke.ops.workers.change;

import static life.suoke.ops.processes.change.ChangeProcess.*;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import life.suoke.ops.processes.change.ChangeInformationRequestProcess;
import org.springframework.stereotype.Component;

/**
 * The job workers of the change processes: each reads the job, calls one method of {@link
 * ChangeJobs} and answers its variables. A {@link ChangeJobs.Refusal} fails the job without
 * retries, {@link ChangeJobs.WindowRefused} throws the BPMN error {@code window-refused} with
 * {@code scheduleProblem}; anything else is retried with a back-off of 10 s, doubling.
 */
@Component
public class ChangeWorkers {

  private final ChangeJobs changes;

  public ChangeWorkers(ChangeJobs changes) {
    this.changes = changes;
  }

  @JobWorker(type = JOB_PREPARE, fetchAllVariables = true)
  public Map<String, Object> prepare(ActivatedJob job) {
    return run(job, () -> changes.prepare(job(job)));
  }

  @JobWorker(type = JOB_RECORD_APPROVAL, fetchAllVariables = true)
  public void recordApproval(ActivatedJob job) {
    run(
        job,
        () -> {
          changes.recordApproval(job(job));
          return null;
        });
  }

  @JobWorker(type = JOB_PREPARE_CAB, fetchAllVariables = true)
  public Map<String, Object> prepareCab(ActivatedJob job) {
    return run(job, () -> changes.prepareCab(job(job)));
  }

  @JobWorker(type = JOB_SCHEDULE, fetchAllVariables = true)
  public Map<String, Object> schedule(ActivatedJob job) {
    return run(
        job,
        () -> {
          try {
            return changes.schedule(job(job));
          } catch (ChangeJobs.WindowRefused refused) {
            throw CamundaError.bpmnError(
                ERROR_WINDOW_REFUSED,
                refused.getMessage(),
                Map.of(VAR_SCHEDULE_PROBLEM, refused.getMessage()));
          }
        });
  }

  @JobWorker(type = JOB_ESCALATE, fetchAllVariables = true)
  public void escalate(ActivatedJob job) {
    run(
        job,
        () -> {
          changes.escalate(
              job(job), job.getCustomHeaders().getOrDefault(HEADER_REASON, "deadline"));
          return null;
        });
  }

  @JobWorker(type = JOB_CHECK_FREEZE, fetchAllVariables = true)
  public Map<String, Object> checkFreeze(ActivatedJob job) {
    return run(job, () -> Map.of(VAR_FROZEN, changes.checkFreeze(job(job))));
  }

  @JobWorker(type = JOB_WINDOW_OVERRUN, fetchAllVariables = true)
  public void windowOverrun(ActivatedJob job) {
    run(
        job,
        () -> {
          changes.windowOverrun(job(job));
          return null;
        });
  }

  @JobWorker(type = JOB_CLOSE, fetchAllVariables = true)
  public void close(ActivatedJob job) {
    run(
        job,
        () -> {
          changes.close(job(job));
          return null;
        });
  }

  @JobWorker(type = JOB_STATUS, fetchAllVariables = true)
  public void status(ActivatedJob job) {
    run(
        job,
        () -> {
          String status = job.getCustomHeaders().get(HEADER_STATUS);
          if (status == null || status.isBlank()) {
            throw new ChangeJobs.Refusal("task header '" + HEADER_STATUS + "' is missing");
          }
          changes.status(job(job), status.trim());
          return null;
        });
  }

  @JobWorker(type = JOB_INFORMATION_ANSWERED, fetchAllVariables = true)
  public void informationAnswered(ActivatedJob job) {
    run(
        job,
        () -> {
          changes.informationAnswered(job(job));
          return null;
        });
  }

  @JobWorker(type = ChangeInformationRequestProcess.JOB_ESCALATE, fetchAllVariables = true)
  public void informationEscalated(ActivatedJob job) {
    run(
        job,
        () -> {
          changes.informationEscalated(job(job));
          return null;
        });
  }

  static ChangeJobs.Job job(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object number = variables.get(VAR_CHANGE_NUMBER);
    if (number == null || number.toString().isBlank()) {
      throw new ChangeJobs.Refusal("variable changeNumber is missing");
    }
    return new ChangeJobs.Job(
        number.toString(), job.getProcessInstanceKey(), job.getKey(), variables);
  }

  static <T> T run(ActivatedJob job, Supplier<T> call) {
    try {
      T result = call.get();
      return result;
    } catch (ChangeJobs.Refusal refusal) {
      throw CamundaError.jobError(refusal.getMessage(), null, 0);
    } catch (CamundaError error) {
      throw error;
    } catch (RuntimeException e) {
      int retries = Math.max(0, job.getRetries() - 1);
      long wait = 10L << Math.max(0, Math.min(6, 3 - job.getRetries()));
      throw CamundaError.jobError(
          job.getType() + " failed: " + e.getClass().getSimpleName(),
          null,
          retries,
          Duration.ofSeconds(wait));
    }
  }
}
