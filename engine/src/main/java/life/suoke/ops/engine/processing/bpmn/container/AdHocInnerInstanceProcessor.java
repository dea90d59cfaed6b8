package life.suoke.ops.engine.processing.bpmn.container;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.AdHocSubProcessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * The inner instances of an ad-hoc subprocess: created already activated by the subprocess ({@link
 * AdHocSubProcessBehavior}), each holds one activated element and the flow after it, and completes
 * when that flow ends; its completion is the subprocess's to handle (output, completion condition,
 * the worker asked again).
 */
public final class AdHocInnerInstanceProcessor implements BpmnElementProcessor {

  private final AdHocSubProcessBehavior adHocSubProcesses;
  private final BpmnStateTransitions transitions;

  public AdHocInnerInstanceProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.adHocSubProcesses = behaviors.adHocSubProcesses();
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
    return adHocSubProcesses.innerInstanceCompleting(ctx, instance);
  }
}
