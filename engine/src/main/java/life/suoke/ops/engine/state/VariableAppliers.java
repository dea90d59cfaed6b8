package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.record.value.VariableValue;

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
        VariableValue.of(event).scopeKey(),
        new Variable(
            event.key(),
            SharedStrings.shared(VariableValue.of(event).name()),
            VariableValue.of(event).value()));
  }
}
