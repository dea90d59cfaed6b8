package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableActivity;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableThrowEvent;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.CompensationSubscriptionIntent;
import life.suoke.ops.engine.record.value.CompensationSubscriptionValue;
import life.suoke.ops.engine.state.CompensationSubscription;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * Compensation, as Zeebe 8.8 does it. An activity with a compensation boundary event that completes
 * leaves a compensation subscription (COMPENSATION_SUBSCRIPTION CREATED) in its flow scope; so does
 * a subprocess or multi-instance body that completes with subscriptions inside it. A compensation
 * throw or end event triggers the subscriptions of its flow scope (or those of the activity its
 * {@code activityRef} names) and, top to bottom, those inside the subprocesses they stand for: each
 * one with a handler completes the compensation boundary event and activates the handler in the
 * throw event's flow scope (TRIGGERED). A handler that completes completes its subscription, and
 * then every subprocess subscription none of whose inner subscriptions is left; when none of the
 * throw event's subscriptions is left, the throw event completes. The subscriptions of a process
 * instance are deleted when it ends.
 */
public final class CompensationBehavior {

  private final BpmnStateTransitions transitions;

  CompensationBehavior(BpmnStateTransitions transitions) {
    this.transitions = transitions;
  }

  /** An activity instance is completing: it may leave a compensation subscription. */
  public void subscribe(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    BpmnElementType type = instance.type();
    ExecutableBoundaryEvent boundary = null;
    if (type != BpmnElementType.MULTI_INSTANCE_BODY) {
      ElementInstance body = MultiInstanceBehavior.bodyOf(state, instance);
      // an inner instance is compensated with the boundary event of its body; the body only stands
      // for them
      ExecutableElement compensable = body != null ? body.element() : instance.element();
      boundary =
          compensable instanceof ExecutableActivity activity
              ? activity.compensationBoundaryEvent()
              : null;
    }
    boolean scopeWithSubscriptions =
        (type == BpmnElementType.SUB_PROCESS || type == BpmnElementType.MULTI_INSTANCE_BODY)
            && state.compensationSubscriptions(instance.processInstanceKey).stream()
                .anyMatch(
                    subscription -> subscription.compensableActivityScopeKey() == instance.key);
    if (boundary == null && !scopeWithSubscriptions) {
      return;
    }
    CompensationSubscriptionValue value =
        new CompensationSubscriptionValue(
            instance.tenantId,
            instance.processInstanceKey,
            instance.processDefinitionKey(),
            instance.element().id(),
            instance.flowScopeKey,
            instance.key,
            boundary == null || boundary.compensationHandlerId() == null
                ? ""
                : boundary.compensationHandlerId(),
            -1L,
            "",
            -1L,
            Map.of());
    ctx.event(CompensationSubscriptionIntent.CREATED, state.nextKey(), value);
  }

  /**
   * A compensation throw or end event was activated: triggers what it compensates. Returns false if
   * there is nothing to compensate (the event then completes right away).
   */
  public boolean trigger(ProcessingContext ctx, ElementInstance throwEvent) {
    List<CompensationSubscription> waiting =
        ctx.state().compensationSubscriptions(throwEvent.processInstanceKey).stream()
            .filter(subscription -> !subscription.triggered())
            .toList();
    String activityRef = throwEvent.element(ExecutableThrowEvent.class).compensationActivityId();
    List<CompensationSubscription> roots =
        waiting.stream()
            .filter(
                subscription ->
                    subscription.compensableActivityScopeKey() == throwEvent.flowScopeKey)
            .filter(
                subscription ->
                    activityRef == null || activityRef.equals(subscription.compensableActivityId()))
            .toList();
    if (roots.isEmpty()) {
      return false;
    }
    ElementInstance flowScope = ctx.state().elementInstance(throwEvent.flowScopeKey);
    for (CompensationSubscription root : roots) {
      triggerDown(ctx, throwEvent, flowScope, waiting, root);
    }
    return true;
  }

