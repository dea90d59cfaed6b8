package life.suoke.ops.workers.adapters.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import life.suoke.ops.workers.adapters.sms.FakeMessageGateway;
import life.suoke.ops.workers.adapters.sms.FakeMessageGateway.Failure;
import life.suoke.ops.workers.adapters.sms.GatewayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The voice client against a local gateway that checks the contract (the text in {@code message}).
 */
class VoiceClientTest {

  private final FakeMessageGateway gateway = new FakeMessageGateway("message");

  VoiceClientTest() throws IOException {}

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void aCallCarriesTheMessageToReadOutAndTheKey() {
    new VoiceClient(gateway.url(), gateway.token(), Duration.ofSeconds(2))
        .call("+8613800138000", "P0 事件：支付接口不可用", "INC-1:page:3:alice");

    assertThat(gateway.rejections()).isEmpty();
    JsonNode call = gateway.delivered().get(0);
    assertThat(call.path("to").asText()).isEqualTo("+8613800138000");
    assertThat(call.path("message").asText()).isEqualTo("P0 事件：支付接口不可用");
    assertThat(call.path("idempotencyKey").asText()).isEqualTo("INC-1:page:3:alice");
  }

  @Test
  void aTimeoutMayBeRetried() {
    gateway.failNext(Failure.SLOW, 1);
    VoiceClient client = new VoiceClient(gateway.url(), gateway.token(), Duration.ofMillis(300));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> client.call("+8613800138000", "x", "K"));

    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).startsWith("voice gateway: no answer");
  }

  @Test
  void withoutAnAddressItIsNotConfigured() {
    assertThat(new VoiceClient(" ", "t", Duration.ofSeconds(1)).configured()).isFalse();
  }
}
