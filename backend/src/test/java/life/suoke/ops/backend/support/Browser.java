package life.suoke.ops.backend.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A client that behaves like the UI in a browser: it keeps cookies (session, XSRF-TOKEN), signs in
 * through the sign-in form endpoint and sends the CSRF token back in {@code X-XSRF-TOKEN}.
 */
public final class Browser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  public Browser(int port) {
    this.base = URI.create("http://localhost:" + port);
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The response of a request, with its body as text and, if it is JSON, parsed. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Signs in through {@code POST /api/auth/login}, after a GET that hands out the CSRF cookie. */
  public Response signIn(String username, String password) {
    get("/api/me");
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(
        withCsrf(request("/api/auth/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  public Response signOut() {
    return send(
        withCsrf(request("/api/auth/logout")).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  public Response get(String path) {
    return send(request(path).GET().build());
  }

  public Response post(String path, String json) {
    return send(
        withCsrf(request(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** A POST that leaves out the CSRF header, as a forged cross-site request would. */
  public Response postWithoutCsrf(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response put(String path, String json) {
    return send(
        withCsrf(request(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response delete(String path) {
    return send(withCsrf(request(path)).DELETE().build());
  }

  /**
   * Opens a long-lived response (an event stream) with this browser's cookies; its lines are read
   * by the caller.
   */
  public java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>
      stream(String path) {
    return http.sendAsync(
        request(path).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines());
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  public void forgetCookie(String name) {
    cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .toList()
        .forEach(c -> cookies.getCookieStore().remove(null, c));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", "application/json")
        .header("X-Requested-With", "XMLHttpRequest");
  }

  private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
    String token = cookie("XSRF-TOKEN");
    return token == null ? builder : builder.header("X-XSRF-TOKEN", token);
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
