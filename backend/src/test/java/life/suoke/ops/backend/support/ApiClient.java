package life.suoke.ops.backend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An API client signing every request with HTTP Basic (no cookies, no CSRF token needed). */
public final class ApiClient {

  private final URI base;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  public ApiClient(int port, String username, String password) {
    this(
        port,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** With any Authorization header value (a bearer token, say). */
  public ApiClient(int port, String authorization) {
    this.base = URI.create("http://localhost:" + port);
    this.authorization = authorization;
  }

  public Browser.Response get(String path) {
    return send(request(path).GET().build());
  }

  public Browser.Response post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Browser.Response put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Browser.Response delete(String path) {
    return send(request(path).DELETE().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", "application/json")
        .header("Authorization", authorization);
  }

  private Browser.Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Browser.Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
