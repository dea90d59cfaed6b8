package life.suoke.ops.backend.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.tasks.TaskActions;
import life.suoke.ops.processes.change.ChangeProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Change requests: requested from a template (standard), as a normal change or as an emergency
 * change fixing an open P0/P1 incident; listed, read with approvals, timeline and open tasks; and
 * the people's actions on them (schedule into a window, ask for information, record that a release
 * ended or that the change caused an incident). Every action is audited; bad input is refused
 * before anything is written.
 */
@Service
public class ChangeService {

  private static final Logger log = LoggerFactory.getLogger(ChangeService.class);
  public static final String CHANGE_MANAGERS = "change-managers";
  public static final String CAB = "cab";
  public static final String EMERGENCY_CAB = "emergency-cab";

  /** How long a CI release waits for its standard change to be ready for booking. */
  static final Duration RELEASE_BOOKING_WAIT = Duration.ofSeconds(20);

  private final ChangeStore store;
  private final ChangeTemplates templates;
  private final ChangeCalendar calendar;
  private final ServiceCatalog catalog;
  private final UserDirectory directory;
  private final CamundaClient client;
  private final TaskActions tasks;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  ChangeService(
      ChangeStore store,
      ChangeTemplates templates,
      ChangeCalendar calendar,
      ServiceCatalog catalog,
      UserDirectory directory,
      CamundaClient client,
      TaskActions tasks,
      AuditTrail audit,
      TransactionTemplate tx,
      JdbcTemplate jdbc,
      ObjectMapper json) {
    this.store = store;
    this.templates = templates;
    this.calendar = calendar;
    this.catalog = catalog;
    this.directory = directory;
    this.client = client;
    this.tasks = tasks;
    this.audit = audit;
    this.tx = tx;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  /** What a requester writes. */
  public record ChangeInput(
      String type,
      String templateKey,
      String title,
      String description,
      String service,
      String implementerGroup,
      Instant plannedStart,
      Instant plannedEnd,
      String incidentNumber) {}

  /** An open task of the change. */
  public record OpenTask(
      String key,
      String elementId,
      String name,
      List<String> candidateGroups,
      String assignee,
      String dueDate) {}

  /** A change with everything its page shows. */
  public record ChangeDetail(
      Change change,
      List<ChangeStore.Approval> approvals,
      List<ChangeStore.Event> timeline,
      List<OpenTask> openTasks,
      List<ChangeCalendar.Conflict> conflicts,
      List<String> actions) {}

  /** A page of changes. */
  public record ChangePage(List<Change> items, long total, int page, int size) {}

  // ---- reading

  public ChangePage list(
      List<String> types,
      List<String> statuses,
      String service,
      String requester,
      String text,
      int page,
      int size) {
    return new ChangePage(
        store.list(types, statuses, service, requester, text, page * size, size),
        store.count(types, statuses, service, requester, text),
        page,
        size);
  }

  public Change get(String number) {
    return store
        .find(number)
        .orElseThrow(() -> ApiProblem.notFound("There is no change " + number + "."));
  }

  public ChangeDetail detail(CurrentUser user, String number) {
    Change change = get(number);
    List<ChangeCalendar.Conflict> conflicts =
        change.windowStart() == null || change.finished()
            ? List.of()
            : calendar.conflicts(
                number, change.service(), change.windowStart(), change.windowEnd());
    return new ChangeDetail(
        change,
        store.approvals(number),
        store.events(number),
        openTasks(change),
        conflicts,
        actions(user, change));
  }

  /** The actions the user may take now (the server checks again when they are taken). */
  List<String> actions(CurrentUser user, Change change) {
    List<String> actions = new ArrayList<>();
    if (user.isAuditor() || change.finished()) {
      return actions;
    }
    if (openTasks(change).stream().anyMatch(t -> ChangeProcess.SCHEDULE_TASK.equals(t.elementId()))
        && (user.inGroup(change.implementerGroup()) || user.inGroup(CHANGE_MANAGERS))) {
      actions.add("schedule");
    }
    actions.add("request-information");
    if (user.inGroup(CHANGE_MANAGERS) || user.isOperator()) {
      actions.add("release-ended");
    }
    return actions;
  }

  List<OpenTask> openTasks(Change change) {
    if (change.processInstanceKey() == null) {
      return List.of();
    }
    try {
      List<Long> instances = new ArrayList<>();
      instances.add(change.processInstanceKey());
      client
          .newProcessInstanceSearchRequest()
          .filter(f -> f.parentProcessInstanceKey(change.processInstanceKey()))
          .page(p -> p.limit(20))
          .send()
          .join()
          .items()
          .forEach(i -> instances.add(i.getProcessInstanceKey()));
      List<OpenTask> open = new ArrayList<>();
      for (long instance : instances) {
        List<UserTask> found =
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
                .page(p -> p.limit(50))
                .send()
                .join()
                .items();
        for (UserTask t : found) {
          open.add(
              new OpenTask(
                  String.valueOf(t.getUserTaskKey()),
                  t.getElementId(),
                  t.getName(),
                  t.getCandidateGroups() == null ? List.of() : List.copyOf(t.getCandidateGroups()),
                  t.getAssignee(),
                  t.getDueDate() == null ? null : t.getDueDate().toInstant().toString()));
        }
      }
      return open;
    } catch (RuntimeException e) {
      log.warn("The open tasks of a change could not be read: {}", e.getClass().getSimpleName());
      return List.of();
    }
  }

  // ---- requesting

  public Change create(CurrentUser user, ChangeInput input) {
    refuseAuditors(user);
    Instant now = clock.instant();
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    String type = input.type();
    if (type == null || !Change.TYPES.contains(type)) {
      throw ApiProblem.badRequest("type", "must be standard, normal or emergency");
    }
    String title = input.title();
    String service = input.service();
    String implementerGroup = input.implementerGroup();
    String templateKey = null;
    Integer templateVersion = null;
    String incidentNumber = null;
    Instant plannedStart = input.plannedStart();
    Instant plannedEnd = input.plannedEnd();
    if (Change.STANDARD.equals(type)) {
      ChangeTemplates.Template template =
          input.templateKey() == null ? null : templates.usable(input.templateKey()).orElse(null);
      if (template == null) {
        throw ApiProblem.badRequest("templateKey", "no active template " + input.templateKey());
      }
      templateKey = template.key();
      templateVersion = template.version();
      title = title == null || title.isBlank() ? template.title() : title;
      service = template.service();
      implementerGroup = template.implementerGroup();
      if (plannedStart != null && plannedEnd == null) {
        plannedEnd = plannedStart.plus(Duration.ofMinutes(template.durationMinutes()));
      }
    } else if (Change.EMERGENCY.equals(type)) {
      List<Map<String, Object>> incident =
          input.incidentNumber() == null
              ? List.of()
              : jdbc.queryForList(
                  "SELECT number, service, priority, status FROM incident WHERE number = ?",
                  input.incidentNumber());
      if (incident.isEmpty()) {
        throw ApiProblem.badRequest("incidentNumber", "no incident " + input.incidentNumber());
      }
      Map<String, Object> found = incident.get(0);
      if (!List.of("P0", "P1").contains(found.get("priority"))) {
        errors.add(
            new ApiProblem.FieldError(
                "incidentNumber", "an emergency change fixes a P0 or P1 incident"));
      }
      if (List.of("closed", "cancelled").contains(found.get("status"))) {
        errors.add(
            new ApiProblem.FieldError("incidentNumber", "the incident is " + found.get("status")));
      }
      incidentNumber = input.incidentNumber();
      service = service == null || service.isBlank() ? (String) found.get("service") : service;
    }
    if (title == null || title.isBlank()) {
      errors.add(new ApiProblem.FieldError("title", "is required"));
    } else if (title.length() > 200) {
      errors.add(new ApiProblem.FieldError("title", "must be at most 200 characters"));
    }
    if (input.description() != null && input.description().length() > 10_000) {
      errors.add(new ApiProblem.FieldError("description", "must be at most 10000 characters"));
    }
    ServiceCatalog.ServiceInfo info = service == null ? null : catalog.find(service).orElse(null);
    if (info == null) {
      errors.add(new ApiProblem.FieldError("service", "no service " + service));
    } else if (implementerGroup == null || implementerGroup.isBlank()) {
      implementerGroup = info.tier2Group();
    }
    if (implementerGroup != null && !directory.groupExists(implementerGroup)) {
      errors.add(new ApiProblem.FieldError("implementerGroup", "no group " + implementerGroup));
    }
    if (Change.NORMAL.equals(type)) {
      if (plannedStart == null) {
        errors.add(new ApiProblem.FieldError("plannedStart", "is required"));
      }
      if (plannedEnd == null) {
        errors.add(new ApiProblem.FieldError("plannedEnd", "is required"));
      }
    }
    if (plannedStart != null && plannedStart.isBefore(now.minus(Duration.ofMinutes(5)))) {
      errors.add(new ApiProblem.FieldError("plannedStart", "is in the past"));
    }
    if (plannedStart != null && plannedEnd != null && !plannedEnd.isAfter(plannedStart)) {
      errors.add(new ApiProblem.FieldError("plannedEnd", "must be after plannedStart"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    String risk =
        Change.STANDARD.equals(type) ? "low" : Change.EMERGENCY.equals(type) ? "high" : null;
    String finalTitle = title.strip();
    String finalService = service;
    String finalGroup = implementerGroup;
    String finalTemplate = templateKey;
    Integer finalVersion = templateVersion;
    String finalIncident = incidentNumber;
    Instant start = plannedStart;
    Instant end = plannedEnd;
    String number =
        tx.execute(
            status -> {
              String next = store.nextNumber(now);
              Change change =
                  new Change(
                      next,
                      type,
                      finalTitle,
                      input.description() == null ? "" : input.description(),
                      finalService,
                      "requested",
                      risk,
                      user.username(),
                      finalGroup,
                      finalTemplate,
                      finalVersion,
                      finalIncident,
                      start,
                      end,
                      null,
                      null,
                      null,
                      Map.of(),
                      null,
                      false,
                      now,
                      now,
                      null);
              store.insert(change);
              store.event(
                  next,
                  user.username(),
                  "requested",
                  "Requested as a " + type + " change",
                  Map.of(),
                  null);
              return next;
            });
    Change created;
    {
      Map<String, Object> variables = new HashMap<>();
      variables.put(ChangeProcess.VAR_CHANGE_NUMBER, number);
      variables.put(ChangeProcess.VAR_BUSINESS_KEY, number);
      variables.put(ChangeProcess.VAR_CHANGE_TYPE, type);
      variables.put(ChangeProcess.VAR_TITLE, finalTitle);
      variables.put(ChangeProcess.VAR_SERVICE, finalService);
      variables.put(ChangeProcess.VAR_SERVICE_CLASS, info.serviceClass());
      variables.put(ChangeProcess.VAR_REQUESTER, user.username());
      variables.put(ChangeProcess.VAR_CHANGE_MANAGER_GROUP, CHANGE_MANAGERS);
      variables.put(ChangeProcess.VAR_SERVICE_OWNER_GROUP, info.ownerGroup());
      variables.put(ChangeProcess.VAR_IMPLEMENTER_GROUP, finalGroup);
      variables.put(ChangeProcess.VAR_CAB_GROUP, CAB);
      variables.put(ChangeProcess.VAR_EMERGENCY_CAB_GROUP, EMERGENCY_CAB);
      variables.put(ChangeProcess.VAR_PLANNED_START, start == null ? null : start.toString());
      variables.put(ChangeProcess.VAR_PLANNED_END, end == null ? null : end.toString());
      variables.put(ChangeProcess.VAR_RISK, risk);
      variables.put(ChangeProcess.VAR_INCIDENT_NUMBER, finalIncident);
      variables.put(ChangeProcess.VAR_TEMPLATE_ID, finalTemplate);
      variables.put(ChangeProcess.VAR_TEMPLATE_VERSION, finalVersion);
      long key;
      try {
        key =
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(processId(type))
                .latestVersion()
                .variables(variables)
                .send()
                .join()
                .getProcessInstanceKey();
      } catch (RuntimeException e) {
        // the change never started: nothing of it stays
        jdbc.update("DELETE FROM change_request WHERE number = ?", number);
        throw e;
      }
      store.update(number, "process_instance_key = ?", key);
      created = store.find(number).orElseThrow();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", type);
    details.put("service", finalService);
    if (finalTemplate != null) {
      details.put("template", finalTemplate + " v" + finalVersion);
    }
    if (finalIncident != null) {
      details.put("incident", finalIncident);
    }
    audit.record(
        AuditEvent.of(user.username(), "change.request", "change", created.number())
            .withProcessInstance(created.processInstanceKey(), created.number())
            .withDetails(details));
    return created;
  }

  static String processId(String type) {
    return switch (type) {
      case Change.STANDARD -> ChangeProcess.STANDARD_PROCESS_ID;
      case Change.EMERGENCY -> ChangeProcess.EMERGENCY_PROCESS_ID;
      default -> ChangeProcess.NORMAL_PROCESS_ID;
    };
  }

  // ---- actions

  /**
   * Books the change into a window: refused (400 naming the field) in the past, with the end before
   * the start, or in a blackout of the service; otherwise completes the scheduling task as the user
   * (who must be its candidate) and answers the conflicts the window has.
   */
  public List<ChangeCalendar.Conflict> schedule(
      CurrentUser user, String number, Instant start, Instant end) {
    refuseAuditors(user);
    Change change = get(number);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (start == null) {
      errors.add(new ApiProblem.FieldError("windowStart", "is required"));
    }
    if (end == null) {
      errors.add(new ApiProblem.FieldError("windowEnd", "is required"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    String refusal = calendar.refusal(change.service(), start, end, clock.instant());
    if (refusal != null) {
      String field =
          refusal.contains("end after") || refusal.contains("longer") ? "windowEnd" : "windowStart";
      throw ApiProblem.badRequest(field, refusal);
    }
    OpenTask task =
        openTasks(change).stream()
            .filter(t -> ChangeProcess.SCHEDULE_TASK.equals(t.elementId()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "The change " + number + " is not waiting to be scheduled."));
    ObjectNode variables = json.createObjectNode();
    variables.put(ChangeProcess.VAR_WINDOW_START, start.toString());
    variables.put(ChangeProcess.VAR_WINDOW_END, end.toString());
    tasks.complete(user, Long.parseLong(task.key()), variables);
    List<ChangeCalendar.Conflict> conflicts =
        calendar.conflicts(number, change.service(), start, end);
    audit.record(
        AuditEvent.of(user.username(), "change.schedule", "change", number)
            .withProcessInstance(change.processInstanceKey(), number)
            .withDetail("windowStart", start.toString())
            .withDetail("windowEnd", end.toString())
            .withDetail(
                "conflicts",
                conflicts.stream().map(ChangeCalendar.Conflict::otherChange).toList()));
    return conflicts;
  }

  /**
   * Asks a group for information about the change; it answers within 4 hours or the request
   * escalates.
   */
  public void requestInformation(
      CurrentUser user, String number, String requestedFrom, String question) {
    refuseAuditors(user);
    Change change = get(number);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (requestedFrom == null || !directory.groupExists(requestedFrom)) {
      errors.add(new ApiProblem.FieldError("requestedFrom", "no group " + requestedFrom));
    }
    if (question == null || question.isBlank()) {
      errors.add(new ApiProblem.FieldError("question", "is required"));
    } else if (question.length() > 2000) {
      errors.add(new ApiProblem.FieldError("question", "must be at most 2000 characters"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    if (change.finished()) {
      throw ApiProblem.conflict("The change " + number + " is " + change.status() + ".");
    }
    String requestId = Long.toString(System.currentTimeMillis(), 36);
    client
        .newPublishMessageCommand()
        .messageName(ChangeProcess.MESSAGE_INFORMATION_REQUESTED)
        .correlationKey(number)
        .variables(
            Map.of(
                ChangeProcess.VAR_REQUESTED_FROM,
                requestedFrom,
                ChangeProcess.VAR_QUESTION,
                question.strip(),
                ChangeProcess.VAR_REQUEST_ID,
                requestId))
        .timeToLive(Duration.ofMinutes(5))
        .send()
        .join();
    store.event(
        number,
        user.username(),
        "information-requested",
        "Information requested from " + requestedFrom,
        Map.of("question", question.strip(), "requestId", requestId),
        null);
    audit.record(
        AuditEvent.of(user.username(), "change.request-information", "change", number)
            .withProcessInstance(change.processInstanceKey(), number)
            .withDetail("requestedFrom", requestedFrom));
  }

  /**
   * A standard change for a release requested from CI without one: from the active template of the
   * service (empty when none), booked at once into a window that opens now and lasts the template's
   * duration. A blackout now is a 409 and nothing is written. The requester books the window with
   * the template's pre-approval (as a change manager would).
   */
  public Optional<Change> openForRelease(String service, String title, String requestedBy) {
    Optional<ChangeTemplates.Template> template =
        templates.latest().stream()
            .filter(t -> t.active() && service.equals(t.service()))
            .findFirst();
    if (template.isEmpty()) {
      return Optional.empty();
    }
    Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant end = start.plus(Duration.ofMinutes(template.get().durationMinutes()));
    String refusal = calendar.refusal(service, start, end, start);
    if (refusal != null) {
      throw ApiProblem.conflict(
          "No standard change can be opened for " + service + " now: " + refusal);
    }
    CurrentUser requester = new CurrentUser(requestedBy, Set.of(CHANGE_MANAGERS));
    Change change =
        create(
            requester,
            new ChangeInput(
                Change.STANDARD,
                template.get().key(),
                title,
                "Opened for a release requested by " + requestedBy + ".",
                service,
                null,
                start,
                end,
                null));
    Instant giveUp = clock.instant().plus(RELEASE_BOOKING_WAIT);
    String number = change.number();
    awaitBooking(
        number,
        giveUp,
        () ->
            openTasks(change).stream()
                .anyMatch(t -> ChangeProcess.SCHEDULE_TASK.equals(t.elementId())));
    schedule(requester, number, start, end);
    // the window is the change's once the booking job has run: the release's plan checks it
    awaitBooking(
        number, giveUp, () -> store.find(number).map(c -> c.windowStart() != null).orElse(false));
    return store.find(number);
  }

  private void awaitBooking(
      String number, Instant giveUp, java.util.function.BooleanSupplier ready) {
    while (!ready.getAsBoolean()) {
      if (clock.instant().isAfter(giveUp)) {
        throw new ApiProblem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The change "
                + number
                + " was opened but its window could not be booked yet; name it as changeId once it is scheduled.",
            List.of());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Why a release may not name this change ({@code null} when it may): the change must exist, be of
   * the release's service and not be finished.
   */
  public String unusableForRelease(String number, String service) {
    Optional<Change> found = store.find(number);
    if (found.isEmpty()) {
      return "no change " + number;
    }
    Change change = found.get();
    if (!change.service().equals(service)) {
      return "the change " + number + " is for service " + change.service();
    }
    if (change.finished()) {
      return "the change " + number + " is " + change.status();
    }
    return null;
  }

  /**
   * Tells the change's implementation that its release ended (the contract of the release process).
   */
  public void releaseEnded(
      CurrentUser user, String number, String outcome, String releaseId, String summary) {
    refuseAuditors(user);
    if (!user.inGroup(CHANGE_MANAGERS) && !user.isOperator()) {
      throw ApiProblem.forbidden("Only change managers and operators record the end of a release.");
    }
    Change change = get(number);
    if (!ChangeProcess.RELEASE_SUCCESSFUL.equals(outcome)
        && !ChangeProcess.RELEASE_BACKED_OUT.equals(outcome)) {
      throw ApiProblem.badRequest("outcome", "must be successful or backed-out");
    }
    if (change.finished()) {
      throw ApiProblem.conflict("The change " + number + " is " + change.status() + ".");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(ChangeProcess.VAR_RELEASE_OUTCOME, outcome);
    variables.put(ChangeProcess.VAR_RELEASE_ID, releaseId);
    variables.put(ChangeProcess.VAR_RELEASE_SUMMARY, summary);
    client
        .newPublishMessageCommand()
        .messageName(ChangeProcess.MESSAGE_RELEASE_ENDED)
        .correlationKey(number)
        .variables(variables)
        .timeToLive(Duration.ofDays(1))
        .send()
        .join();
    store.event(
        number,
        user.username(),
        "release-ended",
        "Release " + (releaseId == null ? "" : releaseId + " ") + "ended: " + outcome,
        Map.of("outcome", outcome),
        null);
    audit.record(
        AuditEvent.of(user.username(), "change.release-ended", "change", number)
            .withProcessInstance(change.processInstanceKey(), number)
            .withDetail("outcome", outcome));
  }

  /** Records that the change caused an incident (it counts against the change success score). */
  public void causedIncident(CurrentUser user, String number, String incidentNumber) {
    refuseAuditors(user);
    if (!user.inGroup(CHANGE_MANAGERS)) {
      throw ApiProblem.forbidden("Only change managers link incidents caused by a change.");
    }
    get(number);
    List<Map<String, Object>> incident =
        incidentNumber == null
            ? List.of()
            : jdbc.queryForList("SELECT priority FROM incident WHERE number = ?", incidentNumber);
    if (incident.isEmpty() || incident.get(0).get("priority") == null) {
      throw ApiProblem.badRequest("incidentNumber", "no classified incident " + incidentNumber);
    }
    String priority = (String) incident.get(0).get("priority");
    jdbc.update(
        "INSERT INTO change_caused_incident (change_number, incident_number, priority, recorded_by)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        number,
        incidentNumber,
        priority,
        user.username());
    store.event(
        number,
        user.username(),
        "caused-incident",
        "Caused incident " + incidentNumber + " (" + priority + ")",
        Map.of("incident", incidentNumber),
        null);
    audit.record(
        AuditEvent.of(user.username(), "change.caused-incident", "change", number)
            .withDetail("incident", incidentNumber)
            .withDetail("priority", priority));
  }

  static void refuseAuditors(CurrentUser user) {
    if (user.isAuditor()) {
      throw ApiProblem.forbidden("Auditors read changes and change none.");
    }
  }
}
