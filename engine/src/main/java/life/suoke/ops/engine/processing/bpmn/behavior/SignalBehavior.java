package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.intent.SignalIntent;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;
import life.suoke.ops.engine.record.value.SignalSubscriptionValue;
import life.suoke.ops.engine.record.value.SignalValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.SignalSubscription;

/**
 * Signals: a broadcast starts an instance at every signal start event of the latest process
 * versions and triggers every open signal subscription with its name. Nothing is buffered.
 */
public final class SignalBehavior {

  private final ExpressionBehavior expressions;
  private final BpmnStateTransitions transitions;
  private final BpmnBehaviors behaviors;

  /** {@code behaviors}: for the event triggers a broadcast goes on with. */
  SignalBehavior(
      ExpressionBehavior expressions, BpmnStateTransitions transitions, BpmnBehaviors behaviors) {
    this.expressions = expressions;
    this.transitions = transitions;
    this.behaviors = behaviors;
  }

  public record PlannedSubscription(
      ExecutableCatchEvent signalEvent, String signalName, boolean interrupting) {}

  public PlannedSubscription plan(
      ProcessingContext ctx, ExecutableCatchEvent signalEvent, long scopeKey, boolean interrupting)
      throws ExpressionFailure {
    String name =
        expressions.string(ctx.state(), signalEvent.signalDefinition().signalName(), scopeKey);
    return new PlannedSubscription(signalEvent, name, interrupting);
  }

  /**
   * The same, against variables the caller looks up (a scope a process instance modification is
   * still planning).
   */
  public PlannedSubscription plan(
      ExecutableCatchEvent signalEvent,
      java.util.function.Function<String, Object> variables,
      boolean interrupting)
      throws ExpressionFailure {
    return new PlannedSubscription(
        signalEvent,
        expressions.string(signalEvent.signalDefinition().signalName(), variables),
        interrupting);
  }

  public List<PlannedSubscription> planBoundaries(ProcessingContext ctx, ElementInstance activity)
      throws ExpressionFailure {
    List<PlannedSubscription> planned = new ArrayList<>();
    for (ExecutableBoundaryEvent boundary : CatchEventBehavior.boundaryEvents(activity)) {
      if (boundary.eventType() == BpmnEventType.SIGNAL) {
        planned.add(plan(ctx, boundary, activity.key, boundary.interrupting()));
      }
    }
    return planned;
  }

  public void open(
      ProcessingContext ctx, ElementInstance waiting, List<PlannedSubscription> planned) {
    for (PlannedSubscription subscription : planned) {
      ctx.event(
          SignalSubscriptionIntent.CREATED,
          ctx.state().nextKey(),
          new SignalSubscriptionValue(
              subscription.signalName(),
              subscription.signalEvent().id(),
              waiting.key,
              waiting.bpmnProcessId(),
              waiting.processDefinitionKey(),
              waiting.processInstanceKey,
              subscription.interrupting(),
              waiting.tenantId));
    }
  }

  public void closeAll(ProcessingContext ctx, long elementInstanceKey) {
    closeWhere(ctx, elementInstanceKey, elementId -> true);
  }

  /** Closes the subscriptions of an element instance whose catch event id passes the filter. */
  public void closeWhere(
      ProcessingContext ctx,
      long elementInstanceKey,
      java.util.function.Predicate<String> elementId) {
    for (SignalSubscription subscription : ctx.state().signalSubscriptionsOf(elementInstanceKey)) {
      if (elementId.test(subscription.elementId())) {
        ctx.event(SignalSubscriptionIntent.DELETED, subscription.key(), value(subscription));
      }
    }
  }

  public long broadcast(
      ProcessingContext ctx, String signalName, Map<String, Object> variables, String tenantId) {
    if (signalName == null || signalName.isBlank()) {
      throw Rejection.invalidArgument(
          "Expected to broadcast a signal with a name, but none was given");
    }
    EngineState state = ctx.state();
    long key = state.nextKey();
    ctx.event(SignalIntent.BROADCASTED, key, new SignalValue(signalName, variables, tenantId));
    Set<String> seen = new HashSet<>();
    for (ProcessDefinition any : List.copyOf(state.processes())) {
      if (!any.tenantId().equals(tenantId) || !seen.add(any.bpmnProcessId())) {
        continue;
      }
      ProcessDefinition latest = state.latestProcess(tenantId, any.bpmnProcessId());
      for (ExecutableCatchEvent start : latest.executable().signalStartEvents()) {
        if (start.signalDefinition().signalName().source().equals(signalName)) {
          transitions.createProcessInstance(ctx, latest, variables, start);
          ctx.drainFollowUps();
        }
      }
    }
    for (SignalSubscription subscription : state.signalSubscriptions(tenantId, signalName)) {
      if (state.signalSubscription(subscription.key()) == null) {
        continue; // closed by an earlier trigger of this broadcast
      }
      ElementInstance waiting = state.elementInstance(subscription.elementInstanceKey());
      if (waiting == null) {
        continue;
      }
      if (waiting.element().id().equals(subscription.elementId())) {
        closeAll(ctx, waiting.key);
        transitions.complete(ctx, waiting, variables);
      } else {
        ExecutableCatchEvent event =
            (ExecutableCatchEvent)
                state
                    .process(waiting.processDefinitionKey())
                    .executable()
                    .element(subscription.elementId());
        behaviors.eventTriggers().triggerBoundaryEvent(ctx, waiting, event, variables);
      }
      ctx.drainFollowUps();
    }
    return key;
  }

  public static SignalSubscriptionValue value(SignalSubscription subscription) {
    return new SignalSubscriptionValue(
        subscription.signalName(),
        subscription.elementId(),
        subscription.elementInstanceKey(),
        subscription.bpmnProcessId(),
        subscription.processDefinitionKey(),
        subscription.processInstanceKey(),
        subscription.interrupting(),
        subscription.tenantId());
  }
}
