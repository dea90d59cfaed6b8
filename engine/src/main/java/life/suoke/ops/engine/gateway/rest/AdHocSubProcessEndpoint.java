package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.client.protocol.rest.AdHocSubProcessActivateActivitiesInstruction;
import io.camunda.client.protocol.rest.AdHocSubProcessActivateActivityReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import life.suoke.ops.engine.api.AdHocElementActivation;
import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code POST /v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation}:
 * Camunda 8.8's activation of elements of an ad-hoc subprocess instance (each with its variables,
 * and {@code cancelRemainingInstances}), validated in the REST gateway's wording ("No elements
 * provided.", "No elements[0].elementId provided."), answered with 204.
 */
final class AdHocSubProcessEndpoint {

  private AdHocSubProcessEndpoint() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation",
        "ACTIVATE",
        request -> {
          long key = request.pathKey("adHocSubProcessInstanceKey");
          AdHocSubProcessActivateActivitiesInstruction instruction = instruction(request.json());
          return engine
              .activateAdHocSubProcessActivities(
                  key,
                  activations(instruction),
                  Boolean.TRUE.equals(instruction.getCancelRemainingInstances()))
              .thenApply(v -> RestResponse.noContent());
        });
  }

  private static AdHocSubProcessActivateActivitiesInstruction instruction(JsonBody body) {
    AdHocSubProcessActivateActivitiesInstruction instruction;
    try {
      instruction =
          RestJson.MAPPER.treeToValue(
              body.node(), AdHocSubProcessActivateActivitiesInstruction.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw RestProblem.invalidArgument(
          "Request property is not valid: %s",
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }
    List<AdHocSubProcessActivateActivityReference> elements = instruction.getElements();
    if (elements == null || elements.isEmpty()) {
      throw RestProblem.missing("elements");
    }
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      String elementId = elements.get(i).getElementId();
      if (elementId == null || elementId.isBlank()) {
        violations.add(String.format("No elements[%d].elementId provided.", i));
      }
    }
    if (!violations.isEmpty()) {
      throw RestProblem.invalidArgument(String.join(" ", violations));
    }
    return instruction;
  }

  private static List<AdHocElementActivation> activations(
      AdHocSubProcessActivateActivitiesInstruction instruction) {
    return instruction.getElements().stream()
        .map(
            element ->
                new AdHocElementActivation(
                    element.getElementId(),
                    element.getVariables() == null
                        ? null
                        : new LinkedHashMap<>(element.getVariables())))
        .toList();
  }
}
