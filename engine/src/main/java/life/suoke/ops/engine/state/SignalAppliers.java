package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;

/** The appliers of SIGNAL_SUBSCRIPTION events. */
final class SignalAppliers {

  private SignalAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> created(e, s.signals), SignalSubscriptionIntent.CREATED);
    registry.register((e, s) -> migrated(e, s.signals), SignalSubscriptionIntent.MIGRATED);
    registry.register((e, s) -> s.signals.remove(e.key()), SignalSubscriptionIntent.DELETED);
  }

  static void created(Record event, SignalState signals) {
    Map<String, Object> v = event.value();
    signals.add(
        new SignalSubscription(
            event.key(),
            lng(v, "catchEventInstanceKey"),
            lng(v, "processInstanceKey"),
            lng(v, "processDefinitionKey"),
            str(v, "bpmnProcessId"),
            str(v, "catchEventId"),
            str(v, "signalName"),
            Boolean.TRUE.equals(v.get("interrupting")),
            str(v, "tenantId")));
  }

  /** The same signal and waiting element instance: only the process and catch event change. */
  static void migrated(Record event, SignalState signals) {
    SignalSubscription old = signals.signalSubscription(event.key());
    if (old == null) {
      return;
    }
    Map<String, Object> v = event.value();
    signals.replace(
        new SignalSubscription(
            old.key(),
            old.elementInstanceKey(),
            old.processInstanceKey(),
            lng(v, "processDefinitionKey"),
            str(v, "bpmnProcessId"),
            str(v, "catchEventId"),
            old.signalName(),
            Boolean.TRUE.equals(v.get("interrupting")),
            old.tenantId()));
  }
}
