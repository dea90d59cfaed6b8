package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.integer;
import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.TimerIntent;

/** The appliers of TIMER events. */
final class TimerAppliers {

  private TimerAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> created(e, s.timers), TimerIntent.CREATED);
    registry.register((e, s) -> migrated(e, s.timers), TimerIntent.MIGRATED);
    registry.register(
        (e, s) -> s.timers.remove(e.key()), TimerIntent.TRIGGERED, TimerIntent.CANCELED);
  }

  static void created(Record event, TimerState timers) {
    Map<String, Object> v = event.value();
    timers.add(
        new TimerInstance(
            event.key(),
            lng(v, "elementInstanceKey"),
            lng(v, "processInstanceKey"),
            lng(v, "processDefinitionKey"),
            str(v, "bpmnProcessId"),
            str(v, "targetElementId"),
            lng(v, "dueDate"),
            integer(v, "repetitions"),
            str(v, "tenantId")));
  }

  /** The same due date and repetitions, now for the target's catch event. */
  static void migrated(Record event, TimerState timers) {
    TimerInstance old = timers.timer(event.key());
    if (old == null) {
      return;
    }
    Map<String, Object> v = event.value();
    timers.replace(
        new TimerInstance(
            old.key(),
            old.elementInstanceKey(),
            old.processInstanceKey(),
            lng(v, "processDefinitionKey"),
            v.containsKey("bpmnProcessId") ? str(v, "bpmnProcessId") : old.bpmnProcessId(),
            str(v, "targetElementId"),
            old.dueDate(),
            old.repetitions(),
            old.tenantId()));
  }
}
