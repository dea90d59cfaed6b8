package life.suoke.ops.backend.runtime.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;

/**
 * The engine's exporter into the audit trail: every EVENT record of the log is sealed or becomes an
 * audit row ({@link EngineRecordAuditor}); commands and rejections are not events and are left out.
 * A page delivered again (at-least-once) is not audited twice. Plain Java, so that the benchmark
 * runs it without Spring.
 */
public final class AuditRecordExporter implements RecordExporter {

  public static final String DEFAULT_ID = "audit-trail";

  private final EngineRecordAuditor auditor;
  private final String id;

  /** Every event a row of its own. */
  public AuditRecordExporter(DataSource dataSource) {
    this(dataSource, DEFAULT_ID, Set.of());
  }

  /**
   * @param sealedValueTypes the value types whose events are sealed rather than written as rows
   *     (those the search exports: {@code EngineEventsInSearch})
   */
  public AuditRecordExporter(DataSource dataSource, String id, Set<String> sealedValueTypes) {
    this(dataSource, new AuditChainWriter(dataSource), id, sealedValueTypes);
  }

  /**
   * @param writer the chain's writer shared with the application's own audit events, so that both
   *     go into the chain in the same transactions rather than wait for each other's
   */
  public AuditRecordExporter(
      DataSource dataSource, AuditChainWriter writer, String id, Set<String> sealedValueTypes) {
    this.auditor = new EngineRecordAuditor(dataSource, writer, sealedValueTypes);
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void export(List<Record> batch) throws Exception {
    List<EngineRecord> events = new ArrayList<>(batch.size());
    for (Record r : batch) {
      if (r.recordType() == RecordType.EVENT) {
        events.add(engineRecord(r));
      }
    }
    auditor.audit(events);
  }

  /** An engine record as the audit sees it. */
  static EngineRecord engineRecord(Record r) {
    return new EngineRecord(
        r.position(), r.key(), r.timestamp(), r.valueType().name(), r.intent().name(), r.value());
  }

  /** Nothing to release: the data source belongs to whoever made it. */
  @Override
  public void close() {}
}
