package life.suoke.ops.engine.processing.bpmn.gateway;

import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.model.ExecutableGateway;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Inclusive gateways: every outgoing flow whose condition holds (a single flow without condition is
 * simply taken); if none holds, the default flow; with neither, an incident. A joining one is
 * activated when no other token can reach it any more (decided where flows are taken).
 */
public final class InclusiveGatewayProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public InclusiveGatewayProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableGateway gateway = instance.element(ExecutableGateway.class);
    List<SequenceFlow> chosen = new ArrayList<>();
    List<SequenceFlow> outgoing = gateway.outgoing();
    if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
      chosen.add(outgoing.get(0));
    } else {
      Outcome<List<SequenceFlow>> holding =
          Outcome.evaluate(
              ErrorType.CONDITION_ERROR,
              () -> {
                for (SequenceFlow flow : outgoing) {
                  if (flow.id().equals(gateway.defaultFlowId()) || flow.condition() == null) {
                    continue;
                  }
                  if (behaviors
                      .expressions()
                      .condition(ctx.state(), flow.condition(), instance.key)) {
                    chosen.add(flow);
                  }
                }
                return chosen;
              });
      if (holding.isFailure()) {
        return Outcome.failure(holding.failure());
      }
      if (chosen.isEmpty() && gateway.defaultFlowId() != null) {
        chosen.add(
            ctx.state()
                .process(instance.processDefinitionKey())
                .executable()
                .sequenceFlow(gateway.defaultFlowId()));
      }
      if (chosen.isEmpty() && !outgoing.isEmpty()) {
        return Outcome.failure(ErrorType.CONDITION_ERROR, ExclusiveGatewayProcessor.NO_FLOW);
      }
    }
    transitions.activated(ctx, instance);
    transitions.completeGateway(ctx, instance, chosen);
    return Outcome.success();
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
