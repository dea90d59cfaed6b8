package life.suoke.ops.engine.gateway.rest;

import java.util.Map;
import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code PUT /v2/element-instances/{key}/variables}: sets variables in a scope (local or
 * propagated).
 */
final class ElementInstanceEndpoints {

  private ElementInstanceEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.put(
        "/v2/element-instances/{elementInstanceKey}/variables",
        "UPDATE",
        request -> {
          long key = request.pathKey("elementInstanceKey");
          JsonBody body = request.json();
          if (!body.has("variables")) {
            throw RestProblem.missing("variables");
          }
          Map<String, Object> variables = body.variables("variables");
          Boolean local = body.bool("local");
          return engine
              .setVariables(key, variables, Boolean.TRUE.equals(local))
              .thenApply(v -> RestResponse.noContent());
        });
  }
}
