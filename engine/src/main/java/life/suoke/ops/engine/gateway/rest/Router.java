package life.suoke.ops.engine.gateway.rest;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Maps method and path to endpoints. Paths are templates such as {@code
 * /v2/jobs/{jobKey}/completion}; there are few routes, so matching is a scan over pre-split
 * templates. A path under {@code /v2} that no route knows is answered as not implemented (Camunda's
 * API is wider than this engine's).
 */
public final class Router {

  /** An endpoint: reads the request synchronously, then answers (possibly later). */
  @FunctionalInterface
  public interface Endpoint {
    CompletableFuture<RestResponse> handle(RestRequest request);
  }

  private record Route(HttpMethod method, String[] segments, String intent, Endpoint endpoint) {}

  private final List<Route> routes = new ArrayList<>();

  public Router get(String template, Endpoint endpoint) {
    return add(HttpMethod.GET, template, "GET", endpoint);
  }

  /**
   * @param intent the command's name in rejection messages, like Zeebe's intent ({@code COMPLETE})
   */
  public Router post(String template, String intent, Endpoint endpoint) {
    return add(HttpMethod.POST, template, intent, endpoint);
  }

  public Router put(String template, String intent, Endpoint endpoint) {
    return add(HttpMethod.PUT, template, intent, endpoint);
  }

  public Router patch(String template, String intent, Endpoint endpoint) {
    return add(HttpMethod.PATCH, template, intent, endpoint);
  }

  public Router delete(String template, String intent, Endpoint endpoint) {
    return add(HttpMethod.DELETE, template, intent, endpoint);
  }

  private Router add(HttpMethod method, String template, String intent, Endpoint endpoint) {
    routes.add(new Route(method, split(template), intent, endpoint));
    return this;
  }

  /** Answers a request; never throws (failures become problems). */
  CompletableFuture<RestResponse> dispatch(FullHttpRequest request, String path) {
    String[] segments = split(path);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = match(route.segments(), segments);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(request.method())) {
        continue;
      }
      return invoke(route, new RestRequest(request, path, params));
    }
    if (pathKnown) {
      return CompletableFuture.completedFuture(
          Problems.of(
              405,
              "METHOD_NOT_ALLOWED",
              String.format("Request method '%s' is not supported for %s", request.method(), path),
              path));
    }
    if (path.equals("/v2") || path.startsWith("/v2/")) {
      return CompletableFuture.completedFuture(
          Problems.of(
              501,
              "NOT_IMPLEMENTED",
              String.format("%s %s is not implemented by this engine yet", request.method(), path),
              path));
    }
    return CompletableFuture.completedFuture(
        Problems.of(404, "NOT_FOUND", "No endpoint " + path, path));
  }

  private static CompletableFuture<RestResponse> invoke(Route route, RestRequest request) {
    CompletableFuture<RestResponse> answer;
    try {
      answer = route.endpoint().handle(request);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Problems.from(e, route.intent(), request.path()));
    }
    return answer.exceptionally(failure -> Problems.from(failure, route.intent(), request.path()));
  }

  private static Map<String, String> match(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{")) {
        if (params == null) {
          params = new HashMap<>(4);
        }
        params.put(t.substring(1, t.length() - 1), path[i]);
      } else if (!t.equals(path[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }
}
