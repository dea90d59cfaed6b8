package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.client.protocol.rest.MigrateProcessInstanceMappingInstruction;
import io.camunda.client.protocol.rest.ProcessInstanceMigrationInstruction;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceMigration;

/**
 * {@code POST /v2/process-instances/{processInstanceKey}/migration}: Camunda 8.8's request (the
 * target process definition key and the mapping instructions), validated in the REST gateway's
 * wording, answered with 204.
 */
final class ProcessInstanceMigrationEndpoint {

  private ProcessInstanceMigrationEndpoint() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/process-instances/{processInstanceKey}/migration",
        "MIGRATE",
        request -> {
          long key = request.pathKey("processInstanceKey");
          ProcessInstanceMigration migration = migration(request.json());
          return engine
              .migrateProcessInstance(key, migration)
              .thenApply(v -> RestResponse.noContent());
        });
  }

  private static ProcessInstanceMigration migration(JsonBody body) {
    ProcessInstanceMigrationInstruction request;
    try {
      request = RestJson.MAPPER.treeToValue(body.node(), ProcessInstanceMigrationInstruction.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw RestProblem.invalidArgument(
          "Request property is not valid: %s",
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }
    List<String> violations = new ArrayList<>();
    Long target =
        plan(request.getTargetProcessDefinitionKey(), request.getMappingInstructions(), violations);
    if (request.getOperationReference() != null && request.getOperationReference() < 1) {
      violations.add(
          String.format(
              "The value for operationReference is '%d' but must be > 0.",
              request.getOperationReference()));
    }
    if (!violations.isEmpty()) {
      throw RestProblem.invalidArgument(String.join(" ", violations));
    }
    return new ProcessInstanceMigration(target, instructions(request.getMappingInstructions()));
  }

  /**
   * Checks a migration plan as the 8.8 gateway does (single and batch): a numeric target key and at
   * least one instruction, each with both ids. Returns the target key (null when it is invalid).
   */
  static Long plan(
      String targetProcessDefinitionKey,
      List<MigrateProcessInstanceMappingInstruction> instructions,
      List<String> violations) {
    Long target = null;
    if (targetProcessDefinitionKey == null) {
      violations.add("No targetProcessDefinitionKey provided.");
    } else {
      try {
        target = Long.parseLong(targetProcessDefinitionKey.trim());
      } catch (NumberFormatException e) {
        violations.add(
            String.format(
                "The value for targetProcessDefinitionKey is '%s' but must be a numeric key.",
                targetProcessDefinitionKey));
      }
    }
    if (instructions == null || instructions.isEmpty()) {
      violations.add("No mappingInstructions provided.");
    } else if (instructions.stream()
        .anyMatch(
            i ->
                i.getSourceElementId() == null
                    || i.getSourceElementId().isEmpty()
                    || i.getTargetElementId() == null
                    || i.getTargetElementId().isEmpty())) {
      violations.add("At least one of [sourceElementId, targetElementId] is required.");
    }
    return target;
  }

  static List<ProcessInstanceMigration.MappingInstruction> instructions(
      List<MigrateProcessInstanceMappingInstruction> instructions) {
    List<ProcessInstanceMigration.MappingInstruction> result = new ArrayList<>();
    for (MigrateProcessInstanceMappingInstruction instruction : instructions) {
      result.add(
          new ProcessInstanceMigration.MappingInstruction(
              instruction.getSourceElementId(), instruction.getTargetElementId()));
    }
    return result;
  }
}
