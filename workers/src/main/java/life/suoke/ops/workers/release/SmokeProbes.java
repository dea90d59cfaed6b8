package life.suoke.ops.workers.release;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Functional verification of a new version: HTTP GET probes, each {@code {url, expectStatus
 * (default 200), bodyContains (optional)}}. All must pass.
 */
public class SmokeProbes {

  /** One probe's result: the status answered (0 when none) and whether it passed. */
  public record ProbeResult(String url, int status, boolean passed, String note) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public List<ProbeResult> run(List<Map<String, Object>> probes) {
    List<ProbeResult> results = new ArrayList<>();
    for (Map<String, Object> probe : probes == null ? List.<Map<String, Object>>of() : probes) {
      String url = String.valueOf(probe.get("url"));
      int expect = probe.get("expectStatus") instanceof Number n ? n.intValue() : 200;
      Object contains = probe.get("bodyContains");
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        boolean statusOk = response.statusCode() == expect;
        boolean bodyOk = contains == null || response.body().contains(String.valueOf(contains));
        results.add(
            new ProbeResult(
                url,
                response.statusCode(),
                statusOk && bodyOk,
                statusOk
                    ? (bodyOk ? "ok" : "body lacks the expected text")
                    : "expected status " + expect));
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        results.add(new ProbeResult(url, 0, false, "no answer: " + e.getClass().getSimpleName()));
      }
    }
    return results;
  }

  public static boolean allPassed(List<ProbeResult> results) {
    return results.stream().allMatch(ProbeResult::passed);
  }
}
