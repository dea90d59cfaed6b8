package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.CompensationSubscriptionIntent;
import life.suoke.ops.engine.record.value.CompensationSubscriptionValue;

/** The appliers of COMPENSATION_SUBSCRIPTION events. */
final class CompensationAppliers {

  private CompensationAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> put(e, s.compensation),
        CompensationSubscriptionIntent.CREATED,
        CompensationSubscriptionIntent.TRIGGERED,
        CompensationSubscriptionIntent.MIGRATED);
    registry.register(
        (e, s) ->
            s.compensation.remove(
                CompensationSubscriptionValue.of(e).processInstanceKey(), e.key()),
        CompensationSubscriptionIntent.COMPLETED,
        CompensationSubscriptionIntent.DELETED);
  }

  /** A subscription is created, or its value is the event's now (triggered, migrated). */
  static void put(Record event, CompensationState compensation) {
    CompensationSubscriptionValue value = CompensationSubscriptionValue.of(event);
    compensation.put(value.processInstanceKey(), new CompensationSubscription(event.key(), value));
  }
}
