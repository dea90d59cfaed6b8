package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;

import life.suoke.ops.engine.record.intent.ClockIntent;

/** The appliers of CLOCK events: the engine clock's pin is state like any other. */
final class ClockAppliers {

  private ClockAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> s.clock.pin(lng(e.value(), "time")), ClockIntent.PINNED);
    registry.register((e, s) -> s.clock.reset(), ClockIntent.RESETTED);
  }
}
