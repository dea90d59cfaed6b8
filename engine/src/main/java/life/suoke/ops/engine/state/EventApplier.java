package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;

/**
 * Applies one kind of event (a value type and intent) to the state: the only code that changes the
 * state, through the package-private methods of the domains it names.
 */
@FunctionalInterface
interface EventApplier {

  void apply(Record event, EngineState state);
}
