package life.suoke.ops.engine.gateway.rest;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Map;

/**
 * One HTTP request as an endpoint sees it. The underlying Netty request is released when the
 * endpoint's {@code handle} call returns, so an endpoint reads everything it needs (body, parts)
 * before it returns its future.
 */
public final class RestRequest {

  private final FullHttpRequest request;
  private final String path;
  private final Map<String, String> pathParams;
  private byte[] body;

  RestRequest(FullHttpRequest request, String path, Map<String, String> pathParams) {
    this.request = request;
    this.path = path;
    this.pathParams = pathParams;
  }

  public String path() {
    return path;
  }

  FullHttpRequest netty() {
    return request;
  }

  public String header(String name) {
    return request.headers().get(name);
  }

  /** The body's bytes (empty if none). */
  public byte[] body() {
    if (body == null) {
      body = ByteBufUtil.getBytes(request.content());
    }
    return body;
  }

  JsonBody json() {
    return JsonBody.parse(body());
  }

  /** A key in the path, such as {@code jobKey} in {@code /v2/jobs/{jobKey}/completion}. */
  public long pathKey(String name) {
    String value = pathParams.get(name);
    try {
      long key = Long.parseLong(value);
      if (key > 0) {
        return key;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw RestProblem.invalidArgument(
        "The value for %s is '%s' but must be a positive numeric key.", name, value);
  }
}
