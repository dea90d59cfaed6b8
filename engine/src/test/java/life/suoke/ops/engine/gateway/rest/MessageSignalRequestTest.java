package life.suoke.ops.engine.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/messages/publication}, {@code /v2/messages/correlation} and {@code
 * /v2/signals/broadcast} with the real client over REST (and raw HTTP for the wire shape): request
 * validation and the way to the engine.
 */
class MessageSignalRequestTest {

  static Engine engine;
  static CamundaClient client;
  static HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    engine =
        Engine.start(
            EngineConfig.of(TestPostgres.newDatabase(MessageSignalRequestTest.class).dataSource()));
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
            .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  @Test
  void requestsWithoutTheirNameAre400ProblemsNamingTheField() throws Exception {
    assertProblem(
        () -> client.newPublishMessageCommand().messageName("").correlationKey("k").send().join(),
        400,
        "INVALID_ARGUMENT",
        "No name provided.");
    assertProblem(
        () -> client.newCorrelateMessageCommand().messageName("").correlationKey("k").send().join(),
        400,
        "INVALID_ARGUMENT",
        "No name provided.");
    assertProblem(
        () -> client.newBroadcastSignalCommand().signalName("").send().join(),
        400,
        "INVALID_ARGUMENT",
        "No signalName provided.");

    HttpResponse<String> noName = post("/v2/messages/publication", "{\"correlationKey\":\"k\"}");
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(noName.body())
        .contains("No name provided.")
        .contains("\"instance\":\"/v2/messages/publication\"");
    assertThat(post("/v2/signals/broadcast", "{}").body()).contains("No signalName provided.");
    assertThat(post("/v2/messages/publication", "{\"name\":\"m\",\"timeToLive\":-1}").body())
        .contains("timeToLive")
        .contains("-1");
    assertThat(post("/v2/messages/correlation", "{\"name\":\"m\",\"variables\":[1]}").body())
        .contains("variables");
  }

  @Test
  void aValidPublicationReachesTheEngine() throws Exception {
    keyReturned(
        "PUBLISH",
        () -> {
          var published =
              client
                  .newPublishMessageCommand()
                  .messageName("order-paid")
                  .correlationKey("order-1")
                  .timeToLive(Duration.ofMinutes(1))
                  .messageId("rest-msg-1")
                  .variables(Map.of("amount", 42))
                  .send()
                  .join();
          assertThat(published.getTenantId()).isEqualTo("<default>");
          return published.getMessageKey();
        });
    // only the name is required: no correlation key, no time to live (0, not buffered)
    HttpResponse<String> minimal = post("/v2/messages/publication", "{\"name\":\"order-created\"}");
    assertThat(minimal.statusCode()).isEqualTo(200);
    assertThat(minimal.body())
        .containsPattern("\"messageKey\":\"[1-9]\\d*\"")
        .contains("\"tenantId\":\"<default>\"");
  }

  @Test
  void aValidSignalReachesTheEngine() throws Exception {
    keyReturned(
        "BROADCAST",
        () -> {
          var broadcast =
              client
                  .newBroadcastSignalCommand()
                  .signalName("stop-all")
                  .variables(Map.of("reason", "test"))
                  .send()
                  .join();
          assertThat(broadcast.getTenantId()).isEqualTo("<default>");
          return broadcast.getKey();
        });
    HttpResponse<String> raw = post("/v2/signals/broadcast", "{\"signalName\":\"stop-all\"}");
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body())
        .containsPattern("\"signalKey\":\"[1-9]\\d*\"")
        .contains("\"tenantId\":\"<default>\"");
  }

  /**
   * Nothing waits for this message: 404 (a correlation that reaches an instance is in
   * EventsConformanceTest).
   */
  @Test
  void aCorrelationReachesTheEngine() {
    assertThatThrownBy(
            () ->
                client
                    .newCorrelateMessageCommand()
                    .messageName("nobody-waits")
                    .correlationKey("k")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.details().getTitle()).isEqualTo("NOT_FOUND");
              assertThat(e.details().getDetail())
                  .startsWith("Command 'CORRELATE' rejected with code 'NOT_FOUND'");
            });
  }

  static void assertProblem(ThrowingCallable call, int status, String title, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(status);
              assertThat(e.details().getTitle()).isEqualTo(title);
              assertThat(e.details().getDetail()).contains(detail);
            });
  }

  /** The engine handled the command and answered with the new record's key. */
  static void keyReturned(String intent, Supplier<Long> call) {
    assertThat(call.get()).as(intent).isPositive();
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.restPort() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
