package life.suoke.ops.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The open incidents, in creation order. Its public methods only read; the appliers of INCIDENT
 * events change it.
 */
public final class IncidentState {

  private final Map<Long, Incident> incidents = new LinkedHashMap<>();

  public Incident incident(long key) {
    return incidents.get(key);
  }

  public Collection<Incident> incidents() {
    return Collections.unmodifiableCollection(incidents.values());
  }

  void add(Incident incident) {
    incidents.put(incident.key(), incident);
  }

  /** A migrated incident, in its place. */
  void replace(Incident migrated) {
    incidents.put(migrated.key(), migrated);
  }

  /** The incident was resolved; returns it, or null if it was not open. */
  Incident remove(long key) {
    return incidents.remove(key);
  }

  void write(Out out) {
    out.i32(incidents.size());
    for (Incident i : incidents.values()) {
      out.i64(i.key());
      out.sym(i.errorType());
      out.str(i.errorMessage());
      out.i64(i.elementInstanceKey());
      out.i64(i.jobKey());
      out.i64(i.processInstanceKey());
      out.i64(i.processDefinitionKey());
      out.sym(i.bpmnProcessId());
      out.sym(i.elementId());
      out.i64(i.variableScopeKey());
      out.sym(i.tenantId());
      out.i64(i.creationTime());
      out.value(i.elementInstancePath());
      out.value(i.processDefinitionPath());
      out.value(i.callingElementPath());
    }
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      Incident i =
          new Incident(
              in.i64(),
              in.sym(),
              in.str(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.sym(),
              in.sym(),
              in.i64(),
              in.sym(),
              in.i64(),
              in.value(),
              in.value(),
              in.value());
      incidents.put(i.key(), i);
    }
  }
}
