package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.notification.PageFollowUps;
import life.suoke.ops.backend.tasks.TaskActions;
import life.suoke.ops.processes.incident.IncidentProcess;
import org.springframework.stereotype.Service;

/**
 * What people do with incidents. Every rule is checked before anything changes (400 bad input, 403
 * not theirs to do, 404 unknown incident, 409 not possible now); every action that took effect is
 * audited (object {@code incident}) and announced on the live stream.
 *
 * <p>Acknowledging, resolving, confirming and reopening complete the process's user tasks through
 * the task inbox's {@link TaskActions}, so its task rules, form validation and audit apply; the
 * record is updated at once, and the process's status job finds it so.
 */
@Service
public class IncidentActions {

  static final String WAITING_FOR_REPORTER = "waiting-for-reporter";

  /**
   * The confirm form's comment, required when the reporter reopens (the process's contract names it
   * {@code VAR_CONFIRMATION_COMMENT} once the process lands; spelled here until then).
   */
  static final String CONFIRMATION_COMMENT = "confirmationComment";

  /** The confirm form's optional rating of the resolution (1-5) and its comment. */
  static final String SATISFACTION = IncidentProcess.VAR_SATISFACTION;

  static final String SATISFACTION_COMMENT = IncidentProcess.VAR_SATISFACTION_COMMENT;

  private final IncidentService service;
  private final IncidentQueries queries;
  private final IncidentStore store;
  private final IncidentAccess access;
  private final IncidentLifecycle lifecycle;
  private final SlaClocks clocks;
  private final IncidentNotes notes;
  private final IncidentMessages messages;
  private final IncidentAudit audit;
  private final IncidentEvents events;
  private final TaskActions tasks;
  private final UserDirectory directory;
  private final ObjectMapper json;
  private final PageFollowUps followUps;
  private final IncidentOutcome outcome;

  IncidentActions(
      IncidentService service,
      IncidentQueries queries,
      IncidentStore store,
      IncidentAccess access,
      IncidentLifecycle lifecycle,
      SlaClocks clocks,
      IncidentNotes notes,
      IncidentMessages messages,
      IncidentAudit audit,
      IncidentEvents events,
      TaskActions tasks,
      UserDirectory directory,
      ObjectMapper json,
      PageFollowUps followUps,
      IncidentOutcome outcome) {
    this.outcome = outcome;
    this.service = service;
    this.queries = queries;
    this.store = store;
    this.access = access;
    this.lifecycle = lifecycle;
    this.clocks = clocks;
    this.notes = notes;
    this.messages = messages;
    this.audit = audit;
    this.events = events;
    this.tasks = tasks;
    this.directory = directory;
    this.json = json;
    this.followUps = followUps;
  }

  /** A user's report of an incident. */
  public record Report(
      String title,
      String description,
      String service,
      String severity,
      int affectedUsers,
      boolean dataOrSafetyImpact) {}

  public String report(CurrentUser user, Report report) {
    refuseAuditors(user);
    return service.open(
        new IncidentIntake.NewIncident(
            report.title(),
            report.description(),
            report.service(),
            report.severity(),
            report.affectedUsers(),
            report.dataOrSafetyImpact(),
            "report",
            user.username(),
            null,
            null,
            Map.of(),
            Instant.now()));
  }

  // ---- task actions

  public void acknowledge(CurrentUser user, String number) {
    Incident incident = queries.visible(user, number);
    refuseAuditors(user);
    IncidentDetail.OpenTask task =
        openTask(
            incident,
            IncidentProcess.ACKNOWLEDGE_TASK,
            "There is nothing to acknowledge now: the incident is " + incident.status() + ".");
    complete(user, task, Map.of()); // the handler is added on completion (AcknowledgerIsHandler)
    audit.statusChanged(
        user.username(),
        IncidentProcess.STATUS_ACKNOWLEDGED,
        incident,
        lifecycle.acknowledged(number, user.username(), Instant.now()));
    followUps.cancel(number + ":"); // acknowledged: the later steps of its pages are not sent
    audit.record(
        user.username(), IncidentAuditActions.ACKNOWLEDGE, incident, Map.of("taskKey", task.key()));
  }

