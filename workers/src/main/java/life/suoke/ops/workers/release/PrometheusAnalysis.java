package life.suoke.ops.workers.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs an {@link AnalysisSpec} against Prometheus's HTTP API ({@code GET /api/v1/query}): each
 * metric is measured {@code count} times, {@code interval} apart, on the new version and, when it
 * has a baseline, on the stable version; each measurement counts as successful, failed or
 * inconclusive, and the limits decide the metric's verdict (see {@link AnalysisSpec}).
 */
public class PrometheusAnalysis {

  /** Waits between measurements (the bench and tests may replace it). */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Prometheus answered the query with an error (bad PromQL: {@code bad_data}). */
  public static final class QueryRejected extends RuntimeException {
    public QueryRejected(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<URI> prometheus;
  private final HttpClient http;
  private final Sleeper sleeper;

  public PrometheusAnalysis(URI prometheus) {
    this(() -> prometheus, duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * @param prometheus the server's address, asked at each query (a changed setting applies at once)
   */
  public PrometheusAnalysis(Supplier<URI> prometheus, Sleeper sleeper) {
    this.prometheus = prometheus;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.sleeper = sleeper;
  }

  /**
   * Analyses the metrics for {@code newVersion}, comparing with {@code stableVersion} where asked.
   */
  public AnalysisResult analyse(
      String phase,
      List<AnalysisSpec.Metric> metrics,
      String service,
      String newVersion,
      String stableVersion) {
    long started = System.currentTimeMillis();
    List<AnalysisResult.MetricResult> results = new ArrayList<>();
    for (AnalysisSpec.Metric metric : metrics) {
      results.add(measure(metric, service, newVersion, stableVersion));
    }
    String verdict = verdictOf(results.stream().map(AnalysisResult.MetricResult::verdict).toList());
    return new AnalysisResult(phase, verdict, results, started, System.currentTimeMillis());
  }

  static String verdictOf(List<String> verdicts) {
    if (verdicts.contains("Failed")) {
      return "Failed";
    }
    return verdicts.contains("Inconclusive") ? "Inconclusive" : "Successful";
  }

  private AnalysisResult.MetricResult measure(
      AnalysisSpec.Metric metric, String service, String newVersion, String stableVersion) {
    List<AnalysisResult.Measurement> measurements = new ArrayList<>();
    int failed = 0;
    int inconclusive = 0;
    String query = metric.query().replace("{{service}}", service);
    for (int i = 0; i < metric.count(); i++) {
      if (i > 0 && !metric.interval().isZero()) {
        try {
          sleeper.sleep(metric.interval());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("analysis interrupted", e);
        }
      }
      Double value = query(query.replace("{{version}}", newVersion));
      Double baseline =
          metric.baselineMaxRatio() == null || stableVersion == null
              ? null
              : query(query.replace("{{version}}", stableVersion));
      String outcome = outcome(metric, value, baseline);
      if (outcome.equals("failed")) {
        failed++;
      } else if (outcome.equals("inconclusive")) {
        inconclusive++;
      }
      measurements.add(
          new AnalysisResult.Measurement(System.currentTimeMillis(), value, baseline, outcome));
    }
    String verdict =
        failed > metric.failureLimit()
            ? "Failed"
            : inconclusive > metric.inconclusiveLimit() ? "Inconclusive" : "Successful";
    return new AnalysisResult.MetricResult(
        metric.name(), query, verdict, failed, inconclusive, measurements);
  }

  /** What one measurement counts as: successful, failed or inconclusive. */
  static String outcome(AnalysisSpec.Metric metric, Double value, Double baseline) {
    if (value == null) {
      return metric.noData();
    }
    if (metric.failure() != null && metric.failure().test(value)) {
      return "failed";
    }
    if (metric.baselineMaxRatio() != null
        && baseline != null
        && value > baseline * metric.baselineMaxRatio()
        && value - baseline > 1e-9) {
      return "failed";
    }
    if (metric.success() == null || metric.success().test(value)) {
      return "successful";
    }
    return "inconclusive";
  }

  /**
   * The query's value now: the first sample of a vector, or a scalar; null when there is no data
   * (or NaN).
   */
  public Double query(String promql) {
    JsonNode body = call(promql);
    JsonNode data = body.path("data");
    JsonNode result = data.path("result");
    JsonNode sample;
    if ("scalar".equals(data.path("resultType").asText())) {
      sample = result;
    } else if (result.isArray() && !result.isEmpty()) {
      sample = result.get(0).path("value");
    } else {
      return null;
    }
    if (!sample.isArray() || sample.size() < 2) {
      return null;
    }
    try {
      double v = Double.parseDouble(sample.get(1).asText());
      return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Asks Prometheus to evaluate the query once; a {@link QueryRejected} when it refuses it. */
  public void check(String promql) {
    call(promql);
  }

  private JsonNode call(String promql) {
    URI base = prometheus.get();
    URI uri =
        URI.create(
            base.toString().replaceAll("/+$", "")
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        String error =
            body.path("errorType").asText("error") + ": " + body.path("error").asText("");
        if (response.statusCode() == 400 || response.statusCode() == 422) {
          throw new QueryRejected(error);
        }
        throw new IllegalStateException(
            "Prometheus answered " + response.statusCode() + " " + error);
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Prometheus unreachable at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
