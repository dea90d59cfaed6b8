package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.JOB_ESCALATE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_MANAGER_GROUP;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_NEXT_ESCALATION_AT;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PAGED_GROUPS;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PRIORITY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER1_GROUP;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER2_GROUP;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER3_GROUP;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code incident.escalate}: one tier up (at most tier 3, which is paged again), the managers told,
 * the open acknowledge or handle task offered to every paged group. Answers {@code tier},
 * {@code pagedGroups} and {@code nextEscalationAt}.
 */
@Component
public class EscalateIncidentWorker {

  private final IncidentJobs incidents;
  private final JobFailures failures;

  public EscalateIncidentWorker(IncidentJobs incidents, JobFailures failures) {
    this.incidents = incidents;
    this.failures = failures;
  }

  @JobWorker(type = JOB_ESCALATE)
  public Map<String, Object> escalate(ActivatedJob job,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_TIER) Integer tier,
      @Variable(VAR_PAGED_GROUPS) List<String> pagedGroups,
      @Variable(VAR_TIER1_GROUP) String tier1Group,
      @Variable(VAR_TIER2_GROUP) String tier2Group,
      @Variable(VAR_TIER3_GROUP) String tier3Group,
      @Variable(VAR_MANAGER_GROUP) String managerGroup,
      @Variable(VAR_PRIORITY) String priority) {
    IncidentJobs.Escalation escalation = failures.run(job, () -> incidents.escalate(
        JobFailures.job(job, incidentNumber),
        tier == null ? 1 : tier,
        pagedGroups == null ? List.of() : pagedGroups,
        new IncidentJobs.Groups(tier1Group, tier2Group, tier3Group, managerGroup),
        priority));
    return Map.of(
        VAR_TIER, escalation.tier(),
        VAR_PAGED_GROUPS, escalation.pagedGroups(),
        VAR_NEXT_ESCALATION_AT, escalation.nextEscalationAt());
  }
}
