package life.suoke.ops.workers.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analysis against an HTTP server on loopback that answers {@code /api/v1/query} in
 * Prometheus's format (the integration test of the backend runs it against a real Prometheus):
 * verdicts from conditions, limits, baseline comparison and no data.
 */
class PrometheusAnalysisTest {

  private HttpServer server;

  /** Query -> the value answered ("none" for an empty vector, "bad" for a 400 bad_data). */
  private final Map<String, String> answers = new ConcurrentHashMap<>();

  private final List<Duration> slept = new ArrayList<>();
  private PrometheusAnalysis analysis;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          String query =
              URLDecoder.decode(
                  exchange.getRequestURI().getRawQuery().substring("query=".length()),
                  StandardCharsets.UTF_8);
          String value = answers.getOrDefault(query, "none");
          int status = 200;
          String body;
          if ("bad".equals(value)) {
            status = 400;
            body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
          } else if ("none".equals(value)) {
            body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
          } else {
            body =
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1.7e9,\""
                    + value
                    + "\"]}]}}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    analysis =
        new PrometheusAnalysis(
            () -> URI.create("http://127.0.0.1:" + server.getAddress().getPort()), slept::add);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static AnalysisSpec.Metric metric(Map<String, Object> fields) {
    return AnalysisSpec.read(Map.of("metrics", List.of(fields))).metrics().get(0);
  }

  @Test
  void conditionsLimitsAndBaselineDecideTheVerdict() {
    answers.put("err{v=\"2\"}", "0.01");
    answers.put("err{v=\"1\"}", "0.004");
    AnalysisSpec.Metric absolute =
        metric(
            Map.of(
                "name",
                "err",
                "query",
                "err{v=\"{{version}}\"}",
                "successCondition",
                "< 0.05",
                "failureCondition",
                ">= 0.05",
                "count",
                3,
                "interval",
                "PT10S"));
    AnalysisResult ok = analysis.analyse("step", List.of(absolute), "checkout", "2", "1");
    assertThat(ok.verdict()).isEqualTo("Successful");
    assertThat(ok.metrics().get(0).measurements())
        .hasSize(3)
        .allSatisfy(m -> assertThat(m.value()).isEqualTo(0.01));
    assertThat(slept).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));

    AnalysisSpec.Metric compared =
        metric(
            Map.of(
                "name",
                "err",
                "query",
                "err{v=\"{{version}}\"}",
                "successCondition",
                "< 0.05",
                "baseline",
                Map.of("maxRatio", 2)));
    AnalysisResult worse = analysis.analyse("step", List.of(compared), "checkout", "2", "1");
    assertThat(worse.verdict()).as("0.01 is more than twice the stable 0.004").isEqualTo("Failed");
    assertThat(worse.metrics().get(0).measurements().get(0).baseline()).isEqualTo(0.004);

    answers.put("err{v=\"2\"}", "0.2");
    AnalysisSpec.Metric tolerant =
        metric(
            Map.of(
                "name",
                "err",
                "query",
                "err{v=\"{{version}}\"}",
                "failureCondition",
                "> 0.1",
                "count",
                2,
                "failureLimit",
                2));
    assertThat(analysis.analyse("step", List.of(tolerant), "checkout", "2", "1").verdict())
        .isEqualTo("Successful");
  }

  @Test
  void noDataIsInconclusiveUnlessConfigured() {
    AnalysisSpec.Metric missing =
        metric(Map.of("name", "lat", "query", "lat", "successCondition", "< 1"));
    assertThat(analysis.analyse("step", List.of(missing), "s", "2", "1").verdict())
        .isEqualTo("Inconclusive");
    AnalysisSpec.Metric lenient =
        metric(
            Map.of(
                "name", "lat", "query", "lat", "successCondition", "< 1", "noData", "successful"));
    assertThat(analysis.analyse("step", List.of(lenient), "s", "2", "1").verdict())
        .isEqualTo("Successful");
    AnalysisSpec.Metric allowance =
        metric(
            Map.of(
                "name",
                "lat",
                "query",
                "lat",
                "successCondition",
                "< 1",
                "count",
                2,
                "inconclusiveLimit",
                2));
    assertThat(analysis.analyse("step", List.of(allowance), "s", "2", "1").verdict())
        .isEqualTo("Successful");
  }

  @Test
  void aQueryPrometheusRejectsIsNamedAsSuch() {
    answers.put("sum(", "bad");
    assertThatThrownBy(() -> analysis.check("sum("))
        .isInstanceOf(PrometheusAnalysis.QueryRejected.class)
        .hasMessageContaining("bad_data");
  }

  @Test
  void badSpecsNameTheField() {
    List<AnalysisSpec.Problem> problems = new ArrayList<>();
    AnalysisSpec.read(
        Map.of(
            "metrics",
            List.of(
                Map.of(
                    "name",
                    "x",
                    "query",
                    "q",
                    "successCondition",
                    "about 3",
                    "count",
                    0,
                    "noData",
                    "maybe"))),
        "analysis",
        problems);
    assertThat(problems)
        .extracting(AnalysisSpec.Problem::field)
        .containsExactlyInAnyOrder(
            "analysis.metrics[0].successCondition",
            "analysis.metrics[0].count",
            "analysis.metrics[0].noData");
  }
}
