package life.suoke.ops.backend.runtime;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import life.suoke.ops.search.EmbeddedSearchNode;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The default, single-machine mode: the application starts PostgreSQL and a search node itself and
 * points the standard Spring data source and Elasticsearch client at them. In external mode ({@code
 * suoke.database.mode=external}, {@code suoke.search.mode=external}) none of these beans exist and
 * Spring Boot's own auto-configuration reads {@code spring.datasource.*} and {@code
 * spring.elasticsearch.*}.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedRuntimeConfiguration {

  /** The bean name of the database owner's data source (embedded database mode only). */
  static final String OWNER_DATA_SOURCE = "ownerDataSource";

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      name = "suoke.database.mode",
      havingValue = "embedded",
      matchIfMissing = true)
  static class Database {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RuntimeProperties properties) throws IOException {
      return EmbeddedDatabase.start(
          properties.databaseDir(),
          properties.database().port(),
          properties.database().databaseName(),
          properties.dataDir().resolve("postgres.port"),
          properties.database().settings());
    }

    /** The application's data source: the non-superuser {@link EmbeddedDatabase#APP_ROLE}. */
    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(
        EmbeddedDatabase database, DataSourceProperties dataSourceProperties) {
      dataSourceProperties.setUrl(database.jdbcUrl());
      dataSourceProperties.setUsername(database.appUsername());
      dataSourceProperties.setPassword(database.appPassword());
      return dataSourceProperties
          .initializeDataSourceBuilder()
          .type(HikariDataSource.class)
          .build();
    }

    /**
     * The owner's data source ({@code postgres}): Flyway migrates through it and the embedded
     * engine keeps its own schema with it. Nothing else should ask for it.
     */
    @Bean(OWNER_DATA_SOURCE)
    @FlywayDataSource
    HikariDataSource ownerDataSource(EmbeddedDatabase database) {
      HikariDataSource owner = new HikariDataSource();
      owner.setPoolName("suoke-owner");
      owner.setJdbcUrl(database.jdbcUrl());
      owner.setUsername(database.username());
      owner.setPassword("");
      owner.setMaximumPoolSize(10);
      return owner;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      name = "suoke.search.mode",
      havingValue = "embedded",
      matchIfMissing = true)
  static class Search {

    @Bean(destroyMethod = "close")
    EmbeddedSearchNode embeddedSearchNode(RuntimeProperties properties) throws IOException {
      return EmbeddedSearchNode.start(properties.searchDir(), properties.search().httpPort());
    }

    @Bean
    RestClientBuilder elasticsearchRestClientBuilder(
        EmbeddedSearchNode node, ObjectProvider<RestClientBuilderCustomizer> customizers) {
      RestClientBuilder builder = RestClient.builder(HttpHost.create(node.httpUri()));
      builder.setHttpClientConfigCallback(
          http -> {
            customizers.orderedStream().forEach(c -> c.customize(http));
            return http;
          });
      builder.setRequestConfigCallback(
          request -> {
            customizers.orderedStream().forEach(c -> c.customize(request));
            return request;
          });
      customizers.orderedStream().forEach(c -> c.customize(builder));
      return builder;
    }
  }
}
