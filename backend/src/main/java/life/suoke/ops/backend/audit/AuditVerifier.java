package life.suoke.ops.backend.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.chain.AuditChain;
import life.suoke.ops.backend.audit.chain.AuditSeal;
import life.suoke.ops.backend.audit.chain.EngineEventSource;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;

/**
 * Recomputes the chain from the database and names the first row that does not check out. Reads the
 * rows in insertion order ({@code id}) through a server-side cursor, holding one row at a time, so
 * a trail of any length is checked with flat memory. For each row, in this order:
 *
 * <ol>
 *   <li>its sequence number follows the previous row's: a higher one means rows are missing
 *       ("sequence gap", rows deleted) unless the missing number sits further on ("order", rows
 *       moved), a lower one means "order";
 *   <li>its {@code prev_hash} is the previous row's hash ("prev link broken");
 *   <li>its hash is the SHA-256 of its content ({@link AuditChain}; "hash mismatch": the row was
 *       edited);
 *   <li>a seal ({@link AuditSeal}): the engine's log still holds the events it sealed, those of its
 *       range that have no row of their own, as many and with the same digest ("seal mismatch": an
 *       event was changed, removed or added after it was sealed).
 * </ol>
 *
 * Needs only SELECT on {@code audit_event} and on the engine's log. Plain JDBC, no Spring: the
 * command line runs it too.
 */
public final class AuditVerifier {

  static final int FETCH_SIZE = 2_000;

  private final DataSource dataSource;
  private final EngineEventSource engineEvents;

  /**
   * @param engineEvents where the sealed events are read back from (the engine's log)
   */
  public AuditVerifier(DataSource dataSource, EngineEventSource engineEvents) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.engineEvents = Objects.requireNonNull(engineEvents, "engineEvents");
  }

  public AuditVerification verify() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      // A cursor needs a transaction; the whole read sees one snapshot.
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(FETCH_SIZE);
        try (ResultSet rs =
            s.executeQuery(
                "SELECT id, seq, occurred_at, actor, action, object_type, object_id,"
                    + " process_instance_key, business_key, task_key, source_position, details, prev_hash, hash"
                    + " FROM audit_event ORDER BY id")) {
          return check(c, rs, engineEvents);
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static AuditVerification check(Connection c, ResultSet rs, EngineEventSource engineEvents)
      throws SQLException {
    long checked = 0;
    long previousSeq = 0;
    String previousHash = AuditChain.GENESIS;
    while (rs.next()) {
      checked++;
      long id = rs.getLong("id");
      long seq = rs.getLong("seq");
      long expected = previousSeq + 1;
      if (seq != expected) {
        String reason;
        if (seq > expected) {
          Long movedTo = idOfSeq(c, expected);
          reason =
              movedTo == null
                  ? "sequence gap: seq "
                      + expected
                      + (seq - expected > 1 ? ".." + (seq - 1) : "")
                      + " missing before this row (rows deleted)"
                  : "order: seq "
                      + seq
                      + " stands before seq "
                      + expected
                      + " (row id "
                      + movedTo
                      + ")";
        } else {
          reason = "order: seq " + seq + " stands after seq " + previousSeq;
        }
        return AuditVerification.broken(checked, id, seq, reason);
      }
      String prevHash = rs.getString("prev_hash");
      if (!previousHash.equals(prevHash)) {
        return AuditVerification.broken(
            checked, id, seq, "prev link broken: prev_hash is not the hash of seq " + previousSeq);
      }
      String computed =
          AuditChain.hash(
              prevHash,
              seq,
              rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
              rs.getString("actor"),
              rs.getString("action"),
              rs.getString("object_type"),
              rs.getString("object_id"),
              longOrNull(rs, "process_instance_key"),
              rs.getString("business_key"),
              longOrNull(rs, "task_key"),
              longOrNull(rs, "source_position"),
              rs.getString("details"));
      String stored = rs.getString("hash");
      if (!computed.equals(stored)) {
        return AuditVerification.broken(
            checked, id, seq, "hash mismatch: the row's content does not match its hash");
      }
      if (AuditSeal.ACTION.equals(rs.getString("action"))
          && EngineRecordAuditor.ACTOR.equals(rs.getString("actor"))) {
        String sealBroken = checkSeal(c, rs.getString("details"), engineEvents);
        if (sealBroken != null) {
          return AuditVerification.broken(checked, id, seq, sealBroken);
        }
      }
      previousSeq = seq;
      previousHash = stored;
    }
    return AuditVerification.ok(checked);
  }

  /** Why a seal does not match the engine's log, or null when it does. */
  private static String checkSeal(Connection c, String details, EngineEventSource engineEvents)
      throws SQLException {
    AuditSeal.Seal seal = AuditSeal.Seal.parse(details);
    if (seal == null) {
      return "seal mismatch: the seal's details are not a seal's";
    }
    List<AuditSeal.SealedEvent> events = new ArrayList<>();
    for (EngineRecord r : AuditSeal.events(c, seal, engineEvents)) {
      events.add(AuditSeal.SealedEvent.of(r));
    }
    String range = seal.from() + ".." + seal.to();
    if (events.size() != seal.events()) {
      return "seal mismatch: the engine's log holds "
          + events.size()
          + " events in positions "
          + range
          + ", the seal "
          + seal.events();
    }
    if (!AuditSeal.seal(events).digest().equals(seal.digest())) {
      return "seal mismatch: the engine's events in positions "
          + range
          + " are not those that were sealed";
    }
    return null;
  }

  private static Long idOfSeq(Connection c, long seq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM audit_event WHERE seq = ?")) {
      p.setLong(1, seq);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
