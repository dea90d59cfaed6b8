package life.suoke.ops.engine.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.net.URI;
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
 * PublishMessage and BroadcastSignal over gRPC, with the real client: request validation and the
 * way to the engine.
 */
class MessageSignalGrpcTest {

  static Engine engine;
  static CamundaClient client;

  @BeforeAll
  static void start() {
    engine =
        Engine.start(
            EngineConfig.of(TestPostgres.newDatabase(MessageSignalGrpcTest.class).dataSource()));
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
            .restAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  @Test
  void aMessageWithoutANameOrWithANegativeTimeToLiveIsAnInvalidArgument() {
    assertStatus(
        () -> client.newPublishMessageCommand().messageName("").correlationKey("k").send().join(),
        Status.Code.INVALID_ARGUMENT,
        "No name provided.");
    assertStatus(
        () ->
            client
                .newPublishMessageCommand()
                .messageName("m")
                .correlationKey("k")
                .timeToLive(Duration.ofMillis(-1))
                .send()
                .join(),
        Status.Code.INVALID_ARGUMENT,
        "timeToLive");
    assertStatus(
        () ->
            client
                .newPublishMessageCommand()
                .messageName("m")
                .correlationKey("k")
                .variables("[1]")
                .send()
                .join(),
        Status.Code.INVALID_ARGUMENT,
        "variables");
  }

  @Test
  void aSignalWithoutANameIsAnInvalidArgument() {
    assertStatus(
        () -> client.newBroadcastSignalCommand().signalName("").send().join(),
        Status.Code.INVALID_ARGUMENT,
        "No signalName provided.");
  }

  @Test
  void aValidMessageReachesTheEngine() {
    keyReturned(
        "PUBLISH",
        () -> {
          var published =
              client
                  .newPublishMessageCommand()
                  .messageName("order-paid")
                  .correlationKey("order-1")
                  .timeToLive(Duration.ofMinutes(1))
                  .messageId("grpc-msg-1")
                  .variables(Map.of("amount", 42))
                  .send()
                  .join();
          assertThat(published.getTenantId()).isEqualTo("<default>");
          return published.getMessageKey();
        });
  }

  @Test
  void aValidSignalReachesTheEngine() {
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
  }

  static void assertStatus(ThrowingCallable call, Status.Code code, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(detail);
            });
  }

  /** The engine handled the command and answered with the new record's key. */
  static void keyReturned(String intent, Supplier<Long> call) {
    assertThat(call.get()).as(intent).isPositive();
  }
}
