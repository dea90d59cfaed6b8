package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;
import life.suoke.ops.engine.record.value.SignalSubscriptionValue;

/** The appliers of SIGNAL_SUBSCRIPTION events. */
final class SignalAppliers {

  private SignalAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> created(e, s.signals), SignalSubscriptionIntent.CREATED);
    registry.register((e, s) -> migrated(e, s.signals), SignalSubscriptionIntent.MIGRATED);
    registry.register((e, s) -> s.signals.remove(e.key()), SignalSubscriptionIntent.DELETED);
  }

  static void created(Record event, SignalState signals) {
    SignalSubscriptionValue v = SignalSubscriptionValue.of(event);
    signals.add(
        new SignalSubscription(
            event.key(),
            v.catchEventInstanceKey(),
            v.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.catchEventId(),
            v.signalName(),
            v.interrupting(),
            v.tenantId()));
  }

  /** The same signal and waiting element instance: only the process and catch event change. */
  static void migrated(Record event, SignalState signals) {
    SignalSubscription old = signals.signalSubscription(event.key());
    if (old == null) {
      return;
    }
    SignalSubscriptionValue v = SignalSubscriptionValue.of(event);
    signals.replace(
        new SignalSubscription(
            old.key(),
            old.elementInstanceKey(),
            old.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.catchEventId(),
            old.signalName(),
            v.interrupting(),
            old.tenantId()));
  }
}
