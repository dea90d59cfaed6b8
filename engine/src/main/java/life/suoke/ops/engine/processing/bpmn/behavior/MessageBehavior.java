package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.api.MessageCorrelated;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableReceiveTask;
import life.suoke.ops.engine.model.MessageDefinition;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.MessageCorrelationIntent;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.MessageStartEventSubscriptionIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.value.MessageCorrelationValue;
import life.suoke.ops.engine.record.value.MessageStartEventSubscriptionValue;
import life.suoke.ops.engine.record.value.MessageValue;
import life.suoke.ops.engine.record.value.ProcessMessageSubscriptionValue;
import life.suoke.ops.engine.state.BufferedMessage;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.MessageSubscription;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * Message correlation with Zeebe's rules: a published message correlates to every open subscription
 * with its name and correlation key (at most once per process instance) and starts an instance at
 * matching message start events (at most one active instance per correlation key); with a time to
 * live it stays buffered, and a subscription opened later takes the oldest buffered message it has
 * not had yet.
 */
public final class MessageBehavior {

  private final ExpressionBehavior expressions;
  private final BpmnStateTransitions transitions;
  private final BpmnBehaviors behaviors;

  /** {@code behaviors}: for the event triggers a correlation goes on with. */
  MessageBehavior(
      ExpressionBehavior expressions, BpmnStateTransitions transitions, BpmnBehaviors behaviors) {
    this.expressions = expressions;
    this.transitions = transitions;
    this.behaviors = behaviors;
  }

  /** A subscription an element instance will open once it is activated. */
  public record PlannedSubscription(
      ExecutableElement messageEvent,
      String messageName,
      String correlationKey,
      boolean interrupting) {}

  /**
   * Evaluates the message name and correlation key of a message event in the waiting element's
   * scope.
   */
  public PlannedSubscription plan(
      ProcessingContext ctx, ExecutableCatchEvent messageEvent, long scopeKey, boolean interrupting)
      throws ExpressionFailure {
    return plan(ctx, messageEvent, messageEvent.messageDefinition(), scopeKey, interrupting);
  }

  /** Evaluates the message name and correlation key of a receive task in its scope. */
  public PlannedSubscription plan(
      ProcessingContext ctx, ExecutableReceiveTask receiveTask, long scopeKey)
      throws ExpressionFailure {
    return plan(ctx, receiveTask, receiveTask.messageDefinition(), scopeKey, true);
  }

  private PlannedSubscription plan(
      ProcessingContext ctx,
      ExecutableElement messageEvent,
      MessageDefinition definition,
      long scopeKey,
      boolean interrupting)
      throws ExpressionFailure {
    String name = expressions.string(ctx.state(), definition.name(), scopeKey);
    String correlationKey =
        expressions.correlationKey(ctx.state(), definition.correlationKey(), scopeKey);
    return new PlannedSubscription(messageEvent, name, correlationKey, interrupting);
  }

  /**
   * The same, against variables the caller looks up (a scope a process instance modification is
   * still planning).
   */
  public PlannedSubscription plan(
      ExecutableCatchEvent messageEvent,
      java.util.function.Function<String, Object> variables,
      boolean interrupting)
      throws ExpressionFailure {
    MessageDefinition definition = messageEvent.messageDefinition();
    String name = expressions.string(definition.name(), variables);
    String correlationKey = expressions.correlationKey(definition.correlationKey(), variables);
    return new PlannedSubscription(messageEvent, name, correlationKey, interrupting);
  }

  /** The subscriptions for an activity's message boundary events. */
  public List<PlannedSubscription> planBoundaries(ProcessingContext ctx, ElementInstance activity)
      throws ExpressionFailure {
    List<PlannedSubscription> planned = new ArrayList<>();
    for (ExecutableBoundaryEvent boundary : CatchEventBehavior.boundaryEvents(activity)) {
      if (boundary.eventType() == BpmnEventType.MESSAGE) {
        planned.add(plan(ctx, boundary, activity.key, boundary.interrupting()));
      }
    }
    return planned;
  }

  /** Opens the subscriptions, then lets each take a buffered message it has not had yet. */
  public void open(
      ProcessingContext ctx, ElementInstance waiting, List<PlannedSubscription> planned) {
    if (planned.isEmpty()) {
      return;
    }
    List<Long> opened = new ArrayList<>();
    for (PlannedSubscription subscription : planned) {
      long key = ctx.state().nextKey();
      ctx.event(
          ProcessMessageSubscriptionIntent.CREATED,
          key,
          subscriptionValue(waiting, subscription, -1, Map.of()));
      opened.add(key);
    }
    ctx.followUp(
        () -> {
          for (long key : opened) {
            MessageSubscription subscription = ctx.state().subscription(key);
            if (subscription == null) {
              continue; // an earlier correlation ended the waiting element
            }
            for (BufferedMessage message :
                ctx.state()
                    .bufferedMessages(
                        subscription.tenantId(),
                        subscription.messageName(),
                        subscription.correlationKey())) {
              if (!message.correlatedTo(subscription.processInstanceKey())) {
                correlate(ctx, subscription, message.key, message.variables);
                ctx.drainFollowUps();
                break;
              }
            }
          }
        });
  }

