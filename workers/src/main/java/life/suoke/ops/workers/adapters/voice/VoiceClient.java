package life.suoke.ops.workers.adapters.voice;

import java.time.Duration;
import life.suoke.ops.workers.adapters.sms.GatewayException;
import life.suoke.ops.workers.adapters.sms.MessageGateway;

/**
 * Places voice calls that read a message out, through the voice gateway (the same contract as SMS,
 * {@link MessageGateway}, with the text in {@code message}).
 */
public class VoiceClient {

  private final MessageGateway gateway;

  /**
   * @param url blank: not configured
   */
  public VoiceClient(String url, String token, Duration timeout) {
    this.gateway = new MessageGateway("voice", url, token, "message", timeout);
  }

  public boolean configured() {
    return gateway.configured();
  }

  /**
   * @param to the phone number in international form ({@code +8613800138000})
   * @param message what the call reads out
   * @throws GatewayException when the gateway did not accept it
   */
  public void call(String to, String message, String idempotencyKey) {
    gateway.send(to, message, idempotencyKey);
  }

  @Override
  public String toString() {
    return gateway.toString();
  }
}
