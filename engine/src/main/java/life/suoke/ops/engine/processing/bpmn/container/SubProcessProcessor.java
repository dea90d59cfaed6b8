package life.suoke.ops.engine.processing.bpmn.container;

import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableFlowScope;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Embedded subprocesses and event subprocesses: activated with their boundary events, they activate
 * their start event, and complete when nothing runs in them any more.
 */
public final class SubProcessProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public SubProcessProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    return behaviors
        .catchEvents()
        .activatedWithBoundaryEvents(ctx, instance)
        .map(
            activated -> {
              ExecutableElement start =
                  instance.element(ExecutableFlowScope.class).subProcessStartEvent();
              ctx.followUp(() -> transitions.activate(ctx, instance, start));
              return null;
            });
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
