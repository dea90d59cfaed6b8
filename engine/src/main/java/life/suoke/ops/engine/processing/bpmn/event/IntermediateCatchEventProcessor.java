package life.suoke.ops.engine.processing.bpmn.event;

import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.CatchEventBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Intermediate catch events: wait for their timer, message or signal, which completes them; a link
 * catch event completes at once.
 */
public final class IntermediateCatchEventProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public IntermediateCatchEventProcessor(
      BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableCatchEvent element = instance.element(ExecutableCatchEvent.class);
    CatchEventBehavior.Planned own = new CatchEventBehavior.Planned();
    Outcome<CatchEventBehavior.Planned> planned =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> {
              if (element.eventType() == BpmnEventType.MESSAGE) {
                own.messages.add(behaviors.messages().plan(ctx, element, instance.key, true));
              } else if (element.eventType() == BpmnEventType.TIMER) {
                own.timers.add(behaviors.timers().plan(ctx, element, instance.key));
              } else if (element.eventType() == BpmnEventType.SIGNAL) {
                own.signals.add(behaviors.signals().plan(ctx, element, instance.key, true));
              }
              return own;
            });
    if (planned.isFailure()) {
      return Outcome.failure(planned.failure());
    }
    if (own.isEmpty()) {
      // nothing to wait for: a link catch event
      transitions.activated(ctx, instance);
      transitions.complete(ctx, instance, null);
      return Outcome.success();
    }
    return behaviors.catchEvents().activatedWithEvents(ctx, instance, own);
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