  public void closeAll(ProcessingContext ctx, long elementInstanceKey) {
    closeWhere(ctx, elementInstanceKey, elementId -> true);
  }

  /** Closes the subscriptions of an element instance whose catch event id passes the filter. */
  public void closeWhere(
      ProcessingContext ctx,
      long elementInstanceKey,
      java.util.function.Predicate<String> elementId) {
    for (MessageSubscription subscription : ctx.state().subscriptionsOf(elementInstanceKey)) {
      if (elementId.test(subscription.elementId())) {
        ctx.event(
            ProcessMessageSubscriptionIntent.DELETED,
            subscription.key(),
            subscriptionValue(subscription, -1, Map.of()));
      }
    }
  }

  public long publish(
      ProcessingContext ctx,
      String name,
      String correlationKey,
      long timeToLive,
      String messageId,
      Map<String, Object> variables,
      String tenantId) {
    EngineState state = ctx.state();
    if (name == null || name.isBlank()) {
      throw Rejection.invalidArgument(
          "Expected to publish a message with a name, but none was given");
    }
    String key = correlationKey == null ? "" : correlationKey;
    if (state.messageIdTaken(tenantId, name, key, messageId)) {
      throw new Rejection(
          RejectionType.ALREADY_EXISTS,
          String.format(
              "Expected to publish a new message with id '%s', but a message with that id was already published",
              messageId));
    }
    long messageKey = state.nextKey();
    MessageValue value =
        new MessageValue(
            name,
            key,
            messageId == null ? "" : messageId,
            Math.max(timeToLive, 0),
            variables,
            ctx.now() + Math.max(timeToLive, 0),
            tenantId);
    ctx.event(MessageIntent.PUBLISHED, messageKey, value);
    startInstances(ctx, messageKey, name, key, variables, tenantId, false);
    Set<Long> reached = new HashSet<>();
    for (MessageSubscription subscription : state.subscriptions(tenantId, name, key)) {
      if (state.subscription(subscription.key()) != null
          && reached.add(subscription.processInstanceKey())) {
        correlate(ctx, subscription, messageKey, variables);
        ctx.drainFollowUps();
      }
    }
    if (timeToLive <= 0) {
      ctx.event(MessageIntent.EXPIRED, messageKey, value);
    }
    return messageKey;
  }

  /**
   * Camunda's correlate: one waiting subscription, or else a message start event; never buffered.
   */
  public MessageCorrelated correlateNow(
      ProcessingContext ctx,
      String name,
      String correlationKey,
      Map<String, Object> variables,
      String tenantId) {
    EngineState state = ctx.state();
    String key = correlationKey == null ? "" : correlationKey;
    List<MessageSubscription> waiting = state.subscriptions(tenantId, name, key);
    boolean canStart = !startTargets(state, name, key, tenantId, null).isEmpty();
    if (waiting.isEmpty() && !canStart) {
      throw Rejection.notFound(
          "Expected to find subscription for message with name '%s' and correlation key '%s', but none was found.",
          name, key);
    }
    long messageKey = state.nextKey();
    long processInstanceKey;
    if (!waiting.isEmpty()) {
      MessageSubscription subscription = waiting.get(0);
      processInstanceKey = subscription.processInstanceKey();
      correlate(ctx, subscription, messageKey, variables);
    } else {
      processInstanceKey = startInstances(ctx, messageKey, name, key, variables, tenantId, true);
    }
    ctx.event(
        MessageCorrelationIntent.CORRELATED,
        messageKey,
        new MessageCorrelationValue(
            name, key, variables, processInstanceKey, messageKey, tenantId));
    return new MessageCorrelated(messageKey, processInstanceKey, tenantId);
  }

  public void expire(ProcessingContext ctx, long now) {
    for (BufferedMessage message : ctx.state().messagesExpiredAt(now)) {
      ctx.event(
          MessageIntent.EXPIRED,
          message.key,
          new MessageValue(
              message.name,
              message.correlationKey,
              message.messageId,
              message.timeToLive,
              message.variables,
              message.deadline,
              message.tenantId));
    }
  }

  private record StartTarget(ProcessDefinition definition, ExecutableCatchEvent startEvent) {}

