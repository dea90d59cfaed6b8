package life.suoke.ops.backend.audit;

import javax.sql.DataSource;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chain's writer and verifier on the application's data source. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  AuditChainWriter auditChainWriter(DataSource dataSource) {
    return new AuditChainWriter(dataSource);
  }

  @Bean
  AuditVerifier auditVerifier(DataSource dataSource) {
    return new AuditVerifier(dataSource);
  }
}
