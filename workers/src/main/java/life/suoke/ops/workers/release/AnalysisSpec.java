package life.suoke.ops.workers.release;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analysis of a release, read from its {@code analysis} map: {@code metrics} (run at each step)
 * and {@code performance} (run once before the traffic shift; the metrics when absent). Each
 * metric:
 *
 * <ul>
 *   <li>{@code name}, {@code query} (PromQL; {@code {{version}}} is replaced by the version
 *       measured, {@code {{service}}} by the service)
 *   <li>{@code successCondition}, {@code failureCondition}: a comparison such as {@code "< 0.05"}
 *   <li>{@code count} measurements (default 1), {@code interval} between them (ISO 8601, default
 *       PT0S), {@code failureLimit} (default 0) and {@code inconclusiveLimit} (default 0): more
 *       failed or inconclusive measurements than the limit fail or make the metric inconclusive
 *   <li>{@code baseline}: {@code {maxRatio: 1.5}} compares each value with the same query on the
 *       stable version: above ratio times the baseline fails (a baseline of no data is not
 *       compared)
 *   <li>{@code noData}: what a measurement without data counts as: inconclusive (default),
 *       successful or failed
 * </ul>
 */
public record AnalysisSpec(List<Metric> metrics, List<Metric> performance) {

  /** A comparison {@code op threshold}. */
  public record Condition(String op, double threshold) {
    private static final Pattern SYNTAX =
        Pattern.compile(
            "\\s*(<=|>=|==|!=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*");

    public static Condition parse(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      Matcher m = SYNTAX.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "must be a comparison such as '< 0.05' (<, <=, >, >=, ==, != and a number)");
      }
      return new Condition(m.group(1), Double.parseDouble(m.group(2)));
    }

    public boolean test(double value) {
      return switch (op) {
        case "<" -> value < threshold;
        case "<=" -> value <= threshold;
        case ">" -> value > threshold;
        case ">=" -> value >= threshold;
        case "==" -> value == threshold;
        default -> value != threshold;
      };
    }

    @Override
    public String toString() {
      return op + " " + threshold;
    }
  }

  /** One metric (see the type's description). */
  public record Metric(
      String name,
      String query,
      Condition success,
      Condition failure,
      int count,
      Duration interval,
      int failureLimit,
      int inconclusiveLimit,
      Double baselineMaxRatio,
      String noData) {}

  /** A field that cannot be read: its path and why. */
  public record Problem(String field, String reason) {}

  /**
   * The spec read from its map; bad fields are added to {@code problems} (paths start with {@code
   * prefix}).
   */
  public static AnalysisSpec read(Map<String, ?> analysis, String prefix, List<Problem> problems) {
    if (analysis == null) {
      return new AnalysisSpec(List.of(), List.of());
    }
    List<Metric> metrics = metrics(analysis.get("metrics"), prefix + ".metrics", problems);
    List<Metric> performance =
        analysis.get("performance") == null
            ? metrics
            : metrics(analysis.get("performance"), prefix + ".performance", problems);
    return new AnalysisSpec(metrics, performance);
  }

  /** The spec, or an {@link IllegalArgumentException} naming the first bad field. */
  public static AnalysisSpec read(Map<String, ?> analysis) {
    List<Problem> problems = new ArrayList<>();
    AnalysisSpec spec = read(analysis, "analysis", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).field() + ": " + problems.get(0).reason());
    }
    return spec;
  }

  private static List<Metric> metrics(Object value, String path, List<Problem> problems) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.size() > 20) {
      problems.add(new Problem(path, "must be a list of at most 20 metrics"));
      return List.of();
    }
    List<Metric> metrics = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(new Problem(at, "must be an object"));
        continue;
      }
      String name = text(m.get("name"), at + ".name", true, 100, problems);
      String query = text(m.get("query"), at + ".query", true, 2000, problems);
      Condition success = condition(m.get("successCondition"), at + ".successCondition", problems);
      Condition failure = condition(m.get("failureCondition"), at + ".failureCondition", problems);
      if (m.get("successCondition") == null
          && m.get("failureCondition") == null
          && m.get("baseline") == null) {
        problems.add(
            new Problem(
                at + ".successCondition",
                "a metric needs a success condition, a failure condition or a baseline"));
      }
      int count = integer(m.get("count"), at + ".count", 1, 1, 100, problems);
      Duration interval = duration(m.get("interval"), at + ".interval", problems);
      int failureLimit = integer(m.get("failureLimit"), at + ".failureLimit", 0, 0, 100, problems);
      int inconclusiveLimit =
          integer(m.get("inconclusiveLimit"), at + ".inconclusiveLimit", 0, 0, 100, problems);
      Double ratio = null;
      if (m.get("baseline") != null) {
        if (m.get("baseline") instanceof Map<?, ?> b
            && b.get("maxRatio") instanceof Number r
            && r.doubleValue() > 0) {
          ratio = r.doubleValue();
        } else {
          problems.add(new Problem(at + ".baseline.maxRatio", "must be a number above 0"));
        }
      }
      String noData =
          m.get("noData") == null
              ? "inconclusive"
              : String.valueOf(m.get("noData")).toLowerCase(Locale.ROOT);
      if (!List.of("inconclusive", "successful", "failed").contains(noData)) {
        problems.add(new Problem(at + ".noData", "must be inconclusive, successful or failed"));
      }
      metrics.add(
          new Metric(
              name,
              query,
              success,
              failure,
              count,
              interval,
              failureLimit,
              inconclusiveLimit,
              ratio,
              noData));
    }
    return metrics;
  }

  private static String text(
      Object value, String field, boolean required, int max, List<Problem> problems) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        problems.add(new Problem(field, "is required"));
      }
      return null;
    }
    if (!(value instanceof String s) || s.length() > max) {
      problems.add(new Problem(field, "must be a text of at most " + max + " characters"));
      return null;
    }
    return s;
  }

  private static Condition condition(Object value, String field, List<Problem> problems) {
    try {
      return value == null ? null : Condition.parse(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(field, e.getMessage()));
      return null;
    }
  }

  private static int integer(
      Object value, String field, int absent, int min, int max, List<Problem> problems) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && n.longValue() >= min
        && n.longValue() <= max) {
      return n.intValue();
    }
    problems.add(new Problem(field, "must be a whole number from " + min + " to " + max));
    return absent;
  }

  private static Duration duration(Object value, String field, List<Problem> problems) {
    if (value == null) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(String.valueOf(value));
      if (!d.isNegative() && d.compareTo(Duration.ofMinutes(10)) <= 0) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // refused below
    }
    problems.add(new Problem(field, "must be an ISO 8601 duration from PT0S to PT10M"));
    return Duration.ZERO;
  }
}
