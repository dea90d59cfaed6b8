package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.JOB_REMIND_STATUS_UPDATE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code incident.remind-status-update}: tells the commander, or else the handler, that a status
 * update is due.
 */
@Component
public class RemindStatusUpdateWorker {

  private final IncidentJobs incidents;
  private final JobFailures failures;

  public RemindStatusUpdateWorker(IncidentJobs incidents, JobFailures failures) {
    this.incidents = incidents;
    this.failures = failures;
  }

  @JobWorker(type = JOB_REMIND_STATUS_UPDATE)
  public void remind(ActivatedJob job, @Variable(VAR_INCIDENT_NUMBER) String incidentNumber) {
    failures.run(job, () -> incidents.remindStatusUpdate(JobFailures.job(job, incidentNumber)));
  }
}
