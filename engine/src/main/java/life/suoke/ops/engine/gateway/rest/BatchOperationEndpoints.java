package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.client.protocol.rest.BatchOperationCreatedResult;
import io.camunda.client.protocol.rest.BatchOperationTypeEnum;
import io.camunda.client.protocol.rest.ProcessInstanceMigrationBatchOperationPlan;
import io.camunda.client.protocol.rest.ProcessInstanceModificationMoveBatchOperationInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import life.suoke.ops.engine.api.BatchOperationCreation;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceMigration;

/**
 * Camunda 8.8's batch operations on process instances: creation by filter ({@code POST
 * /v2/process-instances/cancellation}, {@code /incident-resolution}, {@code /migration}, {@code
 * /modification}, answered with the batch operation key) and their lifecycle ({@code POST
 * /v2/batch-operations/{key}/cancellation}, {@code /suspension}, {@code /resumption}, 204). Reads
 * and searches are in {@link SearchEndpoints}.
 */
final class BatchOperationEndpoints {

  private BatchOperationEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/process-instances/cancellation",
        "CREATE",
        r ->
            create(
                engine, BatchOperationCreation.CANCEL_PROCESS_INSTANCE, r.json(), null, List.of()));
    router.post(
        "/v2/process-instances/incident-resolution",
        "CREATE",
        r -> create(engine, BatchOperationCreation.RESOLVE_INCIDENT, r.json(), null, List.of()));
    router.post(
        "/v2/process-instances/migration",
        "CREATE",
        r -> {
          JsonBody body = r.json();
          return create(
              engine,
              BatchOperationCreation.MIGRATE_PROCESS_INSTANCE,
              body,
              migrationPlan(body),
              List.of());
        });
    router.post(
        "/v2/process-instances/modification",
        "CREATE",
        r -> {
          JsonBody body = r.json();
          return create(
              engine,
              BatchOperationCreation.MODIFY_PROCESS_INSTANCE,
              body,
              null,
              moveInstructions(body));
        });
    router.post(
        "/v2/batch-operations/{batchOperationKey}/cancellation",
        "CANCEL",
        r ->
            engine
                .cancelBatchOperation(r.pathKey("batchOperationKey"))
                .thenApply(v -> RestResponse.noContent()));
    router.post(
        "/v2/batch-operations/{batchOperationKey}/suspension",
        "SUSPEND",
        r ->
            engine
                .suspendBatchOperation(r.pathKey("batchOperationKey"))
                .thenApply(v -> RestResponse.noContent()));
    router.post(
        "/v2/batch-operations/{batchOperationKey}/resumption",
        "RESUME",
        r ->
            engine
                .resumeBatchOperation(r.pathKey("batchOperationKey"))
                .thenApply(v -> RestResponse.noContent()));
  }

  private static CompletableFuture<RestResponse> create(
      EngineApi engine,
      String type,
      JsonBody body,
      ProcessInstanceMigration migrationPlan,
      List<ProcessInstanceMigration.MappingInstruction> moves) {
    String filter = BatchOperationFilters.prepare(type, body.get("filter"));
    return engine
        .createBatchOperation(new BatchOperationCreation(type, filter, migrationPlan, moves))
        .thenApply(
            key ->
                RestResponse.ok(
                    new BatchOperationCreatedResult()
                        .batchOperationKey(String.valueOf(key))
                        .batchOperationType(BatchOperationTypeEnum.fromValue(type))));
  }

  private static ProcessInstanceMigration migrationPlan(JsonBody body) {
    List<String> violations = new ArrayList<>();
    if (body.get("filter") == null || body.get("filter").isNull()) {
      violations.add("No filter provided.");
    }
    var node = body.get("migrationPlan");
    if (node == null || node.isNull()) {
      violations.add("No migrationPlan provided.");
      throw RestProblem.invalidArgument(String.join(" ", violations));
    }
    ProcessInstanceMigrationBatchOperationPlan plan =
        read(node, ProcessInstanceMigrationBatchOperationPlan.class);
    Long target =
        ProcessInstanceMigrationEndpoint.plan(
            plan.getTargetProcessDefinitionKey(), plan.getMappingInstructions(), violations);
    if (!violations.isEmpty()) {
      throw RestProblem.invalidArgument(String.join(" ", violations));
    }
    return new ProcessInstanceMigration(
        target, ProcessInstanceMigrationEndpoint.instructions(plan.getMappingInstructions()));
  }

  private static List<ProcessInstanceMigration.MappingInstruction> moveInstructions(JsonBody body) {
    List<String> violations = new ArrayList<>();
    if (body.get("filter") == null || body.get("filter").isNull()) {
      violations.add("No filter provided.");
    }
    var node = body.get("moveInstructions");
    List<ProcessInstanceMigration.MappingInstruction> moves = new ArrayList<>();
    if (node == null || node.isNull() || !node.isArray() || node.isEmpty()) {
      violations.add("No moveInstructions provided.");
    } else {
      for (var item : node) {
        ProcessInstanceModificationMoveBatchOperationInstruction move =
            read(item, ProcessInstanceModificationMoveBatchOperationInstruction.class);
        if (move.getSourceElementId() == null
            || move.getSourceElementId().isEmpty()
            || move.getTargetElementId() == null
            || move.getTargetElementId().isEmpty()) {
          violations.add("At least one of [sourceElementId, targetElementId] is required.");
          break;
        }
        moves.add(
            new ProcessInstanceMigration.MappingInstruction(
                move.getSourceElementId(), move.getTargetElementId()));
      }
    }
    if (!violations.isEmpty()) {
      throw RestProblem.invalidArgument(String.join(" ", violations));
    }
    return moves;
  }

  private static <T> T read(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    try {
      return RestJson.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw RestProblem.invalidArgument(
          "Request property is not valid: %s",
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }
  }
}
