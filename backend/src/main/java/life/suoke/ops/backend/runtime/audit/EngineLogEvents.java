package life.suoke.ops.backend.runtime.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.audit.chain.EngineEventSource;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;

/**
 * The embedded engine's events as its log holds them (the log's table and its archive, in the
 * engine's schema of the application's database), the way the audit exporter received them.
 */
public record EngineLogEvents(String schema) implements EngineEventSource {

  /** The engine's schema unless {@code suoke.engine.schema} says otherwise. */
  public static final String DEFAULT_SCHEMA = "engine";

  @Override
  public List<EngineRecord> events(Connection c, long from, long to) throws SQLException {
    List<EngineRecord> events = new ArrayList<>();
    for (Record r : RecordLog.readRange(c, schema, from, to)) {
      if (r.recordType() == RecordType.EVENT) {
        events.add(AuditRecordExporter.engineRecord(r));
      }
    }
    return events;
  }
}
