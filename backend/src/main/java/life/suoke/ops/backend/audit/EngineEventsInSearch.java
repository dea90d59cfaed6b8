package life.suoke.ops.backend.audit;

import java.util.Set;

/**
 * Which of the engine's event records the search already holds in Zeebe's exporter layout ({@code
 * zeebe-record_<value-type>_*}, written by the engine's search exporter): their value type names
 * ({@code PROCESS_INSTANCE}, {@code USER_TASK}, ...). The audit trail keeps every engine event in
 * PostgreSQL (the chain), but indexes in its own search index only the events of the other value
 * types: the auditors' search reads those records from the exported indices, so that each engine
 * event is indexed once (one record stream, two sinks). There is no such bean when the engine is
 * not embedded or its search exporter is off; then the audit index holds every row.
 *
 * @param valueTypes value type names whose events are exported to search
 */
public record EngineEventsInSearch(Set<String> valueTypes) {

  public EngineEventsInSearch {
    valueTypes = Set.copyOf(valueTypes);
  }

  /** The actor of the engine's rows in the trail. */
  static final String ENGINE = "engine";

  /** The value type of an engine action ({@code VALUE_TYPE.INTENT}), or null if it is none. */
  static String valueTypeOf(String action) {
    if (action == null) {
      return null;
    }
    int dot = action.indexOf('.');
    return dot <= 0 ? null : action.substring(0, dot);
  }

  /** Whether the exported indices hold the engine's events of this action. */
  public boolean holds(String action) {
    String type = valueTypeOf(action);
    return type != null && valueTypes.contains(type);
  }
}