  public void resolve(
      CurrentUser user,
      String number,
      String resolutionType,
      String resolutionSummary,
      boolean reviewRequested) {
    Incident incident = queries.visible(user, number);
    refuseAuditors(user);
    IncidentDetail.OpenTask task =
        openTask(
            incident,
            IncidentProcess.HANDLE_TASK,
            "There is nothing to resolve now: the incident is " + incident.status() + ".");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(IncidentProcess.VAR_RESOLUTION_TYPE, resolutionType);
    variables.put(IncidentProcess.VAR_RESOLUTION_SUMMARY, resolutionSummary);
    variables.put(IncidentProcess.VAR_REVIEW_REQUESTED, reviewRequested);
    complete(user, task, variables);
    audit.statusChanged(
        user.username(),
        IncidentProcess.STATUS_RESOLVED,
        incident,
        lifecycle.resolved(
            number, resolutionType, resolutionSummary, reviewRequested, Instant.now()));
    audit.record(
        user.username(),
        IncidentAuditActions.RESOLVE,
        incident,
        Map.of(
            "taskKey",
            task.key(),
            "resolutionType",
            resolutionType,
            "reviewRequested",
            reviewRequested));
  }

  public void close(CurrentUser user, String number, String comment) {
    close(user, number, comment, null, null);
  }

  /**
   * Confirms the resolution and closes; {@code satisfaction} (1-5, optional, with an optional
   * comment) is the reporter's rating of the resolution, kept on the record for the KPIs.
   */
  public void close(
      CurrentUser user,
      String number,
      String comment,
      Integer satisfaction,
      String satisfactionComment) {
    Incident incident = queries.visible(user, number);
    refuseAuditors(user);
    IncidentDetail.OpenTask task =
        openTask(
            incident,
            IncidentProcess.CONFIRM_TASK,
            "There is no resolution to confirm now: the incident is " + incident.status() + ".");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(IncidentProcess.VAR_CONFIRMED, true);
    if (satisfaction != null) {
      variables.put(SATISFACTION, satisfaction);
      if (satisfactionComment != null) {
        variables.put(SATISFACTION_COMMENT, satisfactionComment);
      }
    }
    complete(user, task, variables);
    Instant now = Instant.now();
    if (satisfaction != null) {
      outcome.rate(number, satisfaction, satisfactionComment, now);
    }
    audit.statusChanged(
        user.username(), IncidentProcess.STATUS_CLOSED, incident, lifecycle.closed(number, now));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskKey", task.key());
    if (satisfaction != null) {
      details.put("satisfaction", satisfaction);
    }
    note(number, user, "comment", comment).ifPresent(id -> details.put("noteId", id));
    audit.record(user.username(), IncidentAuditActions.CLOSE, incident, details);
  }

