package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /api/audit}: search (from the search index) by every filter, Chinese free text included;
 * CSV export; verification; auditors and administrators only; bad parameters named.
 */
class AuditApiTest extends ApplicationTest {

  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String PASSWORD = "audit-test-password-1";

  @Autowired TestRestTemplate http;
  @Autowired UserDirectory users;
  @Autowired AuditTrail audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired co.elastic.clients.elasticsearch.ElasticsearchClient search;

  String auditor;
  String admin;
  String responder;
  String actor;

  @BeforeEach
  void usersAndEvents() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    auditor = user("auditor-" + suffix, "auditors");
    admin = user("admin-" + suffix, "admins");
    responder = user("responder-" + suffix, "tier1-oncall");
    actor = "actor-" + suffix;
  }

  @Test
  void auditorsFindRowsByEveryFilterNewestFirst() {
    Instant start = Instant.now();
    audit.record(
        AuditEvent.of(actor, AuditActions.TASK_CLAIM, "task", "501")
            .withProcessInstance(9001L, "INC-" + actor)
            .withTask(501L)
            .withDetail("note", "数据库故障, 主库切换"));
    audit.record(
        AuditEvent.of(actor, AuditActions.TASK_COMPLETE, "task", "501")
            .withProcessInstance(9001L, "INC-" + actor)
            .withTask(501L)
            .withDetail("note", "disk full on db-7"));
    audit.record(
        AuditEvent.of(actor, AuditActions.USER_UPDATE, "user", "someone")
            .withDetail("enabled", false));
    Instant end = Instant.now().plusMillis(1);
    JsonNode all =
        await()
            .atMost(PATIENCE)
            .until(() -> search(auditor, "actor=" + actor), r -> r.path("total").asLong() == 3);

    List<Long> seqs = new ArrayList<>();
    all.path("items").forEach(item -> seqs.add(item.path("seq").asLong()));
    assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    JsonNode newest = all.path("items").get(0);
    assertThat(newest.path("action").asText()).isEqualTo(AuditActions.USER_UPDATE);
    assertThat(newest.path("details").path("enabled").asBoolean(true)).isFalse();
    JsonNode claim = all.path("items").get(2);
    assertThat(claim.path("actor").asText()).isEqualTo(actor);
    assertThat(claim.path("objectType").asText()).isEqualTo("task");
    assertThat(claim.path("objectId").asText()).isEqualTo("501");
    assertThat(claim.path("processInstanceKey").asLong()).isEqualTo(9001L);
    assertThat(claim.path("businessKey").asText()).isEqualTo("INC-" + actor);
    assertThat(claim.path("taskKey").asLong()).isEqualTo(501L);
    assertThat(java.time.Instant.parse(claim.path("occurredAt").asText())).isBetween(start, end);
    assertThat(claim.path("details").path("note").asText()).isEqualTo("数据库故障, 主库切换");

    assertThat(total(search(auditor, "actor=" + actor + "&action=" + AuditActions.TASK_COMPLETE)))
        .isEqualTo(1);
    assertThat(total(search(auditor, "actor=" + actor + "&businessKey=INC-" + actor))).isEqualTo(2);
    assertThat(total(search(auditor, "actor=" + actor + "&processInstanceKey=9001"))).isEqualTo(2);
    assertThat(total(search(auditor, "actor=" + actor + "&taskKey=501"))).isEqualTo(2);
    assertThat(total(search(auditor, "actor=" + actor + "&from=" + start + "&to=" + end)))
        .isEqualTo(3);
    assertThat(total(search(auditor, "actor=" + actor + "&to=" + start))).isZero();
    // free text, Chinese included, over details, object and actor
    JsonNode chinese = search(auditor, "q=数据库故障&actor=" + actor);
    assertThat(total(chinese)).isEqualTo(1);
    assertThat(chinese.path("items").get(0).path("action").asText())
        .isEqualTo(AuditActions.TASK_CLAIM);
    assertThat(total(search(auditor, "q=主库切换"))).isGreaterThanOrEqualTo(1);
    assertThat(total(search(auditor, "q=故障数据库&actor=" + actor))).isZero();
    assertThat(total(search(auditor, "q=disk db-7&actor=" + actor))).isEqualTo(1);
    assertThat(total(search(auditor, "q=" + actor))).isGreaterThanOrEqualTo(3);
    // pages
    JsonNode second = search(auditor, "actor=" + actor + "&size=2&page=1");
    assertThat(second.path("total").asLong()).isEqualTo(3);
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("seq").asLong()).isEqualTo(seqs.get(2));

    // administrators may search as well; the searches themselves are in the trail
    assertThat(total(search(admin, "actor=" + actor))).isEqualTo(3);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ? AND action = ?",
                Long.class,
                auditor,
                AuditActions.AUDIT_SEARCH))
        .isGreaterThanOrEqualTo(10);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_event WHERE actor = ? AND action = ? ORDER BY seq DESC LIMIT 1",
                String.class,
                admin,
                AuditActions.AUDIT_SEARCH))
        .contains("\"actor\":\"" + actor + "\"");
  }

  @Test
  void theExportIsACsvWithBomHeaderAndQuoting() {
    audit.record(
        AuditEvent.of(actor, AuditActions.CONFIGURATION_CHANGE, "setting", "sla, tier-1")
            .withDetail("comment", "改为 \"30 分钟\""));
    audit.record(
        AuditEvent.of(actor, AuditActions.CONFIGURATION_CHANGE, "setting", "plain")
            .withDetail("n", 2));

    ResponseEntity<byte[]> response =
        http.withBasicAuth(auditor, PASSWORD)
            .getForEntity("/api/audit/export?actor={a}", byte[].class, actor);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString())
        .isEqualToIgnoringCase("text/csv;charset=UTF-8");
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .matches("attachment; filename=\"audit-.*\\.csv\"");
    byte[] body = response.getBody();
    assertThat(body).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo(AuditCsvExport.HEADER);
    // newest first; quoted where RFC 4180 asks
    assertThat(lines[1])
        .contains("," + actor + ",configuration.change,setting,plain,,,,\"{\"\"n\"\":2}\",");
    assertThat(lines[2])
        .contains(
            ",setting,\"sla, tier-1\",,,,\"{\"\"comment\"\":\"\"改为 \\\"\"30 分钟\\\"\"\"\"}\",");
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_event WHERE actor = ? AND action = ? ORDER BY seq DESC LIMIT 1",
                String.class,
                auditor,
                AuditActions.AUDIT_EXPORT))
        .isEqualTo("{\"actor\":\"" + actor + "\"}");
  }

  @Test
  void verificationAnswersForTheWholeChain() {
    ResponseEntity<JsonNode> response =
        http.withBasicAuth(auditor, PASSWORD).getForEntity("/api/audit/verify", JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().path("valid").asBoolean()).isTrue();
    assertThat(response.getBody().path("checked").asLong()).isPositive();
    assertThat(response.getBody().has("firstBrokenId")).isTrue();
    assertThat(response.getBody().path("firstBrokenId").isNull()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ? AND action = ?",
                Long.class,
                auditor,
                AuditActions.AUDIT_VERIFY))
        .isEqualTo(1);
  }

  @Test
  void onlyAuditorsAndAdministratorsGetIn() {
    audit.record(AuditEvent.of(actor, AuditActions.TASK_CLAIM, "task", "1"));
    for (String path :
        List.of(
            "/api/audit?actor=" + actor, "/api/audit/export?actor=" + actor, "/api/audit/verify")) {
      ResponseEntity<JsonNode> denied =
          http.withBasicAuth(responder, PASSWORD).getForEntity(path, JsonNode.class);
      assertThat(denied.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              denied
                  .getHeaders()
                  .getContentType()
                  .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .isTrue();
      assertThat(denied.getBody().path("status").asInt()).isEqualTo(403);
      assertThat(http.getForEntity(path, String.class).getStatusCode())
          .as(path)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    // and nothing was searched, exported or verified in their name
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ? AND action LIKE 'audit.%'",
                Long.class, responder))
        .isZero();
  }

  @Test
  void badParametersAreNamed() {
    ResponseEntity<JsonNode> bad =
        http.withBasicAuth(auditor, PASSWORD)
            .getForEntity(
                "/api/audit?from=yesterday&size=1000&processInstanceKey=abc&taskKey=-1&page=x",
                JsonNode.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> fields = new ArrayList<>();
    bad.getBody().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder("from", "size", "processInstanceKey", "taskKey", "page");

    ResponseEntity<JsonNode> reversed =
        http.withBasicAuth(auditor, PASSWORD)
            .getForEntity(
                "/api/audit/export?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                JsonNode.class);
    assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(reversed.getBody().path("errors").get(0).path("field").asText()).isEqualTo("to");

    ResponseEntity<JsonNode> tooDeep =
        http.withBasicAuth(auditor, PASSWORD)
            .getForEntity("/api/audit?page=100&size=500", JsonNode.class);
    assertThat(tooDeep.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooDeep.getBody().path("errors").get(0).path("field").asText()).isEqualTo("page");
    // refused requests are not audited as searches or exports
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ? AND action LIKE 'audit.%'",
                Long.class, auditor))
        .isZero();
  }

  private JsonNode search(String user, String query) {
    ResponseEntity<JsonNode> response =
        http.withBasicAuth(user, PASSWORD).getForEntity("/api/audit?" + query, JsonNode.class);
    assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private static long total(JsonNode page) {
    return page.path("total").asLong();
  }

  @Test
  void thePreviousLayoutsIndicesAreRemovedAndTheCurrentOneKept() throws Exception {
    for (String previous : AuditIndex.PREVIOUS) {
      search.indices().create(c -> c.index(previous));
      assertThat(search.indices().exists(e -> e.index(previous)).value()).isTrue();
    }
    long documents = search.count(c -> c.index(AuditIndex.NAME)).count();

    AuditIndex.create(search);

    for (String previous : AuditIndex.PREVIOUS) {
      assertThat(search.indices().exists(e -> e.index(previous)).value()).isFalse();
    }
    assertThat(search.count(c -> c.index(AuditIndex.NAME)).count())
        .isGreaterThanOrEqualTo(documents);
  }

  private String user(String name, String group) {
    users.createUser(
        new UserAccount(name, name, null, null, null, Set.of(group), Set.of(), true), PASSWORD);
    return name;
  }
}
