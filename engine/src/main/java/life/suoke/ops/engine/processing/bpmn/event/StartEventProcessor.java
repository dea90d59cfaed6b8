package life.suoke.ops.engine.processing.bpmn.event;

import java.util.Map;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Start events (of the process, a subprocess or an event subprocess): they complete at once. The
 * start event of an event subprocess completes with the variables of the event that triggered it; a
 * start event that completes opens the event subprocesses of its scope.
 */
public final class StartEventProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public StartEventProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    transitions.activated(ctx, instance);
    transitions.complete(ctx, instance, null);
    return Outcome.success();
  }

  @Override
  public Map<String, Object> onCompleting(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    Map<String, Object> eventVariables = behaviors.eventSubprocesses().takeTrigger(ctx, instance);
    return eventVariables != null ? eventVariables : resultVariables;
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    return behaviors
        .eventSubprocesses()
        .subscribe(ctx, instance)
        .map(
            subscribed -> {
              transitions.completed(ctx, instance, instance.element().outgoing());
              return null;
            });
  }
}
