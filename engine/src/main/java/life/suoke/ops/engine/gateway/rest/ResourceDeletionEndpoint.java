package life.suoke.ops.engine.gateway.rest;

import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code POST /v2/resources/{resourceKey}/deletion}: deletes a process definition, decision
 * requirements graph or form. The body is optional; its {@code operationReference} is checked as
 * Camunda 8.8's gateway checks it, but not kept (records have no field for it here). Answered with
 * 204, as Camunda's gateway answers (its specification lists 200; the client takes either).
 */
final class ResourceDeletionEndpoint {

  private ResourceDeletionEndpoint() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/resources/{resourceKey}/deletion",
        "DELETE",
        request -> {
          long key = request.pathKey("resourceKey");
          Long operationReference = request.json().longValue("operationReference");
          if (operationReference != null && operationReference < 1) {
            throw RestProblem.invalidArgument(
                "The value for operationReference is '%d' but must be > 0.", operationReference);
          }
          return engine.deleteResource(key).thenApply(v -> RestResponse.noContent());
        });
  }
}
