package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.MessageStartEventSubscriptionIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.value.MessageStartEventSubscriptionValue;
import life.suoke.ops.engine.record.value.MessageValue;
import life.suoke.ops.engine.record.value.ProcessMessageSubscriptionValue;

/**
 * The appliers of MESSAGE, PROCESS_MESSAGE_SUBSCRIPTION and MESSAGE_START_EVENT_SUBSCRIPTION
 * events.
 */
final class MessageAppliers {

  private MessageAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> published(e, s.messages), MessageIntent.PUBLISHED);
    registry.register((e, s) -> s.messages.expire(e.key()), MessageIntent.EXPIRED);
    registry.register(
        (e, s) -> subscriptionCreated(e, s.messages), ProcessMessageSubscriptionIntent.CREATED);
    registry.register(
        (e, s) -> {
          ProcessMessageSubscriptionValue v = ProcessMessageSubscriptionValue.of(e);
          s.messages.correlated(v.messageKey(), v.processInstanceKey());
        },
        ProcessMessageSubscriptionIntent.CORRELATED);
    registry.register(
        (e, s) -> subscriptionMigrated(e, s.messages), ProcessMessageSubscriptionIntent.MIGRATED);
    registry.register(
        (e, s) -> s.messages.removeSubscription(e.key()), ProcessMessageSubscriptionIntent.DELETED);
    registry.register(
        (e, s) -> startEventCorrelated(e, s.messages),
        MessageStartEventSubscriptionIntent.CORRELATED);
  }

  /** A message with a time to live is buffered; one without is correlated right away or never. */
  static void published(Record event, MessageState messages) {
    MessageValue v = MessageValue.of(event);
    if (v.timeToLive() <= 0) {
      return;
    }
    messages.buffer(
        new BufferedMessage(
            event.key(),
            v.name(),
            v.correlationKey(),
            v.messageId(),
            v.variables(),
            v.timeToLive(),
            v.deadline(),
            v.tenantId()));
  }

  static void subscriptionCreated(Record event, MessageState messages) {
    ProcessMessageSubscriptionValue v = ProcessMessageSubscriptionValue.of(event);
    messages.addSubscription(
        new MessageSubscription(
            event.key(),
            v.elementInstanceKey(),
            v.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.elementId(),
            v.messageName(),
            v.correlationKey(),
            v.interrupting(),
            v.tenantId()));
  }

  /**
   * The same name, correlation key and waiting element instance: only the process and catch event
   * change.
   */
  static void subscriptionMigrated(Record event, MessageState messages) {
    MessageSubscription old = messages.subscription(event.key());
    if (old == null) {
      return;
    }
    ProcessMessageSubscriptionValue v = ProcessMessageSubscriptionValue.of(event);
    messages.replaceSubscription(
        new MessageSubscription(
            old.key(),
            old.elementInstanceKey(),
            old.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.elementId(),
            old.messageName(),
            old.correlationKey(),
            v.interrupting(),
            old.tenantId()));
  }

  /**
   * A message started a process instance at a message start event: the message starts no other
   * instance of that process, and with a correlation key, no other instance of the process starts
   * for that key while this one runs.
   */
  static void startEventCorrelated(Record event, MessageState messages) {
    MessageStartEventSubscriptionValue v = MessageStartEventSubscriptionValue.of(event);
    messages.startedInstanceOf(v.messageKey(), v.bpmnProcessId());
    if (!v.correlationKey().isEmpty()) {
      messages.instanceStarted(
          v.tenantId(), v.bpmnProcessId(), v.correlationKey(), v.processInstanceKey());
    }
  }
}
