package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;

import life.suoke.ops.engine.record.ValueType;

/** The appliers of CLOCK events: the engine clock's pin is state like any other. */
final class ClockAppliers {

  private ClockAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(ValueType.CLOCK, (e, s) -> s.clock.pin(lng(e.value(), "time")), "PINNED");
    registry.register(ValueType.CLOCK, (e, s) -> s.clock.reset(), "RESETTED");
  }
}
