package life.suoke.ops.workers.adapters.sms;

import java.time.Duration;

/**
 * Sends text messages through the SMS gateway ({@link MessageGateway}'s contract, text in {@code
 * text}).
 */
public class SmsClient {

  private final MessageGateway gateway;

  /**
   * @param url blank: not configured
   */
  public SmsClient(String url, String token, Duration timeout) {
    this.gateway = new MessageGateway("SMS", url, token, "text", timeout);
  }

  public boolean configured() {
    return gateway.configured();
  }

  /**
   * @param to the phone number in international form ({@code +8613800138000})
   * @throws GatewayException when the gateway did not accept it
   */
  public void send(String to, String text, String idempotencyKey) {
    gateway.send(to, text, idempotencyKey);
  }

  @Override
  public String toString() {
    return gateway.toString();
  }
}
