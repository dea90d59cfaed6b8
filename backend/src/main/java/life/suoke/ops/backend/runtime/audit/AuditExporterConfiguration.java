package life.suoke.ops.backend.runtime.audit;

import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.EngineEventsInSearch;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Attaches the audit exporter to the embedded engine (it takes every {@code RecordExporter} bean),
 * writing through the application's chain writer (whose role may insert audit rows, nothing more),
 * so that the engine's rows and the application's own go into the chain together. The events the
 * search exports are sealed (their documents there are the events' searchable copies); with the
 * search exporter off, every event is a row of its own. Records gather for {@code
 * suoke.engine.export.audit.batch-delay} (50 ms) after a page that was not full, so that a steady
 * load gives a few larger pages a second rather than one per engine commit. {@code
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
      ObjectProvider<EngineEventsInSearch> engineEvents,
      @Value("${suoke.engine.export.audit.batch-delay:PT0.05S}") Duration batchDelay) {
    EngineEventsInSearch inSearch = engineEvents.getIfAvailable();
    return new AuditRecordExporter(
        dataSource,
        auditChainWriter,
        AuditRecordExporter.DEFAULT_ID,
        inSearch == null ? Set.of() : inSearch.valueTypes(),
        batchDelay);
  }
}
