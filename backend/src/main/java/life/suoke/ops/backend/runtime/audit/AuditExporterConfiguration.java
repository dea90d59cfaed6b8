package life.suoke.ops.backend.runtime.audit;

import java.util.Set;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.EngineEventsInSearch;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Attaches the audit exporter to the embedded engine (it takes every {@code RecordExporter} bean),
 * writing through the application's chain writer (whose role may insert audit rows, nothing more),
 * so that the engine's rows and the application's own go into the chain together. The events the
 * search exports are sealed (their documents there are the events' searchable copies); with the
 * search exporter off, every event is a row of its own. {@code
 * suoke.engine.export.audit.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "suoke.engine.mode", havingValue = "embedded", matchIfMissing = true)
class AuditExporterConfiguration {

  /** The engine's runner closes it, after its last page; Spring must not close it first. */
  @Bean(destroyMethod = "")
  @ConditionalOnProperty(
      name = "suoke.engine.export.audit.enabled",
      havingValue = "true",
      matchIfMissing = true)
  AuditRecordExporter auditRecordExporter(
      DataSource dataSource,
      AuditChainWriter auditChainWriter,
      ObjectProvider<EngineEventsInSearch> engineEvents) {
    EngineEventsInSearch inSearch = engineEvents.getIfAvailable();
    return new AuditRecordExporter(
        dataSource,
        auditChainWriter,
        AuditRecordExporter.DEFAULT_ID,
        inSearch == null ? Set.of() : inSearch.valueTypes());
  }
}
