package life.suoke.ops.workers.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import life.suoke.ops.workers.adapters.sms.FakeMessageGateway.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMS client against a local gateway that checks the contract. */
class SmsClientTest {

  private final FakeMessageGateway gateway = new FakeMessageGateway("text");

  SmsClientTest() throws IOException {}

  @AfterEach
  void stop() {
    gateway.close();
  }

  private SmsClient client() {
    return new SmsClient(gateway.url(), gateway.token(), Duration.ofSeconds(2));
  }

  @Test
  void aMessageGoesWithTheBearerTokenAndTheContractsFields() {
    client()
        .send(
            "+8613800138000",
            "P0 支付接口不可用 https://ops.example/incidents/INC-1",
            "INC-1:page:1:alice");

    assertThat(gateway.rejections()).isEmpty();
    JsonNode message = gateway.delivered().get(0);
    assertThat(message.path("to").asText()).isEqualTo("+8613800138000");
    assertThat(message.path("text").asText())
        .isEqualTo("P0 支付接口不可用 https://ops.example/incidents/INC-1");
    assertThat(message.path("idempotencyKey").asText()).isEqualTo("INC-1:page:1:alice");
  }

  @Test
  void theGatewayTakesAKeyOnce() {
    SmsClient client = client();
    client.send("+8613800138000", "first", "K-1");
    client.send("+8613800138000", "second", "K-1");

    assertThat(gateway.requests()).isEqualTo(2);
    assertThat(gateway.delivered())
        .extracting(m -> m.path("text").asText())
        .containsExactly("first");
  }

  @Test
  void serverErrorsTooManyRequestsAndTimeoutsMayBeRetriedOther4xxMayNot() {
    gateway.failNext(Failure.HTTP_500, 1);
    gateway.failNext(Failure.HTTP_429, 1);
    gateway.failNext(Failure.SLOW, 1);
    gateway.failNext(Failure.HTTP_400, 1);
    SmsClient client = client();

    List<GatewayException> failures =
        List.of(
            catchThrowableOfType(
                GatewayException.class, () -> client.send("+8613800138000", "x", "K-1")),
            catchThrowableOfType(
                GatewayException.class, () -> client.send("+8613800138000", "x", "K-2")),
            catchThrowableOfType(
                GatewayException.class,
                () ->
                    new SmsClient(gateway.url(), gateway.token(), Duration.ofMillis(500))
                        .send("+8613800138000", "x", "K-3")),
            catchThrowableOfType(
                GatewayException.class, () -> client.send("+8613800138000", "x", "K-4")));

    assertThat(failures).extracting(GatewayException::status).containsExactly(500, 429, 0, 400);
    assertThat(failures)
        .extracting(GatewayException::retryable)
        .containsExactly(true, true, true, false);
    assertThat(failures)
        .allSatisfy(
            f ->
                assertThat(f.getMessage())
                    .doesNotContain("13800138000")
                    .doesNotContain(gateway.token()));
  }

  @Test
  void aWrongTokenIsAPermanentFailure() {
    SmsClient client = new SmsClient(gateway.url(), "not-the-token", Duration.ofSeconds(2));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> client.send("+8613800138000", "x", "K"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).doesNotContain("not-the-token");
  }

  @Test
  void withoutAnAddressItIsNotConfiguredAndAnAddressNeedsAToken() {
    assertThat(new SmsClient("", null, Duration.ofSeconds(1)).configured()).isFalse();
    assertThat(new SmsClient(null, null, Duration.ofSeconds(1)).configured()).isFalse();
    assertThatThrownBy(() -> new SmsClient(gateway.url(), " ", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token is required");
    assertThat(client().toString()).doesNotContain(gateway.token());
  }
}
