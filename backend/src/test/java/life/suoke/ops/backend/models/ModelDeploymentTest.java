package life.suoke.ops.backend.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/models/deploy} and the deployment of the processes module at start. */
class ModelDeploymentTest extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired CamundaClient client;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theProcessesModuleIsDeployedAtStart() {
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .newProcessDefinitionSearchRequest()
                            .filter(f -> f.processDefinitionId("change-information-request"))
                            .send()
                            .join()
                            .items())
                    .isNotEmpty());
  }

  @Test
  void aDesignerDeploysAProcessAndTheDeploymentIsAudited() throws Exception {
    String designer = newUser(directory, "designer", "process-designers");
    String id = "deploy-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> response = deploy(designer, id + ".bpmn", bpmn(id));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"id\":\"" + id + "\"").contains("\"version\":1");
    // the search side follows the engine eventually, as Camunda's secondary storage does
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .newProcessDefinitionSearchRequest()
                            .filter(f -> f.processDefinitionId(id))
                            .send()
                            .join()
                            .items())
                    .hasSize(1));
    assertThat(
            jdbc.queryForList(
                "SELECT actor FROM audit_event WHERE action = 'process.deploy' AND details::text LIKE ?",
                String.class,
                "%" + id + "%"))
        .containsExactly(designer);
  }

  @Test
  void anInvalidModelIsRefusedWithTheEnginesReasonAndNothingIsDeployed() throws Exception {
    String designer = newUser(directory, "designer", "process-designers");
    String id = "broken-" + UUID.randomUUID().toString().substring(0, 8);
    String broken = bpmn(id).replace("<bpmn:endEvent id=\"end\"/>", "");

    HttpResponse<String> response = deploy(designer, id + ".bpmn", broken);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"resources\"");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(deploy(designer, "notes.txt", "hello").statusCode()).isEqualTo(400);
  }

  @Test
  void onlyProcessDesignersMayDeploy() throws Exception {
    String id = "denied-" + UUID.randomUUID().toString().substring(0, 8);
    for (String group : new String[] {"operators", "auditors", "tier1-oncall", "admins"}) {
      String user = newUser(directory, "nodesign", group);
      assertThat(deploy(user, id + ".bpmn", bpmn(id)).statusCode()).isEqualTo(403);
    }
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  static String bpmn(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id);
  }

  private HttpResponse<String> deploy(String user, String fileName, String content)
      throws IOException, InterruptedException {
    String boundary = "----suoke" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"resources\"; filename=\""
            + fileName
            + "\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + content
            + "\r\n--"
            + boundary
            + "--\r\n";
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/models/deploy"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
