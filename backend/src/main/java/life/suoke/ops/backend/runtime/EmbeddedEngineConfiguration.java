package life.suoke.ops.backend.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.EngineEventsInSearch;
import life.suoke.ops.backend.runtime.audit.AuditRecordExporter;
import life.suoke.ops.backend.runtime.export.ExportMetrics;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.exporter.ExportGate;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.search.export.SearchExportFilter;
import life.suoke.ops.search.export.SearchRecordExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In the default mode the workflow engine runs inside the application, keeping its record log in
 * the application's PostgreSQL (schema {@code engine}). The Camunda client of the Spring starter
 * connects to it over loopback exactly as it would to a Zeebe gateway; with {@code
 * suoke.engine.mode=external} nothing is started and the {@code camunda.client.*} settings point at
 * a real cluster.
 *
 * <p>The gateways listen on loopback and require the {@link EngineToken} from every caller; the
 * clock API is served only with {@code suoke.engine.clock-control=true} (tests that move time).
 *
 * <p>Every {@link RecordExporter} bean is attached to the engine; by default that is the search
 * exporter ({@code suoke.engine.export.search.enabled}), which indexes the records into the
 * application's search target in Zeebe's exporter layout.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "suoke.engine.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedEngineConfiguration {

  /**
   * The gateways' secret; also the Camunda client's credentials provider (the starter uses a {@code
   * CredentialsProvider} bean instead of its own), so the client sends it on every call.
   */
  @Bean
  EngineToken engineToken(RuntimeProperties runtime) {
    return EngineToken.loadOrCreate(runtime.dataDir());
  }

  @Bean(destroyMethod = "close")
  Engine embeddedEngine(
      DataSource dataSource,
      EngineToken token,
      @Qualifier(EmbeddedRuntimeConfiguration.OWNER_DATA_SOURCE)
          ObjectProvider<DataSource> ownerDataSource,
      ObjectProvider<EmbeddedDatabase> embeddedDatabase,
      @Value("${suoke.engine.schema:engine}") String schema,
      @Value("${suoke.engine.grpc-port:26500}") int grpcPort,
      @Value("${suoke.engine.rest-port:8088}") int restPort,
      @Value("${suoke.engine.clock-control:false}") boolean clockControl,
      @Value("${suoke.engine.export.audit.max-lag:PT0.25S}") Duration auditMaxLag,
      @Value("${suoke.engine.snapshot-period:PT5M}") Duration snapshotPeriod,
      List<RecordExporter> exporters) {
    // Injected as a list (empty when there is none) rather than through an ObjectProvider, so that
    // Spring knows the engine depends on them and closes it, and its exporter threads, first.
    // With the embedded database the engine keeps its schema as the owner; the application's role
    // may read it (SELECT only).
    DataSource engineDataSource = ownerDataSource.getIfAvailable(() -> dataSource);
    EngineConfig config =
        EngineConfig.of(engineDataSource)
            .withSchema(schema)
            .withPorts(grpcPort, restPort)
            .withHost("127.0.0.1", token.value())
            .withClockControl(clockControl)
            .withSnapshotPeriod(snapshotPeriod);
    // The audit trail bounds the engine: no more than max-lag of history goes unaudited (0: no
    // bound).
    boolean audited =
        exporters.stream().anyMatch(e -> AuditRecordExporter.DEFAULT_ID.equals(e.id()));
    if (audited && auditMaxLag != null && !auditMaxLag.isZero() && !auditMaxLag.isNegative()) {
      config =
          config.withExportBound(
              new ExportGate.Bound(List.of(AuditRecordExporter.DEFAULT_ID), auditMaxLag));
    }
    Engine engine = Engine.start(config, exporters);
    EmbeddedDatabase database = embeddedDatabase.getIfAvailable();
    if (database != null && engineDataSource != dataSource) {
      try {
        EngineSchemaAccess.grantRead(engineDataSource, schema, database.appUsername());
      } catch (java.sql.SQLException | RuntimeException e) {
        engine.close();
        throw new IllegalStateException(
            "read access to the engine's schema could not be granted: " + e.getMessage(), e);
      }
    }
    return engine;
  }

  /**
   * The engine's runner closes it, after its last batch; Spring must not close it first. Which
   * records it indexes: {@code suoke.engine.export.search.index.command|event|rejection} and {@code
   * .value-types}, with the defaults of Zeebe's Elasticsearch exporter (events of every value type
   * but the batch and internal ones); {@code suoke.engine.export.search.bulk.delay} (PT1S) lets
   * records gather into fewer, larger bulks under load.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnProperty(
      name = "suoke.engine.export.search.enabled",
      havingValue = "true",
      matchIfMissing = true)
  SearchRecordExporter searchRecordExporter(
      ElasticsearchClient client,
      @Value("${suoke.engine.export.search.index.command:false}") boolean command,
      @Value("${suoke.engine.export.search.index.event:true}") boolean event,
      @Value("${suoke.engine.export.search.index.rejection:false}") boolean rejection,
      @Value("${suoke.engine.export.search.index.value-types:}") List<ValueType> valueTypes,
      @Value("${suoke.engine.export.search.bulk.delay:PT1S}") Duration bulkDelay) {
    Set<ValueType> types =
        valueTypes == null || valueTypes.isEmpty()
            ? SearchExportFilter.defaultValueTypes()
            : EnumSet.copyOf(valueTypes);
    return new SearchRecordExporter(
        client,
        SearchRecordExporter.DEFAULT_ID,
        new SearchExportFilter(command, event, rejection, types),
        bulkDelay);
  }

  /**
   * The engine's events the search exporter indexes in Zeebe's layout: the audit trail's search
   * reads them there instead of indexing them a second time.
   */
  @Bean
  @ConditionalOnProperty(
      name = "suoke.engine.export.search.enabled",
      havingValue = "true",
      matchIfMissing = true)
  EngineEventsInSearch engineEventsInSearch(SearchRecordExporter searchRecordExporter) {
    SearchExportFilter filter = searchRecordExporter.filter();
    return new EngineEventsInSearch(
        filter.event()
            ? filter.valueTypes().stream().map(Enum::name).collect(Collectors.toSet())
            : Set.of());
  }

  @Bean
  ExportMetrics engineExportMetrics(Engine embeddedEngine) {
    return new ExportMetrics(embeddedEngine);
  }

  /** Named so that it shows as the {@code engine} component of {@code /actuator/health}. */
  @Bean("engineHealthIndicator")
  EngineHealthIndicator engineHealthIndicator(Engine embeddedEngine) {
    return new EngineHealthIndicator(embeddedEngine);
  }
}
