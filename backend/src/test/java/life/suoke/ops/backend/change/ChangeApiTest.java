package life.suoke.ops.backend.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.incident.IncidentFinishedEvent;
import life.suoke.ops.processes.change.ChangeProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Change management through the API with the real processes, workers, engine and database: a normal
 * medium-risk change from request to close (a blackout refused first), templates and standard
 * changes, the freeze by a P1 incident, conflicts of dependent services, the KPIs, bad input
 * refused with nothing written, and who may do what.
 */
class ChangeApiTest extends ApplicationTest {

  static final String PASSWORD = "Change-test-password-1";
  static final AtomicInteger NAMES = new AtomicInteger();
  static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

  @Autowired TestRestTemplate http;
  @Autowired UserDirectory directory;
  @Autowired JdbcServiceCatalog catalog;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaClient client;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired MeterRegistry registry;

  String service;
  String dependent;
  String owners;
  String implementers;
  String requester;
  String owner;
  String implementer;
  String manager;
  String auditor;

  static String unique(String prefix) {
    return prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
  }

  String group(String prefix) {
    String name = unique(prefix);
    directory.createGroup(name, name);
    return name;
  }

  String user(String prefix, String... groups) {
    String name = unique(prefix);
    directory.createUser(
        new UserAccount(name, prefix, null, null, null, Set.of(groups), Set.of(), true), PASSWORD);
    return name;
  }

  String newService(String serviceClass) {
    String name = unique("chg-svc");
    catalog.create(
        new ServiceDefinition(
            name,
            name,
            serviceClass,
            owners,
            implementers,
            implementers,
            implementers,
            "default",
            List.of()),
        new CurrentUser("change-tests", Set.of("admins")));
    return name;
  }

  @BeforeEach
  void people() {
    owners = group("chg-owners");
    implementers = group("chg-sre");
    service = newService("core");
    dependent = newService("agent");
    jdbc.update(
        "INSERT INTO service_dependency (service, depends_on) VALUES (?, ?)", dependent, service);
    requester = user("chg-requester");
    owner = user("chg-owner", owners);
    implementer = user("chg-implementer", implementers);
    manager = user("chg-manager", "change-managers");
    auditor = user("chg-auditor", "auditors");
  }

  // ---- HTTP

