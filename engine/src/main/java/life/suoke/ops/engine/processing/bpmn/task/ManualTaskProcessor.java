package life.suoke.ops.engine.processing.bpmn.task;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Manual tasks and undefined tasks ({@code bpmn:task}): nothing for the engine to do, they complete
 * as soon as they are activated.
 */
public final class ManualTaskProcessor implements BpmnElementProcessor {

  private final BpmnStateTransitions transitions;

  public ManualTaskProcessor(BpmnStateTransitions transitions) {
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
