package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.value.IncidentValue;

/** The appliers of INCIDENT events. */
final class IncidentAppliers {

  private IncidentAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> created(e, s.incidents, s.elementInstances), IncidentIntent.CREATED);
    registry.register((e, s) -> migrated(e, s.incidents), IncidentIntent.MIGRATED);
    registry.register(
        (e, s) -> resolved(e, s.incidents, s.elementInstances, s.jobs), IncidentIntent.RESOLVED);
  }

  /** A new incident; it is its element instance's incident. */
  static void created(Record event, IncidentState incidents, ElementInstanceState instances) {
    IncidentValue v = IncidentValue.of(event);
    Incident incident =
        new Incident(
            event.key(),
            v.errorType(),
            v.errorMessage(),
            v.elementInstanceKey(),
            v.jobKey(),
            v.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.elementId(),
            v.variableScopeKey(),
            v.tenantId(),
            event.timestamp(),
            v.elementInstancePath(),
            v.processDefinitionPath(),
            v.callingElementPath());
    incidents.add(incident);
    instances.incidentCreated(incident.elementInstanceKey(), incident.key());
  }

  /** A migrated incident: its process, element and paths are the target's. */
  static void migrated(Record event, IncidentState incidents) {
    Incident old = incidents.incident(event.key());
    if (old == null) {
      return;
    }
    IncidentValue v = IncidentValue.of(event);
    incidents.replace(
        new Incident(
            old.key(),
            old.errorType(),
            old.errorMessage(),
            old.elementInstanceKey(),
            old.jobKey(),
            old.processInstanceKey(),
            v.processDefinitionKey(),
            v.bpmnProcessId(),
            v.elementId(),
            old.variableScopeKey(),
            old.tenantId(),
            old.creationTime(),
            v.elementInstancePath(),
            v.processDefinitionPath(),
            v.callingElementPath()));
  }

  /**
   * The incident is resolved: it is no longer its element instance's incident; the element's own
   * incident (no job's) makes its start or end phase run again from its first execution listener; a
   * failed job (or one that threw an error) with retries left is activatable again.
   */
  static void resolved(
      Record event, IncidentState incidents, ElementInstanceState instances, JobState jobs) {
    Incident incident = incidents.remove(event.key());
    if (incident == null) {
      return;
    }
    instances.incidentResolved(
        incident.elementInstanceKey(), incident.key(), incident.jobKey() <= 0);
    Job job = incident.jobKey() > 0 ? jobs.job(incident.jobKey()) : null;
    if (job != null
        && (job.state == Job.State.FAILED || job.state == Job.State.ERROR_THROWN)
        && job.retries > 0) {
      jobs.reactivate(job);
    }
  }
}
