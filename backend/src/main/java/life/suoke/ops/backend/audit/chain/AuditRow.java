package life.suoke.ops.backend.audit.chain;

import java.time.Instant;
import java.util.Objects;
import life.suoke.ops.backend.audit.AuditEvent;

/**
 * A row to append to the chain, before it has its place (sequence number, previous hash): the
 * content as it will be stored and hashed, {@code details} already canonical JSON text.
 *
 * @param sourcePosition the engine record's log position, null for anything else
 */
public record AuditRow(
    Instant occurredAt,
    String actor,
    String action,
    String objectType,
    String objectId,
    Long processInstanceKey,
    String businessKey,
    Long taskKey,
    Long sourcePosition,
    String details) {

  public AuditRow {
    occurredAt = AuditChain.truncate(Objects.requireNonNull(occurredAt, "occurredAt"));
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(details, "details");
  }

  /** A human (or service) event, its details written canonically. */
  public static AuditRow of(AuditEvent event) {
    return new AuditRow(
        event.occurredAt(),
        event.actor(),
        event.action(),
        event.objectType(),
        event.objectId(),
        event.processInstanceKey(),
        event.businessKey(),
        event.taskKey(),
        null,
        AuditChain.canonicalJson(event.details()));
  }
}