  private void triggerDown(
      ProcessingContext ctx,
      ElementInstance throwEvent,
      ElementInstance flowScope,
      List<CompensationSubscription> waiting,
      CompensationSubscription subscription) {
    EngineState state = ctx.state();
    long handlerKey = -1;
    ExecutableElement handler = null;
    if (!subscription.compensationHandlerId().isEmpty()) {
      var executable = state.process(throwEvent.processDefinitionKey()).executable();
      ExecutableBoundaryEvent boundary =
          ((ExecutableActivity) executable.element(subscription.compensableActivityId()))
              .compensationBoundaryEvent();
      // the compensation boundary event happens: activated in the flow scope, it completes at once
      transitions.activateTriggered(ctx, flowScope, boundary, Map.of());
      handler = executable.element(subscription.compensationHandlerId());
      handlerKey = state.nextKey();
    }
    CompensationSubscriptionValue value =
        subscription.value().triggered(throwEvent.element().id(), throwEvent.key, handlerKey);
    ctx.event(CompensationSubscriptionIntent.TRIGGERED, subscription.key(), value);
    if (handler != null) {
      ExecutableElement activity = handler;
      long key = handlerKey;
      ctx.followUp(() -> transitions.activateWithKey(ctx, flowScope, activity, key));
    }
    for (CompensationSubscription inner : waiting) {
      if (inner.compensableActivityScopeKey() == subscription.compensableActivityInstanceKey()) {
        triggerDown(ctx, throwEvent, flowScope, waiting, inner);
      }
    }
  }

  /** An element completed: if it is a compensation handler, its subscription completes. */
  public void completed(ProcessingContext ctx, ElementInstance instance) {
    if (instance.element().eventType() != BpmnEventType.COMPENSATION || instance.type().isEvent()) {
      return;
    }
    ctx.state().compensationSubscriptions(instance.processInstanceKey).stream()
        .filter(
            subscription ->
                subscription.triggered()
                    && subscription.compensationHandlerInstanceKey() == instance.key)
        .findFirst()
        .ifPresent(subscription -> complete(ctx, instance.processInstanceKey, subscription));
  }

  private void complete(
      ProcessingContext ctx, long processInstanceKey, CompensationSubscription subscription) {
    EngineState state = ctx.state();
    ctx.event(CompensationSubscriptionIntent.COMPLETED, subscription.key(), subscription.value());
    completeScopes(ctx, processInstanceKey, subscription.compensableActivityScopeKey());
    long throwEventKey = subscription.throwEventInstanceKey();
    boolean pending =
        state.compensationSubscriptions(processInstanceKey).stream()
            .anyMatch(other -> other.throwEventInstanceKey() == throwEventKey);
    ElementInstance throwEvent = state.elementInstance(throwEventKey);
    if (!pending && throwEvent != null && throwEvent.state() == ElementInstance.State.ACTIVATED) {
      ctx.followUp(() -> transitions.complete(ctx, throwEvent, null));
    }
  }

  /**
   * The subscription standing for a scope completes once none of the subscriptions inside it is
   * left.
   */
  private void completeScopes(ProcessingContext ctx, long processInstanceKey, long scopeKey) {
    List<CompensationSubscription> left = ctx.state().compensationSubscriptions(processInstanceKey);
    if (left.stream()
        .anyMatch(subscription -> subscription.compensableActivityScopeKey() == scopeKey)) {
      return;
    }
    left.stream()
        .filter(subscription -> subscription.compensableActivityInstanceKey() == scopeKey)
        .findFirst()
        .ifPresent(
            scope -> {
              ctx.event(CompensationSubscriptionIntent.COMPLETED, scope.key(), scope.value());
              completeScopes(ctx, processInstanceKey, scope.compensableActivityScopeKey());
            });
  }

  /** A process instance ends: its compensation subscriptions are deleted. */
  public void deleteAll(ProcessingContext ctx, ElementInstance processInstance) {
    for (CompensationSubscription subscription :
        ctx.state().compensationSubscriptions(processInstance.key)) {
      ctx.event(CompensationSubscriptionIntent.DELETED, subscription.key(), subscription.value());
    }
  }
}
