package life.suoke.ops.backend.runtime;

import javax.sql.DataSource;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In the default mode the workflow engine runs inside the application, keeping its record log in
 * the application's PostgreSQL (schema {@code engine}). The Camunda client of the Spring starter
 * connects to it over loopback exactly as it would to a Zeebe gateway; with
 * {@code suoke.engine.mode=external} nothing is started and the {@code camunda.client.*} settings
 * point at a real cluster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "suoke.engine.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedEngineConfiguration {

  @Bean(destroyMethod = "close")
  Engine embeddedEngine(
      DataSource dataSource,
      @Value("${suoke.engine.schema:engine}") String schema,
      @Value("${suoke.engine.grpc-port:26500}") int grpcPort,
      @Value("${suoke.engine.rest-port:8088}") int restPort) {
    return Engine.start(EngineConfig.of(dataSource).withSchema(schema).withPorts(grpcPort, restPort));
  }

  /** Named so that it shows as the {@code engine} component of {@code /actuator/health}. */
  @Bean("engineHealthIndicator")
  EngineHealthIndicator engineHealthIndicator(Engine embeddedEngine) {
    return new EngineHealthIndicator(embeddedEngine);
  }
}
