package life.suoke.ops.engine.processing.bpmn.task;

import java.util.HashMap;
import java.util.Map;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Script tasks: a FEEL script is evaluated on activation and its result is the result variable,
 * written like a job's result; a script task with a job worker instead is a job-worker task.
 */
public final class ScriptTaskProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public ScriptTaskProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public void finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    if (instance.element.script() == null) {
      behaviors
          .jobs()
          .activateWithJob(
              ctx, instance, instance.element.jobDefinition(), JobBehavior.BPMN_ELEMENT);
      return;
    }
    Object result;
    try {
      result =
          behaviors.expressions().evaluate(ctx.state(), instance.element.script(), instance.key);
    } catch (ExpressionFailure failure) {
      behaviors.incidents().raise(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    if (!behaviors.catchEvents().activatedWithBoundaryEvents(ctx, instance)) {
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(instance.element.resultVariable(), result);
    transitions.complete(ctx, instance, variables);
  }

  @Override
  public void finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element.outgoing());
  }
}
