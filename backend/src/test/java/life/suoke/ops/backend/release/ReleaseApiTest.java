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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
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
 * The release API on the whole application: bad input is a 400 naming the field and writes
 * nothing (a weight over 100, an unknown target, a query Prometheus rejects), roles are checked on
 * the server, and a release whose analysis fails is undone on its webhook target, ends backed out
 * and opens an incident. Prometheus's query API and the CI tool's webhook are HTTP servers on
 * loopback started by the test (the nginx and Prometheus binaries are {@link ReleaseCanaryIT}'s).
 */
class ReleaseApiTest extends ApplicationTest {

  static HttpServer local;
  static final List<String> hooks = new CopyOnWriteArrayList<>();

  @Autowired TestRestTemplate http;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void localServers() throws Exception {
    local = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    local.createContext("/api/v1/query", exchange -> {
      String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("query=".length()), StandardCharsets.UTF_8);
      int status = 200;
      String body;
      if (query.contains("((")) {
        status = 400;
        body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected left parenthesis\"}";
      } else {
        String value = query.contains("errors") ? "0.4" : query.contains("ratio") ? "0.01" : "1";
        body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1.7e9,\"" + value + "\"]}]}}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    local.createContext("/hook", exchange -> {
      hooks.add(exchange.getRequestHeaders().getFirst("X-Suoke-Event") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    local.start();
    // read at each use by the analysis, so the shared context needs no restart
    System.setProperty("suoke.release.prometheus-url", "http://127.0.0.1:" + local.getAddress().getPort());
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
      return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  private Map<String, Object> release(String service, Object strategy, Object target, String query) {
    return Map.of("service", service, "changeId", "CHG-" + UUID.randomUUID().toString().substring(0, 6),
        "stableVersion", "1.0", "newVersion", "2.0", "strategy", strategy, "target", target,
        "analysis", Map.of("metrics", List.of(Map.of("name", "error-ratio", "query", query,
            "successCondition", "< 0.05", "failureCondition", ">= 0.05")),
            "performance", List.of(Map.of("name", "up", "query", "up{version=\"{{version}}\"}", "successCondition", "== 1"))));
  }

  private Map<String, Object> webhook() {
    return Map.of("type", "webhook", "url", "http://127.0.0.1:" + local.getAddress().getPort() + "/hook");
  }

  private static Map<String, Object> canary(int... weights) {
    return Map.of("type", "canary", "steps", java.util.Arrays.stream(weights).mapToObj(w -> Map.of("setWeight", w)).toList());
  }

  private long releases() {
    return jdbc.queryForObject("SELECT count(*) FROM release", Long.class);
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() throws Exception {
    String manager = user(ReleaseAccess.MANAGERS);
    long before = releases();

    ResponseEntity<String> weight = call(manager, HttpMethod.POST, "/api/releases",
        release("rel-bad", canary(10, 150), webhook(), "rate(x[1m])"));
    assertThat(weight.getStatusCode().value()).isEqualTo(400);
    assertThat(read(weight).toString()).contains("strategy.steps[1].setWeight");

    ResponseEntity<String> target = call(manager, HttpMethod.POST, "/api/releases",
        release("rel-bad", canary(100), Map.of("type", "helm"), "rate(x[1m])"));
    assertThat(target.getStatusCode().value()).isEqualTo(400);
    assertThat(read(target).toString()).contains("target.type");

    ResponseEntity<String> query = call(manager, HttpMethod.POST, "/api/releases",
        release("rel-bad", canary(100), webhook(), "sum((rate(x[1m]))"));
    assertThat(query.getStatusCode().value()).isEqualTo(400);
    assertThat(read(query).toString()).contains("analysis.metrics[0].query").contains("bad_data");

    ResponseEntity<String> unknown = call(manager, HttpMethod.POST, "/api/releases",
        Map.of("service", "rel-bad", "version", "2"));
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(read(unknown).toString()).contains("\"version\"");

    assertThat(releases()).isEqualTo(before);
    assertThat(hooks).noneMatch(h -> h.contains("rel-bad"));
  }

  @Test
  void rolesAreCheckedOnTheServer() throws Exception {
    String outsider = user();
    String auditor = user("auditors");
    String ci = user(ReleaseAccess.CI);
    assertThat(call(outsider, HttpMethod.GET, "/api/releases", null).getStatusCode().value()).isEqualTo(403);
    assertThat(call(outsider, HttpMethod.POST, "/api/releases", release("rel-roles", canary(100), webhook(), "ratio"))
        .getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> created = call(ci, HttpMethod.POST, "/api/releases",
        release("rel-roles", Map.of("type", "canary", "steps", List.of(Map.of("setWeight", 100, "manual", true))), webhook(), "ratio"));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String id = read(created).path("release").path("id").asText();
    assertThat(call(auditor, HttpMethod.GET, "/api/releases/" + id, null).getStatusCode().value()).isEqualTo(200);
    assertThat(call(auditor, HttpMethod.POST, "/api/releases/" + id + "/rollback", null).getStatusCode().value()).isEqualTo(403);
    assertThat(call(ci, HttpMethod.POST, "/api/releases/" + id + "/rollback", null).getStatusCode().value()).isEqualTo(403);

    // the manual step waits for a person; a release manager rolls back through the decision task, audited
    String manager = user(ReleaseAccess.MANAGERS);
    await().atMost(Duration.ofSeconds(60)).until(() -> read(call(manager, HttpMethod.GET, "/api/releases/" + id, null))
        .path("awaitingDecision").asBoolean());
    assertThat(call(manager, HttpMethod.POST, "/api/releases/" + id + "/rollback", Map.of("reason", "not today"))
        .getStatusCode().value()).isEqualTo(200);
    JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
        () -> read(call(manager, HttpMethod.GET, "/api/releases/" + id, null)),
        r -> "backed-out".equals(r.path("release").path("status").asText()));
    assertThat(done.path("events").toString()).contains("rollback-requested").contains(manager);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'release.rollback' AND object_id = ?",
        Long.class, id)).isEqualTo(1);
    assertThat(call(manager, HttpMethod.POST, "/api/releases/" + id + "/pause", null).getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void aFailedAnalysisUndoesTheStepsAndOpensAnIncident() throws Exception {
    String manager = user(ReleaseAccess.MANAGERS);
    ResponseEntity<String> created = call(manager, HttpMethod.POST, "/api/releases",
        release("rel-fail", canary(20, 100), webhook(), "errors{version=\"{{version}}\"}"));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String id = read(created).path("release").path("id").asText();
    JsonNode done = await().atMost(Duration.ofSeconds(90)).until(
        () -> read(call(manager, HttpMethod.GET, "/api/releases/" + id, null)),
        r -> "backed-out".equals(r.path("release").path("status").asText()));
    assertThat(done.path("analyses").findValuesAsText("verdict")).contains("Failed");
    assertThat(done.path("traffic").findValuesAsText("action")).containsExactly("applied", "undone");
    assertThat(done.path("release").path("currentWeight").asInt()).isZero();
    String incident = done.path("release").path("incidentNumber").asText();
    assertThat(jdbc.queryForObject("SELECT service FROM incident WHERE number = ?", String.class, incident)).isEqualTo("rel-fail");
    List<String> events = hooks.stream().filter(h -> h.contains(id)).toList();
    assertThat(events.stream().map(h -> h.substring(0, h.indexOf(' '))).toList())
        .startsWith("prepare", "deploy", "traffic").contains("scale-down").hasSize(5);
    // the undoing (restore, scale down) runs in any order; the last word to the tool is weight 0
    assertThat(events.get(events.size() - 1)).contains("\"weight\":0");
    JsonNode page = read(call(manager, HttpMethod.GET, "/api/releases?service=rel-fail", null));
    assertThat(page.path("items").findValuesAsText("id")).contains(id);
    assertThat(Set.of("promoted", "backed-out")).contains(page.path("items").get(0).path("status").asText());
  }
}
