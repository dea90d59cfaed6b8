package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.Map;
import java.util.Objects;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.record.value.VariableValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.JsonValues;
import life.suoke.ops.engine.state.Variable;

/**
 * Writes variables with Zeebe's scoping rules: a local write sets the variable in the given scope;
 * a propagating write updates the variable in the nearest scope (from the given one up) that
 * already has it, and otherwise creates it in the process instance scope. Applies the input and
 * output mappings of elements with these rules.
 */
public final class VariableBehavior {

  private final ExpressionBehavior expressions;

  VariableBehavior(ExpressionBehavior expressions) {
    this.expressions = expressions;
  }

  /**
   * Sets an activating element's input mappings, evaluated in {@code scopeKey}, as its local
   * variables (nothing without input mappings).
   */
  public Outcome<Void> applyInputMappings(
      ProcessingContext ctx, ElementInstance instance, long scopeKey) {
    if (instance.element().inputMappings().isEmpty()) {
      return Outcome.success();
    }
    Outcome<Map<String, Object>> locals =
        Outcome.evaluate(
            ErrorType.IO_MAPPING_ERROR,
            () ->
                expressions.inputMappings(
                    ctx.state(), instance.element().inputMappings(), scopeKey));
    return locals.map(
        values -> {
          setLocal(ctx, instance.key, values);
          return null;
        });
  }

  /**
   * Writes what a completing element completes with: without output mappings its result variables
   * are propagated from its own scope; with output mappings they are set in its scope, and the
   * mappings, evaluated there, are propagated from its flow scope (from the process instance for
   * the process).
   */
  public Outcome<Void> applyOutputs(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    if (instance.element().outputMappings().isEmpty()) {
      if (resultVariables != null && !resultVariables.isEmpty()) {
        mergePropagating(ctx, instance.key, resultVariables);
      }
      return Outcome.success();
    }
    if (resultVariables != null && !resultVariables.isEmpty()) {
      setLocal(ctx, instance.key, resultVariables);
    }
    Outcome<Map<String, Object>> outputs =
        Outcome.evaluate(
            ErrorType.IO_MAPPING_ERROR,
            () ->
                expressions.outputMappings(
                    ctx.state(),
                    instance.element().outputMappings(),
                    instance.key,
                    instance.flowScopeKey));
    return outputs.map(
        values -> {
          long target = instance.flowScopeKey == -1 ? instance.key : instance.flowScopeKey;
          mergePropagating(ctx, target, values);
          return null;
        });
  }

  public void setLocal(ProcessingContext ctx, long scopeKey, Map<String, Object> variables) {
    variables.forEach((name, value) -> setVariable(ctx, scopeKey, name, value));
  }

  public void mergePropagating(
      ProcessingContext ctx, long scopeKey, Map<String, Object> variables) {
    EngineState state = ctx.state();
    for (Map.Entry<String, Object> entry : variables.entrySet()) {
      long target = -1;
      long root = scopeKey;
      for (long scope = scopeKey; scope != -1; scope = state.parentScope(scope)) {
        root = scope;
        if (state.localVariables(scope).containsKey(entry.getKey())) {
          target = scope;
          break;
        }
      }
      setVariable(ctx, target != -1 ? target : root, entry.getKey(), entry.getValue());
    }
  }

  public void setVariable(ProcessingContext ctx, long scopeKey, String name, Object value) {
    EngineState state = ctx.state();
    ElementInstance scope = state.elementInstance(scopeKey);
    String json = JsonValues.write(value);
    Variable existing = state.localVariables(scopeKey).get(name);
    if (existing != null && Objects.equals(existing.json(), json)) {
      return;
    }
    VariableValue record =
        new VariableValue(
            name,
            json,
            scopeKey,
            scope.processInstanceKey,
            scope.processDefinitionKey(),
            scope.bpmnProcessId(),
            scope.tenantId);
    if (existing == null) {
      ctx.event(VariableIntent.CREATED, state.nextKey(), record);
    } else {
      ctx.event(VariableIntent.UPDATED, existing.key(), record);
    }
  }
}
