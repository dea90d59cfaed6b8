package life.suoke.ops.engine.state;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.Intent;

/**
 * The table of event appliers: for each event intent (of its value type) that changes the state,
 * the one applier that does (grouped by value type in {@code *Appliers} classes). Built once; an
 * event whose intent is not in it changes nothing but the position and keys.
 */
final class EventAppliers {

  private static final Map<Intent, EventApplier> APPLIERS = build();

  private EventAppliers() {}

  private static Map<Intent, EventApplier> build() {
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

  /** The applier of events with this intent, or null if they change nothing. */
  static EventApplier applier(Intent intent) {
    return APPLIERS.get(intent);
  }

  /** Every value type with the names of its intents that have an applier. */
  static Map<ValueType, Set<String>> registered() {
    Map<ValueType, Set<String>> registered = new EnumMap<>(ValueType.class);
    APPLIERS
        .keySet()
        .forEach(
            intent ->
                registered
                    .computeIfAbsent(intent.valueType(), t -> new TreeSet<>())
                    .add(intent.name()));
    registered.replaceAll((valueType, names) -> Collections.unmodifiableSet(names));
    return Collections.unmodifiableMap(registered);
  }

  /** Where the {@code *Appliers} classes register theirs, each intent once. */
  static final class Registry {

    private final Map<Intent, EventApplier> appliers = new HashMap<>();

    private Registry() {}

    /** Registers the applier of events with each of these intents. */
    void register(EventApplier applier, Intent... intents) {
      for (Intent intent : intents) {
        if (!intent.isEvent()) {
          throw new IllegalStateException(
              "an applier for the command " + intent.valueType() + " " + intent);
        }
        if (appliers.putIfAbsent(intent, applier) != null) {
          throw new IllegalStateException(
              "a second applier for " + intent.valueType() + " " + intent);
        }
      }
    }
  }
}