  private List<StartTarget> startTargets(
      EngineState state,
      String name,
      String correlationKey,
      String tenantId,
      BufferedMessage buffered) {
    List<StartTarget> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ProcessDefinition any : state.processes()) {
      if (!any.tenantId().equals(tenantId) || !seen.add(any.bpmnProcessId())) {
        continue;
      }
      ProcessDefinition latest = state.latestProcess(tenantId, any.bpmnProcessId());
      for (ExecutableCatchEvent start : latest.executable().messageStartEvents()) {
        String startName = start.messageDefinition().name().source();
        if (!startName.equals(name)) {
          continue;
        }
        if (!correlationKey.isEmpty()
            && state.messageStartedInstance(tenantId, latest.bpmnProcessId(), correlationKey)
                != -1) {
          continue; // one active instance per correlation key
        }
        if (buffered != null && buffered.startedAnInstanceOf(latest.bpmnProcessId())) {
          continue;
        }
        targets.add(new StartTarget(latest, start));
        break;
      }
    }
    return targets;
  }

  /** Starts instances at matching message start events; returns the last instance key or -1. */
  private long startInstances(
      ProcessingContext ctx,
      long messageKey,
      String name,
      String correlationKey,
      Map<String, Object> variables,
      String tenantId,
      boolean onlyOne) {
    long last = -1;
    for (StartTarget target : startTargets(ctx.state(), name, correlationKey, tenantId, null)) {
      last = startAt(ctx, target, messageKey, name, correlationKey, variables, tenantId);
      ctx.drainFollowUps();
      if (onlyOne) {
        break;
      }
    }
    return last;
  }

  /**
   * A process instance a message started has ended: the oldest message still buffered for its
   * correlation key that has not started an instance of the process yet starts the next one, at the
   * latest version's message start event of that name (Zeebe's rule: one active instance per
   * correlation key, the others wait in the buffer).
   */
  public void startNextBuffered(
      ProcessingContext ctx, String tenantId, String bpmnProcessId, String correlationKey) {
    EngineState state = ctx.state();
    ProcessDefinition latest = state.latestProcess(tenantId, bpmnProcessId);
    if (latest == null
        || state.messageStartedInstance(tenantId, bpmnProcessId, correlationKey) != -1) {
      return;
    }
    for (ExecutableCatchEvent start : latest.executable().messageStartEvents()) {
      String name = start.messageDefinition().name().source();
      for (BufferedMessage message : state.bufferedMessages(tenantId, name, correlationKey)) {
        if (message.startedAnInstanceOf(bpmnProcessId) || message.deadline <= ctx.now()) {
          continue;
        }
        startAt(
            ctx,
            new StartTarget(latest, start),
            message.key,
            name,
            correlationKey,
            message.variables,
            tenantId);
        return;
      }
    }
  }

  private long startAt(
      ProcessingContext ctx,
      StartTarget target,
      long messageKey,
      String name,
      String correlationKey,
      Map<String, Object> variables,
      String tenantId) {
    ElementInstance instance =
        transitions.createProcessInstance(ctx, target.definition(), variables, target.startEvent());
    MessageStartEventSubscriptionValue value =
        new MessageStartEventSubscriptionValue(
            target.definition().key(),
            target.definition().bpmnProcessId(),
            target.startEvent().id(),
            name,
            messageKey,
            correlationKey,
            instance.key,
            variables,
            tenantId);
    ctx.event(MessageStartEventSubscriptionIntent.CORRELATED, ctx.state().nextKey(), value);
    return instance.key;
  }

  /**
   * Delivers a message to a subscription: completes the waiting event, or triggers the boundary
   * event.
   */
  public void correlate(
      ProcessingContext ctx,
      MessageSubscription subscription,
      long messageKey,
      Map<String, Object> variables) {
    EngineState state = ctx.state();
    ElementInstance waiting = state.elementInstance(subscription.elementInstanceKey());
    ctx.event(
        ProcessMessageSubscriptionIntent.CORRELATED,
        subscription.key(),
        subscriptionValue(subscription, messageKey, variables));
    if (waiting == null) {
      return;
    }
    if (waiting.element().id().equals(subscription.elementId())) {
      closeAll(ctx, waiting.key);
      transitions.complete(ctx, waiting, variables);
      return;
    }
    ExecutableCatchEvent boundary =
        (ExecutableCatchEvent)
            state
                .process(waiting.processDefinitionKey())
                .executable()
                .element(subscription.elementId());
    behaviors.eventTriggers().triggerBoundaryEvent(ctx, waiting, boundary, variables);
  }

  private static ProcessMessageSubscriptionValue subscriptionValue(
      ElementInstance waiting,
      PlannedSubscription planned,
      long messageKey,
      Map<String, Object> variables) {
    return new ProcessMessageSubscriptionValue(
        waiting.key,
        waiting.processInstanceKey,
        waiting.processDefinitionKey(),
        waiting.bpmnProcessId(),
        planned.messageEvent().id(),
        planned.messageName(),
        planned.correlationKey(),
        messageKey,
        variables,
        planned.interrupting(),
        waiting.tenantId);
  }

  public static ProcessMessageSubscriptionValue subscriptionValue(
      MessageSubscription subscription, long messageKey, Map<String, Object> variables) {
    return new ProcessMessageSubscriptionValue(
        subscription.elementInstanceKey(),
        subscription.processInstanceKey(),
        subscription.processDefinitionKey(),
        subscription.bpmnProcessId(),
        subscription.elementId(),
        subscription.messageName(),
        subscription.correlationKey(),
        messageKey,
        variables,
        subscription.interrupting(),
        subscription.tenantId());
  }
}
