package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.intent.ClockIntent;
import life.suoke.ops.engine.record.value.ClockValue;

/** The appliers of CLOCK events: the engine clock's pin is state like any other. */
final class ClockAppliers {

  private ClockAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> s.clock.pin(ClockValue.of(e).time()), ClockIntent.PINNED);
    registry.register((e, s) -> s.clock.reset(), ClockIntent.RESETTED);
  }
}
