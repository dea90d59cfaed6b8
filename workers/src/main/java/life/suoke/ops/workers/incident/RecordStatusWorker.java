package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.HEADER_STATUS;
import static life.suoke.ops.processes.incident.IncidentProcess.JOB_STATUS;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_DUPLICATE_OF;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_ESCALATION_POLICY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_HANDLER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PRIORITY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_RESOLUTION_SUMMARY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_RESOLUTION_TYPE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_REVIEW_REQUESTED;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_SATISFACTION;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_SATISFACTION_COMMENT;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code incident.status}: records the status named by the task header {@code status} on the
 * incident (SLA clocks stopped or started, a timeline entry). A missing header fails the job
 * without retries.
 */
@Component
public class RecordStatusWorker {

  private final IncidentJobs incidents;
  private final JobFailures failures;

  public RecordStatusWorker(IncidentJobs incidents, JobFailures failures) {
    this.incidents = incidents;
    this.failures = failures;
  }

  @JobWorker(type = JOB_STATUS)
  public void recordStatus(
      ActivatedJob job,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_PRIORITY) String priority,
      @Variable(VAR_HANDLER) String handler,
      @Variable(VAR_RESOLUTION_TYPE) String resolutionType,
      @Variable(VAR_RESOLUTION_SUMMARY) String resolutionSummary,
      @Variable(VAR_REVIEW_REQUESTED) Boolean reviewRequested,
      @Variable(VAR_DUPLICATE_OF) String duplicateOf,
      @Variable(VAR_ESCALATION_POLICY) Map<String, Object> escalationPolicy,
      @Variable(VAR_SATISFACTION) Object satisfaction,
      @Variable(VAR_SATISFACTION_COMMENT) String satisfactionComment) {
    failures.run(
        job,
        () -> {
          String status = job.getCustomHeaders().get(HEADER_STATUS);
          if (status == null || status.isBlank()) {
            throw new IncidentJobs.Refusal("task header '" + HEADER_STATUS + "' is missing");
          }
          incidents.recordStatus(
              JobFailures.job(job, incidentNumber),
              status.trim(),
              new IncidentJobs.StatusFacts(
                  priority,
                  handler,
                  resolutionType,
                  resolutionSummary,
                  reviewRequested,
                  duplicateOf,
                  escalationPolicy != null,
                  rating(satisfaction),
                  satisfactionComment));
        });
  }

  /**
   * The form's rating (a number field; a select may send its value as text); anything else is none.
   */
  static Integer rating(Object value) {
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.intValue();
    }
    if (value instanceof String text && text.strip().matches("[1-5]")) {
      return Integer.parseInt(text.strip());
    }
    return null;
  }
}
