package life.suoke.ops.processes.change;

import static life.suoke.ops.processes.change.ChangeProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import org.awaitility.Awaitility;

/**
 * Starts change processes with the variables the backend gives them, works their jobs as the
 * backend's workers would, and finds the implementation a change process called. Each test class
 * makes one and cancels what is left after each test.
 */
final class ChangeDriver {

  /** Monday 7 December 2026, 09:00 in Shanghai. */
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

  private final CamundaClient client;
  private final ProcessEngineContext engine;
  private final List<Long> started = new ArrayList<>();
  private int numbers;

  ChangeDriver(CamundaClient client, ProcessEngineContext engine) {
    this.client = client;
    this.engine = engine;
  }

  void deploy() {
    engine.pinClock(T0);
    var command = client.newDeployResourceCommand().addResourceFromClasspath(STANDARD_RESOURCE);
    for (String form : FORMS) {
      command = command.addResourceFromClasspath("change/" + form + ".form");
    }
    command
        .addResourceFromClasspath(NORMAL_RESOURCE)
        .addResourceFromClasspath(EMERGENCY_RESOURCE)
        .addResourceFromClasspath(IMPLEMENTATION_RESOURCE)
        .addResourceFromClasspath(RISK_RESOURCE)
        .addResourceFromClasspath(ChangeInformationRequestProcess.RESOURCE)
        .addResourceFromClasspath(ChangeInformationRequestProcess.ANSWER_FORM_RESOURCE)
        .send()
        .join();
  }

  /** The variables the backend starts a change of this type with; the change number is new. */
  Map<String, Object> variables(String type, String serviceClass) {
    String number = "CHG-2026-" + System.nanoTime() % 100000 + "-" + (++numbers);
    Map<String, Object> variables = new HashMap<>();
    variables.put(VAR_CHANGE_NUMBER, number);
    variables.put(VAR_BUSINESS_KEY, number);
    variables.put(VAR_CHANGE_TYPE, type);
    variables.put(VAR_TITLE, "Rotate the payment gateway certificate");
    variables.put(VAR_SERVICE, "payments-api");
    variables.put(VAR_SERVICE_CLASS, serviceClass);
    variables.put(VAR_REQUESTER, "lin");
    variables.put(VAR_CHANGE_MANAGER_GROUP, "change-managers");
    variables.put(VAR_SERVICE_OWNER_GROUP, "payments-owners");
    variables.put(VAR_IMPLEMENTER_GROUP, "payments-sre");
    variables.put(VAR_CAB_GROUP, "cab");
    variables.put(VAR_EMERGENCY_CAB_GROUP, "emergency-cab");
    variables.put(VAR_PLANNED_START, "2026-12-08T16:00:00Z");
    variables.put(VAR_PLANNED_END, "2026-12-08T18:00:00Z");
    variables.put(VAR_RISK, TYPE_STANDARD.equals(type) ? "low" : null);
    return variables;
  }

  ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    started.add(instance.getProcessInstanceKey());
    return instance;
  }

  /** Completes the next job of the type with the variables. */
  ActivatedJob job(String type, Map<String, Object> variables) {
    return engine.completeJob(type, variables);
  }

  ActivatedJob job(String type) {
    return job(type, Map.of());
  }

  /** Fails the next job of the type with a BPMN error. */
  ActivatedJob bpmnError(String type, String code, Map<String, Object> variables) {
    ActivatedJob job = engine.activateJob(type);
    client.newThrowErrorCommand(job.getKey()).errorCode(code).variables(variables).send().join();
    return job;
  }

  /** The process instance the call activity of {@code parent} started. */
  long child(long parent) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(f -> f.parentProcessInstanceKey(parent))
                    .send()
                    .join()
                    .items(),
            items -> !items.isEmpty())
        .get(0)
        .getProcessInstanceKey();
  }

  void publish(String message, String key, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(key)
        .variables(variables)
        .timeToLive(Duration.ZERO)
        .send()
        .join();
  }

  void cancelStarted() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException finished) {
        // already completed or terminated
      }
    }
    started.clear();
  }
}
