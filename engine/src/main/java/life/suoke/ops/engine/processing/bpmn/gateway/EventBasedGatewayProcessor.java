package life.suoke.ops.engine.processing.bpmn.gateway;

import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableEventBasedGateway;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.CatchEventBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Event-based gateways wait for the first of the events after them (timers, messages, signals, all
 * evaluated before the gateway is activated). The first that happens completes the gateway and is
 * activated, completing at once ({@code EventTriggerBehavior.triggerBoundaryEvent}).
 */
public final class EventBasedGatewayProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public EventBasedGatewayProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    CatchEventBehavior.Planned planned = new CatchEventBehavior.Planned();
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> {
              for (ExecutableCatchEvent target :
                  instance.element(ExecutableEventBasedGateway.class).eventBasedTargets()) {
                switch (target.eventType()) {
                  case TIMER ->
                      planned.timers.add(behaviors.timers().plan(ctx, target, instance.key));
                  case MESSAGE ->
                      planned.messages.add(
                          behaviors.messages().plan(ctx, target, instance.key, true));
                  case SIGNAL ->
                      planned.signals.add(
                          behaviors.signals().plan(ctx, target, instance.key, true));
                  default -> {}
                }
              }
              return planned;
            })
        .map(
            events -> {
              transitions.activated(ctx, instance);
              behaviors.catchEvents().open(ctx, instance, events);
              return null;
            });
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
