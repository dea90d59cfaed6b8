package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.VariableIntent;

/**
 * The appliers of VARIABLE events. (MIGRATED has none: a migration changes only the variable's
 * process definition, which the state does not keep.)
 */
final class VariableAppliers {

  private VariableAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> set(e, s.variables), VariableIntent.CREATED, VariableIntent.UPDATED);
  }

  static void set(Record event, VariableState variables) {
    variables.set(
        lng(event.value(), "scopeKey"),
        new Variable(
            event.key(),
            SharedStrings.shared(str(event.value(), "name")),
            str(event.value(), "value")));
  }
}
