package life.suoke.ops.engine.processing.bpmn.task;

import life.suoke.ops.engine.model.ExecutableJobWorkerTask;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Business rule tasks. One that calls a decision evaluates it on activation (a failure is an
 * incident, and resolving it evaluates again) and completes right away with the result variable,
 * which its output mappings may then map (Zeebe opens no boundary events for it); one with a job
 * worker instead is a job-worker task.
 */
public final class BusinessRuleTaskProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public BusinessRuleTaskProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
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
    return behaviors
        .decisions()
        .evaluateCalledDecision(ctx, instance)
        .map(
            result -> {
              transitions.activated(ctx, instance);
              transitions.complete(ctx, instance, result);
              return null;
            });
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
