package life.suoke.ops.processes.release;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a release strategy into the steps the release process runs one after the other, so that a
 * strategy is data, not a diagram. A strategy is a map with {@code type} and its parameters:
 *
 * <ul>
 *   <li>{@code canary}: {@code steps}, each {@code {setWeight: 0..100, pause: "PT5M" | null,
 *       manual: bool, analyse: bool (default true)}}; the last weight must be 100.
 *   <li>{@code blueGreen}: {@code previewPause} (default PT0S), {@code keepPrevious} (default
 *       PT0S): a preview step (weight 0, the preview stack analysed), then the switch to 100.
 *   <li>{@code rolling}: {@code replicas}, {@code maxSurge}, {@code maxUnavailable} (at least one
 *       of them above 0), {@code pause}: a step per batch of {@code maxSurge + maxUnavailable}
 *       replicas, its weight the share of replicas on the new version.
 *   <li>{@code abTest}: {@code match} ({@code {header|cookie: name, value}}), {@code weight} (share
 *       of the unmatched traffic, default 0), {@code duration}: variant B serves the matching
 *       requests and the analysis compares the variants; then the switch to 100.
 * </ul>
 *
 * <p>Each step is a map: {@code index}, {@code name}, {@code weight}, {@code pause} (ISO 8601
 * duration, PT0S for none), {@code manual}, {@code analyse}, {@code preview}, {@code match} (or
 * absent), {@code compareVariants}, and for rolling {@code replicasNew}, {@code maxSurge}, {@code
 * maxUnavailable}.
 */
public final class ReleaseStrategy {

  public static final String CANARY = "canary";
  public static final String BLUE_GREEN = "blueGreen";
  public static final String ROLLING = "rolling";
  public static final String AB_TEST = "abTest";
  public static final List<String> TYPES = List.of(CANARY, BLUE_GREEN, ROLLING, AB_TEST);

  /** At most this many steps per release. */
  public static final int MAX_STEPS = 50;

  /** A strategy that cannot be run: {@code field} is the path of the offending parameter. */
  public static final class Invalid extends IllegalArgumentException {
    private final String field;

