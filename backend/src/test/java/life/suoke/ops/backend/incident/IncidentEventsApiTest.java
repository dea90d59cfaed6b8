package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/incidents/events} read by a real HTTP client. */
class IncidentEventsApiTest extends IncidentTestSupport {

  @LocalServerPort int port;
  @Autowired IncidentEvents events;

  /** The data lines of a stream's {@code incident} events, as they arrive. */
  record EventStream(
      BlockingQueue<String> data, CompletableFuture<HttpResponse<Stream<String>>> response) {}

  private EventStream connect(String user) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents/events"))
            .header("Authorization", "Basic " + auth)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    BlockingQueue<String> data = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> status = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    response.thenAccept(
        r -> {
          status.add(r.statusCode());
          Thread reader =
              new Thread(
                  () -> {
                    String event = null;
                    try (Stream<String> lines = r.body()) {
                      for (String line : (Iterable<String>) lines::iterator) {
                        if (line.startsWith("event:")) {
                          event = line.substring(6).trim();
                        } else if (line.startsWith("data:") && "incident".equals(event)) {
                          data.add(line.substring(5).trim());
                        } else if (line.isEmpty()) {
                          event = null;
                        }
                      }
                    } catch (RuntimeException closed) {
                      // the test is over
                    }
                  });
          reader.setDaemon(true);
          reader.start();
        });
    assertThat(status.poll(20, TimeUnit.SECONDS)).isEqualTo(200);
    return new EventStream(data, response);
  }

  private static void awaitEvent(BlockingQueue<String> data, String expected)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      String next = data.poll(200, TimeUnit.MILLISECONDS);
      if (expected.equals(next)) {
        return;
      }
    }
    throw new AssertionError("no event " + expected + " arrived");
  }

  @Test
  void whoMaySeeAnIncidentHearsOfItsChanges() throws Exception {
    String responder = user("responder", "tier1-oncall");
    String outsider = user("outsider");
    String reporter = user("reporter");
    EventStream responderStream = connect(responder);
    EventStream outsiderStream = connect(outsider);
    EventStream reporterStream = connect(reporter);

    String number = openReport(reporter, "error", "events-svc");

    awaitEvent(responderStream.data(), "{\"number\":\"" + number + "\",\"status\":\"open\"}");
    awaitEvent(responderStream.data(), "{\"number\":\"" + number + "\",\"status\":\"triaged\"}");
    awaitEvent(reporterStream.data(), "{\"number\":\"" + number + "\",\"status\":\"triaged\"}");
    postOk(
        reporter, "/api/incidents/" + number + "/notes", java.util.Map.of("text", "More detail"));
    awaitEvent(responderStream.data(), "{\"number\":\"" + number + "\",\"status\":\"triaged\"}");
    assertThat(outsiderStream.data()).noneMatch(d -> d.contains(number));
    responderStream.response().cancel(true);
    outsiderStream.response().cancel(true);
    reporterStream.response().cancel(true);
  }

  @Test
  void signingOutEndsTheSessionsStream() throws Exception {
    String responder = user("responder-signout", "tier1-oncall");
    Browser browser = new Browser(port);
    assertThat(browser.signIn(responder, PASSWORD).status()).isEqualTo(200);
    HttpResponse<Stream<String>> stream =
        browser.stream("/api/incidents/events").get(20, TimeUnit.SECONDS);
    assertThat(stream.statusCode()).isEqualTo(200);
    CompletableFuture<Long> linesUntilEnd =
        CompletableFuture.supplyAsync(
            () -> {
              try (Stream<String> lines = stream.body()) {
                return lines.count();
              }
            });
    assertThat(events.subscriberCount(responder)).isEqualTo(1);

    assertThat(browser.signOut().status()).isEqualTo(204);

    assertThat(events.subscriberCount(responder)).isZero();
    assertThat(linesUntilEnd.get(20, TimeUnit.SECONDS)).isPositive();
  }
}
