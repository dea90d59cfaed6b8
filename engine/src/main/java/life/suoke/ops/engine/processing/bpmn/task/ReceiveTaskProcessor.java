package life.suoke.ops.engine.processing.bpmn.task;

import life.suoke.ops.engine.model.ExecutableReceiveTask;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.CatchEventBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
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
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    CatchEventBehavior.Planned own = new CatchEventBehavior.Planned();
    Outcome<CatchEventBehavior.Planned> planned =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> {
              own.messages.add(
                  behaviors
                      .messages()
                      .plan(ctx, instance.element(ExecutableReceiveTask.class), instance.key));
              return own;
            });
    return planned.flatMap(
        events -> behaviors.catchEvents().activatedWithEvents(ctx, instance, events));
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
