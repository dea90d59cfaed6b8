package life.suoke.ops.backend.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.review.ReviewTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The knowledge base over HTTP against the whole application and its search node: documents with
 * versions and diffs, full-text search that finds Chinese words as well as English ones, with
 * highlights and filters, similar documents for an incident, refusals that name the field and
 * change nothing, and auditors who only read.
 */
class KnowledgeApiTest extends ReviewTestSupport {

  static final String RUNBOOK_BODY =
      """
      # 支付网关超时处理手册

      当 **支付网关** 响应超时，先检查数据库连接池是否耗尽。
      Check the connection pool of the payment gateway first.
      """;

  @Test
  void documentsHaveVersionsWithWhoAndWhenAndADiff() {
    String writer = user("writer");
    String editor = user("editor");
    String service = unique("kb-svc");
    Response created =
        post(
            writer,
            "/api/knowledge/documents",
            document(
                "runbook",
                "支付网关超时 Payment gateway timeouts",
                RUNBOOK_BODY,
                List.of(service),
                List.of("Payments", "timeout")));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long id = created.body().path("id").asLong();
    assertThat(created.body().path("version").asInt()).isEqualTo(1);
    assertThat(texts(created.body().path("tags"))).containsExactly("payments", "timeout");

    Map<String, Object> change =
        document(
            "runbook",
            "支付网关超时 Payment gateway timeouts",
            RUNBOOK_BODY.replace(
                "Check the connection pool", "Check the pool size and the connection pool"),
            List.of(service),
            List.of("payments"));
    change.put("baseVersion", 1);
    change.put("changeNote", "Pool size first");
    Response changed = put(editor, "/api/knowledge/documents/" + id, change);
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
    assertThat(changed.body().path("version").asInt()).isEqualTo(2);
    assertThat(changed.body().path("updatedBy").asText()).isEqualTo(editor);
    assertThat(changed.body().path("createdBy").asText()).isEqualTo(writer);

    Response stale = put(writer, "/api/knowledge/documents/" + id, change);
    assertThat(stale.status()).isEqualTo(409);

    JsonNode versions = getOk(writer, "/api/knowledge/documents/" + id + "/versions");
    assertThat(versions.findValuesAsText("author")).containsExactly(editor, writer);
    assertThat(versions.get(0).path("changeNote").asText()).isEqualTo("Pool size first");
    assertThat(versions.get(1).path("createdAt").isNull()).isFalse();
    assertThat(
            getOk(writer, "/api/knowledge/documents/" + id + "/versions/1").path("body").asText())
        .isEqualTo(RUNBOOK_BODY);

    JsonNode diff = getOk(writer, "/api/knowledge/documents/" + id + "/diff?from=1&to=2");
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (JsonNode line : diff.path("lines")) {
      if (line.path("op").asText().equals("added")) {
        added.add(line.path("text").asText());
      } else if (line.path("op").asText().equals("removed")) {
        removed.add(line.path("text").asText());
      }
    }
    assertThat(added)
        .containsExactly(
            "Check the pool size and the connection pool of the payment gateway first.");
    assertThat(removed).containsExactly("Check the connection pool of the payment gateway first.");
    assertThat(texts(diff.path("tagsRemoved"))).containsExactly("timeout");
    assertThat(diff.path("titleChanged").asBoolean()).isFalse();
    assertThat(get(writer, "/api/knowledge/documents/" + id + "/diff?from=1&to=9").status())
        .isEqualTo(404);
    assertThat(get(writer, "/api/knowledge/documents/" + id + "/diff?from=x&to=2").fields())
        .containsExactly("from");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE object_type = 'knowledge-document'"
                    + " AND object_id = ?",
                Long.class,
                Long.toString(id)))
        .isEqualTo(2);
  }

  @Test
  void searchFindsChineseAndEnglishWordsWithHighlightsAndFilters() {
    String writer = user("writer");
    String service = unique("kb-svc");
    String other = unique("kb-other");
    long runbook =
        create(
            writer,
            document("runbook", "支付网关超时", RUNBOOK_BODY, List.of(service), List.of("payments")));
    long practice =
        create(
            writer,
            document(
                "best-practice",
                "Connection pool sizing",
                "Size the connection pool from the peak load. 连接池大小按峰值负载设置。",
                List.of(other),
                List.of("database")));
    create(
        writer,
        document("fault-handbook", "磁盘写满", "日志目录写满时清理旧日志。", List.of(service), List.of("disk")));

    JsonNode chinese = search(writer, "连接池", null, null, null);
    assertThat(ids(chinese)).contains(runbook, practice);
    JsonNode hit = item(chinese, runbook);
    assertThat(hit.path("highlights").path("body").get(0).asText())
        .contains("<mark>")
        .contains("连");
    assertThat(hit.path("document").has("body")).isFalse();

    JsonNode english = search(writer, "connection pool", null, null, null);
    assertThat(ids(english)).contains(runbook, practice);
    assertThat(item(english, practice).path("highlights").path("title").get(0).asText())
        .isEqualTo("<mark>Connection</mark> <mark>pool</mark> sizing");

    assertThat(ids(search(writer, "支付网关", null, null, null)))
        .contains(runbook)
        .doesNotContain(practice);
    assertThat(ids(search(writer, "连接池", "best-practice", null, null)))
        .contains(practice)
        .doesNotContain(runbook);
    assertThat(ids(search(writer, "连接池", null, service, null))).containsExactly(runbook);
    assertThat(ids(search(writer, null, null, null, "database")))
        .contains(practice)
        .doesNotContain(runbook);
    assertThat(ids(search(writer, "网关 database", null, null, null)))
        .doesNotContain(runbook, practice);
    JsonNode facets = search(writer, null, null, service, null).path("facets");
    assertThat(facets.path("type").path("runbook").asLong()).isEqualTo(1);
    assertThat(facets.path("type").path("fault-handbook").asLong()).isEqualTo(1);

    assertThat(get(writer, "/api/knowledge/documents?type=wiki").fields()).containsExactly("type");
    assertThat(get(writer, "/api/knowledge/documents?size=0").fields()).containsExactly("size");
    assertThat(get(writer, "/api/knowledge/documents?q=" + "x".repeat(501)).fields())
        .containsExactly("q");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    String writer = user("writer");
    String auditor = user("auditor", "auditors");
    long before = count();
    Map<String, Object> bad =
        document("wiki", " ", "", List.of("Not A Service"), List.of("x".repeat(51)));
    assertThat(post(writer, "/api/knowledge/documents", bad).fields())
        .containsExactlyInAnyOrder("type", "title", "body", "services[0]", "tags[0]");
    assertThat(
            post(
                    writer,
                    "/api/knowledge/documents",
                    document("post-incident-review", "t", "b", List.of(), List.of()))
                .fields())
        .containsExactly("type");
    assertThat(post(writer, "/api/knowledge/documents", "{not json").status()).isEqualTo(400);
    assertThat(
            post(
                    auditor,
                    "/api/knowledge/documents",
                    document("runbook", "t", "b", List.of(), List.of()))
                .status())
        .isEqualTo(403);
    assertThat(count()).isEqualTo(before);

    long id =
        create(
            writer,
            document(
                "runbook", "Restart the worker", "Run `systemctl restart`.", List.of(), List.of()));
    assertThat(
            put(
                    writer,
                    "/api/knowledge/documents/" + id,
                    document("runbook", "", "b", List.of(), List.of()))
                .fields())
        .containsExactly("title");
    assertThat(
            put(
                    auditor,
                    "/api/knowledge/documents/" + id,
                    document("runbook", "t", "b", List.of(), List.of()))
                .status())
        .isEqualTo(403);
    assertThat(getOk(writer, "/api/knowledge/documents/" + id).path("version").asInt())
        .isEqualTo(1);
    assertThat(getOk(auditor, "/api/knowledge/documents/" + id).path("title").asText())
        .isEqualTo("Restart the worker");
    assertThat(get(writer, "/api/knowledge/documents/abc").fields()).containsExactly("id");
    assertThat(get(writer, "/api/knowledge/documents/999999999").status()).isEqualTo(404);
  }

  @Test
  void similarIncidentsAndRunbooksComeFromTheServiceAndAlertLabels() {
    String writer = user("writer");
    String responder = user("responder", "tier1-oncall");
    String stranger = user("stranger");
    String service = unique("kb-svc");
    long byLabel =
        create(
            writer,
            document(
                "runbook",
                "CheckoutLatencyHigh 处理",
                "When CheckoutLatencyHigh fires, scale out.",
                List.of(),
                List.of()));
    long byService =
        create(
            writer,
            document(
                "fault-handbook",
                "Known faults",
                "Everything that broke before.",
                List.of(service),
                List.of()));
    long unrelated =
        create(
            writer, document("runbook", "Unrelated", "Nothing in common.", List.of(), List.of()));
    String number =
        closedIncident(
            service,
            "P2",
            responder,
            Instant.now(),
            "{\"alertname\": \"CheckoutLatencyHigh\", \"team\": \"checkout\"}");

    JsonNode similar = getOk(responder, "/api/incidents/" + number + "/similar");
    List<Long> runbooks = new ArrayList<>();
    similar.path("runbooks").forEach(r -> runbooks.add(r.path("document").path("id").asLong()));
    assertThat(runbooks).contains(byLabel, byService).doesNotContain(unrelated);
    assertThat(texts(similar.path("labelWords"))).contains("CheckoutLatencyHigh");
    assertThat(similar.path("incidents").isArray()).isTrue();
    assertThat(get(stranger, "/api/incidents/" + number + "/similar").status()).isEqualTo(403);
    assertThat(get(responder, "/api/incidents/INC-20260101-0000/similar").status()).isEqualTo(404);
  }

  // ----------------------------------------------------------------------------------------
  // helpers

  long create(String user, Map<String, Object> body) {
    Response created = post(user, "/api/knowledge/documents", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("id").asLong();
  }

  JsonNode search(String user, String q, String type, String service, String tag) {
    StringBuilder path = new StringBuilder("/api/knowledge/documents?size=100");
    if (q != null) {
      path.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
    }
    if (type != null) {
      path.append("&type=").append(type);
    }
    if (service != null) {
      path.append("&service=").append(service);
    }
    if (tag != null) {
      path.append("&tag=").append(tag);
    }
    return getOk(user, path.toString());
  }

  static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path("document").path("id").asLong()));
    return ids;
  }

  static JsonNode item(JsonNode page, long id) {
    for (JsonNode item : page.path("items")) {
      if (item.path("document").path("id").asLong() == id) {
        return item;
      }
    }
    throw new AssertionError("document " + id + " not in " + page);
  }

  long count() {
    return jdbc.queryForObject("SELECT count(*) FROM knowledge_document", Long.class);
  }

  static Map<String, Object> document(
      String type, String title, String body, List<String> services, List<String> tags) {
    Map<String, Object> doc = new HashMap<>();
    doc.put("type", type);
    doc.put("title", title);
    doc.put("body", body);
    doc.put("services", services);
    doc.put("tags", tags);
    return doc;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
