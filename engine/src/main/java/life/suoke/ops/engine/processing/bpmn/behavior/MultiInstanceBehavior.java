package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.LoopCharacteristics;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Variable;

/**
 * The variables of multi-instance activities as Zeebe runs them (the body's lifecycle is the
 * multi-instance body's element processor): a body ({@code MULTI_INSTANCE_BODY}, with the
 * activity's id) reads the input collection and has one inner instance per item. Each inner
 * instance gets its item in the input element variable and its number in {@code loopCounter} (from
 * 1), both local; when it completes, the output element is evaluated in it and written at its
 * position in the body's output collection, and the completion condition (which also sees {@code
 * numberOfInstances}, {@code numberOfActiveInstances}, {@code numberOfCompletedInstances} and
 * {@code numberOfTerminatedInstances}) is evaluated. When the body completes, the output collection
 * goes to the body's flow scope.
 */
public final class MultiInstanceBehavior {

  private static final Pattern VARIABLE_PATH =
      Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");

  private final ExpressionBehavior expressions;
  private final VariableBehavior variables;

  MultiInstanceBehavior(ExpressionBehavior expressions, VariableBehavior variables) {
    this.expressions = expressions;
    this.variables = variables;
  }

  /** The multi-instance body an element instance is an inner instance of, or null. */
  public static ElementInstance bodyOf(EngineState state, ElementInstance instance) {
    if (instance.flowScopeKey == -1) {
      return null;
    }
    ElementInstance flowScope = state.elementInstance(instance.flowScopeKey);
    return flowScope != null && flowScope.type() == BpmnElementType.MULTI_INSTANCE_BODY
        ? flowScope
        : null;
  }

  /** Reads the input collection of a body, in the body's scope. */
  public Outcome<List<Object>> inputCollection(ProcessingContext ctx, ElementInstance body) {
    return Outcome.evaluate(
        ErrorType.EXTRACT_VALUE_ERROR,
        () ->
            expressions.list(
                ctx.state(),
                body.element(ExecutableMultiInstanceBody.class)
                    .loopCharacteristics()
                    .inputCollection(),
                body.key));
  }

  /**
   * Sets the output collection of a body that is activated: a list with a null for each item of the
   * input collection.
   */
  public void initOutputCollection(ProcessingContext ctx, ElementInstance body, int size) {
    String outputCollection =
        body.element(ExecutableMultiInstanceBody.class).loopCharacteristics().outputCollection();
    if (outputCollection != null) {
      variables.setVariable(
          ctx, body.key, outputCollection, new ArrayList<>(Collections.nCopies(size, null)));
    }
  }

  /**
   * Sets an inner instance's local loop variables before its own activation: the input element (its
   * item, read again from the collection), the output element variable (null, so that a result of
   * that name stays in the inner instance) and {@code loopCounter}.
   */
  public Outcome<Void> setLoopVariables(
      ProcessingContext ctx, ElementInstance body, ElementInstance inner, List<Object> collection) {
    LoopCharacteristics loop =
        body.element(ExecutableMultiInstanceBody.class).loopCharacteristics();
    int index = inner.loopCounter() - 1;
    if (index >= collection.size()) {
      return Outcome.failure(
          ErrorType.EXTRACT_VALUE_ERROR,
          String.format(
              "Expected to read item at index %d of the multiInstanceBody input collection but it contains only %d elements."
                  + " The input collection might be modified while iterating over it.",
              index, collection.size()));
    }
    Map<String, Object> locals = new LinkedHashMap<>();
    if (loop.inputElement() != null) {
      locals.put(loop.inputElement(), collection.get(index));
    }
    String outputVariable = outputVariable(loop.outputElement());
    if (outputVariable != null
        && !outputVariable.equals(loop.inputElement())
        && !outputVariable.equals("loopCounter")
        && !ctx.state().localVariables(inner.key).containsKey(outputVariable)) {
      locals.put(outputVariable, null);
    }
    locals.put("loopCounter", inner.loopCounter());
    variables.setLocal(ctx, inner.key, locals);
    return Outcome.success();
  }

