package life.suoke.ops.backend.incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.processes.incident.IncidentProcess;
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

  void record(
      String actor, String action, String number, Long processInstanceKey, Map<String, ?> details) {
    trail.record(
        AuditEvent.of(actor, action, IncidentAuditActions.OBJECT_TYPE, number)
            .withProcessInstance(processInstanceKey, number)
            .withDetails(details));
  }

  void record(String actor, String action, Incident incident, Map<String, ?> details) {
    record(actor, action, incident.number(), incident.processInstanceKey(), details);
  }

  /**
   * Records a change of status, whoever made it: the person whose action moved it, or the process's
   * status task when it got there first. Nothing is recorded when nothing changed (the other side
   * already moved it), so each transition is in the trail exactly once.
   */
  void statusChanged(String actor, String status, Incident before, Optional<Incident> after) {
    after.ifPresent(
        changed -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("status", status);
          details.put("from", before.status());
          details.put("to", changed.status());
          if (changed.priority() != null && IncidentProcess.STATUS_TRIAGED.equals(status)) {
            details.put("priority", changed.priority());
          }
          record(actor, IncidentAuditActions.STATUS, changed, details);
        });
  }
}
