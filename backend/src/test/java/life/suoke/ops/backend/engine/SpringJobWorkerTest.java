package life.suoke.ops.backend.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.Map;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Spring starter's client and {@code @JobWorker}s work against the engine embedded in the
 * application.
 */
class SpringJobWorkerTest extends ApplicationTest {

  @Autowired CamundaClient client;
  @Autowired ConformanceJobWorkers workers;
  @Autowired JdbcTemplate jdbc;

  private void deploy(BpmnModelInstance model, String name) {
    client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  @Test
  void jobWorkerCompletesTheJobWithItsResultVariables() {
    deploy(
        Bpmn.createExecutableProcess("classify-incident")
            .startEvent()
            .serviceTask("classify", t -> t.zeebeJobType("conformance-classify"))
            .endEvent()
            .done(),
        "classify.bpmn");

    ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("classify-incident")
            .latestVersion()
            .variables(Map.of("impact", "high"))
            .withResult()
            .requestTimeout(Duration.ofSeconds(30))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsEntry("priority", "P1");
  }

  @Test
  void failingWorkerIsRetriedByTheEngineUntilItSucceeds() {
    deploy(
        Bpmn.createExecutableProcess("flaky-notify")
            .startEvent()
            .serviceTask("notify", t -> t.zeebeJobType("conformance-flaky").zeebeJobRetries("3"))
            .endEvent()
            .done(),
        "flaky.bpmn");

    ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("flaky-notify")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofSeconds(60))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsEntry("retriesLeftWhenSucceeded", 1);
  }

  @Test
  void workerThatKeepsFailingExhaustsRetriesIntoAnIncident() {
    deploy(
        Bpmn.createExecutableProcess("broken-notify")
            .startEvent()
            .serviceTask("notify", t -> t.zeebeJobType("conformance-broken").zeebeJobRetries("2"))
            .endEvent()
            .done(),
        "broken.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("broken-notify")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    // The engine's record log (in the application's database) shows the incident and its message.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "SELECT convert_from(data, 'UTF8') FROM engine.record WHERE value_type = 'INCIDENT' AND record_type = 'EVENT'"
                                + " AND intent = 'CREATED' AND convert_from(data, 'UTF8') LIKE ?",
                            String.class,
                            "%\"processInstanceKey\":" + key + "%"))
                    .singleElement()
                    .asString()
                    .contains("JOB_NO_RETRIES")
                    .contains("chat webhook rejected the message"));
  }
}
