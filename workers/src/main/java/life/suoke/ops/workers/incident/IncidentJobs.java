package life.suoke.ops.workers.incident;

import java.util.List;
import java.util.Map;

/**
 * What the incident process's jobs need from the incident records; the backend implements it. The
 * workers of this package are thin: they read the job's typed variables, call one method and turn
 * its answer into result variables, or its failure into a job failure.
 *
 * <p>Every method may be called again for the same job (a retry after a failure or a crash), so
 * implementations are idempotent per {@link Job#jobKey()}: a page or a notification is never sent
 * twice for one job.
 *
 * <p>Failures: {@link Refusal} for a business reason retries cannot mend (unknown incident, a task
 * header the process should not have): the job fails without retries, so the process shows an
 * incident with that message. Any other exception is technical (database, engine, a notification
 * channel): the job is retried with back-off.
 */
public interface IncidentJobs {

  /**
   * The job that asks.
   *
   * @param incidentNumber the incident (variable {@code incidentNumber})
   * @param processInstanceKey the job's process instance
   * @param bpmnProcessId the job's process (the guard against duplicate instances applies to {@code
   *     incident-management} only)
   * @param jobKey the job, the same for every retry
   */
  record Job(String incidentNumber, long processInstanceKey, String bpmnProcessId, long jobKey) {}

  /**
   * The open deadlines.
   *
   * @param responseDue ISO instant by which someone must acknowledge (far in the future while the
   *     clock is paused)
   * @param handlingDue ISO instant by which handling must be done (likewise)
   * @param statusUpdateCycle ISO 8601 repeating interval of status-update reminders
   */
  /**
   * The deadlines of the incident, and its service's escalation policy (null when it has none: the
   * process then pages tier 1 itself).
   */
  record Deadlines(
      String responseDue,
      String handlingDue,
      String statusUpdateCycle,
      Map<String, Object> escalationPolicy) {}

  /**
   * Where an escalation got to.
   *
   * @param tier the highest tier paged now (at most 3)
   * @param pagedGroups the groups of every tier paged so far
   * @param nextEscalationAt ISO instant of the next escalation if nobody acts (now + the priority's
   *     response goal)
   */
  record Escalation(int tier, List<String> pagedGroups, String nextEscalationAt) {}

  /**
   * The process's facts a status change records (absent ones are null).
   *
   * @param priority the decided or re-classified priority (triage)
   * @param handler who acknowledged
   * @param resolutionType workaround or permanent-fix
   * @param reviewRequested the handler asks for an event review
   * @param duplicateOf the incident this one duplicates (cancellation)
   * @param satisfaction the reporter's rating 1-5 from the confirm form (closing), null when not
   *     given
   * @param satisfactionComment the comment on the rating
   */
  record StatusFacts(
      String priority,
      String handler,
      String resolutionType,
      String resolutionSummary,
      Boolean reviewRequested,
      String duplicateOf,
      boolean pagedByPolicy,
      Integer satisfaction,
      String satisfactionComment) {}

  /** The tier groups and manager group of the instance, as its variables name them. */
  record Groups(String tier1Group, String tier2Group, String tier3Group, String managerGroup) {}

  /** A business failure: the job fails with this message and no retries. */
  final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }
  }

  /**
   * The response and handling deadlines from the SLA clocks, for {@code priority} if the incident
   * has none yet.
   */
  Deadlines computeDeadlines(Job job, String priority);

  /** Pages the on-call of {@code tier} (its group {@code group}). */
  void page(Job job, int tier, String group);

  /**
   * One tier up from {@code tier} (at most 3): pages it, tells the managers, offers the open task
   * to every paged group, and answers when the next escalation is due.
   *
   * @param overdueSince ISO instant since which the stage is overdue (its deadline, or the previous
   *     escalation's time), from which the next escalation is counted; null for an escalation on
   *     request
   */
  Escalation escalate(
      Job job,
      int tier,
      List<String> pagedGroups,
      Groups groups,
      String priority,
      String overdueSince);

  /** Reminds the commander (or else the handler) to post a status update. */
  void remindStatusUpdate(Job job);

  /**
   * Records a status change ({@code triaged}, {@code acknowledged}, {@code resolved}, {@code
   * reopened}, {@code closed}, {@code cancelled}).
   */
  void recordStatus(Job job, String status, StatusFacts facts);

  /**
   * Records that an event review is asked for and starts process {@code event-review} if it is
   * deployed.
   */
  void startReview(Job job, String priority, boolean reviewRequested);
}
