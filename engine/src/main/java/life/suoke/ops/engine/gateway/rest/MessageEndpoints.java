package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.MessageCorrelationResult;
import io.camunda.client.protocol.rest.MessagePublicationResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code POST /v2/messages/publication} (publish, buffered for its time to live) and {@code POST
 * /v2/messages/correlation} (correlate right away, not buffered). Only {@code name} is required;
 * {@code correlationKey} defaults to empty and {@code timeToLive} to 0 (not buffered), as in
 * Camunda's API.
 */
final class MessageEndpoints {

  private MessageEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post("/v2/messages/publication", "PUBLISH", request -> publish(engine, request.json()));
    router.post(
        "/v2/messages/correlation", "CORRELATE", request -> correlate(engine, request.json()));
  }

  private static CompletableFuture<RestResponse> publish(EngineApi engine, JsonBody body) {
    String name = body.requiredText("name");
    String correlationKey = orEmpty(body.text("correlationKey"));
    Long timeToLive = body.longValue("timeToLive");
    if (timeToLive != null && timeToLive < 0) {
      throw RestProblem.invalidArgument(
          "The value for timeToLive is '%d' but must be greater than or equal to 0.", timeToLive);
    }
    String messageId = orEmpty(body.text("messageId"));
    String tenantId = Tenants.orDefault(body.text("tenantId"));
    return engine
        .publishMessage(
            name,
            correlationKey,
            Duration.ofMillis(timeToLive == null ? 0 : timeToLive),
            messageId,
            body.variables("variables"),
            tenantId)
        .thenApply(
            key ->
                RestResponse.ok(
                    new MessagePublicationResult()
                        .messageKey(String.valueOf(key))
                        .tenantId(tenantId)));
  }

  private static CompletableFuture<RestResponse> correlate(EngineApi engine, JsonBody body) {
    String name = body.requiredText("name");
    String correlationKey = orEmpty(body.text("correlationKey"));
    String tenantId = Tenants.orDefault(body.text("tenantId"));
    return engine
        .correlateMessage(name, correlationKey, body.variables("variables"), tenantId)
        .thenApply(
            correlated ->
                RestResponse.ok(
                    new MessageCorrelationResult()
                        .messageKey(String.valueOf(correlated.messageKey()))
                        .processInstanceKey(String.valueOf(correlated.processInstanceKey()))
                        .tenantId(
                            correlated.tenantId() == null ? tenantId : correlated.tenantId())));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
