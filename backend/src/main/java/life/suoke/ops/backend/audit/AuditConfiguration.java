package life.suoke.ops.backend.audit;

import javax.sql.DataSource;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import life.suoke.ops.backend.audit.chain.EngineEventSource;
import life.suoke.ops.backend.runtime.SideConnections;
import life.suoke.ops.backend.runtime.audit.EngineLogEvents;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chain's writer and verifier, and where sealed events are read back. The writer appends on
 * connections of its own: a request writes its audit event while it holds a connection of the
 * application's pool (its transaction), so if the writer took its connections from the same pool, a
 * burst of requests could hold every one of them while waiting for the writer, and the writer could
 * never write.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  /** Connections for the audit writer alone (two), on the application's database and user. */
  @Bean(destroyMethod = "close")
  SideConnections auditConnections(DataSource dataSource) {
    return new SideConnections(dataSource, "suoke-audit", 2);
  }

  @Bean
  AuditChainWriter auditChainWriter(@Qualifier("auditConnections") SideConnections connections) {
    return new AuditChainWriter(connections.dataSource());
  }

  @Bean
  AuditVerifier auditVerifier(DataSource dataSource, EngineEventSource engineEvents) {
    return new AuditVerifier(dataSource, engineEvents);
  }

  /** The engine's log, where sealed events are read back (verification, export). */
  @Bean
  EngineEventSource engineEventSource(
      @Value("${suoke.engine.schema:" + EngineLogEvents.DEFAULT_SCHEMA + "}") String engineSchema) {
    return new EngineLogEvents(engineSchema);
  }
}
