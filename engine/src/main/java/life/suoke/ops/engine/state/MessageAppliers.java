package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.map;
import static life.suoke.ops.engine.record.Values.str;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.MessageStartEventSubscriptionIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;

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
        (e, s) ->
            s.messages.correlated(
                lng(e.value(), "messageKey"), lng(e.value(), "processInstanceKey")),
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
    Map<String, Object> v = event.value();
    if (lng(v, "timeToLive") <= 0) {
      return;
    }
    messages.buffer(
        new BufferedMessage(
            event.key(),
            str(v, "name"),
            str(v, "correlationKey"),
            str(v, "messageId"),
            map(v, "variables"),
            lng(v, "deadline"),
            str(v, "tenantId")));
  }

  static void subscriptionCreated(Record event, MessageState messages) {
    Map<String, Object> v = event.value();
    messages.addSubscription(
        new MessageSubscription(
            event.key(),
            lng(v, "elementInstanceKey"),
            lng(v, "processInstanceKey"),
            lng(v, "processDefinitionKey"),
            str(v, "bpmnProcessId"),
            str(v, "elementId"),
            str(v, "messageName"),
            str(v, "correlationKey"),
            Boolean.TRUE.equals(v.get("interrupting")),
            str(v, "tenantId")));
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
    Map<String, Object> v = event.value();
    messages.replaceSubscription(
        new MessageSubscription(
            old.key(),
            old.elementInstanceKey(),
            old.processInstanceKey(),
            lng(v, "processDefinitionKey"),
            str(v, "bpmnProcessId"),
            str(v, "elementId"),
            old.messageName(),
            old.correlationKey(),
            Boolean.TRUE.equals(v.get("interrupting")),
            old.tenantId()));
  }

  /**
   * A message started a process instance at a message start event: the message starts no other
   * instance of that process, and with a correlation key, no other instance of the process starts
   * for that key while this one runs.
   */
  static void startEventCorrelated(Record event, MessageState messages) {
    Map<String, Object> v = event.value();
    String bpmnProcessId = str(v, "bpmnProcessId");
    messages.startedInstanceOf(lng(v, "messageKey"), bpmnProcessId);
    String correlationKey = str(v, "correlationKey");
    if (!correlationKey.isEmpty()) {
      messages.instanceStarted(
          str(v, "tenantId"), bpmnProcessId, correlationKey, lng(v, "processInstanceKey"));
    }
  }
}
