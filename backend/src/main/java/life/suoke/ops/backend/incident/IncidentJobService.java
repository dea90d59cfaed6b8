package life.suoke.ops.backend.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.identity.GroupInfo;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.notification.PageFollowUps;
import life.suoke.ops.processes.incident.IncidentProcess;
import life.suoke.ops.processes.oncall.OnCallEscalationProcess;
import life.suoke.ops.workers.incident.IncidentJobs;
import life.suoke.ops.workers.notification.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident records' side of the incident process's jobs ({@link IncidentJobs}, called by the
 * workers of {@code life.suoke.ops.workers.incident}).
 *
 * <p>Pages and notifications carry the number, priority, service and severity and a link, never the
 * title or description: they travel over outside channels (DingTalk, SMS, voice, e-mail). Their
 * idempotency keys make a retried job send nothing twice: a page is {@code
 * {number}:page:{tier}:{username}:{attempt}}, where the attempt counts the pages of that tier and
 * stays the same for every retry of one job ({@code incident_page}).
 *
 * <p>Technical failures leave here with a message that names what failed, never data of the
 * incident (the message goes into the engine's records); a lost cause is logged by type only.
 */
@Service
class IncidentJobService implements IncidentJobs {

  private static final Logger log = LoggerFactory.getLogger(IncidentJobService.class);

  /** The event review process, deployed by the review area when it lands. */
  static final String EVENT_REVIEW_PROCESS_ID = "event-review";

  private final IncidentStore store;
  private final IncidentLifecycle lifecycle;
  private final SlaClocks clocks;
  private final IncidentInstances instances;
  private final OnCallResolver onCall;
  private final Notifier notifier;
  private final UserDirectory directory;
  private final CamundaClient client;
  private final IncidentAudit audit;
  private final IncidentEvents events;
  private final BusinessCalendars calendars;
  private final TransactionTemplate tx;
  private final JdbcTemplate jdbc;
  private final String publicUrl;
  private final EscalationPolicyLookup policies;
  private final PageFollowUps followUps;

  IncidentJobService(
      IncidentStore store,
      IncidentLifecycle lifecycle,
      SlaClocks clocks,
      IncidentInstances instances,
      OnCallResolver onCall,
      Notifier notifier,
      UserDirectory directory,
      CamundaClient client,
      IncidentAudit audit,
      IncidentEvents events,
      BusinessCalendars calendars,
      TransactionTemplate tx,
      JdbcTemplate jdbc,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl,
      EscalationPolicyLookup policies,
      PageFollowUps followUps,
      IncidentOutcome outcome) {
    this.outcome = outcome;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clocks = clocks;
    this.instances = instances;
    this.onCall = onCall;
    this.notifier = notifier;
    this.directory = directory;
    this.client = client;
    this.audit = audit;
    this.events = events;
    this.calendars = calendars;
    this.tx = tx;
    this.jdbc = jdbc;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.policies = policies;
    this.followUps = followUps;
  }

  // ---- deadlines

  @Override
  public Deadlines computeDeadlines(Job job, String priority) {
    return safely(
        "computing the deadlines",
        () -> {
          Incident incident = admitted(job);
          // most incidents were triaged by the status job before: their clocks are read once
          Map<String, Instant> dues =
              incident.priority() == null ? Map.of() : clocks.dues(incident.number());
          if (dues.isEmpty()) {
            String effective = incident.priority() != null ? incident.priority() : priority;
            if (!SlaPolicy.isPriority(effective)) {
              throw new Refusal("variable priority must be P0, P1, P2 or P3, not " + priority);
            }
            String number = incident.number();
            incident =
                lifecycle
                    .classified(number, effective)
                    .orElseGet(() -> store.find(number).orElseThrow());
            dues = clocks.dues(number);
          }
          Instant response = dues.getOrDefault(SlaPolicy.RESPONSE, SlaClocks.PAUSED_DUE);
          Instant handling = dues.getOrDefault(SlaPolicy.HANDLING, SlaClocks.PAUSED_DUE);
          return new Deadlines(
              iso(response),
              iso(handling),
              SlaPolicy.statusUpdateCycle(incident.priority()),
              policies.policyFor(incident.service()).orElse(null));
        });
  }

  // ---- paging and escalation

  @Override
  public void page(Job job, int tier, String group) {
    safely(
        "paging tier " + tier,
        () -> {
          Incident incident = admitted(job);
          pageTier(incident, job, tier, group);
          return null;
        });
  }

  @Override
  public Escalation escalate(
      Job job,
      int tier,
      List<String> pagedGroups,
      Groups groups,
      String priority,
      String overdueSince) {
    return safely(
        "escalating",
        () -> {
          Incident incident = admitted(job);
          int from = Math.max(1, Math.min(3, tier));
          int next = Math.min(3, from + 1);
          String group = groupOf(groups, next, incident);

          // the open task is offered to the next tier first: its members see it in their inbox even
          // when nobody of them can be reached by phone (then the page fails and the job is
          // retried)
          LinkedHashSet<String> paged = new LinkedHashSet<>(pagedGroups);
          paged.addAll(incident.pagedGroups());
          paged.add(group);
          List<String> pagedList = List.copyOf(paged);
          store.update(
              incident.number(), "paged_groups = ?", (Object) pagedList.toArray(String[]::new));
          List<String> widened = widenOpenTasks(job.processInstanceKey(), pagedList);

          int attempt = pageTier(incident, job, next, group);
          String managerGroup =
              groups.managerGroup() != null ? groups.managerGroup() : incident.managerGroup();
          List<String> told = tellManagers(incident, managerGroup, next, attempt);

          String effectivePriority = incident.priority() != null ? incident.priority() : priority;
          // overdue: the next tier one response goal after the deadline (as the engine's timers
          // count,
          // which may run ahead of this machine's clock); on request: one response goal from now
          Instant base = overdueSince == null ? Instant.now() : Instant.parse(overdueSince);
          Instant nextAt = nextEscalation(effectivePriority, incident.calendarId(), base);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("fromTier", from);
          details.put("tier", next);
          details.put("group", group);
          details.put("pagedGroups", pagedList);
          details.put("managersTold", told);
          details.put("tasksWidened", widened);
          details.put("nextEscalationAt", iso(nextAt));
          audit.record(
              IncidentAuditActions.SYSTEM, IncidentAuditActions.ESCALATED, incident, details);
          store.find(incident.number()).ifPresent(events::publish);
          return new Escalation(next, pagedList, iso(nextAt));
        });
  }

  /** Pages the on-call of one tier; the attempt number of this page of the tier. */
  private int pageTier(Incident incident, Job job, int tier, String group) {
    Attempt paging = attempt(incident.number(), tier, group, job.jobKey());
    int attempt = paging.number();
    List<UserAccount> people = onCall.onCall(group);
    List<String> reached = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (UserAccount person : people) {
      Notifier.Result result =
          notifier.send(
              new Notifier.Notification(
                  incident.number() + ":page:" + tier + ":" + person.username() + ":" + attempt,
                  recipient(person),
                  Notifier.Urgency.PAGE,
                  headline(incident) + " - please acknowledge",
                  body(incident, "You are paged as tier " + tier + " (" + group + ")."),
                  publicUrl + "/incidents/" + incident.number() + "?task=acknowledge"));
      (result.delivered() || result.duplicate() ? reached : unreachable).add(person.username());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tier", tier);
    details.put("group", group);
    details.put("attempt", attempt);
    details.put("reached", reached);
    details.put("unreachable", unreachable);
    audit.record(IncidentAuditActions.SYSTEM, IncidentAuditActions.PAGE, incident, details);
    paging.incident().ifPresent(events::publish);
    if (people.isEmpty()) {
      log.warn(
          "Incident {}: nobody is on call in group {} (tier {})", incident.number(), group, tier);
    } else if (reached.isEmpty()) {
      throw new IllegalStateException("nobody of group " + group + " could be reached");
    }
    return attempt;
  }

  /**
   * The attempt of this job's page of the tier: a new one for a new job, the same for a retried
   * one. The incident records the tier and group as paged in the same transaction, before the page
   * goes out (a page that fails is retried by the job with the same attempt).
   */
  private Attempt attempt(String number, int tier, String group, long jobKey) {
    return tx.execute(
        status -> {
          // the update locks the row first: concurrent pages of the incident number their
          // attempts one after the other
          Optional<Incident> paged =
              store.updateReturning(
                  number,
                  "tier = GREATEST(tier, ?), paged_groups = CASE WHEN ? = ANY (paged_groups)"
                      + " THEN paged_groups ELSE array_append(paged_groups, ?) END",
                  tier,
                  group,
                  group);
          // a new job's attempt comes back from the insert; a retried job's row is there already
          Integer attempt =
              jdbc
                  .queryForList(
                      "INSERT INTO incident_page (incident_number, tier, attempt, job_key)"
                          + " SELECT ?, ?, COALESCE(MAX(attempt), 0) + 1, ? FROM incident_page"
                          + " WHERE incident_number = ? AND tier = ?"
                          + " ON CONFLICT DO NOTHING RETURNING attempt",
                      Integer.class,
                      number,
                      tier,
                      jobKey,
                      number,
                      tier)
                  .stream()
                  .findFirst()
                  .orElseGet(
                      () ->
                          jdbc.queryForObject(
                              "SELECT attempt FROM incident_page WHERE job_key = ? AND tier = ?",
                              Integer.class,
                              jobKey,
                              tier));
          return new Attempt(attempt == null ? 1 : attempt, paged);
        });
  }

  /** A page's attempt number, and the incident as the page recorded it. */
  private record Attempt(int number, Optional<Incident> incident) {}

  /**
   * Tells the manager group's managers (its members when it has no managers) that the incident
   * escalated.
   */
  private List<String> tellManagers(Incident incident, String managerGroup, int tier, int attempt) {
    Optional<GroupInfo> group = directory.group(managerGroup);
    if (group.isEmpty()) {
      return List.of();
    }
    List<String> names =
        group.get().managers().isEmpty() ? group.get().members() : group.get().managers();
    List<String> told = new ArrayList<>();
    for (String name : names) {
      Optional<UserAccount> person = directory.user(name).filter(UserAccount::enabled);
      if (person.isEmpty()) {
        continue;
      }
      Notifier.Result result =
          notifier.send(
              new Notifier.Notification(
                  incident.number() + ":escalation:" + tier + ":" + name + ":" + attempt,
                  recipient(person.get()),
                  Notifier.Urgency.INFO,
                  headline(incident) + " - escalated to tier " + tier,
                  body(incident, "The incident was escalated to tier " + tier + "."),
                  publicUrl + "/incidents/" + incident.number()));
      if (result.delivered() || result.duplicate()) {
        told.add(name);
      }
    }
    return told;
  }

  /**
   * Offers the instance's open acknowledge or handle task to every paged group; the keys of the
   * tasks changed.
   */
  private List<String> widenOpenTasks(long processInstanceKey, List<String> groups) {
    List<UserTask> open =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
            .page(p -> p.limit(50))
            .send()
            .join()
            .items();
    List<String> changed = new ArrayList<>();
    for (UserTask task : open) {
      if (!IncidentProcess.ACKNOWLEDGE_TASK.equals(task.getElementId())
          && !IncidentProcess.HANDLE_TASK.equals(task.getElementId())) {
        continue;
      }
      Set<String> current =
          new LinkedHashSet<>(
              task.getCandidateGroups() == null ? List.of() : task.getCandidateGroups());
      if (current.containsAll(groups)) {
        continue;
      }
      LinkedHashSet<String> wider = new LinkedHashSet<>(current);
      wider.addAll(groups);
      client
          .newUpdateUserTaskCommand(task.getUserTaskKey())
          .candidateGroups(List.copyOf(wider))
          .action("escalate")
          .send()
          .join();
      changed.add(String.valueOf(task.getUserTaskKey()));
    }
    return changed;
  }

  private static String groupOf(Groups groups, int tier, Incident incident) {
    String named =
        switch (tier) {
          case 1 -> groups.tier1Group();
          case 2 -> groups.tier2Group();
          default -> groups.tier3Group();
        };
    return named != null && !named.isBlank() ? named : incident.tierGroup(tier);
  }

  /** The priority's response goal after {@code now} (on the calendar for business days). */
  private Instant nextEscalation(String priority, String calendarId, Instant now) {
    SlaPolicy.Goal goal =
        SlaPolicy.goal(SlaPolicy.isPriority(priority) ? priority : "P3", SlaPolicy.RESPONSE);
    return goal.onCalendar()
        ? calendars.addBusinessDays(calendarId, now, goal.businessDays())
        : now.plus(goal.wall());
  }

  // ---- status updates, status changes, reviews

  @Override
  public void remindStatusUpdate(Job job) {
    safely(
        "reminding of a status update",
        () -> {
          Incident incident = admitted(job);
          String who = incident.commander() != null ? incident.commander() : incident.handler();
          Optional<UserAccount> person =
              who == null ? Optional.empty() : directory.user(who).filter(UserAccount::enabled);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("recipient", who);
          if (person.isEmpty()) {
            details.put("delivered", false);
            audit.record(
                IncidentAuditActions.SYSTEM,
                IncidentAuditActions.STATUS_REMINDER,
                incident,
                details);
            return null;
          }
          Notifier.Result result =
              notifier.send(
                  new Notifier.Notification(
                      incident.number() + ":status-update:" + job.jobKey() + ":" + who,
                      recipient(person.get()),
                      Notifier.Urgency.INFO,
                      headline(incident) + " - status update due",
                      body(incident, "Please post a status update on the incident."),
                      publicUrl + "/incidents/" + incident.number()));
          details.put("delivered", result.delivered() || result.duplicate());
          audit.record(
              IncidentAuditActions.SYSTEM, IncidentAuditActions.STATUS_REMINDER, incident, details);
          return null;
        });
  }

  /**
   * The reporter's rating given in the confirm form (the inbox), kept as the API's close keeps it:
   * once, 1-5, the comment cut to its limit; the API's own rating, recorded first, stands.
   */
  private void rated(Incident incident, StatusFacts facts, Instant now) {
    Integer rating = facts.satisfaction();
    if (rating == null
        || rating < 1
        || rating > 5
        || outcome.satisfaction(incident.number()) != null) {
      return;
    }
    String comment =
        facts.satisfactionComment() == null || facts.satisfactionComment().isBlank()
            ? null
            : truncate(facts.satisfactionComment().strip(), 2000);
    outcome.rate(incident.number(), rating, comment, now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("satisfaction", rating);
    audit.record(IncidentAuditActions.SYSTEM, IncidentAuditActions.RATED, incident, details);
  }

  private final IncidentOutcome outcome;

  @Override
  public void recordStatus(Job job, String status, StatusFacts facts) {
    safely(
        "recording status " + status,
        () -> {
          Incident incident = admitted(job);
          String number = incident.number();
          Instant now = Instant.now();
          Optional<Incident> changed =
              switch (status) {
                case IncidentProcess.STATUS_TRIAGED -> {
                  String priority =
                      incident.priority() != null ? incident.priority() : facts.priority();
                  if (!SlaPolicy.isPriority(priority)) {
                    throw new Refusal(
                        "variable priority must be P0, P1, P2 or P3, not " + facts.priority());
                  }
                  yield lifecycle.triaged(number, priority);
                }
                case IncidentProcess.STATUS_ACKNOWLEDGED ->
                    lifecycle.acknowledged(
                        number,
                        Optional.ofNullable(user(facts.handler()))
                            .orElseGet(() -> acknowledger(job.processInstanceKey())),
                        now);
                case IncidentProcess.STATUS_RESOLVED ->
                    lifecycle.resolved(
                        number,
                        resolutionType(facts.resolutionType()),
                        truncate(facts.resolutionSummary(), IncidentService.DESCRIPTION_MAX),
                        Boolean.TRUE.equals(facts.reviewRequested()),
                        now);
                case IncidentProcess.STATUS_REOPENED -> lifecycle.reopened(number, now);
                case IncidentProcess.STATUS_CLOSED -> lifecycle.closed(number, now);
                case IncidentProcess.STATUS_CANCELLED ->
                    lifecycle.cancelled(number, duplicate(facts.duplicateOf(), number), now);
                default ->
                    throw new Refusal(
                        "task header status '"
                            + status
                            + "' is not one of triaged, acknowledged,"
                            + " resolved, reopened, closed, cancelled");
              };
          audit.statusChanged(IncidentAuditActions.SYSTEM, status, incident, changed);
          if (IncidentProcess.STATUS_CLOSED.equals(status)) {
            rated(incident, facts, now);
          }
          if (!IncidentProcess.STATUS_TRIAGED.equals(status)
              && !IncidentProcess.STATUS_REOPENED.equals(status)) {
            followUps.cancel(
                number + ":"); // someone answered: the later steps of its pages are not sent
          }
          if (facts.pagedByPolicy()) {
            tellTheEscalation(number, status, facts);
          }
          return null;
        });
  }

  /**
   * The escalation subprocess the instance called for its service's policy learns of the
   * acknowledgement (its paging stops) and of the resolution, closing or cancellation (it ends).
   * Buffered for a minute, in case the acknowledgement comes before its subscription opened.
   */
  private void tellTheEscalation(String number, String status, StatusFacts facts) {
    String message;
    Map<String, Object> variables = new LinkedHashMap<>();
    switch (status) {
      case IncidentProcess.STATUS_ACKNOWLEDGED -> {
        message = OnCallEscalationProcess.MESSAGE_ACKNOWLEDGED;
        String by =
            facts.handler() != null
                ? facts.handler()
                : store.find(number).map(Incident::handler).orElse(null);
        variables.put(OnCallEscalationProcess.VAR_ACKNOWLEDGED_BY, by);
      }
      case IncidentProcess.STATUS_RESOLVED,
          IncidentProcess.STATUS_CLOSED,
          IncidentProcess.STATUS_CANCELLED ->
          message = OnCallEscalationProcess.MESSAGE_RESOLVED;
      default -> {
        return;
      }
    }
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(number)
        .timeToLive(ESCALATION_MESSAGE_TTL)
        .variables(variables)
        .send()
        .join();
  }

  private static final Duration ESCALATION_MESSAGE_TTL = Duration.ofMinutes(1);

  @Override
  public void startReview(Job job, String priority, boolean reviewRequested) {
    safely(
        "starting the review",
        () -> {
          Incident incident = admitted(job);
          String number = incident.number();
          String effective = incident.priority() != null ? incident.priority() : priority;
          String state =
              tx.execute(
                  status -> {
                    store.lock(number);
                    jdbc.update(
                        "INSERT INTO incident_review_request (incident_number, priority, requested, status)"
                            + " VALUES (?, ?, ?, 'requested') ON CONFLICT (incident_number) DO NOTHING",
                        number,
                        SlaPolicy.isPriority(effective) ? effective : null,
                        reviewRequested);
                    jdbc.update(
                        "UPDATE incident SET review_requested = true, updated_at = now() WHERE number = ?",
                        number);
                    return jdbc.queryForObject(
                        "SELECT status FROM incident_review_request WHERE incident_number = ?",
                        String.class,
                        number);
                  });
          if ("started".equals(state)) {
            return null;
          }
          boolean deployed =
              !client
                  .newProcessDefinitionSearchRequest()
                  .filter(f -> f.processDefinitionId(EVENT_REVIEW_PROCESS_ID))
                  .page(p -> p.limit(1))
                  .send()
                  .join()
                  .items()
                  .isEmpty();
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("priority", effective);
          details.put("requested", reviewRequested);
          if (deployed) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(IncidentProcess.VAR_INCIDENT_NUMBER, number);
            variables.put("businessKey", number);
            variables.put(IncidentProcess.VAR_SERVICE, incident.service());
            if (effective != null) {
              variables.put(IncidentProcess.VAR_PRIORITY, effective);
            }
            long key =
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(EVENT_REVIEW_PROCESS_ID)
                    .latestVersion()
                    .variables(variables)
                    .send()
                    .join()
                    .getProcessInstanceKey();
            jdbc.update(
                "UPDATE incident_review_request SET status = 'started', process_instance_key = ?"
                    + " WHERE incident_number = ?",
                key,
                number);
            details.put("status", "started");
            details.put("reviewProcessInstanceKey", Long.toString(key));
          } else {
            details.put("status", "requested");
            details.put("reason", "process " + EVENT_REVIEW_PROCESS_ID + " is not deployed");
          }
          audit.record(IncidentAuditActions.SYSTEM, IncidentAuditActions.REVIEW, incident, details);
          store.find(number).ifPresent(events::publish);
          return null;
        });
  }

  // ---- helpers

  /** The incident of the job, if the job's instance may act for it. */
  private Incident admitted(Job job) {
    String number = job.incidentNumber();
    Incident incident =
        store.find(number).orElseThrow(() -> new Refusal("there is no incident " + number));
    if (IncidentProcess.PROCESS_ID.equals(job.bpmnProcessId())
        && incident.processInstanceKey() != null
        && incident.processInstanceKey() == job.processInstanceKey()) {
      return incident; // most jobs: the instance recorded, one read
    }
    if (!instances.admit(number, job.processInstanceKey(), job.bpmnProcessId())) {
      throw new Refusal(
          "process instance "
              + job.processInstanceKey()
              + " duplicates the instance of incident "
              + number
              + " and was cancelled");
    }
    return store.find(number).orElseThrow();
  }

  /**
   * Who completed the instance's Acknowledge task last (its assignee: completing claims it first),
   * when the process did not pass {@code handler}; the search may lag the engine a little, so it is
   * asked a few times. Null when nobody is found.
   */
  private String acknowledger(long processInstanceKey) {
    for (int attempt = 0; attempt < 6; attempt++) {
      List<UserTask> done =
          client
              .newUserTaskSearchRequest()
              .filter(
                  f ->
                      f.processInstanceKey(processInstanceKey)
                          .elementId(IncidentProcess.ACKNOWLEDGE_TASK)
                          .state(UserTaskState.COMPLETED))
              .sort(s -> s.completionDate().desc())
              .page(p -> p.limit(1))
              .send()
              .join()
              .items();
      if (!done.isEmpty()) {
        return user(done.get(0).getAssignee());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private String user(String name) {
    return name == null || name.isBlank() || name.length() > 100 ? null : name;
  }

  private String duplicate(String duplicateOf, String number) {
    return duplicateOf != null && !duplicateOf.equals(number) && store.exists(duplicateOf)
        ? duplicateOf
        : null;
  }

  private static String resolutionType(String type) {
    return "workaround".equals(type) || "permanent-fix".equals(type) ? type : null;
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static Notifier.Recipient recipient(UserAccount person) {
    return new Notifier.Recipient(
        person.username(),
        person.displayName(),
        person.mobile(),
        person.email(),
        person.dingtalkUserId());
  }

  /** One line without the title: number, priority, service, severity. */
  private static String headline(Incident incident) {
    return "["
        + (incident.priority() == null ? "P?" : incident.priority())
        + "] "
        + incident.number()
        + " "
        + incident.service()
        + " ("
        + incident.severity()
        + ")";
  }

  private static String body(Incident incident, String sentence) {
    return "**" + headline(incident) + "**\n\n" + sentence + "\n";
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** Runs a job's work; technical failures leave with a message that carries no incident data. */
  private <T> T safely(String what, Supplier<T> work) {
    try {
      return work.get();
    } catch (Refusal refusal) {
      throw refusal;
    } catch (IncidentLifecycle.UnknownIncident unknown) {
      throw new Refusal(unknown.getMessage());
    } catch (RuntimeException e) {
      String reason = reason(e);
      log.warn("Incident job failed: {}: {}", what, reason);
      throw new IllegalStateException(what + " failed: " + reason);
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof DataAccessException data) {
      Throwable cause = data.getMostSpecificCause();
      return "database error"
          + (cause instanceof SQLException sql && sql.getSQLState() != null
              ? " (SQL state " + sql.getSQLState() + ")"
              : "");
    }
    if (e instanceof IllegalStateException
        && e.getMessage() != null
        && e.getMessage().startsWith("nobody of group")) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName();
  }
}
