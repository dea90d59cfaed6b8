package life.suoke.ops.backend.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The model library, designers' drafts (save, validate without deploying, download, deploy), bad
 * files that deploy nothing, and the processes module deployed at start only when it changed.
 */
class ModelLibraryTest extends ApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired CamundaClient client;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessResourcesDeployment atStart;

  @Test
  void aDesignerDraftsValidatesAndDeploysANewVersionWithTheErrorOnItsElement() throws Exception {
    String designer = newUser(directory, "designer", "process-designers");
    ApiClient api = new ApiClient(port, designer, PASSWORD);
    String id = "draft-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            api.post("/api/models/drafts", draft(id + ".bpmn", timerProcess(id, "PT5M"))).status())
        .isEqualTo(201);
    Browser.Response created =
        api.post("/api/models/drafts", draft(id + ".bpmn", timerProcess(id, "=PT5M +")));
    String draftId = created.json().get("id").asText();

    // an invalid expression: validation names the timer, nothing is deployed
    JsonNode validation = api.post("/api/models/drafts/" + draftId + "/validation", "").json();
    assertThat(validation.get("valid").asBoolean()).isFalse();
    assertThat(validation.at("/problems/0/elementId").asText()).isEqualTo("wait");
    Browser.Response refused = api.post("/api/models/drafts/" + draftId + "/deployment", "");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/errors/0/reason").asText()).contains("element 'wait'");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();

    // fixed and saved: valid, downloadable, deployed as version 1 then, changed, as version 2
    Browser.Response saved =
        api.put("/api/models/drafts/" + draftId, draft(id + ".bpmn", timerProcess(id, "PT10M")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(
            api.post("/api/models/drafts/" + draftId + "/validation", "")
                .json()
                .get("valid")
                .asBoolean())
        .isTrue();
    Browser.Response file = api.get("/api/models/drafts/" + draftId + "/file");
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains(id + ".bpmn");
    assertThat(file.body()).contains("PT10M");
    assertThat(
            api.post("/api/models/drafts/" + draftId + "/deployment", "")
                .json()
                .at("/resources/0/version")
                .asInt())
        .isEqualTo(1);
    api.put("/api/models/drafts/" + draftId, draft(id + ".bpmn", timerProcess(id, "PT15M")));
    assertThat(
            api.post("/api/models/drafts/" + draftId + "/deployment", "")
                .json()
                .at("/resources/0/version")
                .asInt())
        .isEqualTo(2);

    // the library: both versions, deployed by the designer, each version's file readable
    await()
        .untilAsserted(
            () -> {
              JsonNode model = model(api.get("/api/models").json(), "process", id);
              assertThat(model.get("versions")).hasSize(2);
              assertThat(model.at("/versions/0/version").asInt()).isEqualTo(2);
              assertThat(model.at("/versions/0/deployedBy").asText()).isEqualTo(designer);
              assertThat(model.at("/versions/0/deployedAt").asText()).isNotBlank();
            });
    assertThat(api.get("/api/models/process/" + id + "/versions/1/content").body())
        .contains("PT10M");
    assertThat(api.get("/api/models/process/" + id + "/versions/2/content").body())
        .contains("PT15M");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ? AND action = ?",
                Long.class,
                designer,
                ModelDrafts.DRAFT_SAVE))
        .isEqualTo(4);
    assertThat(api.delete("/api/models/drafts/" + draftId).status()).isEqualTo(204);
    assertThat(api.get("/api/models/drafts/" + draftId).status()).isEqualTo(404);
  }

  @Test
  void formsAndDecisionsDeployedThroughTheApplicationAreInTheLibrary() throws Exception {
    String designer = newUser(directory, "designer", "process-designers");
    String formId = "form-" + UUID.randomUUID().toString().substring(0, 8);
    String form = "{\"id\":\"" + formId + "\",\"type\":\"default\",\"components\":[]}";
    HttpResponse<String> deployed =
        multipart(
            designer,
            "/api/models/deploy",
            formId + ".form",
            form.getBytes(StandardCharsets.UTF_8));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);
    JsonNode model = model(auditor.get("/api/models").json(), "form", formId);
    assertThat(model.at("/versions/0/deployedBy").asText()).isEqualTo(designer);
    assertThat(auditor.get("/api/models/form/" + formId + "/versions/1/content").body())
        .contains(formId);
    JsonNode decisions = model(auditor.get("/api/models").json(), "decision", "incident-priority");
    assertThat(decisions.at("/versions/0/deployedBy").asText()).isEqualTo("system");
    assertThat(auditor.get("/api/models/decision/incident-priority/versions/1/content").body())
        .contains("definitions");
  }

  @Test
  void badFilesAreRefusedWithAProblemAndNothingIsDeployed() throws Exception {
    String designer = newUser(directory, "designer", "process-designers");
    long before =
        jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE action = 'process.deploy'", Long.class);

    HttpResponse<String> notBpmn =
        multipart(designer, "/api/models/deploy", "photo.png", new byte[] {1, 2, 3});
    assertThat(notBpmn.statusCode()).isEqualTo(400);
    assertThat(notBpmn.body()).contains("\"field\":\"resources\"");
    HttpResponse<String> garbage =
        multipart(
            designer,
            "/api/models/deploy",
            "garbage.bpmn",
            "this is not XML".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    byte[] huge = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> oversized = multipart(designer, "/api/models/deploy", "huge.bpmn", huge);
    assertThat(oversized.statusCode()).isBetween(400, 499);
    assertThat(oversized.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    HttpResponse<String> validateGarbage =
        multipart(
            designer,
            "/api/models/validate",
            "garbage.bpmn",
            "<bpmn:definitions".getBytes(StandardCharsets.UTF_8));
    assertThat(validateGarbage.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(validateGarbage.body()).get("valid").asBoolean()).isFalse();

    ApiClient api = new ApiClient(port, designer, PASSWORD);
    Browser.Response badDraft = api.post("/api/models/drafts", draft("notes.txt", "hello"));
    assertThat(badDraft.status()).isEqualTo(400);
    assertThat(badDraft.json().at("/errors/0/field").asText()).isEqualTo("resourceName");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = 'process.deploy'", Long.class))
        .isEqualTo(before);
  }

  @Test
  void onlyDesignersDraftAndRespondersSeeNoLibrary() {
    for (String group : new String[] {"operators", "auditors", "tier1-oncall"}) {
      ApiClient other = new ApiClient(port, newUser(directory, "other", group), PASSWORD);
      assertThat(other.post("/api/models/drafts", draft("x.bpmn", "<x/>")).status()).isEqualTo(403);
      assertThat(other.get("/api/models/drafts").status()).isEqualTo(403);
    }
    ApiClient responder =
        new ApiClient(port, newUser(directory, "responder", "tier1-oncall"), PASSWORD);
    assertThat(responder.get("/api/models").status()).isEqualTo(403);
  }

  @Test
  void theProcessesModuleIsDeployedAgainOnlyWhenItChanged() {
    String id = "incident-management";
    await()
        .until(
            () ->
                !client
                    .newProcessDefinitionSearchRequest()
                    .filter(f -> f.processDefinitionId(id))
                    .send()
                    .join()
                    .items()
                    .isEmpty());
    int versions =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(id))
            .send()
            .join()
            .items()
            .size();
    String lastAtStart =
        "SELECT details FROM audit_event WHERE action = 'process.deploy' AND actor = 'system' ORDER BY seq DESC LIMIT 1";
    String before = jdbc.queryForObject(lastAtStart, String.class);

    atStart.deployAtStart();

    // the same resources at the same versions: the engine saw nothing new
    assertThat(jdbc.queryForObject(lastAtStart, String.class))
        .isEqualTo(before)
        .contains("process:" + id + ":");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .hasSize(versions);
  }

  // ------------------------------------------------------------------ helpers

  static String timerProcess(String id, String duration) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:timerEventDefinition><bpmn:timeDuration>%s</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, duration);
  }

  private static String draft(String name, String content) {
    try {
      return JSON.writeValueAsString(Map.of("resourceName", name, "content", content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode model(JsonNode models, String kind, String id) {
    for (JsonNode m : models) {
      if (m.get("kind").asText().equals(kind) && m.get("id").asText().equals(id)) {
        return m;
      }
    }
    throw new AssertionError(kind + " " + id + " not in the library");
  }

  private HttpResponse<String> multipart(String user, String path, String fileName, byte[] content)
      throws Exception {
    String boundary = "----suoke" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
