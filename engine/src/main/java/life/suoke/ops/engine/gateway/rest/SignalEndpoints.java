package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.SignalBroadcastResult;
import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code POST /v2/signals/broadcast}: {@code signalName} required, variables and tenant optional.
 */
final class SignalEndpoints {

  private SignalEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/signals/broadcast",
        "BROADCAST",
        request -> {
          JsonBody body = request.json();
          String signalName = body.requiredText("signalName");
          String tenantId = Tenants.orDefault(body.text("tenantId"));
          return engine
              .broadcastSignal(signalName, body.variables("variables"), tenantId)
              .thenApply(
                  key ->
                      RestResponse.ok(
                          new SignalBroadcastResult()
                              .signalKey(String.valueOf(key))
                              .tenantId(tenantId)));
        });
  }
}
