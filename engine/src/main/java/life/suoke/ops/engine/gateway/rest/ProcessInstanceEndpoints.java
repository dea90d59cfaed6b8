package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceCreated;

/**
 * Creating (optionally at start instructions, optionally awaiting the result) and cancelling
 * process instances.
 */
final class ProcessInstanceEndpoints {

  /**
   * The wait for a result when the request leaves {@code requestTimeout} at 0 (the gateway's
   * default).
   */
  static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofSeconds(10);

  private ProcessInstanceEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post("/v2/process-instances", "CREATE", request -> create(engine, request.json()));
    router.post(
        "/v2/process-instances/{processInstanceKey}/cancellation",
        "CANCEL",
        request -> {
          long key = request.pathKey("processInstanceKey");
          request.json(); // a body, if any, must be JSON; operationReference is not tracked
          return engine.cancelProcessInstance(key).thenApply(v -> RestResponse.noContent());
        });
  }

  private static CompletableFuture<RestResponse> create(EngineApi engine, JsonBody body) {
    Long definitionKey = body.key("processDefinitionKey");
    String processId = body.text("processDefinitionId");
    if (definitionKey == null && (processId == null || processId.isBlank())) {
      throw RestProblem.invalidArgument(
          "At least one of [processDefinitionId, processDefinitionKey] is required.");
    }
    if (definitionKey != null && processId != null) {
      throw RestProblem.invalidArgument(
          "Only one of [processDefinitionId, processDefinitionKey] is allowed.");
    }
    rejectRuntimeInstructions(body);
    List<String> startInstructions = startInstructions(body);
    Integer version = body.integer("processDefinitionVersion");
    int wantedVersion = version == null ? -1 : version;
    Map<String, Object> variables = body.variables("variables");
    String tenantId = Tenants.orDefault(body.text("tenantId"));
    long key = definitionKey == null ? -1 : definitionKey;
    if (Boolean.TRUE.equals(body.bool("awaitCompletion"))) {
      List<String> fetch = body.strings("fetchVariables");
      Long timeout = body.longValue("requestTimeout");
      Duration wait =
          timeout == null || timeout <= 0 ? DEFAULT_RESULT_TIMEOUT : Duration.ofMillis(timeout);
      return engine
          .createProcessInstanceWithResult(
              key,
              processId,
              wantedVersion,
              variables,
              tenantId,
              startInstructions,
              fetch == null ? List.of() : fetch,
              wait)
          .handle(
              (created, failure) -> {
                if (failure != null) {
                  throw Failures.withIntent(failure, "CREATE_WITH_AWAITING_RESULT");
                }
                return RestResponse.ok(toRest(created, true));
              });
    }
    return engine
        .createProcessInstance(
            key, processId, wantedVersion, variables, tenantId, startInstructions)
        .thenApply(created -> RestResponse.ok(toRest(created, false)));
  }

  /**
   * The {@code elementId} of each start instruction; a missing one is refused in Camunda's wording.
   */
  private static List<String> startInstructions(JsonBody body) {
    JsonNode instructions = body.get("startInstructions");
    if (instructions == null) {
      return List.of();
    }
    if (!instructions.isArray()) {
      throw RestProblem.invalidArgument(
          "The value for startInstructions is '%s' but must be an array.", instructions);
    }
    List<String> elementIds = new ArrayList<>();
    for (JsonNode instruction : instructions) {
      if (!instruction.isObject()) {
        throw RestProblem.invalidArgument(
            "The value for startInstructions is '%s' but must be an array of objects.",
            instructions);
      }
      String elementId = JsonBody.of(instruction).text("elementId");
      if (elementId == null) {
        throw RestProblem.missing("elementId");
      }
      elementIds.add(elementId);
    }
    return elementIds;
  }

  private static void rejectRuntimeInstructions(JsonBody body) {
    JsonNode instructions = body.get("runtimeInstructions");
    if (instructions != null && instructions.isArray() && !instructions.isEmpty()) {
      throw new RestProblem(
          501, "NOT_IMPLEMENTED", "runtimeInstructions are not implemented by this engine yet");
    }
  }

  private static CreateProcessInstanceResult toRest(
      ProcessInstanceCreated created, boolean withVariables) {
    CreateProcessInstanceResult result =
        new CreateProcessInstanceResult()
            .processDefinitionId(created.bpmnProcessId())
            .processDefinitionVersion(created.version())
            .processDefinitionKey(String.valueOf(created.processDefinitionKey()))
            .processInstanceKey(String.valueOf(created.processInstanceKey()))
            .tenantId(created.tenantId());
    if (withVariables) {
      result.variables(created.variables() == null ? Map.of() : created.variables());
    }
    return result;
  }
}
