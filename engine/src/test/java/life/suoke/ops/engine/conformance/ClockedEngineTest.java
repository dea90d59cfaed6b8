package life.suoke.ops.engine.conformance;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A conformance test class with an engine of its own (on a fresh database), the real client over
 * REST, and the engine clock pinned at {@link #startTime()}; time moves only through {@link
 * #advance}, Camunda's clock API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClockedEngineTest {

  EngineTestSupport engine;
  CamundaClient client;
  Instant now;

  /** Where the engine clock stands when the class starts. */
  Instant startTime() {
    return Instant.parse("2026-11-02T01:00:00Z"); // a Monday, 09:00 in Shanghai
  }

  @BeforeAll
  void startEngine() {
    engine = new EngineTestSupport(getClass());
    client = engine.connectRest();
    now = startTime();
    client.newPinClockCommand().time(now).send().join();
  }

  @AfterAll
  void stopEngine() {
    client.close();
    engine.close();
  }

  void advance(Duration duration) {
    now = now.plus(duration);
    client.newPinClockCommand().time(now).send().join();
  }

  void deploy(BpmnModelInstance model, String name) {
    client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** Jobs of a type that are activatable right now (no long polling). */
  List<ActivatedJob> activate(String type) {
    return EngineTestSupport.activate(client, type);
  }

  /** The first job of a type, waiting up to 10 s for one. */
  ActivatedJob awaitJob(String type) {
    return EngineTestSupport.awaitJob(client, type);
  }
}