  /**
   * The variable an output element that is just a variable (or a path into one) names, else null.
   */
  public static String outputVariable(Expression outputElement) {
    if (outputElement == null) {
      return null;
    }
    String source = outputElement.source().strip();
    if (!VARIABLE_PATH.matcher(source).matches()) {
      return null;
    }
    int dot = source.indexOf('.');
    return dot < 0 ? source : source.substring(0, dot);
  }

  /**
   * An inner instance is completing: writes its output element into the output collection and tells
   * whether the completion condition is met. A failure leaves the inner instance completing with an
   * incident.
   */
  public Outcome<Boolean> collectOutput(
      ProcessingContext ctx, ElementInstance body, ElementInstance inner) {
    return Outcome.evaluate(ErrorType.EXTRACT_VALUE_ERROR, () -> collect(ctx, body, inner));
  }

  private boolean collect(ProcessingContext ctx, ElementInstance body, ElementInstance inner)
      throws ExpressionFailure {
    EngineState state = ctx.state();
    LoopCharacteristics loop =
        body.element(ExecutableMultiInstanceBody.class).loopCharacteristics();
    if (loop.outputCollection() != null) {
      Object item =
          loop.outputElement() == null
              ? null
              : expressions.evaluate(state, loop.outputElement(), inner.key);
      Variable current = state.localVariables(body.key).get(loop.outputCollection());
      Object value = current == null ? null : current.value();
      if (!(value instanceof List<?> list)) {
        throw new ExpressionFailure(
            String.format(
                "Unable to update an item in output collection '%s' because the type of the output collection is: %s."
                    + " This may happen when multiple BPMN elements write to the same variable.",
                loop.outputCollection(), typeName(value)));
      }
      if (inner.loopCounter() > list.size()) {
        throw new ExpressionFailure(
            String.format(
                "Unable to update an item in output collection '%s' at position %d because the size of the collection is: %d."
                    + " This may happen when multiple BPMN elements write to the same variable.",
                loop.outputCollection(), inner.loopCounter(), list.size()));
      }
      List<Object> updated = new ArrayList<>(list);
      updated.set(inner.loopCounter() - 1, item);
      variables.setVariable(ctx, body.key, loop.outputCollection(), updated);
    }
    if (loop.completionCondition() == null) {
      return false;
    }
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("numberOfInstances", body.loopCounter());
    counters.put("numberOfActiveInstances", body.activeChildren() - 1);
    counters.put("numberOfCompletedInstances", body.completedChildren() + 1);
    counters.put("numberOfTerminatedInstances", body.terminatedChildren());
    return expressions.condition(state, loop.completionCondition(), inner.key, counters);
  }

  /** Zeebe's name of a value's type in its messages about collections. */
  public static String typeName(Object value) {
    if (value == null) {
      return "NIL";
    } else if (value instanceof Map) {
      return "MAP";
    } else if (value instanceof String) {
      return "STRING";
    } else if (value instanceof Boolean) {
      return "BOOLEAN";
    } else if (value instanceof Number number) {
      return number instanceof Double || number instanceof java.math.BigDecimal
          ? "FLOAT"
          : "INTEGER";
    }
    return "UNKNOWN";
  }

  /**
   * The body completes: its output collection is set in its flow scope (where it exists, else the
   * process).
   */
  public void propagateOutput(ProcessingContext ctx, ElementInstance body) {
    String name =
        body.element(ExecutableMultiInstanceBody.class).loopCharacteristics().outputCollection();
    if (name == null) {
      return;
    }
    Variable collection = ctx.state().localVariables(body.key).get(name);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put(name, collection == null ? null : collection.value());
    variables.mergePropagating(ctx, body.flowScopeKey, output);
  }
}
