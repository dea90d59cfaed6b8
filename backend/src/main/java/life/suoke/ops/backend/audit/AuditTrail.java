package life.suoke.ops.backend.audit;

/**
 * The append-only, hash-chained audit trail. Every human action is recorded through it after it
 * took effect (or, for refusals such as a failed sign-in, when it was refused).
 */
public interface AuditTrail {

  /** Appends one event; returns when it is durable in the chain. */
  void record(AuditEvent event);
}
