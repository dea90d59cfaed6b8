package life.suoke.ops.backend.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.UserTask;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.processes.incident.IncidentProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reading incidents: the list a user may see, one incident in detail, and what the user may do with
 * it.
 */
@Service
public class IncidentQueries {

  private static final Logger log = LoggerFactory.getLogger(IncidentQueries.class);

  private final JdbcTemplate jdbc;
  private final IncidentStore store;
  private final IncidentAccess access;
  private final SlaClocks clocks;
  private final IncidentTimeline timeline;
  private final CamundaClient client;
  private final IncidentOutcome outcome;

  IncidentQueries(
      JdbcTemplate jdbc,
      IncidentStore store,
      IncidentAccess access,
      SlaClocks clocks,
      IncidentTimeline timeline,
      CamundaClient client,
      IncidentOutcome outcome) {
    this.outcome = outcome;
    this.jdbc = jdbc;
    this.store = store;
    this.access = access;
    this.clocks = clocks;
    this.timeline = timeline;
    this.client = client;
  }

  public IncidentPage search(CurrentUser user, IncidentQuery query) {
    List<Object> args = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    String visible = access.visibleSql(user, args);
    if (visible != null) {
      conditions.add(visible);
    }
    if (!query.statuses().isEmpty()) {
      conditions.add("i.status = ANY (?)");
      args.add(query.statuses().toArray(String[]::new));
    }
    if (!query.priorities().isEmpty()) {
      conditions.add("i.priority = ANY (?)");
      args.add(query.priorities().toArray(String[]::new));
    }
    if (query.service() != null) {
      conditions.add("i.service = ?");
      args.add(query.service());
    }
    if (query.assignee() != null) {
      conditions.add("(i.handler = ? OR i.commander = ?)");
      args.add(query.assignee());
      args.add(query.assignee());
    }
    if (query.from() != null) {
      conditions.add("i.created_at >= ?");
      args.add(Timestamp.from(query.from()));
    }
    if (query.to() != null) {
      conditions.add("i.created_at < ?");
      args.add(Timestamp.from(query.to()));
    }
    if (query.text() != null) {
      String like =
          "%"
              + query
                  .text()
                  .toLowerCase()
                  .replace("\\", "\\\\")
                  .replace("%", "\\%")
                  .replace("_", "\\_")
              + "%";
      conditions.add(
          "(lower(i.number) LIKE ? OR lower(i.title) LIKE ? OR lower(i.service) LIKE ?)");
      args.add(like);
      args.add(like);
      args.add(like);
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    Long total =
        jdbc.queryForObject("SELECT count(*) FROM incident i" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(query.size());
    pageArgs.add((long) query.page() * query.size());
    List<Incident> found =
        jdbc.query(
            "SELECT * FROM incident i"
                + where
                + " ORDER BY i.created_at DESC, i.number DESC LIMIT ? OFFSET ?",
            store.mapper(),
            pageArgs.toArray());
    Map<String, List<SlaView>> clocksByNumber =
        clocks.views(found.stream().map(Incident::number).toList(), Instant.now());
    List<IncidentSummary> items =
        found.stream()
            .map(i -> IncidentSummary.of(i, clocksByNumber.getOrDefault(i.number(), List.of())))
            .toList();
    return new IncidentPage(items, total == null ? 0 : total, query.page(), query.size());
  }

  public IncidentDetail get(CurrentUser user, String number) {
    Incident incident = visible(user, number);
    List<IncidentDetail.OpenTask> tasks = openTasks(incident);
    return detail(user, incident, tasks);
  }

  /** The incident's process as drawn, with the steps that run now and those that finished. */
  public IncidentDiagram diagram(CurrentUser user, String number) {
    Incident incident = visible(user, number);
    if (incident.processInstanceKey() == null) {
      throw ApiProblem.notFound("The process of incident " + number + " has not started yet.");
    }
    long key = incident.processInstanceKey();
    Long definition =
        client.newProcessInstanceGetRequest(key).send().join().getProcessDefinitionKey();
    String xml = client.newProcessDefinitionGetXmlRequest(definition).send().join();
    List<ElementInstance> elements =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(key))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items();
    Set<String> active = new LinkedHashSet<>();
    Set<String> completed = new LinkedHashSet<>();
    for (ElementInstance element : elements) {
      if (element.getState() == ElementInstanceState.ACTIVE) {
        active.add(element.getElementId());
      } else if (element.getState() == ElementInstanceState.COMPLETED) {
        completed.add(element.getElementId());
      }
    }
    return new IncidentDiagram(xml, List.copyOf(active), List.copyOf(completed));
  }

  /**
   * The incident's alerts as their sources sent them (table {@code incident_alert} of the intake),
   * newest first.
   */
  private List<Map<String, Object>> alerts(String number) {
    return jdbc.query(
        "SELECT fingerprint, status, summary, labels::text AS labels, starts_at, ends_at, generator_url,"
            + " last_seen_at, count FROM incident_alert WHERE incident_number = ? ORDER BY last_seen_at DESC, id DESC"
            + " LIMIT 200",
        (rs, i) -> {
          Map<String, Object> alert = new java.util.LinkedHashMap<>();
          alert.put("fingerprint", rs.getString("fingerprint"));
          alert.put("status", rs.getString("status"));
          alert.put("summary", rs.getString("summary"));
          alert.put("labels", readLabels(rs.getString("labels")));
          alert.put("startsAt", instant(rs.getTimestamp("starts_at")));
          alert.put("endsAt", instant(rs.getTimestamp("ends_at")));
          alert.put("generatorUrl", rs.getString("generator_url"));
          alert.put("lastSeenAt", instant(rs.getTimestamp("last_seen_at")));
          alert.put("count", rs.getInt("count"));
          return alert;
        },
        number);
  }

  private static String instant(java.sql.Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }

  private static Map<String, Object> readLabels(String json) {
    try {
      return LABELS.readValue(
          json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Map.of();
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper LABELS =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The incident if it exists (404) and the user may see it (403). */
  Incident visible(CurrentUser user, String number) {
    Incident incident =
        store
            .find(number)
            .orElseThrow(() -> ApiProblem.notFound("There is no incident " + number + "."));
    if (!access.visible(user, incident)) {
      throw ApiProblem.forbidden("You may not see this incident.");
    }
    return incident;
  }

  IncidentDetail detail(CurrentUser user, Incident incident, List<IncidentDetail.OpenTask> tasks) {
    return new IncidentDetail(
        IncidentSummary.of(incident, clocks.views(incident.number(), Instant.now())),
        incident.description(),
        incident.reporter(),
        incident.serviceClass(),
        incident.tier(),
        incident.pagedGroups(),
        new IncidentDetail.Roles(
            incident.commander(), incident.communicationsLead(), incident.scribe()),
        incident.integration(),
        incident.alertKey(),
        incident.labels(),
        incident.duplicateOf(),
        incident.resolutionType(),
        incident.resolutionSummary(),
        incident.reviewRequested(),
        incident.processInstanceKey() == null ? null : Long.toString(incident.processInstanceKey()),
        alerts(incident.number()),
        timeline.of(incident),
        tasks,
        actions(user, incident, tasks),
        outcome.outage(incident.number()),
        outcome.satisfaction(incident.number()));
  }

  /**
   * The open user tasks of the incident's process (empty when it has none, or the engine cannot say
   * now).
   */
  List<IncidentDetail.OpenTask> openTasks(Incident incident) {
    if (incident.processInstanceKey() == null) {
      return List.of();
    }
    try {
      List<UserTask> found =
          client
              .newUserTaskSearchRequest()
              .filter(
                  f ->
                      f.processInstanceKey(incident.processInstanceKey())
                          .state(UserTaskState.CREATED))
              .page(p -> p.limit(50))
              .send()
              .join()
              .items();
      return found.stream()
          .map(
              t ->
                  new IncidentDetail.OpenTask(
                      String.valueOf(t.getUserTaskKey()),
                      t.getElementId(),
                      t.getName(),
                      t.getCandidateGroups() == null
                          ? List.of()
                          : List.copyOf(t.getCandidateGroups()),
                      t.getCandidateUsers() == null
                          ? List.of()
                          : List.copyOf(t.getCandidateUsers()),
                      t.getAssignee(),
                      t.getDueDate() == null ? null : t.getDueDate().toInstant().toString()))
          .toList();
    } catch (RuntimeException e) {
      log.warn(
          "The open tasks of incident {} could not be read: {}",
          incident.number(),
          e.getClass().getSimpleName());
      return List.of();
    }
  }

  /** The open task of one element, if there is one. */
  static Optional<IncidentDetail.OpenTask> task(
      List<IncidentDetail.OpenTask> tasks, String elementId) {
    return tasks.stream().filter(t -> elementId.equals(t.elementId())).findFirst();
  }

  /** What the user may do now. */
  List<String> actions(CurrentUser user, Incident incident, List<IncidentDetail.OpenTask> tasks) {
    List<String> actions = new ArrayList<>();
    if (user.isAuditor() || !access.visible(user, incident)) {
      return actions;
    }
    if (task(tasks, IncidentProcess.ACKNOWLEDGE_TASK).filter(t -> mayWork(user, t)).isPresent()) {
      actions.add("acknowledge");
    }
    if (incident.inProgress() && incident.tier() < 3 && access.responds(user, incident)) {
      actions.add("escalate");
    }
    boolean leads = access.leads(user, incident);
    if (leads && (incident.inProgress() || IncidentStatus.OPEN.equals(incident.status()))) {
      actions.add("priority");
    }
    if (access.notes(user, incident)) {
      actions.add("notes");
    }
    if (task(tasks, IncidentProcess.HANDLE_TASK).filter(t -> mayWork(user, t)).isPresent()) {
      actions.add("resolve");
    }
    if (task(tasks, IncidentProcess.CONFIRM_TASK).filter(t -> mayWork(user, t)).isPresent()) {
      actions.add("close");
      actions.add("reopen");
    }
    if (leads && !incident.finished() && !IncidentStatus.RESOLVED.equals(incident.status())) {
      actions.add("cancel");
    }
    if (leads && !incident.finished()) {
      actions.add("roles");
    }
    if (leads
        && incident.inProgress()
        && incident.reporter() != null
        && clocks.anyRunningUnpaused(incident.number())) {
      actions.add("slaPause");
    }
    if (leads && clocks.anyPaused(incident.number())) {
      actions.add("slaResume");
    }
    if (leads && !IncidentStatus.CANCELLED.equals(incident.status())) {
      actions.add("outage");
    }
    return actions;
  }

  /** The inbox's rule: the assignee, or a candidate (by name or group) of an unassigned task. */
  static boolean mayWork(CurrentUser user, IncidentDetail.OpenTask task) {
    if (task.assignee() != null) {
      return task.assignee().equals(user.username());
    }
    return user.inAnyGroup(task.candidateGroups())
        || task.candidateUsers().contains(user.username());
  }
}
