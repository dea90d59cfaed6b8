package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.HEADER_STATUS;
import static life.suoke.ops.processes.incident.IncidentProcess.JOB_COMPUTE_DEADLINES;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_ESCALATION_POLICY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_HANDLING_DUE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PRIORITY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_RESPONSE_DUE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_STATUS_UPDATE_CYCLE;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code incident.compute-deadlines}: the response and handling deadlines from the incident's SLA
 * clocks (time already spent and pauses counted; a paused clock is due far in the future) and the
 * status-update cycle of its priority, and the service's escalation policy (null when it has none).
 * When the task header {@code status} names a status (the triage: {@code triaged}), it is recorded
 * first, as {@code incident.status} would record it, so that the triage is one job.
 */
@Component
public class ComputeDeadlinesWorker {

  private final IncidentJobs incidents;
  private final JobFailures failures;

  public ComputeDeadlinesWorker(IncidentJobs incidents, JobFailures failures) {
    this.incidents = incidents;
    this.failures = failures;
  }

  @JobWorker(type = JOB_COMPUTE_DEADLINES)
  public Map<String, Object> computeDeadlines(
      ActivatedJob job,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_PRIORITY) String priority) {
    IncidentJobs.Deadlines deadlines =
        failures.run(
            job,
            () -> {
              String status = job.getCustomHeaders().get(HEADER_STATUS);
              if (status != null && !status.isBlank()) {
                incidents.recordStatus(
                    JobFailures.job(job, incidentNumber),
                    status.trim(),
                    new IncidentJobs.StatusFacts(
                        priority, null, null, null, null, null, false, null, null));
              }
              return incidents.computeDeadlines(JobFailures.job(job, incidentNumber), priority);
            });
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_RESPONSE_DUE, deadlines.responseDue());
    variables.put(VAR_HANDLING_DUE, deadlines.handlingDue());
    variables.put(VAR_STATUS_UPDATE_CYCLE, deadlines.statusUpdateCycle());
    variables.put(
        VAR_ESCALATION_POLICY,
        deadlines.escalationPolicy()); // null: the process pages tier 1 itself
    return variables;
  }
}
