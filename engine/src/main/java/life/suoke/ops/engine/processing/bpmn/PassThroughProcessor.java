package life.suoke.ops.engine.processing.bpmn;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Elements with nothing of their own to do once activated: they complete at once and take every
 * outgoing flow. Manual and undefined tasks ({@code bpmn:task}); parallel gateways (activated once
 * every incoming flow holds a token, the joining being done where flows are taken); boundary events
 * (activated once their event has happened, with its variables, by {@code EventTriggerBehavior}).
 */
public final class PassThroughProcessor implements BpmnElementProcessor {

  private final BpmnStateTransitions transitions;

  public PassThroughProcessor(BpmnStateTransitions transitions) {
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
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
