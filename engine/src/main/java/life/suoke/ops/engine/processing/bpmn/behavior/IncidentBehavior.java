package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.IncidentIntent;
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
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("errorType", failure.type().name());
    value.put("errorMessage", failure.message());
    value.put("bpmnProcessId", instance.bpmnProcessId());
    value.put("processDefinitionKey", instance.processDefinitionKey());
    value.put("processInstanceKey", instance.processInstanceKey);
    value.put("elementId", instance.element().id());
    value.put("elementInstanceKey", instance.key);
    value.put("jobKey", jobKey);
    value.put("variableScopeKey", instance.key);
    value.put("tenantId", instance.tenantId);
    ElementTreePath path = ElementTreePath.of(ctx.state(), instance);
    value.put("elementInstancePath", path.elementInstancePath());
    value.put("processDefinitionPath", path.processDefinitionPath());
    value.put("callingElementPath", path.callingElementPath());
    ctx.event(IncidentIntent.CREATED, ctx.state().nextKey(), value);
  }

  /** Resolves the incidents of an element instance that is terminated. */
  public void resolveAll(ProcessingContext ctx, long elementInstanceKey) {
    for (Incident incident : new ArrayList<>(ctx.state().incidents())) {
      if (incident.elementInstanceKey() == elementInstanceKey) {
        ctx.event(IncidentIntent.RESOLVED, incident.key(), incidentValue(incident));
      }
    }
  }

  public static Map<String, Object> incidentValue(Incident incident) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("errorType", incident.errorType());
    value.put("errorMessage", incident.errorMessage());
    value.put("bpmnProcessId", incident.bpmnProcessId());
    value.put("processDefinitionKey", incident.processDefinitionKey());
    value.put("processInstanceKey", incident.processInstanceKey());
    value.put("elementId", incident.elementId());
    value.put("elementInstanceKey", incident.elementInstanceKey());
    value.put("jobKey", incident.jobKey());
    value.put("variableScopeKey", incident.variableScopeKey());
    value.put("tenantId", incident.tenantId());
    value.put("elementInstancePath", incident.elementInstancePath());
    value.put("processDefinitionPath", incident.processDefinitionPath());
    value.put("callingElementPath", incident.callingElementPath());
    return value;
  }
}
