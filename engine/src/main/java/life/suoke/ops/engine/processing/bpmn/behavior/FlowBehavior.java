package life.suoke.ops.engine.processing.bpmn.behavior;

import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * Sequence flows: a flow taken (SEQUENCE_FLOW_TAKEN) activates its target, a joining parallel
 * gateway once every incoming flow holds a token, a joining inclusive gateway once no other token
 * can reach it ({@link InclusiveJoin}).
 */
public final class FlowBehavior {

  private final BpmnStateTransitions transitions;

  FlowBehavior(BpmnStateTransitions transitions) {
    this.transitions = transitions;
  }

  /** Takes a sequence flow in a flow scope instance and activates its target when it may be. */
  public void take(ProcessingContext ctx, ElementInstance flowScope, SequenceFlow flow) {
    EngineState state = ctx.state();
    ProcessDefinition definition = state.process(flowScope.processDefinitionKey());
    ExecutableElement target = definition.executable().element(flow.targetId());
    taken(ctx, definition, flowScope, flow);
    if (EngineState.isJoin(target) && target.type() == BpmnElementType.INCLUSIVE_GATEWAY) {
      // decided when the token arrives, after the flows taken with this one are counted
      ctx.followUp(
          () -> {
            if (flowScope.state() == ElementInstance.State.ACTIVATED
                && InclusiveJoin.canActivate(state, flowScope, target)) {
              transitions.activate(ctx, flowScope, target);
            }
          });
    } else if (EngineState.isJoin(target)) {
      if (state.joinComplete(flowScope.key, target)) {
        ctx.followUp(() -> transitions.activate(ctx, flowScope, target));
      }
    } else {
      ctx.followUp(() -> transitions.activate(ctx, flowScope, target));
    }
  }

  /** Writes SEQUENCE_FLOW_TAKEN for a flow in a flow scope instance, nothing more. */
  public void taken(ProcessingContext ctx, ElementInstance flowScope, SequenceFlow flow) {
    taken(ctx, ctx.state().process(flowScope.processDefinitionKey()), flowScope, flow);
  }

  private static void taken(
      ProcessingContext ctx,
      ProcessDefinition definition,
      ElementInstance flowScope,
      SequenceFlow flow) {
    ctx.event(
        ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN,
        ctx.state().nextKey(),
        ElementValues.sequenceFlow(definition, flowScope, flow));
  }
}
