package life.suoke.ops.engine.processing.bpmn.container;

import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Process instances. Created by {@code BpmnStateTransitions.createProcessInstance}; once their
 * start listeners are done they are activated and their start event (the one they were started at,
 * else the none start event) is activated. They complete when nothing runs in them any more; what a
 * process instance's end leads to is the lifecycle's.
 */
public final class ProcessProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public ProcessProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement start = behaviors.executionListeners().takeProcessStart(ctx, instance);
    transitions.activated(ctx, instance);
    ctx.followUp(() -> transitions.activate(ctx, instance, start));
    return Outcome.success();
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
