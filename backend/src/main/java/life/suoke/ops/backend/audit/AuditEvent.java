package life.suoke.ops.backend.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit event: who did what to which object, when, with details. Objects are named by type and
 * id ({@code task}/{@code 2251799813685249}, {@code user}/{@code alice}); the process instance,
 * business key and task key are kept apart when known, so that an auditor can find everything of
 * one process instance or business key.
 *
 * <p>Details must not hold secrets (passwords are never put here) nor values of form fields marked
 * sensitive (the caller masks them).
 */
public record AuditEvent(
    Instant occurredAt,
    String actor,
    String action,
    String objectType,
    String objectId,
    Long processInstanceKey,
    String businessKey,
    Long taskKey,
    Map<String, Object> details) {

  public AuditEvent {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectId, "objectId");
    details =
        details == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** An event now, on an object, without process context or details. */
  public static AuditEvent of(String actor, String action, String objectType, String objectId) {
    return new AuditEvent(
        Instant.now(), actor, action, objectType, objectId, null, null, null, Map.of());
  }

  public AuditEvent withProcessInstance(Long key, String businessKeyValue) {
    return new AuditEvent(
        occurredAt, actor, action, objectType, objectId, key, businessKeyValue, taskKey, details);
  }

  public AuditEvent withTask(Long key) {
    return new AuditEvent(
        occurredAt,
        actor,
        action,
        objectType,
        objectId,
        processInstanceKey,
        businessKey,
        key,
        details);
  }

  public AuditEvent withDetail(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(name, value);
    return new AuditEvent(
        occurredAt,
        actor,
        action,
        objectType,
        objectId,
        processInstanceKey,
        businessKey,
        taskKey,
        more);
  }

  public AuditEvent withDetails(Map<String, ?> values) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.putAll(values);
    return new AuditEvent(
        occurredAt,
        actor,
        action,
        objectType,
        objectId,
        processInstanceKey,
        businessKey,
        taskKey,
        more);
  }
}