  ResponseEntity<JsonNode> call(HttpMethod method, String user, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  JsonNode ok(HttpMethod method, String user, String path, Object body, int status) {
    ResponseEntity<JsonNode> response = call(method, user, path, body);
    assertThat(response.getStatusCode().value())
        .as("%s %s: %s", method, path, response.getBody())
        .isEqualTo(status);
    return response.getBody();
  }

  static List<String> fields(JsonNode problem) {
    List<String> fields = new java.util.ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  long changes() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM change_request", Long.class);
    return n == null ? 0 : n;
  }

  /** The open task of the change at the element, once it is there. */
  long task(String number, String elementId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode detail = ok(HttpMethod.GET, manager, "/api/changes/" + number, null, 200);
              for (JsonNode task : detail.path("openTasks")) {
                if (elementId.equals(task.path("elementId").asText())) {
                  return task.path("key").asLong();
                }
              }
              return 0L;
            },
            key -> key > 0);
  }

  void complete(String user, long task, Map<String, Object> variables) {
    ok(
        HttpMethod.POST,
        user,
        "/api/tasks/" + task + "/complete",
        Map.of("variables", variables),
        204);
  }

  String status(String number) {
    return jdbc.queryForObject(
        "SELECT status FROM change_request WHERE number = ?", String.class, number);
  }

  void awaitStatus(String number, String status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(status(number)).isEqualTo(status));
  }

  String normalChange(String on) {
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    JsonNode created =
        ok(
            HttpMethod.POST,
            requester,
            "/api/changes",
            map(
                "type",
                "normal",
                "title",
                "Upgrade the payment SDK",
                "service",
                on,
                "implementerGroup",
                implementers,
                "plannedStart",
                start.toString(),
                "plannedEnd",
                start.plus(Duration.ofHours(2)).toString()),
            201);
    return created.path("number").asText();
  }

  // ---- the whole path

  @Test
  void
      aNormalMediumRiskChangeIsApprovedByTheServiceOwnerScheduledOutsideABlackoutImplementedAndClosed() {
    String number = normalChange(service);
    assertThat(number).matches("CHG-\\d{4}-\\d{5}");
    complete(
        requester,
        task(number, ChangeProcess.ASSESS_TASK),
        map(
            "affectedUsers",
            200,
            "downtimeRequired",
            false,
            "rollbackTested",
            true,
            "rollbackPlan",
            "pin the previous SDK",
            "testEvidence",
            "staging run 77",
            "affectedServices",
            ""));
    long approval = task(number, ChangeProcess.SERVICE_OWNER_APPROVAL);
    assertThat(
            call(
                    HttpMethod.POST,
                    implementer,
                    "/api/tasks/" + approval + "/complete",
                    Map.of("variables", Map.of("approval", "approved")))
                .getStatusCode()
                .value())
        .as("only the service owner group approves a medium-risk change")
        .isEqualTo(403);
    complete(owner, approval, map("approval", "approved", "approvalComment", "fine"));
    awaitStatus(number, "approved");

    // a blackout on the service: scheduling into it is refused, nothing written
    Instant blackoutStart = Instant.now().plus(Duration.ofHours(1));
    ok(
        HttpMethod.POST,
        manager,
        "/api/changes/calendar/windows",
        map(
            "kind",
            "blackout",
            "service",
            service,
            "title",
            "Double 11 freeze",
            "start",
            blackoutStart.toString(),
            "end",
            blackoutStart.plus(Duration.ofHours(4)).toString()),
        201);
    task(number, ChangeProcess.SCHEDULE_TASK);
    JsonNode refused =
        ok(
            HttpMethod.POST,
            implementer,
            "/api/changes/" + number + "/schedule",
            map(
                "windowStart",
                blackoutStart.plus(Duration.ofHours(1)).toString(),
                "windowEnd",
                blackoutStart.plus(Duration.ofHours(2)).toString()),
            400);
    assertThat(fields(refused)).containsExactly("windowStart");
    assertThat(refused.path("detail").asText()).contains("blackout");
    assertThat(status(number)).isEqualTo("approved");
    assertThat(
            jdbc.queryForObject(
                "SELECT window_start FROM change_request WHERE number = ?", Instant.class, number))
        .isNull();
    JsonNode past =
        ok(
            HttpMethod.POST,
            implementer,
            "/api/changes/" + number + "/schedule",
            map(
                "windowStart",
                Instant.now().minus(Duration.ofHours(2)).toString(),
                "windowEnd",
                Instant.now().plus(Duration.ofHours(1)).toString()),
            400);
    assertThat(fields(past)).containsExactly("windowStart");

    Instant windowStart = Instant.now().plusSeconds(3);
    JsonNode scheduled =
        ok(
            HttpMethod.POST,
            implementer,
            "/api/changes/" + number + "/schedule",
            map(
                "windowStart",
                windowStart.toString(),
                "windowEnd",
                windowStart.plus(Duration.ofMinutes(50)).toString()),
            200);
    assertThat(scheduled.path("conflicts").isArray()).isTrue();
    complete(
        implementer,
        task(number, ChangeProcess.IMPLEMENT_TASK),
        map("implementationNotes", "rolled out"));
    awaitStatus(number, "implementing");
    complete(implementer, task(number, ChangeProcess.VERIFY_TASK), map("closeCode", "successful"));
    awaitStatus(number, "closed");

    JsonNode detail = ok(HttpMethod.GET, auditor, "/api/changes/" + number, null, 200);
    assertThat(detail.path("change").path("closeCode").asText()).isEqualTo("successful");
    assertThat(detail.path("change").path("risk").asText()).isEqualTo("medium");
    assertThat(detail.path("change").path("assessment").path("rollbackPlan").asText())
        .isEqualTo("pin the previous SDK");
    assertThat(detail.path("approvals").get(0).path("level").asText()).isEqualTo("service-owner");
    assertThat(detail.path("approvals").get(0).path("approver").asText()).isEqualTo(owner);
    List<String> kinds = new java.util.ArrayList<>();
    detail.path("timeline").forEach(e -> kinds.add(e.path("kind").asText()));
    assertThat(kinds)
        .containsSubsequence("requested", "approved", "scheduled", "implementing", "closed");
    assertThat(detail.path("actions").size()).as("auditors may do nothing").isZero();
    List<String> audited =
        jdbc.queryForList(
            "SELECT action FROM audit_event WHERE object_id = ? ORDER BY seq",
            String.class,
            number);
    assertThat(audited).contains("change.request", "change.schedule");
    Integer taskCompletions =
        jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE action = 'task.complete'" + " AND actor = ?",
            Integer.class,
            owner);
    assertThat(taskCompletions).isPositive();

    JsonNode kpi = ok(HttpMethod.GET, auditor, "/api/changes/kpi", null, 200);
    assertThat(kpi.path("closed").asInt()).isPositive();
    assertThat(kpi.path("successful").asInt()).isPositive();
    assertThat(registry.find("suoke.change.success.rate").gauge()).isNotNull();
    int before = kpi.path("score").asInt();
    String incident = openIncident(service, "P2");
    ok(
        HttpMethod.POST,
        requester,
        "/api/changes/" + number + "/caused-incidents",
        map("incidentNumber", incident),
        403);
    ok(
        HttpMethod.POST,
        manager,
        "/api/changes/" + number + "/caused-incidents",
        map("incidentNumber", incident),
        204);
    assertThat(ok(HttpMethod.GET, auditor, "/api/changes/kpi", null, 200).path("score").asInt())
        .isEqualTo(before - 5);
    jdbc.update("UPDATE incident SET status = 'closed' WHERE number = ?", incident);
  }

  String openIncident(String on, String priority) {
    String number =
        "INC-20261204-" + (1000 + NAMES.incrementAndGet() + (int) (System.nanoTime() % 8000));
    jdbc.update(
        "INSERT INTO incident (number, title, service, service_class, severity, priority, status, source,"
            + " tier1_group, tier2_group, tier3_group, manager_group, calendar_id, detected_at)"
            + " VALUES (?, 'Payments fail', ?, 'core', 'critical', ?, 'triaged', 'report', ?, ?, ?, ?, 'default', now())",
        number,
        on,
        priority,
        implementers,
        implementers,
        implementers,
        owners);
    return number;
  }

  // ---- templates and standard changes

  @Test
  void changeManagersVersionTemplatesAndAStandardChangeSkipsAssessmentAndApproval() {
    String key = unique("rotate-cert");
    Map<String, Object> template =
        map(
            "key",
            key,
            "title",
            "Rotate the TLS certificate",
            "service",
            service,
            "implementerGroup",
            implementers,
            "durationMinutes",
            30,
            "steps",
            "1. issue 2. deploy");
    ok(HttpMethod.POST, requester, "/api/changes/templates", template, 403);
    JsonNode v1 = ok(HttpMethod.POST, manager, "/api/changes/templates", template, 201);
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    template.put("durationMinutes", 45);
    JsonNode v2 = ok(HttpMethod.PUT, manager, "/api/changes/templates/" + key, template, 200);
    assertThat(v2.path("version").asInt()).isEqualTo(2);
    assertThat(ok(HttpMethod.GET, auditor, "/api/changes/templates/" + key, null, 200).size())
        .isEqualTo(2);

    Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    JsonNode change =
        ok(
            HttpMethod.POST,
            requester,
            "/api/changes",
            map("type", "standard", "templateKey", key, "plannedStart", start.toString()),
            201);
    String number = change.path("number").asText();
    assertThat(change.path("templateVersion").asInt()).isEqualTo(2);
    assertThat(change.path("risk").asText()).isEqualTo("low");
    assertThat(change.path("plannedEnd").asText())
        .isEqualTo(start.plus(Duration.ofMinutes(45)).toString());
    long schedule = task(number, ChangeProcess.SCHEDULE_TASK);
    assertThat(schedule).isPositive();
    assertThat(
            jdbc.queryForList(
                "SELECT kind FROM change_event WHERE change_number = ?", String.class, number))
        .doesNotContain("approved");

    ok(HttpMethod.POST, manager, "/api/changes/templates/" + key + "/retire", null, 200);
    JsonNode retired =
        ok(
            HttpMethod.POST,
            requester,
            "/api/changes",
            map("type", "standard", "templateKey", key),
            400);
    assertThat(fields(retired)).containsExactly("templateKey");
  }

  // ---- freeze

  @Test
  void anOpenP1IncidentFreezesAChangeOnItsServiceUntilItFinishes() {
    String key = unique("restart");
    ok(
        HttpMethod.POST,
        manager,
        "/api/changes/templates",
        map(
            "key",
            key,
            "title",
            "Restart the gateway",
            "service",
            service,
            "implementerGroup",
            implementers,
            "durationMinutes",
            15),
        201);
    String number =
        ok(
                HttpMethod.POST,
                requester,
                "/api/changes",
                map("type", "standard", "templateKey", key),
                201)
            .path("number")
            .asText();
    String incident = openIncident(service, "P1");

    // an emergency change fixing that incident is not frozen
    JsonNode emergency =
        ok(
            HttpMethod.POST,
            requester,
            "/api/changes",
            map("type", "emergency", "incidentNumber", incident, "title", "Roll back the gateway"),
            201);
    assertThat(emergency.path("service").asText()).isEqualTo(service);

    Instant windowStart = Instant.now().plusSeconds(2);
    task(number, ChangeProcess.SCHEDULE_TASK);
    ok(
        HttpMethod.POST,
        implementer,
        "/api/changes/" + number + "/schedule",
        map(
            "windowStart",
            windowStart.toString(),
            "windowEnd",
            windowStart.plus(Duration.ofHours(1)).toString()),
        200);
    awaitStatus(number, "frozen");
    assertThat(
            ok(HttpMethod.GET, manager, "/api/changes/" + number, null, 200)
                .path("openTasks")
                .size())
        .isZero();

    jdbc.update(
        "UPDATE incident SET status = 'closed', closed_at = now() WHERE number = ?", incident);
    publisher.publishEvent(new IncidentFinishedEvent(incident, service, "P1", "closed"));
    awaitStatus(number, "implementing");
    assertThat(task(number, ChangeProcess.IMPLEMENT_TASK)).isPositive();
  }

  // ---- conflicts

  @Test
  void overlappingWindowsOnDependentServicesAreConflicts() {
    Instant start = Instant.now().plus(Duration.ofDays(3));
    String first = normalChange(service);
    String second = normalChange(dependent);
    jdbc.update(
        "UPDATE change_request SET status = 'scheduled', window_start = ?, window_end = ? WHERE number = ?",
        java.sql.Timestamp.from(start),
        java.sql.Timestamp.from(start.plus(Duration.ofHours(2))),
        first);
    jdbc.update(
        "UPDATE change_request SET status = 'scheduled', window_start = ?, window_end = ? WHERE number = ?",
        java.sql.Timestamp.from(start.plus(Duration.ofHours(1))),
        java.sql.Timestamp.from(start.plus(Duration.ofHours(3))),
        second);
    JsonNode view =
        ok(
            HttpMethod.GET,
            auditor,
            "/api/changes/calendar?from="
                + start.minus(Duration.ofDays(1))
                + "&to="
                + start.plus(Duration.ofDays(1))
                + "&service="
                + service,
            null,
            200);
    assertThat(view.path("changes").toString()).contains(first);
    JsonNode conflicts =
        ok(
            HttpMethod.GET,
            auditor,
            "/api/changes/calendar/conflicts?service="
                + service
                + "&start="
                + start
                + "&end="
                + start.plus(Duration.ofHours(2))
                + "&change="
                + first,
            null,
            200);
    assertThat(conflicts.toString()).contains(second, "dependent services");
    JsonNode detail = ok(HttpMethod.GET, requester, "/api/changes/" + second, null, 200);
    assertThat(detail.path("conflicts").toString()).contains(first);
    cancel(first);
    cancel(second);
  }

  void cancel(String number) {
    Long key =
        jdbc.queryForObject(
            "SELECT process_instance_key FROM change_request WHERE number = ?", Long.class, number);
    client.newCancelInstanceCommand(key).send().join();
    jdbc.update("UPDATE change_request SET status = 'cancelled' WHERE number = ?", number);
  }

  // ---- bad input and roles

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    long before = changes();
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    requester,
                    "/api/changes",
                    map("type", "standard", "templateKey", "no-such"),
                    400)))
        .containsExactly("templateKey");
    assertThat(fields(ok(HttpMethod.POST, requester, "/api/changes", map("type", "sideways"), 400)))
        .containsExactly("type");
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    requester,
                    "/api/changes",
                    map(
                        "type",
                        "normal",
                        "title",
                        "x",
                        "service",
                        service,
                        "plannedStart",
                        Instant.now().minus(Duration.ofDays(1)).toString(),
                        "plannedEnd",
                        Instant.now().plus(Duration.ofDays(1)).toString()),
                    400)))
        .containsExactly("plannedStart");
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    requester,
                    "/api/changes",
                    map(
                        "type",
                        "normal",
                        "title",
                        "x",
                        "service",
                        "nowhere",
                        "plannedStart",
                        Instant.now().plus(Duration.ofDays(1)).toString(),
                        "plannedEnd",
                        Instant.now().plus(Duration.ofDays(2)).toString()),
                    400)))
        .contains("service");
    String p3 = openIncident(service, "P3");
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    requester,
                    "/api/changes",
                    map("type", "emergency", "incidentNumber", p3, "title", "fix"),
                    400)))
        .containsExactly("incidentNumber");
    jdbc.update("UPDATE incident SET status = 'closed' WHERE number = ?", p3);
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    requester,
                    "/api/changes",
                    map(
                        "type",
                        "normal",
                        "title",
                        "x",
                        "service",
                        service,
                        "plannedStart",
                        "tomorrow"),
                    400)))
        .containsExactly("plannedStart");
    assertThat(changes()).isEqualTo(before);
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    manager,
                    "/api/changes/calendar/windows",
                    map(
                        "kind",
                        "blackout",
                        "service",
                        service,
                        "title",
                        "old",
                        "start",
                        Instant.now().minus(Duration.ofDays(2)).toString(),
                        "end",
                        Instant.now().minus(Duration.ofDays(1)).toString()),
                    400)))
        .containsExactly("end");
    assertThat(fields(ok(HttpMethod.GET, requester, "/api/changes?status=sideways", null, 400)))
        .containsExactly("status");
    ok(HttpMethod.GET, requester, "/api/changes/CHG-2026-99999", null, 404);
  }

  @Test
  void auditorsReadAndChangeNothingAndOnlyChangeManagersKeepTheCalendar() {
    ok(
        HttpMethod.POST,
        auditor,
        "/api/changes",
        map("type", "normal", "title", "x", "service", service),
        403);
    ok(
        HttpMethod.POST,
        auditor,
        "/api/changes/calendar/windows",
        map("kind", "maintenance", "title", "x"),
        403);
    ok(
        HttpMethod.POST,
        requester,
        "/api/changes/calendar/windows",
        map("kind", "maintenance", "title", "x"),
        403);
    ok(HttpMethod.GET, auditor, "/api/changes", null, 200);
    ok(HttpMethod.GET, auditor, "/api/changes/templates", null, 200);
    String number = normalChange(service);
    ok(
        HttpMethod.POST,
        auditor,
        "/api/changes/" + number + "/information-requests",
        map("requestedFrom", implementers, "question", "why?"),
        403);
    ok(
        HttpMethod.POST,
        requester,
        "/api/changes/" + number + "/release-ended",
        map("outcome", "successful"),
        403);
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    manager,
                    "/api/changes/" + number + "/release-ended",
                    map("outcome", "maybe"),
                    400)))
        .containsExactly("outcome");
    assertThat(
            fields(
                ok(
                    HttpMethod.POST,
                    requester,
                    "/api/changes/" + number + "/information-requests",
                    map("requestedFrom", "no-such-group", "question", ""),
                    400)))
        .containsExactly("requestedFrom", "question");
    task(number, ChangeProcess.ASSESS_TASK);
    ok(
        HttpMethod.POST,
        requester,
        "/api/changes/" + number + "/information-requests",
        map("requestedFrom", implementers, "question", "Which pods restart?"),
        202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f -> f.elementId("AnswerInformationRequest").state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .map(UserTask::getCandidateGroups)
                    .anyMatch(g -> g != null && g.contains(implementers)));
    cancel(number);
  }
}
