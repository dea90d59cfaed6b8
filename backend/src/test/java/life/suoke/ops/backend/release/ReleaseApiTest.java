package life.suoke.ops.backend.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.change.ChangeTemplates;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.processes.change.ChangeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The release API on the whole application: bad input is a 400 naming the field and writes nothing
 * (a weight over 100, an unknown target, a query Prometheus rejects), roles are checked on the
 * server, and a release whose analysis fails is undone on its webhook target, ends backed out and
 * opens an incident. Prometheus's query API and the CI tool's webhook are HTTP servers on loopback
 * started by the test (the nginx and Prometheus binaries are {@link ReleaseCanaryIT}'s).
 */
class ReleaseApiTest extends ApplicationTest {

  static HttpServer local;
  static final List<String> hooks = new CopyOnWriteArrayList<>();

  @Autowired TestRestTemplate http;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;
  @Autowired JdbcServiceCatalog catalog;
  @Autowired ChangeTemplates templates;
  final ObjectMapper json = new ObjectMapper();
  static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

  @BeforeAll
  static void localServers() throws Exception {
    local = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    local.createContext(
        "/api/v1/query",
        exchange -> {
          String query =
              URLDecoder.decode(
                  exchange.getRequestURI().getRawQuery().substring("query=".length()),
                  StandardCharsets.UTF_8);
          int status = 200;
          String body;
          if (query.contains("((")) {
            status = 400;
            body =
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected left parenthesis\"}";
          } else {
            String value =
                query.contains("errors") ? "0.4" : query.contains("ratio") ? "0.01" : "1";
            body =
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1.7e9,\""
                    + value
                    + "\"]}]}}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    local.createContext(
        "/hook",
        exchange -> {
          hooks.add(
              exchange.getRequestHeaders().getFirst("X-Suoke-Event")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    local.start();
    // read at each use by the analysis, so the shared context needs no restart
    System.setProperty(
        "suoke.release.prometheus-url", "http://127.0.0.1:" + local.getAddress().getPort());
  }

  @AfterAll
  static void stopServers() {
    System.clearProperty("suoke.release.prometheus-url");
    local.stop(0);
  }

  private String user(String... groups) {
    for (String group : groups) {
      if (!directory.groupExists(group)) {
        try {
          directory.createGroup(group, group);
        } catch (RuntimeException raced) {
          // created meanwhile
        }
      }
    }
    return newUser(directory, "rel", groups);
  }

  private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, PASSWORD);
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      return http.exchange(
          path,
          method,
          new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers),
          String.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  /**
   * A service of the catalog with a standard change template: a release requested from CI without a
   * change opens a standard change from it, booked into a window that opens at once.
   */
  private String service(String prefix) {
    String name = prefix + "-" + RUN;
    String team = name + "-sre";
    if (!directory.groupExists(team)) {
      directory.createGroup(team, team);
      CurrentUser setup = new CurrentUser("release-tests", Set.of("admins", "change-managers"));
      catalog.create(
          new ServiceDefinition(name, name, "core", team, team, team, team, "default", List.of()),
          setup);
      templates.create(
          new ChangeTemplates.TemplateInput(
              name + "-deploy",
              "Deploy " + name,
              "A release of " + name,
              name,
              team,
              60,
              "1. release"),
          setup);
    }
    return name;
  }

  private Map<String, Object> release(
      String service, Object strategy, Object target, String query) {
    return Map.of(
        "service",
        service,
        "stableVersion",
        "1.0",
        "newVersion",
        "2.0",
        "strategy",
        strategy,
        "target",
        target,
        "analysis",
        Map.of(
            "metrics",
            List.of(
                Map.of(
                    "name",
                    "error-ratio",
                    "query",
                    query,
                    "successCondition",
                    "< 0.05",
                    "failureCondition",
                    ">= 0.05")),
            "performance",
            List.of(
                Map.of(
                    "name",
                    "up",
                    "query",
                    "up{version=\"{{version}}\"}",
                    "successCondition",
                    "== 1"))));
  }

  private Map<String, Object> webhook() {
    return Map.of(
        "type", "webhook", "url", "http://127.0.0.1:" + local.getAddress().getPort() + "/hook");
  }

  private static Map<String, Object> canary(int... weights) {
    return Map.of(
        "type",
        "canary",
        "steps",
        java.util.Arrays.stream(weights).mapToObj(w -> Map.of("setWeight", w)).toList());
  }

  private long releases() {
    return jdbc.queryForObject("SELECT count(*) FROM release", Long.class);
  }

  private long changes() {
    return jdbc.queryForObject("SELECT count(*) FROM change_request", Long.class);
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() throws Exception {
    String manager = user(ReleaseAccess.MANAGERS);
    String bad = service("rel-bad");
    long before = releases();
    long changesBefore = changes();

    ResponseEntity<String> weight =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(bad, canary(10, 150), webhook(), "rate(x[1m])"));
    assertThat(weight.getStatusCode().value()).isEqualTo(400);
    assertThat(read(weight).toString()).contains("strategy.steps[1].setWeight");

    ResponseEntity<String> target =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(bad, canary(100), Map.of("type", "helm"), "rate(x[1m])"));
    assertThat(target.getStatusCode().value()).isEqualTo(400);
    assertThat(read(target).toString()).contains("target.type");

    ResponseEntity<String> query =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(bad, canary(100), webhook(), "sum((rate(x[1m]))"));
    assertThat(query.getStatusCode().value()).isEqualTo(400);
    assertThat(read(query).toString()).contains("analysis.metrics[0].query").contains("bad_data");

    ResponseEntity<String> unknown =
        call(manager, HttpMethod.POST, "/api/releases", Map.of("service", bad, "version", "2"));
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(read(unknown).toString()).contains("\"version\"");

    // a change that does not exist, or is of another service
    Map<String, Object> named =
        new java.util.HashMap<>(release(bad, canary(100), webhook(), "ratio"));
    named.put("changeId", "CHG-2026-99999");
    ResponseEntity<String> missing = call(manager, HttpMethod.POST, "/api/releases", named);
    assertThat(missing.getStatusCode().value()).isEqualTo(400);
    assertThat(read(missing).toString())
        .contains("\"changeId\"")
        .contains("no change CHG-2026-99999");

    // a service without a standard template: no change can be opened for the release
    ResponseEntity<String> noTemplate =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release("rel-no-template", canary(100), webhook(), "ratio"));
    assertThat(noTemplate.getStatusCode().value()).isEqualTo(400);
    assertThat(read(noTemplate).toString()).contains("\"changeId\"");

    assertThat(releases()).isEqualTo(before);
    assertThat(changes()).isEqualTo(changesBefore);
    assertThat(hooks).noneMatch(h -> h.contains(bad));
  }

  @Test
  void rolesAreCheckedOnTheServer() throws Exception {
    String outsider = user();
    String auditor = user("auditors");
    String ci = user(ReleaseAccess.CI);
    assertThat(call(outsider, HttpMethod.GET, "/api/releases", null).getStatusCode().value())
        .isEqualTo(403);
    assertThat(
            call(
                    outsider,
                    HttpMethod.POST,
                    "/api/releases",
                    release(service("rel-roles"), canary(100), webhook(), "ratio"))
                .getStatusCode()
                .value())
        .isEqualTo(403);
    ResponseEntity<String> created =
        call(
            ci,
            HttpMethod.POST,
            "/api/releases",
            release(
                service("rel-roles"),
                Map.of(
                    "type", "canary", "steps", List.of(Map.of("setWeight", 100, "manual", true))),
                webhook(),
                "ratio"));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String id = read(created).path("release").path("id").asText();
    assertThat(call(auditor, HttpMethod.GET, "/api/releases/" + id, null).getStatusCode().value())
        .isEqualTo(200);
    assertThat(
            call(auditor, HttpMethod.POST, "/api/releases/" + id + "/rollback", null)
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(
            call(ci, HttpMethod.POST, "/api/releases/" + id + "/rollback", null)
                .getStatusCode()
                .value())
        .isEqualTo(403);

    // the manual step waits for a person; a release manager rolls back through the decision task,
    // audited
    String manager = user(ReleaseAccess.MANAGERS);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                read(call(manager, HttpMethod.GET, "/api/releases/" + id, null))
                    .path("awaitingDecision")
                    .asBoolean());
    assertThat(
            call(
                    manager,
                    HttpMethod.POST,
                    "/api/releases/" + id + "/rollback",
                    Map.of("reason", "not today"))
                .getStatusCode()
                .value())
        .isEqualTo(200);
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> read(call(manager, HttpMethod.GET, "/api/releases/" + id, null)),
                r -> "backed-out".equals(r.path("release").path("status").asText()));
    assertThat(done.path("events").toString()).contains("rollback-requested").contains(manager);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = 'release.rollback' AND object_id = ?",
                Long.class,
                id))
        .isEqualTo(1);
    assertThat(
            call(manager, HttpMethod.POST, "/api/releases/" + id + "/pause", null)
                .getStatusCode()
                .value())
        .isEqualTo(409);
  }

  @Test
  void aFailedAnalysisUndoesTheStepsAndOpensAnIncident() throws Exception {
    String manager = user(ReleaseAccess.MANAGERS);
    String service = service("rel-fail");
    ResponseEntity<String> created =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(service, canary(20, 100), webhook(), "errors{version=\"{{version}}\"}"));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String id = read(created).path("release").path("id").asText();
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> read(call(manager, HttpMethod.GET, "/api/releases/" + id, null)),
                r -> "backed-out".equals(r.path("release").path("status").asText()));
    assertThat(done.path("analyses").findValuesAsText("verdict")).contains("Failed");
    assertThat(done.path("traffic").findValuesAsText("action"))
        .containsExactly("applied", "undone");
    assertThat(done.path("release").path("currentWeight").asInt()).isZero();
    String incident = done.path("release").path("incidentNumber").asText();
    assertThat(
            jdbc.queryForObject(
                "SELECT service FROM incident WHERE number = ?", String.class, incident))
        .isEqualTo(service);
    List<String> events = hooks.stream().filter(h -> h.contains(id)).toList();
    assertThat(events.stream().map(h -> h.substring(0, h.indexOf(' '))).toList())
        .startsWith("prepare", "deploy", "traffic")
        .contains("scale-down")
        .hasSize(5);
    // the undoing (restore, scale down) runs in any order; the last word to the tool is weight 0
    assertThat(events.get(events.size() - 1)).contains("\"weight\":0");
    // the change closes backed out, with the incident counted against it and the verdicts on its
    // timeline
    String change = done.path("release").path("changeId").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForMap(
                            "SELECT status, close_code FROM change_request WHERE number = ?",
                            change))
                    .containsEntry("status", "closed")
                    .containsEntry("close_code", "backed-out"));
    assertThat(
            jdbc.queryForList(
                "SELECT incident_number FROM change_caused_incident WHERE change_number = ?",
                String.class,
                change))
        .containsExactly(incident);
    assertThat(
            jdbc.queryForList(
                "SELECT kind FROM change_event WHERE change_number = ? ORDER BY at, id",
                String.class,
                change))
        .containsSubsequence(
            "requested",
            "scheduled",
            "release-started",
            "release-verdict",
            "release-ended",
            "closed");
    JsonNode page = read(call(manager, HttpMethod.GET, "/api/releases?service=" + service, null));
    assertThat(page.path("items").findValuesAsText("id")).contains(id);
    assertThat(Set.of("promoted", "backed-out"))
        .contains(page.path("items").get(0).path("status").asText());
  }

  @Test
  void aPromotedReleaseEndsTheImplementationAndTheChangeWaitsForVerification() throws Exception {
    String manager = user(ReleaseAccess.MANAGERS);
    String service = service("rel-ok");
    ResponseEntity<String> created =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(service, canary(50, 100), webhook(), "ratio"));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    JsonNode release = read(created).path("release");
    String id = release.path("id").asText();
    String change = release.path("changeId").asText();
    assertThat(
            jdbc.queryForObject(
                "SELECT change_type FROM change_request WHERE number = ?", String.class, change))
        .isEqualTo("standard");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                read(call(manager, HttpMethod.GET, "/api/releases/" + id, null))
                    .path("release")
                    .path("status")
                    .asText(),
            "promoted"::equals);
    // the implementation ended with the release: the change's next task is its verification
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "SELECT kind FROM change_event WHERE change_number = ? ORDER BY at, id",
                            String.class,
                            change))
                    .contains("release-started", "release-ended"));
    assertThat(
            jdbc.queryForList(
                "SELECT summary FROM change_event WHERE change_number = ? AND kind = 'release-verdict'",
                String.class,
                change))
        .hasSize(3)
        .allMatch(v -> v.endsWith("Successful"));
    String changeManager = user("change-managers");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        read(call(changeManager, HttpMethod.GET, "/api/changes/" + change, null))
                            .path("openTasks")
                            .findValuesAsText("elementId"))
                    .containsExactly(ChangeProcess.VERIFY_TASK));
  }

  @Test
  void anOpenMajorIncidentRefusesNewReleasesAndPausesRunningOnes() throws Exception {
    String manager = user(ReleaseAccess.MANAGERS);
    String service = service("rel-freeze");
    // a release that waits at its first step for five minutes
    ResponseEntity<String> created =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(
                service,
                Map.of(
                    "type",
                    "canary",
                    "steps",
                    List.of(Map.of("setWeight", 10, "pause", "PT5M"), Map.of("setWeight", 100))),
                webhook(),
                "ratio"));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String running = read(created).path("release").path("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                read(call(manager, HttpMethod.GET, "/api/releases/" + running, null))
                    .path("release")
                    .path("currentWeight")
                    .asInt(),
            w -> w == 10);

    // a critical report on the service: the incident process classifies it P1 or P0
    String reporter = user();
    ResponseEntity<String> reported =
        call(
            reporter,
            HttpMethod.POST,
            "/api/incidents",
            Map.of(
                "title",
                "Checkout fails for everyone",
                "service",
                service,
                "severity",
                "critical",
                "affectedUsers",
                5000,
                "dataOrSafetyImpact",
                false));
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    String incident = read(reported).path("number").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.queryForObject(
                    "SELECT priority FROM incident WHERE number = ?", String.class, incident),
            p -> "P0".equals(p) || "P1".equals(p));

    JsonNode paused =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> read(call(manager, HttpMethod.GET, "/api/releases/" + running, null)),
                r ->
                    "paused".equals(r.path("release").path("status").asText())
                        && r.path("awaitingDecision").asBoolean());
    assertThat(paused.path("events").toString()).contains("frozen by incident " + incident);
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM audit_event WHERE action = 'release.pause' AND object_id = ?",
                String.class,
                running))
        .isEqualTo("system");

    // a new release on the frozen service is refused at its plan, with the reason
    ResponseEntity<String> second =
        call(
            manager,
            HttpMethod.POST,
            "/api/releases",
            release(service, canary(100), webhook(), "ratio"));
    assertThat(second.getStatusCode().value()).as(second.getBody()).isEqualTo(201);
    String refused = read(second).path("release").path("id").asText();
    JsonNode ended =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> read(call(manager, HttpMethod.GET, "/api/releases/" + refused, null)),
                r -> "refused".equals(r.path("release").path("status").asText()));
    assertThat(ended.path("events").toString()).contains("frozen by incident " + incident);
    assertThat(ended.path("traffic").size()).isZero();

    // the release manager decides: the paused release rolls back
    assertThat(
            call(
                    manager,
                    HttpMethod.POST,
                    "/api/releases/" + running + "/rollback",
                    Map.of("reason", "incident"))
                .getStatusCode()
                .value())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                read(call(manager, HttpMethod.GET, "/api/releases/" + running, null))
                    .path("release")
                    .path("status")
                    .asText(),
            "backed-out"::equals);
  }
}
