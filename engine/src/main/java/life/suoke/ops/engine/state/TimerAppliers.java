package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.value.TimerValue;

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
    TimerValue v = TimerValue.of(event);
    timers.add(
        new TimerInstance(
            event.key(),
            v.elementInstanceKey(),
            v.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.targetElementId(),
            v.dueDate(),
            v.repetitions(),
            v.tenantId()));
  }

  /** The same due date and repetitions, now for the target's catch event. */
  static void migrated(Record event, TimerState timers) {
    TimerInstance old = timers.timer(event.key());
    if (old == null) {
      return;
    }
    TimerValue v = TimerValue.of(event);
    timers.replace(
        new TimerInstance(
            old.key(),
            old.elementInstanceKey(),
            old.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.targetElementId(),
            old.dueDate(),
            old.repetitions(),
            old.tenantId()));
  }
}
