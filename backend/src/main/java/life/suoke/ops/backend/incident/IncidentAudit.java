package life.suoke.ops.backend.incident;

import java.util.Map;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Audits incident events: object {@code incident}/number, business key the number, the process
 * instance when it has one. Details never carry titles, descriptions or free texts.
 */
@Component
class IncidentAudit {

  private final AuditTrail trail;

  IncidentAudit(AuditTrail trail) {
    this.trail = trail;
  }

  void record(String actor, String action, String number, Long processInstanceKey, Map<String, ?> details) {
    trail.record(AuditEvent.of(actor, action, IncidentAuditActions.OBJECT_TYPE, number)
        .withProcessInstance(processInstanceKey, number)
        .withDetails(details));
  }

  void record(String actor, String action, Incident incident, Map<String, ?> details) {
    record(actor, action, incident.number(), incident.processInstanceKey(), details);
  }
}
