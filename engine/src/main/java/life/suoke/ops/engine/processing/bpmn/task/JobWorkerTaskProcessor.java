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
 * Service tasks and send tasks: a job for their workers (created once the element is activated with
 * its boundary events); they complete when the job is completed.
 */
public final class JobWorkerTaskProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public JobWorkerTaskProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    return behaviors
        .jobs()
        .activateWithJob(
            ctx,
            instance,
            instance.element(ExecutableJobWorkerTask.class).jobDefinition(),
            JobBehavior.BPMN_ELEMENT);
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