    public Invalid(String field, String reason) {
      super(reason);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private ReleaseStrategy() {}

  /**
   * The steps of {@code strategy}; throws {@link Invalid} naming the field (prefixed {@code
   * strategy.}).
   */
  public static List<Map<String, Object>> steps(Map<String, ?> strategy) {
    if (strategy == null) {
      throw new Invalid("strategy", "is required");
    }
    Object type = strategy.get("type");
    if (!(type instanceof String name) || !TYPES.contains(name)) {
      throw new Invalid("strategy.type", "must be one of " + TYPES);
    }
    List<Map<String, Object>> steps =
        switch (name) {
          case CANARY -> canary(strategy);
          case BLUE_GREEN -> blueGreen(strategy);
          case ROLLING -> rolling(strategy);
          default -> abTest(strategy);
        };
    if (steps.size() > MAX_STEPS) {
      throw new Invalid("strategy", "expands into more than " + MAX_STEPS + " steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      steps.get(i).put("index", i);
    }
    return steps;
  }

  /** How long the previous version is kept after the switch (PT0S but for blue-green). */
  public static String keepPrevious(Map<String, ?> strategy) {
    if (strategy != null && BLUE_GREEN.equals(strategy.get("type"))) {
      return duration(strategy.get("keepPrevious"), "strategy.keepPrevious");
    }
    return "PT0S";
  }

  private static List<Map<String, Object>> canary(Map<String, ?> strategy) {
    if (!(strategy.get("steps") instanceof List<?> given) || given.isEmpty()) {
      throw new Invalid("strategy.steps", "must list at least one step");
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    int previous = 0;
    for (int i = 0; i < given.size(); i++) {
      String path = "strategy.steps[" + i + "]";
      if (!(given.get(i) instanceof Map<?, ?> raw)) {
        throw new Invalid(path, "must be an object");
      }
      int weight = weight(raw.get("setWeight"), path + ".setWeight");
      if (weight < previous) {
        throw new Invalid(
            path + ".setWeight", "must not be lower than the step before (" + previous + ")");
      }
      previous = weight;
      Map<String, Object> step =
          step("canary " + weight + "%", weight, duration(raw.get("pause"), path + ".pause"));
      step.put("manual", bool(raw.get("manual"), path + ".manual", false));
      step.put("analyse", bool(raw.get("analyse"), path + ".analyse", true));
      steps.add(step);
    }
    if (previous != 100) {
      throw new Invalid(
          "strategy.steps[" + (given.size() - 1) + "].setWeight",
          "the last step must send 100 % of the traffic");
    }
    return steps;
  }

  private static List<Map<String, Object>> blueGreen(Map<String, ?> strategy) {
    Map<String, Object> preview =
        step("preview", 0, duration(strategy.get("previewPause"), "strategy.previewPause"));
    preview.put("preview", true);
    preview.put("manual", bool(strategy.get("manualSwitch"), "strategy.manualSwitch", false));
    Map<String, Object> flip = step("switch", 100, "PT0S");
    keepPrevious(strategy);
    return new ArrayList<>(List.of(preview, flip));
  }

  private static List<Map<String, Object>> rolling(Map<String, ?> strategy) {
    int replicas = integer(strategy.get("replicas"), "strategy.replicas", 1, 1000);
    int surge = integer(strategy.get("maxSurge"), "strategy.maxSurge", 0, replicas);
    int unavailable =
        integer(strategy.get("maxUnavailable"), "strategy.maxUnavailable", 0, replicas);
    if (surge + unavailable == 0) {
      throw new Invalid("strategy.maxSurge", "maxSurge and maxUnavailable must not both be 0");
    }
    String pause = duration(strategy.get("pause"), "strategy.pause");
    int batch = surge + unavailable;
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int done = Math.min(batch, replicas); ; done = Math.min(done + batch, replicas)) {
      int weight = (int) Math.round(100.0 * done / replicas);
      Map<String, Object> step =
          step("batch " + done + "/" + replicas, weight, done == replicas ? "PT0S" : pause);
      step.put("replicasNew", done);
      step.put("maxSurge", surge);
      step.put("maxUnavailable", unavailable);
      steps.add(step);
      if (done == replicas) {
        return steps;
      }
    }
  }

  private static List<Map<String, Object>> abTest(Map<String, ?> strategy) {
    if (!(strategy.get("match") instanceof Map<?, ?> match)) {
      throw new Invalid("strategy.match", "must name a header or a cookie and its value");
    }
    Object header = match.get("header");
    Object cookie = match.get("cookie");
    Object value = match.get("value");
    if ((header == null) == (cookie == null)) {
      throw new Invalid("strategy.match", "must name exactly one of header and cookie");
    }
    String name = String.valueOf(header != null ? header : cookie);
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new Invalid(
          header != null ? "strategy.match.header" : "strategy.match.cookie",
          "must be a token of at most 64 letters, digits, '-' or '_'");
    }
    if (!(value instanceof String text) || !text.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new Invalid(
          "strategy.match.value", "must be a token of at most 64 letters, digits, '.', '-' or '_'");
    }
    Map<String, Object> matchStep = new LinkedHashMap<>();
    matchStep.put(header != null ? "header" : "cookie", name);
    matchStep.put("value", text);
    int weight =
        strategy.get("weight") == null ? 0 : weight(strategy.get("weight"), "strategy.weight");
    Map<String, Object> variants =
        step("A/B test", weight, duration(strategy.get("duration"), "strategy.duration"));
    variants.put("match", matchStep);
    variants.put("compareVariants", true);
    Map<String, Object> flip = step("switch to B", 100, "PT0S");
    return new ArrayList<>(List.of(variants, flip));
  }

  private static Map<String, Object> step(String name, int weight, String pause) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("index", 0);
    step.put("name", name);
    step.put("weight", weight);
    step.put("pause", pause);
    step.put("manual", false);
    step.put("analyse", true);
    step.put("preview", false);
    step.put("compareVariants", false);
    return step;
  }

  static int weight(Object value, String field) {
    return integer(value, field, 0, 100);
  }

  private static int integer(Object value, String field, int min, int max) {
    if (!(value instanceof Number number)
        || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new Invalid(field, "must be a whole number from " + min + " to " + max);
    }
    long n = number.longValue();
    if (n < min || n > max) {
      throw new Invalid(field, "must be from " + min + " to " + max);
    }
    return (int) n;
  }

  private static boolean bool(Object value, String field, boolean absent) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new Invalid(field, "must be true or false");
  }

  private static String duration(Object value, String field) {
    if (value == null || "".equals(value)) {
      return "PT0S";
    }
    if (value instanceof String text) {
      try {
        Duration d = Duration.parse(text);
        if (!d.isNegative() && d.compareTo(Duration.ofDays(7)) <= 0) {
          return d.toString();
        }
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    throw new Invalid(field, "must be an ISO 8601 duration from PT0S to P7D (e.g. PT5M)");
  }
}
