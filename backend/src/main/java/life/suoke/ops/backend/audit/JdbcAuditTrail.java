package life.suoke.ops.backend.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** First cut of the chain writer: one row per event, linked to the previous row's hash. */
@Service
class JdbcAuditTrail implements AuditTrail {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  JdbcAuditTrail(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  @Transactional
  public void record(AuditEvent event) {
    jdbc.execute("SELECT pg_advisory_xact_lock(4242)");
    String prev = jdbc.query("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1",
        rs -> rs.next() ? rs.getString(1) : null);
    String details;
    try {
      details = json.writeValueAsString(event.details());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    String content = String.join("\u001f", String.valueOf(prev), event.occurredAt().toString(), event.actor(),
        event.action(), event.objectType(), event.objectId(), details);
    jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, subject_type, subject_id, details, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
        Timestamp.from(event.occurredAt()), event.actor(), event.action(), event.objectType(), event.objectId(),
        details, prev, sha256(content));
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
