package life.suoke.ops.engine.feel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.JobDefinition;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValDateTime;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValLocalDateTime;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.valuemapper.JavaCustomValueMapper;
import scala.Option;
import scala.Some;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Evaluates Zeebe-dialect expressions ({@link Expression}: static text, or FEEL when the attribute
 * started with {@code =}) with the FEEL engine, against the variables of a process instance.
 *
 * <p>Variables are given as a lookup function from name to a JSON-like Java value ({@code Map},
 * {@code List}, {@code String}, {@code Long}/{@code Double}/{@code BigDecimal}, {@code Boolean});
 * the lookup returns {@code null} for a variable that does not exist, and {@link #NULL_VALUE} for a
 * variable that exists with the value {@code null} (a plain {@code null} also works, FEEL then
 * reports the variable as missing in its warnings). Results come back as JSON-like Java values.
 *
 * <p>Nothing here throws for a bad expression or bad data: every method returns a {@link
 * FeelResult} whose failure message is worded like Zeebe's incident messages, FEEL's own message
 * and warnings included. Parsed expressions are cached by their source, so an expression is parsed
 * once and evaluated many times. Instances are thread-safe.
 */
public final class FeelEvaluator {

  /** Marks, in a variable lookup, a variable that exists and holds {@code null}. */
  public static final Object NULL_VALUE =
      new Object() {
        @Override
        public String toString() {
          return "NULL_VALUE";
        }
      };

  /** The default priority of a user task. */
  public static final int DEFAULT_PRIORITY = 50;

  private static final int MAX_CACHED_EXPRESSIONS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final scala.collection.Iterable<String> NO_KEYS =
      CollectionConverters.asScala(List.<String>of());

  private final FeelEngineApi engine;
  private final ConcurrentHashMap<String, Parsed> cache = new ConcurrentHashMap<>();

  /** An evaluator whose {@code now()} and {@code today()} use the system clock and time zone. */
  public FeelEvaluator() {
    this(Clock.systemDefaultZone());
  }

  /** An evaluator whose {@code now()} and {@code today()} use the given clock and its zone. */
  public FeelEvaluator(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.engine =
        FeelEngineBuilder.create()
            .withCustomValueMapper(new KeepFeelValues())
            .withClock(() -> ZonedDateTime.now(clock))
            .build();
  }

  // ------------------------------------------------------------------ parsing

  /**
   * Parses a FEEL expression (the text after the {@code =}) and caches it; the failure is FEEL's
   * message, e.g. {@code failed to parse expression '1 +': Expected ...}.
   */
  public FeelResult<Void> parse(String feelSource) {
    Parsed parsed = parsed(feelSource);
    return parsed.failure == null ? FeelResult.success(null) : FeelResult.failure(parsed.failure);
  }

  /** Checks that an expression can be evaluated: static text always can, FEEL must parse. */
  public FeelResult<Void> validate(Expression expression) {
    return expression == null || !expression.feel()
        ? FeelResult.success(null)
        : parse(expression.source());
  }

  private Parsed parsed(String source) {
    Parsed parsed = cache.get(source);
    if (parsed != null) {
      return parsed;
    }
    ParseResult result = engine.parseExpression(source);
    parsed =
        result.isSuccess()
            ? new Parsed(result.parsedExpression(), null)
            : new Parsed(null, result.failure().message());
    if (cache.size() >= MAX_CACHED_EXPRESSIONS) {
      cache.clear();
    }
    Parsed existing = cache.putIfAbsent(source, parsed);
    return existing != null ? existing : parsed;
  }

  private record Parsed(ParsedExpression expression, String failure) {}

  // ------------------------------------------------------------------ untyped evaluation

  /**
   * Evaluates the expression: static text is returned as it is (a {@code String}); FEEL is
   * evaluated and its result converted to a JSON-like value ({@code null} included). FEEL is
   * null-friendly: a missing variable or a bad function call gives {@code null}, not a failure;
   * only a real failure (e.g. a failed {@code assert}) gives a failure, with FEEL's message.
   */
  public FeelResult<Object> evaluate(Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      return FeelResult.success(expression.source());
    }
    Outcome outcome = evaluateFeel(expression.source(), variables);
    return outcome.failure != null
        ? FeelResult.failure(outcome.failure)
        : FeelResult.success(FeelValues.toJson(outcome.value));
  }

  public FeelResult<Object> evaluate(Expression expression, Map<String, Object> variables) {
    return evaluate(expression, lookup(variables));
  }

  /** Evaluates a FEEL expression given without the leading {@code =}. */
  public FeelResult<Object> evaluateFeel(String feelSource, Map<String, Object> variables) {
    return evaluate(Expression.feel(feelSource), lookup(variables));
  }

  // ------------------------------------------------------------------ typed evaluation

  /** A condition: must be a boolean. Static {@code true}/{@code false} are accepted. */
  public FeelResult<Boolean> evaluateBoolean(
      Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      String text = expression.source().strip();
      if (text.equals("true") || text.equals("false")) {
        return FeelResult.success(Boolean.valueOf(text));
      }
      return FeelResult.failure(typeMismatch(expression.source(), "BOOLEAN", staticType(text)));
    }
    return typed(
        expression, variables, "BOOLEAN", value -> ((ValBoolean) value).value(), ValBoolean.class);
  }

  public FeelResult<Boolean> evaluateBoolean(Expression expression, Map<String, Object> variables) {
    return evaluateBoolean(expression, lookup(variables));
  }

  /** A string, e.g. an assignee. Static text is the string itself. */
  public FeelResult<String> evaluateString(
      Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      return FeelResult.success(expression.source());
    }
    return typed(
        expression, variables, "STRING", value -> ((ValString) value).value(), ValString.class);
  }

  public FeelResult<String> evaluateString(Expression expression, Map<String, Object> variables) {
    return evaluateString(expression, lookup(variables));
  }

  /** A job type: a string that must not be empty. */
  public FeelResult<String> evaluateJobType(
      Expression expression, Function<String, Object> variables) {
    return evaluateString(expression, variables)
        .flatMap(
            type ->
                type == null || type.isEmpty()
                    ? FeelResult.failure(
                        String.format(
                            "Expected result of the expression '%s' to be a not-empty string, but was an empty string.",
                            expression.source()))
                    : FeelResult.success(type));
  }

  /** A number, as a long (decimals are cut off, as Zeebe does for job retries). */
  public FeelResult<Long> evaluateLong(Expression expression, Function<String, Object> variables) {
    return evaluateNumber(expression, variables).map(BigDecimal::longValue);
  }

  public FeelResult<Long> evaluateLong(Expression expression, Map<String, Object> variables) {
    return evaluateLong(expression, lookup(variables));
  }

  /** A whole number that fits an int. */
  public FeelResult<Integer> evaluateInt(
      Expression expression, Function<String, Object> variables) {
    return evaluateNumber(expression, variables)
        .flatMap(
            number -> {
              if (!FeelValues.isIntegral(number)) {
                return FeelResult.failure(
                    String.format(
                        "Expected result of the expression '%s' to be an integer, but was a decimal.",
                        expression.source()));
              }
              return FeelResult.success(number.intValue());
            });
  }

  public FeelResult<Integer> evaluateInt(Expression expression, Map<String, Object> variables) {
    return evaluateInt(expression, lookup(variables));
  }

  /**
   * A user task priority: {@value #DEFAULT_PRIORITY} when there is no expression, otherwise an
   * integer in [0,100].
   */
  public FeelResult<Integer> evaluatePriority(
      Expression expression, Function<String, Object> variables) {
    if (expression == null) {
      return FeelResult.success(DEFAULT_PRIORITY);
    }
    return evaluateInt(expression, variables)
        .flatMap(
            priority ->
                priority < 0 || priority > 100
                    ? FeelResult.failure(
                        String.format(
                            "Expected priority to be in the range [0,100] but was '%s'.", priority))
                    : FeelResult.success(priority));
  }

  private FeelResult<BigDecimal> evaluateNumber(
      Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      String text = expression.source().strip();
      try {
        return FeelResult.success(new BigDecimal(text));
      } catch (NumberFormatException e) {
        return FeelResult.failure(typeMismatch(expression.source(), "NUMBER", staticType(text)));
      }
    }
    return typed(
        expression,
        variables,
        "NUMBER",
        value -> ((ValNumber) value).value().bigDecimal(),
        ValNumber.class);
  }

  /**
   * A list of strings, e.g. candidate groups: FEEL must give a list whose items are all strings;
   * static text is a comma-separated list (items trimmed, e.g. {@code "sales, ops"}).
   */
  public FeelResult<List<String>> evaluateStringList(
      Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      return parseCsv(expression.source());
    }
    Outcome outcome = evaluateFeel(expression.source(), variables);
    if (outcome.failure != null) {
      return FeelResult.failure(outcome.failure);
    }
    if (!(outcome.value instanceof ValList list)) {
      return FeelResult.failure(
          withWarnings(
              typeMismatch(expression.source(), "ARRAY", FeelValues.typeName(outcome.value)),
              outcome.warnings));
    }
    List<String> items = new ArrayList<>(list.itemsAsSeq().size());
    boolean[] allStrings = {true};
    list.itemsAsSeq()
        .foreach(
            item -> {
              if (item instanceof ValString s) {
                items.add(s.value());
              } else {
                allStrings[0] = false;
              }
              return null;
            });
    if (!allStrings[0]) {
      return FeelResult.failure(
          withWarnings(
              String.format(
                  "Expected result of the expression '%s' to be 'ARRAY' containing 'STRING' items,"
                      + " but was 'ARRAY' containing at least one non-'STRING' item.",
                  expression.source()),
              outcome.warnings));
    }
    return FeelResult.success(items);
  }

  public FeelResult<List<String>> evaluateStringList(
      Expression expression, Map<String, Object> variables) {
    return evaluateStringList(expression, lookup(variables));
  }

  /**
   * A date-time, e.g. a due date: FEEL may give a date and time, or a string in ISO-8601 combined
   * date and time form (e.g. {@code 2023-02-28T13:13:10+02:00}); static text must be such a string.
   * {@code null} and an empty string mean "no date" and give a success with a {@code null} value. A
   * local date-time (without offset) is placed in the system time zone, as Zeebe does.
   */
  public FeelResult<ZonedDateTime> evaluateDateTime(
      Expression expression, Function<String, Object> variables) {
    if (expression == null) {
      return FeelResult.success(null);
    }
    if (!expression.feel()) {
      return parseDateTime(expression.source(), expression.source());
    }
    Outcome outcome = evaluateFeel(expression.source(), variables);
    if (outcome.failure != null) {
      return FeelResult.failure(outcome.failure);
    }
    Object value = outcome.value;
    if (value == null || value == ValNull$.MODULE$) {
      return FeelResult.success(null);
    } else if (value instanceof ValDateTime dateTime) {
      return FeelResult.success(dateTime.value());
    } else if (value instanceof ValLocalDateTime dateTime) {
      return FeelResult.success(dateTime.value().atZone(ZoneId.systemDefault()));
    } else if (value instanceof ValString string) {
      FeelResult<ZonedDateTime> parsed = parseDateTime(string.value(), expression.source());
      return parsed.isFailure()
          ? FeelResult.failure(withWarnings(parsed.failureMessage(), outcome.warnings))
          : parsed;
    }
    return FeelResult.failure(
        withWarnings(
            String.format(
                "Expected result of the expression '%s' to be one of '[NULL, DATE_TIME, STRING]', but was '%s'.",
                expression.source(), FeelValues.typeName(value)),
            outcome.warnings));
  }

  public FeelResult<ZonedDateTime> evaluateDateTime(
      Expression expression, Map<String, Object> variables) {
    return evaluateDateTime(expression, lookup(variables));
  }

  /**
   * Like {@link #evaluateDateTime} but gives the text Zeebe stores for a user task date ({@code
   * ZonedDateTime.toString()}, e.g. {@code 2023-02-28T13:13:10+02:00}), or {@code null}.
   */
  public FeelResult<String> evaluateDateTimeString(
      Expression expression, Function<String, Object> variables) {
    return evaluateDateTime(expression, variables)
        .map(date -> date == null ? null : date.toString());
  }

  /**
   * The custom headers of a job about to be created: the static headers, plus the header
   * expressions of a job-worker user task evaluated (assignee as a string, candidate groups and
   * users as a JSON list such as {@code ["a","b"]}, dates as ISO-8601 text). A header whose value
   * comes out null or empty is left out, as Zeebe does.
   */
  public FeelResult<Map<String, String>> evaluateJobHeaders(
      JobDefinition job, Function<String, Object> variables) {
    if (job.headerExpressions().isEmpty()) {
      return FeelResult.success(job.headers());
    }
    Map<String, String> headers = new LinkedHashMap<>(job.headers());
    for (Map.Entry<String, Expression> header : job.headerExpressions().entrySet()) {
      FeelResult<String> value =
          switch (header.getKey()) {
            case JobDefinition.CANDIDATE_GROUPS_HEADER, JobDefinition.CANDIDATE_USERS_HEADER ->
                evaluateStringList(header.getValue(), variables).map(FeelEvaluator::toJsonList);
            case JobDefinition.DUE_DATE_HEADER, JobDefinition.FOLLOW_UP_DATE_HEADER ->
                evaluateDateTimeString(header.getValue(), variables);
            default -> evaluateString(header.getValue(), variables);
          };
      if (value.isFailure()) {
        return FeelResult.failure(value.failureMessage());
      }
      if (value.value() != null && !value.value().isEmpty()) {
        headers.put(header.getKey(), value.value());
      }
    }
    return FeelResult.success(headers);
  }

  // ------------------------------------------------------------------ raw typed evaluation

  /**
   * A result together with the type Zeebe names it by in its messages ({@code STRING}, {@code
   * NUMBER}, {@code DURATION}, {@code PERIOD}, {@code DATE_TIME}, {@code NULL}, ...) and the
   * warnings FEEL reported. The value is a {@code java.time.Duration} for a days-time duration, a
   * {@code java.time.Period} for a years-months duration, a {@code ZonedDateTime} for a date and
   * time (a local one is placed in the system time zone, as Zeebe does), a {@code String} for a
   * string, and the JSON-like value otherwise.
   */
  public record Typed(String type, Object value, List<String> warnings) {

    /** The message followed by the warnings, the way Zeebe appends them to a failure. */
    public String withWarnings(String message) {
      return FeelEvaluator.withWarnings(message, warnings);
    }
  }

  /**
   * Evaluates the expression and gives the result with its type, for callers that accept several
   * types (e.g. a timer duration: a duration, a period or a string). Static text is a {@code
   * STRING}. A failure is FEEL's failure (with warnings); a type check is left to the caller.
   */
  public FeelResult<Typed> evaluateTyped(
      Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      return FeelResult.success(new Typed("STRING", expression.source(), List.of()));
    }
    Outcome outcome = evaluateFeel(expression.source(), variables);
    if (outcome.failure != null) {
      return FeelResult.failure(outcome.failure);
    }
    Object value = outcome.value;
    Object converted;
    if (value instanceof org.camunda.feel.syntaxtree.ValDayTimeDuration duration) {
      converted = duration.value();
    } else if (value instanceof org.camunda.feel.syntaxtree.ValYearMonthDuration period) {
      converted = period.value();
    } else if (value instanceof ValDateTime dateTime) {
      converted = dateTime.value();
    } else if (value instanceof ValLocalDateTime dateTime) {
      converted = dateTime.value().atZone(ZoneId.systemDefault());
    } else if (value instanceof ValString string) {
      converted = string.value();
    } else {
      converted = FeelValues.toJson(value);
    }
    return FeelResult.success(new Typed(FeelValues.typeName(value), converted, outcome.warnings));
  }

  /**
   * A list, e.g. the input collection of a multi-instance activity; anything else is Zeebe's type
   * mismatch ({@code Expected result of the expression '...' to be 'ARRAY', but was '...'}).
   */
  public FeelResult<List<Object>> evaluateArray(
      Expression expression, Function<String, Object> variables) {
    if (!expression.feel()) {
      return FeelResult.failure(
          typeMismatch(expression.source(), "ARRAY", staticType(expression.source().strip())));
    }
    FeelResult<Typed> typed = evaluateTyped(expression, variables);
    if (typed.isFailure()) {
      return FeelResult.failure(typed.failureMessage());
    }
    if (!"ARRAY".equals(typed.value().type())) {
      return FeelResult.failure(
          withWarnings(
              typeMismatch(expression.source(), "ARRAY", typed.value().type()),
              typed.value().warnings()));
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) typed.value().value();
    return FeelResult.success(list);
  }

  // ------------------------------------------------------------------ helpers for the engine

  /**
   * Makes a variable lookup from a map: a key present with a {@code null} value is a variable that
   * holds {@code null}, an absent key a variable that does not exist.
   */
  public static Function<String, Object> lookup(Map<String, ?> variables) {
    if (variables == null || variables.isEmpty()) {
      return name -> null;
    }
    return name -> {
      Object value = variables.get(name);
      return value == null && variables.containsKey(name) ? NULL_VALUE : value;
    };
  }

  /**
   * A FEEL value (or a plain Java value from a FEEL context) as the JSON-like Java value the engine
   * stores, the way Zeebe writes FEEL results (e.g. the output of a decision).
   */
  public static Object toJsonValue(Object value) {
    return FeelValues.toJson(value);
  }

  /** A list of strings as the JSON text Zeebe puts in a candidate groups/users header. */
  public static String toJsonList(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses static comma-separated text the way Zeebe does: items are trimmed, an empty text is an
   * empty list, and a blank item (e.g. {@code "a, ,c"}) is an error.
   */
  public static FeelResult<List<String>> parseCsv(String text) {
    if (text.isEmpty()) {
      return FeelResult.success(List.of());
    }
    String[] parts = text.split(",", -1);
    List<String> values = new ArrayList<>(parts.length);
    for (String part : parts) {
      if (part.isBlank()) {
        return FeelResult.failure("Expected to parse list of CSV, but " + text + " is not CSV");
      }
      values.add(part.strip());
    }
    return FeelResult.success(values);
  }

  private static FeelResult<ZonedDateTime> parseDateTime(String text, String expressionSource) {
    if (text.isEmpty()) {
      return FeelResult.success(null);
    }
    try {
      return FeelResult.success(ZonedDateTime.parse(text));
    } catch (DateTimeParseException e) {
      return FeelResult.failure(
          String.format(
              "Invalid date-time format '%s' for expression '%s'.", text, expressionSource));
    }
  }

  // ------------------------------------------------------------------ FEEL evaluation

  private <T> FeelResult<T> typed(
      Expression expression,
      Function<String, Object> variables,
      String expectedType,
      Function<Object, T> extract,
      Class<? extends Val> valueClass) {
    Outcome outcome = evaluateFeel(expression.source(), variables);
    if (outcome.failure != null) {
      return FeelResult.failure(outcome.failure);
    }
    if (!valueClass.isInstance(outcome.value)) {
      return FeelResult.failure(
          withWarnings(
              typeMismatch(expression.source(), expectedType, FeelValues.typeName(outcome.value)),
              outcome.warnings));
    }
    return FeelResult.success(extract.apply(outcome.value));
  }

  /** The raw FEEL result (a {@link Val}) and its warnings, or the failure message. */
  private record Outcome(Object value, List<String> warnings, String failure) {}

  private Outcome evaluateFeel(String source, Function<String, Object> variables) {
    Parsed parsed = parsed(source);
    if (parsed.failure != null) {
      return new Outcome(null, List.of(), parsed.failure);
    }
    EvaluationResult result;
    try {
      result = engine.evaluate(parsed.expression, new LookupContext(variables));
    } catch (RuntimeException e) {
      // defensive: the engine reports failures as results, but a broken lookup may still throw
      return new Outcome(
          null,
          List.of(),
          String.format("failed to evaluate expression '%s': %s", source, e.getMessage()));
    }
    List<String> warnings = warnings(result);
    if (result.isFailure()) {
      return new Outcome(null, warnings, withWarnings(result.failure().message(), warnings));
    }
    return new Outcome(result.result(), warnings, null);
  }

  private static List<String> warnings(EvaluationResult result) {
    if (!result.hasSuppressedFailures()) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    for (EvaluationFailure failure : result.getSuppressedFailures()) {
      warnings.add("[" + failure.failureType() + "] " + failure.failureMessage());
    }
    return warnings;
  }

  /** Appends FEEL's warnings to a failure message the way Zeebe does. */
  private static String withWarnings(String message, List<String> warnings) {
    if (warnings.isEmpty()) {
      return message;
    }
    return message
        + " The evaluation reported the following warnings:\n"
        + String.join("\n", warnings);
  }

  private static String typeMismatch(String source, String expected, String actual) {
    return String.format(
        "Expected result of the expression '%s' to be '%s', but was '%s'.",
        source, expected, actual);
  }

  /** The type Zeebe infers for static text: null, boolean, number, or string. */
  private static String staticType(String text) {
    if (text.equals("null")) {
      return "NULL";
    } else if (text.equals("true") || text.equals("false")) {
      return "BOOLEAN";
    }
    try {
      new BigDecimal(text);
      return "NUMBER";
    } catch (NumberFormatException e) {
      return "STRING";
    }
  }

  /** Variables for FEEL, resolved one name at a time through the engine's lookup. */
  private static final class LookupContext implements Context, VariableProvider {

    private final Function<String, Object> lookup;

    LookupContext(Function<String, Object> lookup) {
      this.lookup = lookup;
    }

    @Override
    public VariableProvider variableProvider() {
      return this;
    }

    @Override
    public FunctionProvider functionProvider() {
      return FunctionProvider.EmptyFunctionProvider$.MODULE$;
    }

    @Override
    public Option<Object> getVariable(String name) {
      Object value = lookup.apply(name);
      if (value == null) {
        return Option.empty();
      }
      return new Some<>(value == NULL_VALUE ? null : value);
    }

    @Override
    public scala.collection.Iterable<String> keys() {
      return NO_KEYS;
    }
  }

  /** Keeps FEEL results as FEEL values, so that their exact type is known for the type checks. */
  private static final class KeepFeelValues extends JavaCustomValueMapper {

    @Override
    public Optional<Val> toValue(Object value, Function<Object, Val> innerValueMapper) {
      return Optional.empty();
    }

    @Override
    public Optional<Object> unpackValue(Val value, Function<Val, Object> innerValueMapper) {
      return Optional.of(value);
    }

    @Override
    public int priority() {
      return 100;
    }
  }
}
