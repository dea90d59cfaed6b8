package life.suoke.ops.backend.release;

import static life.suoke.ops.processes.release.ReleaseProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.processes.release.ReleaseStrategy;
import life.suoke.ops.workers.release.AnalysisSpec;
import life.suoke.ops.workers.release.DeploymentTargets;
import life.suoke.ops.workers.release.PrometheusAnalysis;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requesting releases, reading them, and people's actions on them (pause, promote, roll back). A
 * request is checked whole before anything is written: the strategy ({@link ReleaseStrategy}), the
 * target ({@link DeploymentTargets}), the analysis ({@link AnalysisSpec}, each query evaluated once
 * by Prometheus) and the probes; then the release is stored and its {@code release} instance
 * started (if the engine refuses, the release is removed again).
 */
@Service
public class ReleaseService {

  /** What a person's message waits for at most when nothing catches it at once. */
  static final Duration MESSAGE_TTL = Duration.ofMinutes(5);

  /**
   * A freeze's pause waits this long for the release to reach a step's wait (deploy and checks come
   * first).
   */
  static final Duration FREEZE_TTL = Duration.ofHours(1);

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ReleaseService.class);

  /** The request (see {@link life.suoke.ops.backend.release.web.ReleaseController}). */
  public record NewRelease(
      String service,
      String title,
      String changeId,
      String stableVersion,
      String newVersion,
      Map<String, Object> strategy,
      Map<String, Object> target,
      Map<String, Object> analysis,
      List<Map<String, Object>> probes) {}

  private final ReleaseStore store;
  private final ChangeLink changes;
  private final DeploymentTargets targets;
  private final PrometheusAnalysis prometheus;
  private final CamundaClient client;
  private final AuditTrail audit;
  private final TransactionTemplate tx;

  public ReleaseService(
      ReleaseStore store,
      ChangeLink changes,
      DeploymentTargets targets,
      PrometheusAnalysis prometheus,
      CamundaClient client,
      AuditTrail audit,
      TransactionTemplate tx) {
    this.store = store;
    this.changes = changes;
    this.targets = targets;
    this.prometheus = prometheus;
    this.client = client;
    this.audit = audit;
    this.tx = tx;
  }

  public ReleaseDetail request(CurrentUser user, NewRelease request) {
    validate(request);
    String changeId = request.changeId();
    String title =
        request.title() == null || request.title().isBlank()
            ? request.service() + " " + request.newVersion()
            : request.title().trim();
    if (changeId == null) {
      changeId =
          changes
              .openStandardChange(request.service(), title, user.username())
              .orElseThrow(
                  () ->
                      ApiProblem.badRequest(
                          "changeId",
                          "is required: no standard change template matches service "
                              + request.service()));
    }
    Instant now = Instant.now();
    String finalChange = changeId;
    String id =
        tx.execute(
            status -> {
              String next = store.nextId(now);
              store.insert(
                  new ReleaseStore.Row(
                      next,
                      request.service(),
                      finalChange,
                      title,
                      request.stableVersion(),
                      request.newVersion(),
                      request.strategy(),
                      request.target(),
                      request.analysis() == null ? Map.of() : request.analysis(),
                      request.probes() == null ? List.of() : request.probes(),
                      null,
                      "requested",
                      0,
                      null,
                      null,
                      null,
                      null,
                      user.username(),
                      null,
                      now,
                      now,
                      null));
              store.event(next, "requested", user.username(), "change " + finalChange);
              return next;
            });
    long key;
    try {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(VAR_RELEASE_ID, id);
      variables.put(VAR_SERVICE, request.service());
      variables.put(VAR_CHANGE_ID, finalChange);
      variables.put(VAR_STRATEGY, request.strategy());
      key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS_ID)
              .latestVersion()
              .variables(variables)
              .send()
              .join()
              .getProcessInstanceKey();
    } catch (RuntimeException e) {
      store.delete(id);
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "the release could not be started: the engine refused it",
          List.of());
    }
    store.started(id, key);
    audit.record(
        AuditEvent.of(
                user.username(), ReleaseAuditActions.REQUEST, ReleaseAuditActions.OBJECT_TYPE, id)
            .withProcessInstance(key, id)
            .withDetails(
                Map.of(
                    "service",
                    request.service(),
                    "change",
                    finalChange,
                    "newVersion",
                    request.newVersion(),
                    "strategy",
                    String.valueOf(request.strategy().get("type")),
                    "target",
                    String.valueOf(request.target().get("type")))));
    return get(id);
  }

  private void validate(NewRelease r) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    token(r.service(), "service", "[a-z0-9][a-z0-9-]{0,99}", errors);
    token(r.stableVersion(), "stableVersion", "[A-Za-z0-9][A-Za-z0-9._+-]{0,99}", errors);
    token(r.newVersion(), "newVersion", "[A-Za-z0-9][A-Za-z0-9._+-]{0,99}", errors);
    if (r.changeId() != null && !r.changeId().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
      errors.add(
          new ApiProblem.FieldError(
              "changeId", "must be a change id of at most 40 letters, digits, '.', '-' or '_'"));
    } else if (r.changeId() != null && r.service() != null) {
      changes
          .unusable(r.changeId(), r.service())
          .ifPresent(reason -> errors.add(new ApiProblem.FieldError("changeId", reason)));
    }
    if (r.title() != null && r.title().length() > 200) {
      errors.add(new ApiProblem.FieldError("title", "must be at most 200 characters"));
    }
    try {
      ReleaseStrategy.steps(r.strategy());
      ReleaseStrategy.keepPrevious(r.strategy());
    } catch (ReleaseStrategy.Invalid invalid) {
      errors.add(new ApiProblem.FieldError(invalid.field(), invalid.getMessage()));
    }
    for (AnalysisSpec.Problem problem : targets.validate(r.target())) {
      errors.add(new ApiProblem.FieldError(problem.field(), problem.reason()));
    }
    List<AnalysisSpec.Problem> analysisProblems = new ArrayList<>();
    AnalysisSpec spec = AnalysisSpec.read(r.analysis(), "analysis", analysisProblems);
    analysisProblems.forEach(p -> errors.add(new ApiProblem.FieldError(p.field(), p.reason())));
    probes(r.probes(), errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    checkQueries(
        spec.metrics(),
        r.analysis() == null ? null : r.analysis().get("metrics"),
        "analysis.metrics",
        r,
        errors);
    if (r.analysis() != null && r.analysis().get("performance") != null) {
      checkQueries(
          spec.performance(), r.analysis().get("performance"), "analysis.performance", r, errors);
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  /**
   * Each query evaluated once by Prometheus (for the new version); a rejected one names its field.
   */
  private void checkQueries(
      List<AnalysisSpec.Metric> metrics,
      Object raw,
      String path,
      NewRelease r,
      List<ApiProblem.FieldError> errors) {
    for (int i = 0; i < metrics.size(); i++) {
      String query =
          metrics
              .get(i)
              .query()
              .replace("{{service}}", r.service())
              .replace("{{version}}", r.newVersion());
      try {
        prometheus.check(query);
      } catch (PrometheusAnalysis.QueryRejected rejected) {
        errors.add(
            new ApiProblem.FieldError(
                path + "[" + i + "].query", "Prometheus rejects it: " + rejected.getMessage()));
      } catch (RuntimeException unreachable) {
        throw new ApiProblem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Prometheus could not check the analysis queries; nothing was written",
            List.of());
      }
    }
  }

  private static void probes(List<Map<String, Object>> probes, List<ApiProblem.FieldError> errors) {
    if (probes == null) {
      return;
    }
    if (probes.size() > 20) {
      errors.add(new ApiProblem.FieldError("probes", "must list at most 20 probes"));
      return;
    }
    for (int i = 0; i < probes.size(); i++) {
      Object url = probes.get(i) == null ? null : probes.get(i).get("url");
      boolean ok = false;
      if (url instanceof String text && text.length() <= 2000) {
        try {
          URI uri = URI.create(text);
          ok =
              ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                  && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
          ok = false;
        }
      }
      if (!ok) {
        errors.add(
            new ApiProblem.FieldError("probes[" + i + "].url", "must be an http or https address"));
      }
      Object status = probes.get(i) == null ? null : probes.get(i).get("expectStatus");
      if (status != null && !(status instanceof Integer s && s >= 100 && s <= 599)) {
        errors.add(
            new ApiProblem.FieldError(
                "probes[" + i + "].expectStatus", "must be an HTTP status from 100 to 599"));
      }
    }
  }

  private static void token(
      String value, String field, String pattern, List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new ApiProblem.FieldError(field, "is required"));
    } else if (!value.matches(pattern)) {
      errors.add(new ApiProblem.FieldError(field, "must match " + pattern));
    }
  }

  // ---- reading

  public ReleasePage list(String service, String status, int page, int size) {
    List<ReleaseSummary> items =
        store.list(service, status, size, page * size).stream().map(ReleaseSummary::of).toList();
    return new ReleasePage(items, store.count(service, status), page, size);
  }

  public ReleaseDetail get(String id) {
    ReleaseStore.Row row =
        store.find(id).orElseThrow(() -> ApiProblem.notFound("no release " + id));
    Optional<UserTask> decision = openDecision(row);
    return new ReleaseDetail(
        ReleaseSummary.of(row),
        row.strategy(),
        row.target(),
        row.analysis(),
        row.probes(),
        row.steps(),
        row.verificationPassed(),
        row.probeResults(),
        store.traffic(id),
        store.analyses(id),
        store.events(id),
        decision.isPresent(),
        decision.map(UserTask::getUserTaskKey).orElse(null),
        actions(row));
  }

  private static List<String> actions(ReleaseStore.Row row) {
    return switch (row.status()) {
      case "running" -> List.of("pause", "promote", "rollback");
      case "paused" -> List.of("promote", "rollback");
      default -> List.of();
    };
  }

  // ---- actions

  public ReleaseDetail pause(CurrentUser user, String id, String reason) {
    ReleaseStore.Row row = acting(id, "pause");
    publish(MESSAGE_PAUSE, id);
    tx.executeWithoutResult(
        s -> {
          store.status(id, "paused");
          store.event(id, "paused", user.username(), reason);
        });
    audited(user, ReleaseAuditActions.PAUSE, row, reason);
    return get(id);
  }

  /**
   * The freeze on incident: every running release of the service pauses at its next step's wait (a
   * release manager then promotes or rolls back); on the timeline and in the audit trail as the
   * system's, with the incident. Answers the releases paused.
   */
  public List<String> pauseForIncident(String service, String incidentNumber, String priority) {
    List<String> paused = new ArrayList<>();
    for (ReleaseStore.Row row : store.list(service, "running", 200, 0)) {
      try {
        client
            .newPublishMessageCommand()
            .messageName(MESSAGE_PAUSE)
            .correlationKey(row.id())
            .messageId("freeze-" + incidentNumber + "-" + row.id())
            .timeToLive(FREEZE_TTL)
            .send()
            .join();
      } catch (RuntimeException e) {
        log.warn("A release could not be paused for an incident: {}", e.getClass().getSimpleName());
        continue;
      }
      String note = "frozen by incident " + incidentNumber + " (" + priority + ") on " + service;
      tx.executeWithoutResult(
          s -> {
            store.status(row.id(), "paused");
            store.event(row.id(), "paused", ReleaseJobService.SYSTEM, note);
          });
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("service", service);
      details.put("change", row.changeId());
      details.put("weight", row.currentWeight());
      details.put("incident", incidentNumber);
      details.put("priority", priority);
      audit.record(
          AuditEvent.of(
                  ReleaseJobService.SYSTEM,
                  ReleaseAuditActions.PAUSE,
                  ReleaseAuditActions.OBJECT_TYPE,
                  row.id())
              .withProcessInstance(row.processInstanceKey(), row.id())
              .withDetails(details));
      paused.add(row.id());
    }
    return paused;
  }

  public ReleaseDetail promote(CurrentUser user, String id, String reason) {
    return decide(
        user,
        id,
        reason,
        DECISION_PROMOTE,
        MESSAGE_PROMOTE,
        ReleaseAuditActions.PROMOTE,
        "promoted-by-person");
  }

  public ReleaseDetail rollback(CurrentUser user, String id, String reason) {
    return decide(
        user,
        id,
        reason,
        DECISION_ROLLBACK,
        MESSAGE_ROLLBACK,
        ReleaseAuditActions.ROLLBACK,
        "rollback-requested");
  }

  /**
   * Completes the open decision task if there is one, else publishes the message the steps wait
   * for.
   */
  private ReleaseDetail decide(
      CurrentUser user,
      String id,
      String reason,
      String decision,
      String message,
      String action,
      String kind) {
    ReleaseStore.Row row = acting(id, decision);
    Optional<UserTask> task = openDecision(row);
    if (task.isPresent()) {
      client
          .newCompleteUserTaskCommand(task.get().getUserTaskKey())
          .variables(Map.of(VAR_DECISION, decision))
          .action("complete")
          .send()
          .join();
    } else {
      publish(message, id);
    }
    tx.executeWithoutResult(
        s -> {
          store.status(id, "running");
          store.event(id, kind, user.username(), reason);
        });
    audited(user, action, row, reason);
    return get(id);
  }

  private ReleaseStore.Row acting(String id, String action) {
    ReleaseStore.Row row =
        store.find(id).orElseThrow(() -> ApiProblem.notFound("no release " + id));
    if (!actions(row).contains(action)) {
      throw ApiProblem.conflict(
          "release " + id + " is " + row.status() + ": it cannot be " + action + "d now");
    }
    return row;
  }

  private Optional<UserTask> openDecision(ReleaseStore.Row row) {
    if (row.processInstanceKey() == null || !List.of("running", "paused").contains(row.status())) {
      return Optional.empty();
    }
    try {
      return client
          .newUserTaskSearchRequest()
          .filter(
              f ->
                  f.processInstanceKey(row.processInstanceKey())
                      .elementId(DECIDE_TASK)
                      .state(UserTaskState.CREATED))
          .send()
          .join()
          .items()
          .stream()
          .findFirst();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private void publish(String message, String id) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(id)
        .timeToLive(MESSAGE_TTL)
        .send()
        .join();
  }

  private void audited(CurrentUser user, String action, ReleaseStore.Row row, String reason) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("service", row.service());
    details.put("change", row.changeId());
    details.put("weight", row.currentWeight());
    if (reason != null) {
      details.put("reasonGiven", true);
    }
    audit.record(
        AuditEvent.of(user.username(), action, ReleaseAuditActions.OBJECT_TYPE, row.id())
            .withProcessInstance(row.processInstanceKey(), row.id())
            .withDetails(details));
  }
}
