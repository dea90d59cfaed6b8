package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.JOB_START_REVIEW;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PRIORITY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_REVIEW_REQUESTED;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code incident.start-review}: records the review request and starts the event review once that
 * process exists.
 */
@Component
public class StartReviewWorker {

  private final IncidentJobs incidents;
  private final JobFailures failures;

  public StartReviewWorker(IncidentJobs incidents, JobFailures failures) {
    this.incidents = incidents;
    this.failures = failures;
  }

  @JobWorker(type = JOB_START_REVIEW)
  public void startReview(
      ActivatedJob job,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_PRIORITY) String priority,
      @Variable(VAR_REVIEW_REQUESTED) Boolean reviewRequested) {
    failures.run(
        job,
        () ->
            incidents.startReview(
                JobFailures.job(job, incidentNumber),
                priority,
                Boolean.TRUE.equals(reviewRequested)));
  }
}
