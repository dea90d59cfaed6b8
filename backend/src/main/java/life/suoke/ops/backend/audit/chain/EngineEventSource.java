package life.suoke.ops.backend.audit.chain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;

/** Where the verifier reads the engine's events back to check their seals ({@link AuditSeal}). */
@FunctionalInterface
public interface EngineEventSource {

  /**
   * The engine's event records (no commands, no rejections) at positions {@code from..to}, both
   * included, in position order, read through {@code c}.
   */
  List<EngineRecord> events(Connection c, long from, long to) throws SQLException;
}
