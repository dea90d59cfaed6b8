package life.suoke.ops.engine.state;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import life.suoke.ops.engine.record.ValueType;

/**
 * The table of event appliers: for each value type and intent of an event that changes the state,
 * the one applier that does (grouped by value type in {@code *Appliers} classes). Built once; an
 * event of a value type and intent that is not in it changes nothing but the position and keys.
 */
final class EventAppliers {

  private static final Map<ValueType, Map<String, EventApplier>> APPLIERS = build();

  private EventAppliers() {}

  private static Map<ValueType, Map<String, EventApplier>> build() {
    Registry registry = new Registry();
    DeploymentAppliers.register(registry);
    ProcessInstanceAppliers.register(registry);
    EventTriggerAppliers.register(registry);
    VariableAppliers.register(registry);
    JobAppliers.register(registry);
    UserTaskAppliers.register(registry);
    IncidentAppliers.register(registry);
    TimerAppliers.register(registry);
    MessageAppliers.register(registry);
    SignalAppliers.register(registry);
    CompensationAppliers.register(registry);
    BatchOperationAppliers.register(registry);
    ClockAppliers.register(registry);
    return registry.appliers;
  }

  /** The applier of events of this value type and intent, or null if they change nothing. */
  static EventApplier applier(ValueType valueType, String intent) {
    Map<String, EventApplier> byIntent = APPLIERS.get(valueType);
    return byIntent == null ? null : byIntent.get(intent);
  }

  /** Every value type with the intents that have an applier. */
  static Map<ValueType, Set<String>> registered() {
    Map<ValueType, Set<String>> registered = new EnumMap<>(ValueType.class);
    APPLIERS.forEach(
        (valueType, byIntent) ->
            registered.put(
                valueType, Collections.unmodifiableSet(new TreeSet<>(byIntent.keySet()))));
    return Collections.unmodifiableMap(registered);
  }

  /** Where the {@code *Appliers} classes register theirs, each value type and intent once. */
  static final class Registry {

    private final Map<ValueType, Map<String, EventApplier>> appliers =
        new EnumMap<>(ValueType.class);

    private Registry() {}

    /** Registers the applier of events of this value type with each of these intents. */
    void register(ValueType valueType, EventApplier applier, String... intents) {
      Map<String, EventApplier> byIntent =
          appliers.computeIfAbsent(valueType, t -> new HashMap<>());
      for (String intent : intents) {
        if (byIntent.putIfAbsent(intent, applier) != null) {
          throw new IllegalStateException("a second applier for " + valueType + " " + intent);
        }
      }
    }
  }
}
