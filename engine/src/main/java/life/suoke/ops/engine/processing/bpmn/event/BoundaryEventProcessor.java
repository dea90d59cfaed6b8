package life.suoke.ops.engine.processing.bpmn.event;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Boundary events: activated once their event has happened ({@code EventTriggerBehavior}), they
 * complete at once with the event's variables and take their outgoing flows.
 */
public final class BoundaryEventProcessor implements BpmnElementProcessor {

  private final BpmnStateTransitions transitions;

  public BoundaryEventProcessor(BpmnStateTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    transitions.activated(ctx, instance);
    transitions.complete(ctx, instance, null);
    return Outcome.success();
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element.outgoing());
    return Outcome.success();
  }
}
