package life.suoke.ops.engine.gateway.rest;

import life.suoke.ops.engine.api.EngineApi;

/** {@code PUT /v2/clock} (pin the engine clock) and {@code POST /v2/clock/reset}. */
final class ClockEndpoints {

  private ClockEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.put("/v2/clock", "PIN", request -> {
      Long timestamp = request.json().longValue("timestamp");
      if (timestamp == null) {
        throw RestProblem.missing("timestamp");
      }
      return engine.pinClock(timestamp).thenApply(t -> RestResponse.noContent());
    });
    router.post("/v2/clock/reset", "RESET", request -> {
      request.json();
      return engine.resetClock().thenApply(v -> RestResponse.noContent());
    });
  }
}
