package life.suoke.ops.workers.release;

import java.util.List;

/**
 * The verdict of one analysis with every measured value: per metric its measurements (the value,
 * the baseline's value when compared, and what the measurement counted as) and its verdict. The
 * analysis's verdict is Failed if a metric failed, else Inconclusive if one was, else Successful.
 */
public record AnalysisResult(
    String phase, String verdict, List<MetricResult> metrics, long startedAt, long finishedAt) {

  /** One measurement: {@code value} and {@code baseline} null when Prometheus had no data. */
  public record Measurement(long at, Double value, Double baseline, String outcome) {}

  public record MetricResult(
      String name,
      String query,
      String verdict,
      int failed,
      int inconclusive,
      List<Measurement> measurements) {}
}