  public void reopen(CurrentUser user, String number, String reason) {
    Incident incident = queries.visible(user, number);
    refuseAuditors(user);
    IncidentDetail.OpenTask task =
        openTask(
            incident,
            IncidentProcess.CONFIRM_TASK,
            "There is no resolution to reopen now: the incident is " + incident.status() + ".");
    complete(
        user, task, Map.of(IncidentProcess.VAR_CONFIRMED, false, CONFIRMATION_COMMENT, reason));
    audit.statusChanged(
        user.username(),
        IncidentProcess.STATUS_REOPENED,
        incident,
        lifecycle.reopened(number, Instant.now()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskKey", task.key());
    note(number, user, "reason", reason).ifPresent(id -> details.put("noteId", id));
    audit.record(user.username(), IncidentAuditActions.REOPEN, incident, details);
  }

  // ---- other actions

  public void escalate(CurrentUser user, String number, String reason) {
    Incident incident = queries.visible(user, number);
    if (!access.responds(user, incident)) {
      throw ApiProblem.forbidden(
          "Only its responders, commander, handler or managers may escalate an incident.");
    }
    if (!incident.inProgress()) {
      throw ApiProblem.conflict(
          "The incident is "
              + incident.status()
              + "; only a triaged or acknowledged incident escalates.");
    }
    if (incident.tier() >= 3) {
      throw ApiProblem.conflict("Tier 3 is already paged.");
    }
    messages.escalationRequested(number);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tier", incident.tier());
    // the handler who asks for the next tier hands the incident over: the Handle task is open to
    // the paged tiers again (the escalation widens its candidate groups)
    IncidentQueries.task(queries.openTasks(incident), IncidentProcess.HANDLE_TASK)
        .filter(open -> user.username().equals(open.assignee()))
        .ifPresent(
            open -> {
              tasks.unclaim(user, Long.parseLong(open.key()));
              details.put("handedOver", true);
            });
    note(number, user, "reason", reason).ifPresent(id -> details.put("noteId", id));
    audit.record(user.username(), IncidentAuditActions.ESCALATE, incident, details);
    events.publish(incident);
  }

  /**
   * Re-classification: the running SLA clocks take the new priority's goals, keeping the time
   * spent.
   */
  public void priority(CurrentUser user, String number, String priority, String reason) {
    Incident incident = queries.visible(user, number);
    if (!access.leads(user, incident)) {
      throw ApiProblem.forbidden(
          "Only the commander, the handler or a manager may re-classify an incident.");
    }
    if (!incident.inProgress() && !IncidentStatus.OPEN.equals(incident.status())) {
      throw ApiProblem.conflict(
          "The incident is " + incident.status() + "; its priority no longer changes.");
    }
    if (priority.equals(incident.priority())) {
      throw ApiProblem.conflict("The incident already has priority " + priority + ".");
    }
    Optional<Incident> after =
        lifecycle.change(
            number,
            locked -> {
              if (priority.equals(locked.priority())) {
                return false;
              }
              store.update(number, "priority = ?", priority);
              Incident updated = store.find(number).orElseThrow();
              clocks.reclassify(updated, priority);
              return true;
            });
    if (after.isEmpty()) {
      throw ApiProblem.conflict("The incident already has priority " + priority + ".");
    }
    messages.deadlinesChanged(number, priority);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", incident.priority());
    details.put("to", priority);
    note(number, user, "reason", reason).ifPresent(id -> details.put("noteId", id));
    audit.record(user.username(), IncidentAuditActions.PRIORITY, incident, details);
  }

  /** A note; the reporter's note resumes SLA clocks that wait for the reporter. */
  public void addNote(CurrentUser user, String number, String text) {
    Incident incident = queries.visible(user, number);
    if (!access.notes(user, incident)) {
      throw ApiProblem.forbidden("Auditors add no notes.");
    }
    long id = notes.add(number, user.username(), "note", text, Instant.now());
    audit.record(user.username(), IncidentAuditActions.NOTE, incident, Map.of("noteId", id));
    if (user.username().equals(incident.reporter()) && clocks.anyPaused(number)) {
      resumeClocks(incident, user, true);
    } else {
      events.publish(incident);
    }
  }

  public void cancel(CurrentUser user, String number, String duplicateOf, String reason) {
    Incident incident = queries.visible(user, number);
    if (!access.leads(user, incident)) {
      throw ApiProblem.forbidden(
          "Only the commander, the handler or a manager may cancel an incident.");
    }
    if (duplicateOf != null && (duplicateOf.equals(number) || !store.exists(duplicateOf))) {
      throw ApiProblem.badRequest(
          "duplicateOf",
          duplicateOf.equals(number) ? "must be another incident" : "is not a known incident");
    }
    if (incident.finished() || IncidentStatus.RESOLVED.equals(incident.status())) {
      throw ApiProblem.conflict(
          "The incident is " + incident.status() + " and can no longer be cancelled.");
    }
    Optional<Incident> after = lifecycle.cancelled(number, duplicateOf, Instant.now());
    if (after.isEmpty()) {
      throw ApiProblem.conflict("The incident was closed or cancelled meanwhile.");
    }
    messages.cancelled(number, duplicateOf);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("duplicateOf", duplicateOf);
    note(number, user, "reason", reason).ifPresent(id -> details.put("noteId", id));
    audit.record(user.username(), IncidentAuditActions.CANCEL, incident, details);
  }

  public void roles(
      CurrentUser user, String number, String commander, String communicationsLead, String scribe) {
    Incident incident = queries.visible(user, number);
    if (!access.leads(user, incident)) {
      throw ApiProblem.forbidden(
          "Only the commander, the handler or a manager may staff an incident.");
    }
    List<ApiProblem.FieldError> errors = new java.util.ArrayList<>();
    checkUser("commander", commander, errors);
    checkUser("communicationsLead", communicationsLead, errors);
    checkUser("scribe", scribe, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    if (incident.finished()) {
      throw ApiProblem.conflict(
          "The incident is " + incident.status() + "; its roles no longer change.");
    }
    lifecycle.change(
        number,
        locked -> {
          store.update(
              number,
              "commander = ?, communications_lead = ?, scribe = ?",
              commander,
              communicationsLead,
              scribe);
          return true;
        });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("commander", commander);
    details.put("communicationsLead", communicationsLead);
    details.put("scribe", scribe);
    audit.record(user.username(), IncidentAuditActions.ROLES, incident, details);
  }

  /**
   * Sets the outage the incident caused ({@code start} null clears it; {@code end} null while it
   * lasts): the commander, the handler or a manager, on any incident but a cancelled one.
   */
  public void outage(CurrentUser user, String number, Instant start, Instant end, String kind) {
    Incident incident = queries.visible(user, number);
    if (!access.leads(user, incident)) {
      throw ApiProblem.forbidden(
          "Only the commander, the handler or a manager may record an incident's outage.");
    }
    if (start != null && end != null && !end.isAfter(start)) {
      throw ApiProblem.badRequest("end", "must be after start");
    }
    if (start != null && start.isAfter(Instant.now().plusSeconds(60))) {
      throw ApiProblem.badRequest("start", "must not be in the future");
    }
    if (IncidentStatus.CANCELLED.equals(incident.status())) {
      throw ApiProblem.conflict("The incident was cancelled; it records no outage.");
    }
    lifecycle.change(
        number,
        locked -> {
          outcome.setOutage(number, start, end, kind);
          return true;
        });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("start", start == null ? null : start.toString());
    details.put("end", end == null ? null : end.toString());
    details.put("kind", start == null ? null : kind);
    audit.record(user.username(), IncidentAuditActions.OUTAGE, incident, details);
  }

  /**
   * Pauses the running clocks while waiting for the reporter ({@code reason}: what was asked,
   * optional).
   */
  public void pauseSla(CurrentUser user, String number, String reason) {
    Incident incident = queries.visible(user, number);
    if (!access.leads(user, incident)) {
      throw ApiProblem.forbidden(
          "Only the commander, the handler or a manager may pause the SLA clocks.");
    }
    if (!incident.inProgress()) {
      throw ApiProblem.conflict(
          "The incident is " + incident.status() + "; its SLA clocks do not pause.");
    }
    if (incident.reporter() == null) {
      throw ApiProblem.conflict("The incident has no reporter to wait for.");
    }
    Instant now = Instant.now();
    boolean[] paused = new boolean[1];
    lifecycle.change(
        number,
        locked -> {
          paused[0] = locked.inProgress() && clocks.pause(number, now, WAITING_FOR_REPORTER);
          return paused[0];
        });
    if (!paused[0]) {
      throw ApiProblem.conflict("No SLA clock of the incident is running.");
    }
    messages.deadlinesChanged(number, null);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", WAITING_FOR_REPORTER);
    note(number, user, "reason", reason).ifPresent(id -> details.put("noteId", id));
    audit.record(user.username(), IncidentAuditActions.SLA_PAUSE, incident, details);
  }

  public void resumeSla(CurrentUser user, String number) {
    Incident incident = queries.visible(user, number);
    if (!access.leads(user, incident)) {
      throw ApiProblem.forbidden(
          "Only the commander, the handler or a manager may resume the SLA clocks.");
    }
    if (!resumeClocks(incident, user, false)) {
      throw ApiProblem.conflict("No SLA clock of the incident is paused.");
    }
  }

  private boolean resumeClocks(Incident incident, CurrentUser user, boolean byReporterNote) {
    Instant now = Instant.now();
    boolean[] resumed = new boolean[1];
    lifecycle.change(
        incident.number(),
        locked -> {
          resumed[0] = clocks.resume(incident.number(), now);
          return resumed[0];
        });
    if (resumed[0]) {
      messages.deadlinesChanged(incident.number(), null);
      audit.record(
          user.username(),
          IncidentAuditActions.SLA_RESUME,
          incident,
          Map.of("byReporterNote", byReporterNote));
    }
    return resumed[0];
  }

  // ---- helpers

  private IncidentDetail.OpenTask openTask(Incident incident, String elementId, String conflict) {
    return IncidentQueries.task(queries.openTasks(incident), elementId)
        .orElseThrow(() -> ApiProblem.conflict(conflict));
  }

  private void complete(
      CurrentUser user, IncidentDetail.OpenTask task, Map<String, Object> variables) {
    tasks.complete(user, Long.parseLong(task.key()), json.valueToTree(variables));
  }

  private Optional<Long> note(String number, CurrentUser user, String kind, String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(notes.add(number, user.username(), kind, text, Instant.now()));
  }

  private void checkUser(String field, String name, List<ApiProblem.FieldError> errors) {
    if (name == null) {
      return;
    }
    Optional<UserAccount> account = directory.user(name);
    if (account.isEmpty() || !account.get().enabled()) {
      errors.add(new ApiProblem.FieldError(field, "is not a known, enabled user"));
    }
  }

  private static void refuseAuditors(CurrentUser user) {
    if (user.isAuditor()) {
      throw ApiProblem.forbidden("Auditors read incidents and change none.");
    }
  }
}
