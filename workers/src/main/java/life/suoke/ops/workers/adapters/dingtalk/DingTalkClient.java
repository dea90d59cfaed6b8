package life.suoke.ops.workers.adapters.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts messages to one DingTalk custom robot (a group's webhook, {@code
 * .../robot/send?access_token=...}). When the robot has a signing secret, each call carries {@code
 * &timestamp=..&sign=..} (see {@link DingTalkSigner}). Neither the webhook address (its access
 * token is a credential) nor the secret appears in exceptions or in {@link #toString()}.
 *
 * <p>DingTalk answers HTTP 200 with {@code {"errcode":0,"errmsg":"ok"}}, or a non-zero {@code
 * errcode}: 310000 (signature, keyword or address check failed) and other codes are permanent;
 * 130101 (sending too fast) and -1 (system busy) may pass later, as may HTTP 5xx and time-outs.
 * This client sends one message per call; the robot's rate limit is {@link DingTalkOutbox}'s.
 */
public class DingTalkClient {

  /** Sending too fast: the robot's own limit. */
  public static final int ERRCODE_TOO_FAST = 130101;

  /** Signature, keyword or IP address check failed. */
  public static final int ERRCODE_SECURITY = 310000;

  private static final int ERRCODE_BUSY = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String webhook;
  private final String secret;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  /**
   * @param webhook the robot's address with its access token; blank: not configured
   * @param secret the robot's signing secret; blank when the robot checks keywords or addresses
   *     instead
   * @param timeout for connecting and for the answer
   * @param clock the signature's timestamp
   */
  public DingTalkClient(String webhook, String secret, Duration timeout, Clock clock) {
    this.webhook = webhook == null ? "" : webhook.trim();
    if (!this.webhook.isEmpty()) {
      requireHttpAddress(this.webhook);
    }
    this.secret = secret == null ? "" : secret;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public boolean configured() {
    return !webhook.isEmpty();
  }

  /** Sends one message; returns when the robot took it. */
  public void send(DingTalkMessage message) {
    if (!configured()) {
      throw new DingTalkException("DingTalk robot not configured", null, false);
    }
    HttpRequest request =
        HttpRequest.newBuilder(signedUri())
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json(message), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new DingTalkException(
          "DingTalk: no answer within " + timeout.toMillis() + " ms", null, true);
    } catch (IOException e) {
      throw new DingTalkException(
          "DingTalk: request failed (" + e.getClass().getSimpleName() + ")", null, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DingTalkException("DingTalk: interrupted", null, true);
    }
    check(response);
  }

  /** Checks the address without ever repeating it: it holds the robot's access token. */
  private static void requireHttpAddress(String address) {
    URI uri;
    try {
      uri = new URI(address);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("DingTalk webhook is not a valid address");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("DingTalk webhook must be an http(s) address");
    }
  }

  private URI signedUri() {
    if (secret.isEmpty()) {
      return URI.create(webhook);
    }
    String separator = webhook.contains("?") ? "&" : "?";
    long timestamp = clock.millis();
    return URI.create(
        webhook
            + separator
            + "timestamp="
            + timestamp
            + "&sign="
            + DingTalkSigner.urlEncodedSignature(secret, timestamp));
  }

  private void check(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 500) {
      throw new DingTalkException("DingTalk: HTTP " + status, null, true);
    }
    if (status < 200 || status >= 300) {
      throw new DingTalkException("DingTalk: HTTP " + status, null, status == 408 || status == 429);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new DingTalkException("DingTalk: answer is not JSON", null, true);
    }
    if (answer == null || !answer.path("errcode").isNumber()) {
      throw new DingTalkException("DingTalk: answer without errcode", null, true);
    }
    int errcode = answer.path("errcode").asInt();
    if (errcode != 0) {
      boolean retryable = errcode == ERRCODE_TOO_FAST || errcode == ERRCODE_BUSY;
      throw new DingTalkException(
          "DingTalk: errcode " + errcode + " (" + redact(answer.path("errmsg").asText("")) + ")",
          errcode,
          retryable);
    }
  }

  /**
   * DingTalk's error texts are fixed phrases; still, nothing of the credentials may pass through.
   */
  private String redact(String text) {
    String clean = text.length() > 200 ? text.substring(0, 200) : text;
    if (!secret.isEmpty()) {
      clean = clean.replace(secret, "***");
    }
    int token = webhook.indexOf("access_token=");
    if (token >= 0) {
      String value = webhook.substring(token + "access_token=".length()).split("&", 2)[0];
      if (!value.isEmpty()) {
        clean = clean.replace(value, "***");
      }
    }
    return clean;
  }

  private static String json(DingTalkMessage message) {
    try {
      return JSON.writeValueAsString(message.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("DingTalk message cannot be written as JSON", e);
    }
  }

  @Override
  public String toString() {
    return "DingTalkClient["
        + (configured() ? "configured" : "not configured")
        + ", signed="
        + !secret.isEmpty()
        + "]";
  }
}
