package life.suoke.ops.backend.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

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
