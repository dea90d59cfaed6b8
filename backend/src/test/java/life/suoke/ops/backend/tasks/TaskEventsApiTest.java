package life.suoke.ops.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/tasks/events} read by a real HTTP client: tasks created by a process and
 * completed through the API.
 */
class TaskEventsApiTest extends TaskTestSupport {

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired TaskEvents events;

  /** The data lines of the stream's {@code task} events, as they arrive. */
  record EventStream(
      BlockingQueue<String> events,
      CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {}

  EventStream connect(String user) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks/events"))
            .header("Authorization", "Basic " + auth)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> status = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response =
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    response.thenAccept(
        r -> {
          status.add(r.statusCode());
          Thread reader =
              new Thread(
                  () -> {
                    String event = null;
                    try (java.util.stream.Stream<String> lines = r.body()) {
                      for (String line : (Iterable<String>) lines::iterator) {
                        if (line.startsWith("event:")) {
                          event = line.substring(6).trim();
                        } else if (line.startsWith("data:") && "task".equals(event)) {
                          events.add(line.substring(5).trim());
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
    return new EventStream(events, response);
  }

  static String await(BlockingQueue<String> events, String expected) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      String data = events.poll(200, TimeUnit.MILLISECONDS);
      if (data != null && data.equals(expected)) {
        return data;
      }
    }
    throw new AssertionError("no event " + expected + " arrived");
  }

  @Test
  void usersWhoMaySeeATaskHearItCreatedAndCompleted() throws Exception {
    String group = group("live");
    String worker = user("live-worker", Set.of(group));
    String outsider = user("live-outsider", Set.of(group("live-other")));
    EventStream workerStream = connect(worker);
    EventStream outsiderStream = connect(outsider);

    long key = taskOf(startReview(List.of(group)));
    await(workerStream.events(), "{\"type\":\"created\",\"key\":\"" + key + "\"}");

    assertThat(
            post(
                    worker,
                    "/api/tasks/" + key + "/complete",
                    Map.of("variables", Map.of("done", true)))
                .getStatusCode()
                .value())
        .isEqualTo(204);
    await(workerStream.events(), "{\"type\":\"completed\",\"key\":\"" + key + "\"}");

    // the other group's user heard nothing of it
    assertThat(outsiderStream.events()).noneMatch(data -> data.contains("\"" + key + "\""));
    workerStream.response().cancel(true);
    outsiderStream.response().cancel(true);
  }

  @Test
  void signingOutEndsTheSessionsStream() throws Exception {
    String worker = user("live-signout", Set.of(group("live-signout")));
    Browser browser = new Browser(port);
    assertThat(browser.signIn(worker, PASSWORD).status()).isEqualTo(200);
    HttpResponse<java.util.stream.Stream<String>> stream =
        browser.stream("/api/tasks/events").get(20, TimeUnit.SECONDS);
    assertThat(stream.statusCode()).isEqualTo(200);
    CompletableFuture<Long> linesUntilEnd =
        CompletableFuture.supplyAsync(
            () -> {
              try (java.util.stream.Stream<String> lines = stream.body()) {
                return lines.count();
              }
            });

    assertThat(events.subscriberCount(worker)).isEqualTo(1);

    assertThat(browser.signOut().status()).isEqualTo(204);

    assertThat(events.subscriberCount(worker)).isZero();
    // the server ends the stream itself, soon after the session (not after the stream's 30 minutes)
    assertThat(linesUntilEnd.get(20, TimeUnit.SECONDS)).isPositive();
  }
}
