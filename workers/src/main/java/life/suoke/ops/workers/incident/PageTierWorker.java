package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.JOB_PAGE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER1_GROUP;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER2_GROUP;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_TIER3_GROUP;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * {@code incident.page}: pages the on-call of the tier in the task's input {@code tier} (1-3), the
 * members of that tier's group ({@code tier1Group}, ...). Completes without variables.
 */
@Component
public class PageTierWorker {

  private final IncidentJobs incidents;
  private final JobFailures failures;

  public PageTierWorker(IncidentJobs incidents, JobFailures failures) {
    this.incidents = incidents;
    this.failures = failures;
  }

  @JobWorker(type = JOB_PAGE)
  public void page(
      ActivatedJob job,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_TIER) Integer tier,
      @Variable(VAR_TIER1_GROUP) String tier1Group,
      @Variable(VAR_TIER2_GROUP) String tier2Group,
      @Variable(VAR_TIER3_GROUP) String tier3Group) {
    failures.run(
        job,
        () -> {
          if (tier == null || tier < 1 || tier > 3) {
            throw new IncidentJobs.Refusal("input tier must be 1, 2 or 3, not " + tier);
          }
          String group = tier == 1 ? tier1Group : tier == 2 ? tier2Group : tier3Group;
          if (group == null || group.isBlank()) {
            throw new IncidentJobs.Refusal("variable tier" + tier + "Group is missing");
          }
          incidents.page(JobFailures.job(job, incidentNumber), tier, group);
        });
  }
}
