package life.suoke.ops.engine.processing.bpmn.container;

import java.util.Map;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.AdHocSubProcessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Ad-hoc subprocesses ({@link AdHocSubProcessBehavior}): their own variables before their input
 * mappings, then their job worker or their active elements; they decide themselves when they
 * complete, and their output collection goes to their flow scope then.
 */
public final class AdHocSubProcessProcessor implements BpmnElementProcessor {

  private final AdHocSubProcessBehavior adHocSubProcesses;
  private final BpmnStateTransitions transitions;

  public AdHocSubProcessProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.adHocSubProcesses = behaviors.adHocSubProcesses();
    this.transitions = transitions;
  }

  @Override
  public void onActivating(ProcessingContext ctx, ElementInstance instance) {
    adHocSubProcesses.setActivationVariables(ctx, instance);
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    return adHocSubProcesses.activate(ctx, instance);
  }

  @Override
  public Map<String, Object> onCompleting(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    adHocSubProcesses.propagateOutput(ctx, instance);
    return resultVariables;
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }

  @Override
  public boolean completesWhenEmpty() {
    return false;
  }
}
