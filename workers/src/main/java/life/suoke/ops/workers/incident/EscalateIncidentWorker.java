package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.ESCALATE_OVERDUE_HANDLING_TASK;
import static life.suoke.ops.processes.incident.IncidentProcess.ESCALATE_OVERDUE_RESPONSE_TASK;
import static life.suoke.ops.processes.incident.IncidentProcess.JOB_ESCALATE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_HANDLING_DUE;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_INCIDENT_NUMBER;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_MANAGER_GROUP;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_NEXT_ESCALATION_AT;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PAGED_GROUPS;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_PRIORITY;
import static life.suoke.ops.processes.incident.IncidentProcess.VAR_RESPONSE_DUE;
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
 * the open acknowledge or handle task offered to every paged group. Answers {@code tier}, {@code
 * pagedGroups} and {@code nextEscalationAt}.
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
  public Map<String, Object> escalate(
      ActivatedJob job,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_TIER) Integer tier,
      @Variable(VAR_PAGED_GROUPS) List<String> pagedGroups,
      @Variable(VAR_TIER1_GROUP) String tier1Group,
      @Variable(VAR_TIER2_GROUP) String tier2Group,
      @Variable(VAR_TIER3_GROUP) String tier3Group,
      @Variable(VAR_MANAGER_GROUP) String managerGroup,
      @Variable(VAR_PRIORITY) String priority,
      @Variable(VAR_RESPONSE_DUE) String responseDue,
      @Variable(VAR_HANDLING_DUE) String handlingDue,
      @Variable(VAR_NEXT_ESCALATION_AT) String nextEscalationAt) {
    String overdueSince =
        overdueSince(job.getElementId(), responseDue, handlingDue, nextEscalationAt);
    IncidentJobs.Escalation escalation =
        failures.run(
            job,
            () ->
                incidents.escalate(
                    JobFailures.job(job, incidentNumber),
                    tier == null ? 1 : tier,
                    pagedGroups == null ? List.of() : pagedGroups,
                    new IncidentJobs.Groups(tier1Group, tier2Group, tier3Group, managerGroup),
                    priority,
                    overdueSince));
    return Map.of(
        VAR_TIER, escalation.tier(),
        VAR_PAGED_GROUPS, escalation.pagedGroups(),
        VAR_NEXT_ESCALATION_AT, escalation.nextEscalationAt());
  }

  /**
   * Since when the stage is overdue, as the engine's timers count: the stage's deadline, or the
   * previous escalation's time when that came later; null for an escalation on request.
   */
  static String overdueSince(
      String elementId, String responseDue, String handlingDue, String previous) {
    String due =
        ESCALATE_OVERDUE_RESPONSE_TASK.equals(elementId)
            ? responseDue
            : ESCALATE_OVERDUE_HANDLING_TASK.equals(elementId) ? handlingDue : null;
    if (due == null) {
      return null;
    }
    try {
      java.time.Instant dueAt = java.time.Instant.parse(due);
      if (previous != null && java.time.Instant.parse(previous).isAfter(dueAt)) {
        return previous;
      }
    } catch (java.time.format.DateTimeParseException unreadable) {
      return due;
    }
    return due;
  }
}
