package life.suoke.ops.backend.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import life.suoke.ops.backend.audit.chain.AuditRow;

/** One row of the trail as stored ({@code details} the canonical JSON text). */
record AuditEntry(
    long seq,
    Instant occurredAt,
    String actor,
    String action,
    String objectType,
    String objectId,
    Long processInstanceKey,
    String businessKey,
    Long taskKey,
    String details,
    String prevHash,
    String hash) {

  static final String COLUMNS =
      "seq, occurred_at, actor, action, object_type, object_id, process_instance_key,"
          + " business_key, task_key, details, prev_hash, hash";

  /**
   * An engine event sealed by the chain, shown as the row it would be on its own ({@code
   * EngineRecordAuditor#row}) with the seal's sequence number and no hashes of its own.
   */
  static AuditEntry sealed(long sealSeq, AuditRow row) {
    return new AuditEntry(
        sealSeq,
        row.occurredAt(),
        row.actor(),
        row.action(),
        row.objectType(),
        row.objectId(),
        row.processInstanceKey(),
        row.businessKey(),
        row.taskKey(),
        row.details(),
        null,
        null);
  }

  static AuditEntry read(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("object_type"),
        rs.getString("object_id"),
        longOrNull(rs, "process_instance_key"),
        rs.getString("business_key"),
        longOrNull(rs, "task_key"),
        rs.getString("details"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
