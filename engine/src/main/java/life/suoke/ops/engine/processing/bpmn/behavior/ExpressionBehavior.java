package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.feel.VariableMappings;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.JobDefinition;
import life.suoke.ops.engine.model.Mapping;
import life.suoke.ops.engine.model.TimerDefinition;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Variable;
import life.suoke.ops.engine.timer.TimerSchedule;

/**
 * Evaluates the expressions and mappings of elements against the variables visible from a scope.
 */
public final class ExpressionBehavior {

  private final FeelEvaluator feel;
  private final VariableMappings mappings;

  public ExpressionBehavior(java.time.Clock clock) {
    this.feel = new FeelEvaluator(clock);
    this.mappings = new VariableMappings(feel);
  }

  public static Function<String, Object> variables(EngineState state, long scopeKey) {
    return name -> {
      Variable variable = state.visibleVariable(scopeKey, name);
      if (variable == null) {
        return null;
      }
      return variable.value() == null ? FeelEvaluator.NULL_VALUE : variable.value();
    };
  }

  public boolean condition(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateBoolean(expression, variables(state, scopeKey)));
  }

  /** A condition that also sees {@code extra} variables, which take precedence over the scope's. */
  public boolean condition(
      EngineState state, Expression expression, long scopeKey, Map<String, Object> extra)
      throws ExpressionFailure {
    Function<String, Object> scope = variables(state, scopeKey);
    Function<String, Object> lookup =
        name -> extra.containsKey(name) ? extra.get(name) : scope.apply(name);
    return unwrap(feel.evaluateBoolean(expression, lookup));
  }

  /** A list (an input collection), Zeebe's type mismatch otherwise. */
  public List<Object> list(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateArray(expression, variables(state, scopeKey)));
  }

  public String string(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateString(expression, variables(state, scopeKey)));
  }

  /**
   * A string against variables the caller looks up (a scope a process instance modification is
   * still planning).
   */
  public String string(Expression expression, Function<String, Object> variables)
      throws ExpressionFailure {
    return unwrap(feel.evaluateString(expression, variables));
  }

  /** Any FEEL value, as a JSON-like Java value (null stays null). */
  public Object evaluate(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    Object value = unwrap(feel.evaluate(expression, variables(state, scopeKey)));
    return value == FeelEvaluator.NULL_VALUE ? null : value;
  }

  public String jobType(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateJobType(expression, variables(state, scopeKey)));
  }

  public Map<String, String> jobHeaders(EngineState state, JobDefinition job, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateJobHeaders(job, variables(state, scopeKey)));
  }

  /**
   * A correlation key: a string, or a number turned into text; anything else is Zeebe's extraction
   * failure.
   */
  public String correlationKey(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return correlationKey(expression, variables(state, scopeKey));
  }

  public String correlationKey(Expression expression, Function<String, Object> variables)
      throws ExpressionFailure {
    if (expression == null) {
      return "";
    }
    Object value = unwrap(feel.evaluate(expression, variables));
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number number) {
      return number instanceof Double || number instanceof java.math.BigDecimal
          ? new java.math.BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
          : number.toString();
    }
    throw new ExpressionFailure(
        String.format(
            "Failed to extract the correlation key for '%s': The value must be either a string or a number, but was '%s'.",
            expression.source(),
            value == null || value == FeelEvaluator.NULL_VALUE ? "NULL" : typeName(value)));
  }

  private static String typeName(Object value) {
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof Map) {
      return "CONTEXT";
    }
    if (value instanceof List) {
      return "LIST";
    }
    return value.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
  }

  public int priority(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluatePriority(expression, variables(state, scopeKey)));
  }

  public int integer(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateInt(expression, variables(state, scopeKey)));
  }

  public List<String> stringList(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    return unwrap(feel.evaluateStringList(expression, variables(state, scopeKey)));
  }

  /**
   * A date-time as user tasks carry it: ISO 8601 with an offset and no zone id, as Zeebe writes it.
   */
  public String dateTime(EngineState state, Expression expression, long scopeKey)
      throws ExpressionFailure {
    String text = unwrap(feel.evaluateDateTimeString(expression, variables(state, scopeKey)));
    if (text == null || text.isEmpty()) {
      return "";
    }
    try {
      return java.time.ZonedDateTime.parse(text).toOffsetDateTime().toString();
    } catch (java.time.format.DateTimeParseException e) {
      return text;
    }
  }

  /** A timer definition evaluated in a scope (-1: no variables, as for timer start events). */
  public TimerSchedule timer(EngineState state, TimerDefinition definition, long scopeKey)
      throws ExpressionFailure {
    Function<String, Object> lookup = scopeKey == -1 ? name -> null : variables(state, scopeKey);
    return unwrap(TimerSchedule.evaluate(definition, feel, lookup));
  }

  public TimerSchedule timer(TimerDefinition definition, Function<String, Object> variables)
      throws ExpressionFailure {
    return unwrap(TimerSchedule.evaluate(definition, feel, variables));
  }

  /** The local variables an element's input mappings create, evaluated in its flow scope. */
  public Map<String, Object> inputMappings(
      EngineState state, List<Mapping> inputs, long flowScopeKey) throws ExpressionFailure {
    return unwrap(mappings.applyInputs(inputs, variables(state, flowScopeKey)));
  }

  /**
   * The variables an element's output mappings set in its flow scope, evaluated in the element's
   * scope.
   */
  public Map<String, Object> outputMappings(
      EngineState state, List<Mapping> outputs, long elementScopeKey, long flowScopeKey)
      throws ExpressionFailure {
    Function<String, Object> existingInFlowScope =
        flowScopeKey == -1 ? name -> null : variables(state, flowScopeKey);
    return unwrap(
        mappings.applyOutputs(outputs, variables(state, elementScopeKey), existingInFlowScope));
  }

  private static <T> T unwrap(FeelResult<T> result) throws ExpressionFailure {
    if (result.isFailure()) {
      throw new ExpressionFailure(result.failureMessage());
    }
    return result.value();
  }
}
