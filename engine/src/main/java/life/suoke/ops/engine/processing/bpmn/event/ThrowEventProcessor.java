package life.suoke.ops.engine.processing.bpmn.event;

import java.util.Map;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableThrowEvent;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.EventTriggerBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * Intermediate throw events and end events, by their event: none (complete at once), message (a job
 * for its workers), error (thrown to the nearest catch event; an incident if none catches it),
 * escalation, signal (broadcast), terminate (ends everything else in the flow scope, which then
 * completes), compensation (triggers the compensation handlers and waits for them), link (activates
 * the link catch event).
 */
public final class ThrowEventProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public ThrowEventProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableThrowEvent element = instance.element(ExecutableThrowEvent.class);
    BpmnEventType type = element.eventType();
    switch (type) {
      case MESSAGE -> {
        return behaviors
            .jobs()
            .activateWithJob(ctx, instance, element.jobDefinition(), JobBehavior.BPMN_ELEMENT);
      }
      case ERROR -> {
        return throwError(ctx, instance);
      }
      case ESCALATION -> {
        return throwEscalation(ctx, instance);
      }
      case SIGNAL -> {
        return evaluateString(ctx, instance, element.signalDefinition().signalName())
            .map(
                name -> {
                  transitions.activated(ctx, instance);
                  behaviors.signals().broadcast(ctx, name, Map.of(), instance.tenantId);
                  transitions.complete(ctx, instance, null);
                  return null;
                });
      }
      case TERMINATE -> {
        // it completes like any end event (output mappings, end listeners); the flow scope is
        // ended once it is left (finalizeCompletion)
        transitions.activated(ctx, instance);
        transitions.complete(ctx, instance, null);
      }
      case COMPENSATION -> {
        transitions.activated(ctx, instance);
        if (!behaviors.compensation().trigger(ctx, instance)) {
          // nothing to compensate; otherwise it waits for the handlers
          transitions.complete(ctx, instance, null);
        }
      }
      case LINK -> {
        transitions.activated(ctx, instance);
        ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey);
        ExecutableElement target = element.linkTarget();
        // The catch event is activated before the throw event's completion is checked against its
        // scope.
        ctx.followUp(() -> transitions.activate(ctx, flowScope, target));
        transitions.complete(ctx, instance, null);
      }
      default -> {
        transitions.activated(ctx, instance);
        transitions.complete(ctx, instance, null);
      }
    }
    return Outcome.success();
  }

  private Outcome<String> evaluateString(
      ProcessingContext ctx, ElementInstance instance, Expression expression) {
    return Outcome.evaluate(
        ErrorType.EXTRACT_VALUE_ERROR,
        () -> behaviors.expressions().string(ctx.state(), expression, instance.key));
  }

  /**
   * An error end event: the nearest catch event of its error takes over; nothing catching it is an
   * UNHANDLED_ERROR_EVENT (the event stays in ACTIVATING).
   */
  private Outcome<Void> throwError(ProcessingContext ctx, ElementInstance instance) {
    return evaluateString(
            ctx,
            instance,
            instance.element(ExecutableThrowEvent.class).errorDefinition().errorCode())
        .flatMap(
            code -> {
              ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey);
              if (behaviors.eventTriggers().throwError(ctx, flowScope, code, "", Map.of())) {
                return Outcome.success();
              }
              return Outcome.failure(
                  ErrorType.UNHANDLED_ERROR_EVENT,
                  EventTriggerBehavior.unhandledErrorMessage(ctx.state(), flowScope, code, ""));
            });
  }

  private Outcome<Void> throwEscalation(ProcessingContext ctx, ElementInstance instance) {
    return evaluateString(
            ctx,
            instance,
            instance.element(ExecutableThrowEvent.class).escalationDefinition().code())
        .map(
            code -> {
              transitions.activated(ctx, instance);
              behaviors.eventTriggers().throwEscalation(ctx, instance, code);
              return null;
            });
  }

  /**
   * A terminate end event that was left ends its flow scope: every other element instance in the
   * scope is terminated, then the scope completes.
   */
  private void terminateFlowScope(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    ElementInstance flowScope = state.elementInstance(instance.flowScopeKey);
    boolean siblingsTerminated = true;
    for (ElementInstance sibling : state.children(flowScope.key)) {
      siblingsTerminated &= transitions.terminate(ctx, sibling);
    }
    if (!siblingsTerminated) {
      return; // the scope completes once the last one is terminated (continueTermination)
    }
    ctx.followUp(
        () -> {
          if (flowScope.state() == ElementInstance.State.ACTIVATED) {
            transitions.complete(ctx, flowScope, null);
          }
        });
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    if (instance.element().eventType() == BpmnEventType.TERMINATE) {
      terminateFlowScope(ctx, instance);
    }
    return Outcome.success();
  }
}
