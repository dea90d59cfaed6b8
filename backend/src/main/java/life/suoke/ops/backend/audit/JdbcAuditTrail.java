package life.suoke.ops.backend.audit;

import java.sql.SQLException;
import java.util.List;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import life.suoke.ops.backend.audit.chain.AuditRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The audit trail of human actions, on the chain writer, which commits the events of callers on
 * many threads (and the engine's) together ({@link AuditChainWriter}: one lock and one WAL flush
 * for many events); {@link #record} returns once its event is committed, and throws if it could not
 * be.
 */
@Service
class JdbcAuditTrail implements AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);

  private final AuditChainWriter writer;

  JdbcAuditTrail(AuditChainWriter writer) {
    this.writer = writer;
  }

  @Override
  public void record(AuditEvent event) {
    try {
      writer.append(List.of(AuditRow.of(event)));
    } catch (SQLException e) {
      // The event's details stay out of the log; the caller gets the failure.
      log.warn("An audit event could not be appended: {}", e.toString());
      throw new IllegalStateException("the audit event could not be written: " + e.getMessage(), e);
    }
  }
}
