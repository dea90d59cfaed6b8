package life.suoke.ops.engine.processing.bpmn.gateway;

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
 * Exclusive gateways: the first outgoing flow whose condition holds (a flow without condition
 * holds), else the default flow; with neither, an incident. The gateway completes at once and takes
 * that flow.
 */
public final class ExclusiveGatewayProcessor implements BpmnElementProcessor {

  static final String NO_FLOW =
      "Expected at least one condition to evaluate to true, or to have a default flow";

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public ExclusiveGatewayProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableGateway gateway = instance.element(ExecutableGateway.class);
    Outcome<SequenceFlow> firstTrue =
        Outcome.evaluate(
            ErrorType.CONDITION_ERROR,
            () -> {
              for (SequenceFlow flow : gateway.outgoing()) {
                if (flow.id().equals(gateway.defaultFlowId())) {
                  continue;
                }
                if (flow.condition() == null
                    || behaviors
                        .expressions()
                        .condition(ctx.state(), flow.condition(), instance.key)) {
                  return flow;
                }
              }
              return null;
            });
    if (firstTrue.isFailure()) {
      return Outcome.failure(firstTrue.failure());
    }
    SequenceFlow chosen = firstTrue.value();
    if (chosen == null && gateway.defaultFlowId() != null) {
      chosen =
          ctx.state()
              .process(instance.processDefinitionKey())
              .executable()
              .sequenceFlow(gateway.defaultFlowId());
    }
    if (chosen == null && !gateway.outgoing().isEmpty()) {
      return Outcome.failure(ErrorType.CONDITION_ERROR, NO_FLOW);
    }
    transitions.activated(ctx, instance);
    transitions.completeGateway(ctx, instance, chosen == null ? List.of() : List.of(chosen));
    return Outcome.success();
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
