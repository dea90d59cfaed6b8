package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.client.protocol.rest.ModifyProcessInstanceVariableInstruction;
import io.camunda.client.protocol.rest.ProcessInstanceModificationActivateInstruction;
import io.camunda.client.protocol.rest.ProcessInstanceModificationInstruction;
import io.camunda.client.protocol.rest.ProcessInstanceModificationTerminateInstruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceModification;

/**
 * {@code POST /v2/process-instances/{processInstanceKey}/modification}: Camunda 8.8's request
 * (activate instructions with an optional ancestor element instance key and variable instructions,
 * terminate instructions), validated in the REST gateway's wording, answered with 204.
 */
final class ProcessInstanceModificationEndpoint {

  private ProcessInstanceModificationEndpoint() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/process-instances/{processInstanceKey}/modification",
        "MODIFY",
        request -> {
          long key = request.pathKey("processInstanceKey");
          ProcessInstanceModification modification = modification(request.json());
          return engine
              .modifyProcessInstance(key, modification)
              .thenApply(v -> RestResponse.noContent());
        });
  }

  private static ProcessInstanceModification modification(JsonBody body) {
    ProcessInstanceModificationInstruction request;
    try {
      request =
          RestJson.MAPPER.treeToValue(body.node(), ProcessInstanceModificationInstruction.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw RestProblem.invalidArgument(
          "Request property is not valid: %s",
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }
    List<ProcessInstanceModificationActivateInstruction> activate =
        orEmpty(request.getActivateInstructions());
    List<ProcessInstanceModificationTerminateInstruction> terminate =
        orEmpty(request.getTerminateInstructions());
    List<String> violations = new ArrayList<>();
    if (activate.stream().anyMatch(instruction -> instruction.getElementId() == null)) {
      violations.add("No elementId provided.");
    }
    if (activate.stream()
        .flatMap(instruction -> orEmpty(instruction.getVariableInstructions()).stream())
        .anyMatch(
            variables -> variables.getVariables() == null || variables.getVariables().isEmpty())) {
      violations.add("No variables provided.");
    }
    if (terminate.stream().anyMatch(instruction -> instruction.getElementInstanceKey() == null)) {
      violations.add("No elementInstanceKey provided.");
    }
    for (ProcessInstanceModificationTerminateInstruction instruction : terminate) {
      checkKey("elementInstanceKey", instruction.getElementInstanceKey(), violations);
    }
    for (ProcessInstanceModificationActivateInstruction instruction : activate) {
      checkKey(
          "ancestorElementInstanceKey", instruction.getAncestorElementInstanceKey(), violations);
    }
    if (request.getOperationReference() != null && request.getOperationReference() < 1) {
      violations.add(
          String.format(
              "The value for operationReference is '%d' but must be > 0.",
              request.getOperationReference()));
    }
    if (!violations.isEmpty()) {
      throw RestProblem.invalidArgument(String.join(" ", violations));
    }
    List<ProcessInstanceModification.ActivateInstruction> activations = new ArrayList<>();
    for (ProcessInstanceModificationActivateInstruction instruction : activate) {
      List<ProcessInstanceModification.VariableInstruction> variables = new ArrayList<>();
      for (ModifyProcessInstanceVariableInstruction variable :
          orEmpty(instruction.getVariableInstructions())) {
        variables.add(
            new ProcessInstanceModification.VariableInstruction(
                variable.getScopeId(), new LinkedHashMap<>(variable.getVariables())));
      }
      String ancestor = instruction.getAncestorElementInstanceKey();
      long ancestorKey =
          ancestor == null
              ? ProcessInstanceModification.NO_ANCESTOR
              : Long.parseLong(ancestor.trim());
      activations.add(
          new ProcessInstanceModification.ActivateInstruction(
              instruction.getElementId(), ancestorKey, variables));
    }
    List<Long> terminations = new ArrayList<>();
    for (ProcessInstanceModificationTerminateInstruction instruction : terminate) {
      terminations.add(Long.parseLong(instruction.getElementInstanceKey().trim()));
    }
    return new ProcessInstanceModification(activations, terminations);
  }

  /** A key as the 8.8 API carries it: a string holding a number. */
  private static void checkKey(String field, String value, List<String> violations) {
    if (value == null) {
      return;
    }
    try {
      Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      violations.add(
          String.format("The value for %s is '%s' but must be a numeric key.", field, value));
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
