package life.suoke.ops.workers.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook for CI/CD tools (a Jenkins job, a GitLab CI pipeline trigger, anything that
 * takes a JSON POST): {@code {type: webhook, url}}. Each action POSTs {@code {event, releaseId,
 * service, stableVersion, newVersion, weight, match}} with the events prepare, deploy, traffic,
 * scale-down and retire-previous; anything but a 2xx answer fails the job (it is retried). With a
 * signing secret configured, the body's HMAC-SHA256 is sent in {@code X-Suoke-Signature} ({@code
 * sha256=<hex>}).
 */
public class WebhookTarget implements DeploymentTarget {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String secret;

  /**
   * @param secret the signing secret, null or blank for unsigned calls
   */
  public WebhookTarget(String secret) {
    this.secret = secret == null || secret.isBlank() ? null : secret;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public void validate(Map<String, Object> target, List<AnalysisSpec.Problem> problems) {
    Object url = target.get("url");
    boolean ok = false;
    if (url instanceof String text && text.length() <= 2000) {
      try {
        URI uri = URI.create(text);
        ok =
            ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null;
      } catch (IllegalArgumentException e) {
        ok = false;
      }
    }
    if (!ok) {
      problems.add(new AnalysisSpec.Problem("target.url", "must be an http or https address"));
    }
  }

  @Override
  public void prepare(ReleaseJobs.Release release) {
    post(release, "prepare", null, null);
  }

  @Override
  public void deploy(ReleaseJobs.Release release) {
    post(release, "deploy", 0, null);
  }

  @Override
  public void setTraffic(ReleaseJobs.Release release, int weight, Map<String, Object> match) {
    post(release, "traffic", weight, match);
  }

  @Override
  public void scaleDown(ReleaseJobs.Release release) {
    post(release, "scale-down", 0, null);
  }

  @Override
  public void retirePrevious(ReleaseJobs.Release release) {
    post(release, "retire-previous", 100, null);
  }

  private void post(
      ReleaseJobs.Release release, String event, Integer weight, Map<String, Object> match) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("releaseId", release.releaseId());
    body.put("service", release.service());
    body.put("stableVersion", release.stableVersion());
    body.put("newVersion", release.newVersion());
    body.put("weight", weight);
    body.put("match", match);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(String.valueOf(release.target().get("url"))))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Suoke-Event", event)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (secret != null) {
      request.header("X-Suoke-Signature", "sha256=" + sign(bytes));
    }
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "webhook answered " + response.statusCode() + " to " + event);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "webhook unreachable for " + event + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
