package life.suoke.ops.backend.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/process-instances} and its cancellation: who may, and what is audited. */
class ProcessInstanceApiTest extends ApplicationTest {

  static final String PROCESS = "operations-wait-" + UUID.randomUUID().toString().substring(0, 8);

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired CamundaClient client;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void deploy(@Autowired CamundaClient client) {
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:userTask id="wait" name="Wait"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(PROCESS);
    client.newDeployResourceCommand().addResourceStringUtf8(bpmn, PROCESS + ".bpmn").send().join();
  }

  @Test
  void anOperatorStartsAndCancelsAnInstance() {
    String operator = newUser(directory, "operator", "operators");
    ApiClient api = new ApiClient(port, operator, PASSWORD);

    Browser.Response started =
        api.post(
            "/api/process-instances",
            "{\"processDefinitionId\":\""
                + PROCESS
                + "\",\"variables\":{\"businessKey\":\"INC-1\"}}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String key = started.json().get("processInstanceKey").asText();

    assertThat(api.post("/api/process-instances/" + key + "/cancellation", "").status())
        .isEqualTo(204);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE actor = ? ORDER BY id",
                String.class,
                operator))
        .containsExactly("process-instance.start", "process-instance.cancel");
    assertThat(
            jdbc.queryForObject(
                "SELECT details::text FROM audit_event WHERE actor = ? AND action = 'process-instance.start'",
                String.class,
                operator))
        .contains(PROCESS)
        .doesNotContain("INC-1\"}");
  }

  @Test
  void unknownProcessesAndMissingFieldsAreNamed() {
    ApiClient api = new ApiClient(port, newUser(directory, "operator", "operators"), PASSWORD);

    Browser.Response unknown =
        api.post("/api/process-instances", "{\"processDefinitionId\":\"no-such-process\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("errors").get(0).get("field").asText())
        .isEqualTo("processDefinitionId");
    Browser.Response missing = api.post("/api/process-instances", "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").get(0).get("field").asText())
        .isEqualTo("processDefinitionId");
  }

  @Test
  void respondersAndAuditorsCannotStartOrCancelAndNothingChanges() {
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    for (String group : new String[] {"tier1-oncall", "auditors"}) {
      ApiClient api = new ApiClient(port, newUser(directory, "bystander", group), PASSWORD);
      assertThat(
              api.post("/api/process-instances", "{\"processDefinitionId\":\"" + PROCESS + "\"}")
                  .status())
          .isEqualTo(403);
      assertThat(api.post("/api/process-instances/" + key + "/cancellation", "").status())
          .isEqualTo(403);
    }
    // still running: an operator can cancel it now
    ApiClient operator = new ApiClient(port, newUser(directory, "operator", "operators"), PASSWORD);
    assertThat(operator.post("/api/process-instances/" + key + "/cancellation", "").status())
        .isEqualTo(204);
  }
}
