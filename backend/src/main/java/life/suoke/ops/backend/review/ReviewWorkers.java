package life.suoke.ops.backend.review;

import static life.suoke.ops.processes.review.EventReviewProcess.*;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The job workers of {@code event-review}: each takes the job's variables and hands them to {@link
 * ReviewJobService}. A {@link ReviewJobService.Refusal} fails the job without retries (the engine
 * shows an incident naming the reason); any other failure costs one retry, with a back-off that
 * doubles ({@code suoke.review.jobs.retry-backoff}, 10 s). Failure messages name what failed, never
 * review texts.
 */
@Component
public class ReviewWorkers {

  private static final Logger log = LoggerFactory.getLogger(ReviewWorkers.class);

  private final ReviewJobService jobs;
  private final Duration backoff;

  public ReviewWorkers(
      ReviewJobService jobs, @Value("${suoke.review.jobs.retry-backoff:PT10S}") Duration backoff) {
    this.jobs = jobs;
    this.backoff = backoff;
  }

  @JobWorker(type = JOB_PREPARE)
  public Map<String, Object> prepare(ActivatedJob job) {
    return run(job, () -> jobs.prepare(job(job), string(job, VAR_REVIEW_OWNER)));
  }

  @JobWorker(type = JOB_ESCALATE_LATE_START)
  public void escalateLateStart(ActivatedJob job) {
    run(
        job,
        () -> {
          jobs.escalateLateStart(job(job));
          return Map.of();
        });
  }

  @JobWorker(type = JOB_ASSEMBLE_TIMELINE)
  public void assembleTimeline(ActivatedJob job) {
    run(
        job,
        () -> {
          jobs.assembleTimeline(job(job));
          return Map.of();
        });
  }

  @JobWorker(type = JOB_CHECK_SECTIONS)
  public Map<String, Object> checkSections(ActivatedJob job) {
    return run(job, () -> jobs.checkSections(job(job), job.getVariablesAsMap()));
  }

  @JobWorker(type = JOB_PUBLISH)
  public void publish(ActivatedJob job) {
    run(
        job,
        () -> {
          jobs.publish(job(job), string(job, ReviewCompletionVariables.VAR_APPROVED_BY));
          return Map.of();
        });
  }

  @JobWorker(type = JOB_CLOSE)
  public void close(ActivatedJob job) {
    run(
        job,
        () -> {
          jobs.close(job(job));
          return Map.of();
        });
  }

  @JobWorker(type = JOB_REMIND_ITEM)
  public void remindItem(ActivatedJob job) {
    run(
        job,
        () -> {
          jobs.remindItem(job(job), itemId(job));
          return Map.of();
        });
  }

  @JobWorker(type = JOB_ESCALATE_ITEM)
  public void escalateItem(ActivatedJob job) {
    run(
        job,
        () -> {
          jobs.escalateItem(job(job), itemId(job));
          return Map.of();
        });
  }

  @JobWorker(type = JOB_ACTION_ITEM)
  public Map<String, Object> actionItem(ActivatedJob job) {
    return run(
        job,
        () ->
            jobs.actionItem(
                job(job),
                job.getCustomHeaders().get(HEADER_STATE),
                itemId(job),
                string(job, VAR_ITEM_REASON),
                string(job, VAR_NEW_DUE_DATE)));
  }

  // ---- helpers

  private static ReviewJobService.Job job(ActivatedJob job) {
    String number = string(job, VAR_INCIDENT_NUMBER);
    if (number == null || number.isBlank()) {
      throw new ReviewJobService.Refusal("variable incidentNumber is missing");
    }
    return new ReviewJobService.Job(number, job.getProcessInstanceKey(), job.getKey());
  }

  private static String string(ActivatedJob job, String name) {
    Object value = job.getVariablesAsMap().get(name);
    return value == null ? null : value.toString();
  }

  private static String itemId(ActivatedJob job) {
    Object item = job.getVariablesAsMap().get(VAR_ACTION_ITEM);
    return item instanceof Map<?, ?> map && map.get("id") != null ? map.get("id").toString() : null;
  }

  private <T> T run(ActivatedJob job, Supplier<T> work) {
    try {
      return work.get();
    } catch (ReviewJobService.Refusal refusal) {
      throw CamundaError.jobError(refusal.getMessage(), null, 0);
    } catch (RuntimeException e) {
      String reason =
          e instanceof DataAccessException ? "database error" : e.getClass().getSimpleName();
      log.warn("Review job {} failed: {}", job.getType(), reason);
      int retries = Math.max(0, job.getRetries() - 1);
      int used = Math.max(0, Math.min(10, 3 - job.getRetries()));
      throw CamundaError.jobError(
          job.getType() + " failed: " + reason, null, retries, backoff.multipliedBy(1L << used));
    }
  }
}
