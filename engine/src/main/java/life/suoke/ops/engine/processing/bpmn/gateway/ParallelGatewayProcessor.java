package life.suoke.ops.engine.processing.bpmn.gateway;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Parallel gateways: activated once every incoming flow holds a token (the joining is done where
 * flows are taken), they complete at once and take every outgoing flow.
 */
public final class ParallelGatewayProcessor implements BpmnElementProcessor {

  private final BpmnStateTransitions transitions;

  public ParallelGatewayProcessor(BpmnStateTransitions transitions) {
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
