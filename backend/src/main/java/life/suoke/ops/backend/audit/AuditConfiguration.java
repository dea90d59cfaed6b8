package life.suoke.ops.backend.audit;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chain's writer and verifier. The writer appends on connections of its own: a request writes
 * its audit event while it holds a connection of the application's pool (its transaction), so if
 * the writer took its connections from the same pool, a burst of requests could hold every one of
 * them while waiting for the writer, and the writer could never write.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  /** Connections for the audit writer alone (two), on the application's database and user. */
  static final class AuditConnections implements AutoCloseable {
    private final DataSource dataSource;
    private final HikariDataSource own;

    AuditConnections(DataSource application) {
      if (application instanceof HikariDataSource pool) {
        own = new HikariDataSource();
        own.setPoolName("suoke-audit");
        own.setJdbcUrl(pool.getJdbcUrl());
        own.setUsername(pool.getUsername());
        own.setPassword(pool.getPassword());
        own.setMaximumPoolSize(2);
        dataSource = own;
      } else {
        own = null;
        dataSource = application;
      }
    }

    @Override
    public void close() {
      if (own != null) {
        own.close();
      }
    }
  }

  @Bean(destroyMethod = "close")
  AuditConnections auditConnections(DataSource dataSource) {
    return new AuditConnections(dataSource);
  }

  @Bean
  AuditChainWriter auditChainWriter(AuditConnections connections) {
    return new AuditChainWriter(connections.dataSource);
  }

  @Bean
  AuditVerifier auditVerifier(DataSource dataSource) {
    return new AuditVerifier(dataSource);
  }
}
