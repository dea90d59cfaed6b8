package life.suoke.ops.engine.gateway.rest;

import life.suoke.ops.engine.api.EngineApi;

/** {@code POST /v2/incidents/{key}/resolution}. */
final class IncidentEndpoints {

  private IncidentEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/incidents/{incidentKey}/resolution",
        "RESOLVE",
        request -> {
          long key = request.pathKey("incidentKey");
          request.json();
          return engine.resolveIncident(key).thenApply(v -> RestResponse.noContent());
        });
  }
}
