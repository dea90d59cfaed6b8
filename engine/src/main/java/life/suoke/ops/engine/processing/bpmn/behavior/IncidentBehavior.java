package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.value.IncidentValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.Incident;

/**
 * Incidents of element instances: raised where an element cannot go on (INCIDENT CREATED, with the
 * element's place in its call hierarchy), by the step that receives the {@link Failure}; resolved
 * with the element when it is terminated.
 */
public final class IncidentBehavior {

  IncidentBehavior() {}

  /** Raises the incident of a failure on an element instance. */
  public void raise(ProcessingContext ctx, ElementInstance instance, Failure failure) {
    raise(ctx, instance, failure, -1);
  }

  /**
   * Raises the incident of a failure on an element instance, for its job ({@code jobKey}: a job out
   * of retries, or one whose error nothing caught).
   */
  public void raise(ProcessingContext ctx, ElementInstance instance, Failure failure, long jobKey) {
    ElementTreePath path = ElementTreePath.of(ctx.state(), instance);
    ctx.event(
        IncidentIntent.CREATED,
        ctx.state().nextKey(),
        new IncidentValue(
            failure.type().name(),
            failure.message(),
            instance.bpmnProcessId(),
            instance.processDefinitionKey(),
            instance.processInstanceKey,
            instance.element().id(),
            instance.key,
            jobKey,
            instance.key,
            instance.tenantId,
            list(path.elementInstancePath()),
            list(path.processDefinitionPath()),
            list(path.callingElementPath())));
  }

  /** Resolves the incidents of an element instance that is terminated. */
  public void resolveAll(ProcessingContext ctx, long elementInstanceKey) {
    for (Incident incident : new ArrayList<>(ctx.state().incidents())) {
      if (incident.elementInstanceKey() == elementInstanceKey) {
        ctx.event(IncidentIntent.RESOLVED, incident.key(), incidentValue(incident));
      }
    }
  }

  public static IncidentValue incidentValue(Incident incident) {
    return new IncidentValue(
        incident.errorType(),
        incident.errorMessage(),
        incident.bpmnProcessId(),
        incident.processDefinitionKey(),
        incident.processInstanceKey(),
        incident.elementId(),
        incident.elementInstanceKey(),
        incident.jobKey(),
        incident.variableScopeKey(),
        incident.tenantId(),
        list(incident.elementInstancePath()),
        list(incident.processDefinitionPath()),
        list(incident.callingElementPath()));
  }

  /** A path as the JSON array a record value holds. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Object path) {
    return (List<Object>) path;
  }
}
