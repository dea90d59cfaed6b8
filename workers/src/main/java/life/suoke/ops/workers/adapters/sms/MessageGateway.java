package life.suoke.ops.workers.adapters.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of the SMS and voice gateways (ours, see workers/README.md): {@code POST {url}} with
 * {@code Authorization: Bearer {token}} and the JSON {@code {"to": "+86...", "<field>": ...,
 * "idempotencyKey": ...}}; 2xx accepted; 408, 429 and 5xx (and time-outs) may pass later; other 4xx
 * are permanent. The gateway drops a second message with an idempotency key it has already
 * accepted.
 */
public class MessageGateway {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI url;
  private final String token;
  private final String textField;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param name for messages: "SMS", "voice"
   * @param url the gateway's address; blank: not configured
   * @param token the bearer token, required with an address
   * @param textField the JSON field of the text: {@code text} for SMS, {@code message} for voice
   */
  public MessageGateway(String name, String url, String token, String textField, Duration timeout) {
    this.name = name;
    this.url = url == null || url.isBlank() ? null : parse(name, url.trim());
    this.token = token == null ? "" : token.trim();
    if (this.url != null && this.token.isEmpty()) {
      throw new IllegalArgumentException(name + " gateway: a token is required with the address");
    }
    this.textField = textField;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public boolean configured() {
    return url != null;
  }

  /**
   * Hands one message to the gateway.
   *
   * @param to the phone number in international form ({@code +8613800138000})
   */
  public void send(String to, String text, String idempotencyKey) {
    if (!configured()) {
      throw new GatewayException(name + " gateway not configured", 0, false);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", to);
    body.put(textField, text);
    body.put("idempotencyKey", idempotencyKey);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      throw new GatewayException(
          name + " gateway: no answer within " + timeout.toMillis() + " ms", 0, true);
    } catch (IOException e) {
      throw new GatewayException(
          name + " gateway: request failed (" + e.getClass().getSimpleName() + ")", 0, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(name + " gateway: interrupted", 0, true);
    }
    if (status >= 200 && status < 300) {
      return;
    }
    boolean retryable = status >= 500 || status == 408 || status == 429;
    throw new GatewayException(name + " gateway: HTTP " + status, status, retryable);
  }

  private static URI parse(String name, String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException(name + " gateway: the address must be http(s)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " gateway: the address is not valid");
    }
  }

  private static String json(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("gateway message cannot be written as JSON", e);
    }
  }

  @Override
  public String toString() {
    return name + " gateway[" + (configured() ? "configured" : "not configured") + "]";
  }
}
