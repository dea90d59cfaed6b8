package life.suoke.ops.engine.processing.bpmn.task;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.CatchEventBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Receive tasks: wait for their message (and their boundary events); the correlated message
 * completes them with its variables.
 */
public final class ReceiveTaskProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public ReceiveTaskProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public void finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    CatchEventBehavior.Planned own = new CatchEventBehavior.Planned();
    try {
      own.messages.add(behaviors.messages().plan(ctx, instance.element, instance.key, true));
    } catch (ExpressionFailure failure) {
      behaviors.incidents().raise(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    behaviors.catchEvents().activatedWithEvents(ctx, instance, own);
  }

  @Override
  public void finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element.outgoing());
  }
}
