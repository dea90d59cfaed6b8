package life.suoke.ops.engine.gateway.rest;

import java.nio.charset.StandardCharsets;

/**
 * What an endpoint answers: a status and either an object to write as JSON (a generated {@code
 * io.camunda.client.protocol.rest} model), raw text, or nothing. Serialization happens on the
 * connection's event loop, never on the engine's processing thread.
 */
public record RestResponse(int status, String contentType, Object json, byte[] raw) {

  public static final String JSON = "application/json";
  public static final String PROBLEM_JSON = "application/problem+json";

  public static RestResponse ok(Object body) {
    return new RestResponse(200, JSON, body, null);
  }

  public static RestResponse noContent() {
    return new RestResponse(204, null, null, null);
  }

  public static RestResponse text(String contentType, String body) {
    return new RestResponse(200, contentType, null, body.getBytes(StandardCharsets.UTF_8));
  }

  static RestResponse problem(int status, Object problem) {
    return new RestResponse(status, PROBLEM_JSON, problem, null);
  }
}
