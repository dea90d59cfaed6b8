package life.suoke.ops.bench;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * What the drivers against the packaged application share: the client, waiting for the search
 * export, signing in.
 */
final class AppClients {

  private AppClients() {}

  /**
   * A Camunda client to the packaged application's engine (REST first), with its engine token when
   * it has one.
   */
  static CamundaClient client(int restPort, int grpcPort, Path dir) throws IOException {
    var builder =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + restPort))
            .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
            .preferRestOverGrpc(true);
    Path token = dir.resolve("engine-token");
    if (Files.isRegularFile(token)) {
      String value = Files.readString(token).trim();
      builder.credentialsProvider(
          new io.camunda.client.CredentialsProvider() {
            @Override
            public void applyCredentials(CredentialsApplier applier) {
              applier.put("Authorization", "Bearer " + value);
            }

            @Override
            public boolean shouldRetryRequest(StatusCode statusCode) {
              return false;
            }
          });
    }
    return builder.build();
  }

  /**
   * Waits until the search exporter has indexed the whole log (gauge {@code
   * suoke.engine.export.lag}).
   */
  static void awaitExport(HttpClient http, String base, String adminPassword) throws Exception {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MINUTES.toNanos(20);
    double lag = -1;
    while (System.nanoTime() < deadline) {
      lag = metric(http, base, adminPassword, "suoke.engine.export.lag");
      if (Double.isNaN(lag)) {
        System.out.println("no export lag gauge: not waiting for the search exporter");
        return;
      }
      if (lag < 1000) {
        break;
      }
      Thread.sleep(2000);
    }
    System.out.printf(
        "search exporter caught up (lag %.0f records) after %.1f s more%n",
        lag, (System.nanoTime() - started) / 1e9);
  }

  /**
   * A meter's first value from the application's actuator ({@code /actuator/metrics/{name}}), read
   * as the admin; NaN when it has none.
   */
  static double metric(HttpClient http, String base, String adminPassword, String name)
      throws Exception {
    String admin =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name))
                .header("Authorization", admin)
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"value\":([0-9.E-]+)").matcher(r.body());
    return r.statusCode() == 200 && m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /**
   * Signs in like the UI: the CSRF cookie first, then the form post; the session cookie follows.
   */
  static void signIn(HttpClient http, String base, String username, String password)
      throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token =
        ((CookieManager) http.cookieHandler().orElseThrow())
            .getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst()
                .orElseThrow()
                .getValue();
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
    }
  }
}
