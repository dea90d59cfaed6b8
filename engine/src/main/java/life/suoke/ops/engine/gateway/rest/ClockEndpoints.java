package life.suoke.ops.engine.gateway.rest;

import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code PUT /v2/clock} (pin the engine clock) and {@code POST /v2/clock/reset}. Without clock
 * control both answer 403 and leave the clock alone, as a Zeebe broker without {@code
 * zeebe.clock.controlled} does not let its clock be moved.
 */
final class ClockEndpoints {

  private ClockEndpoints() {}

  static void register(Router router, EngineApi engine, boolean clockControl) {
    if (!clockControl) {
      router.put(
          "/v2/clock",
          "PIN",
          request -> {
            throw notControlled();
          });
      router.post(
          "/v2/clock/reset",
          "RESET",
          request -> {
            throw notControlled();
          });
      return;
    }
    router.put(
        "/v2/clock",
        "PIN",
        request -> {
          Long timestamp = request.json().longValue("timestamp");
          if (timestamp == null) {
            throw RestProblem.missing("timestamp");
          }
          return engine.pinClock(timestamp).thenApply(t -> RestResponse.noContent());
        });
    router.post(
        "/v2/clock/reset",
        "RESET",
        request -> {
          request.json();
          return engine.resetClock().thenApply(v -> RestResponse.noContent());
        });
  }

  private static RestProblem notControlled() {
    return new RestProblem(
        403,
        "FORBIDDEN",
        "The engine clock is not controllable: start the engine with clock control to pin or reset it.");
  }
}
