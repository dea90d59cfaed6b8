package life.suoke.ops.engine.processing.bpmn.task;

import java.util.HashMap;
import java.util.Map;
import life.suoke.ops.engine.model.ExecutableJobWorkerTask;
import life.suoke.ops.engine.model.ExecutableScriptTask;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
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
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    if (instance.element() instanceof ExecutableJobWorkerTask task) {
      return behaviors
          .jobs()
          .activateWithJob(ctx, instance, task.jobDefinition(), JobBehavior.BPMN_ELEMENT);
    }
    ExecutableScriptTask script = instance.element(ExecutableScriptTask.class);
    Outcome<Object> result =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> behaviors.expressions().evaluate(ctx.state(), script.script(), instance.key));
    if (result.isFailure()) {
      return Outcome.failure(result.failure());
    }
    return behaviors
        .catchEvents()
        .activatedWithBoundaryEvents(ctx, instance)
        .map(
            activated -> {
              Map<String, Object> variables = new HashMap<>();
              variables.put(script.resultVariable(), result.value());
              transitions.complete(ctx, instance, variables);
              return null;
            });
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
