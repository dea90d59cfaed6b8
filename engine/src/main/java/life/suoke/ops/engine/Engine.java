package life.suoke.ops.engine;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.batch.BatchOperationInitializer;
import life.suoke.ops.engine.exporter.ExportGate;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.gateway.grpc.GrpcGateway;
import life.suoke.ops.engine.gateway.grpc.LoopbackOrTokenInterceptor;
import life.suoke.ops.engine.gateway.rest.BatchOperationFilters;
import life.suoke.ops.engine.gateway.rest.RestGateway;
import life.suoke.ops.engine.gateway.rest.RestServer;
import life.suoke.ops.engine.gateway.rest.SearchEndpoints;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.processing.EngineCommands;
import life.suoke.ops.engine.processing.StreamProcessor;
import life.suoke.ops.engine.projection.ConnectionSource;
import life.suoke.ops.engine.projection.ProjectionExporter;
import life.suoke.ops.engine.projection.SearchStore;
import life.suoke.ops.engine.snapshot.SnapshotDirector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: its record log in PostgreSQL, the single processing thread, the gRPC and
 * REST gateways that the Camunda client connects to, and the search projection (tables in the same
 * schema, kept up to date from the log by an exporter) that the REST searches read. Further
 * exporters (search, archives) can be given at start; each of them and the projection is fed from
 * the log on a thread of its own by an {@link ExporterRunner}.
 */
public final class Engine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final RecordLog recordLog;
  private final StreamProcessor processor;
  private final EngineApi api;
  private final Server grpcServer;
  private final RestServer restServer;
  private final ExporterRunner projection;
  private final SearchStore searchStore;
  private final List<ExporterRunner> exporters;
  private final ExportGate exportGate;
  private final BatchOperationInitializer batchInitializer;
  private final SnapshotDirector snapshots;

  private Engine(
      RecordLog recordLog,
      StreamProcessor processor,
      EngineApi api,
      Server grpcServer,
      RestServer restServer,
      ExporterRunner projection,
      SearchStore searchStore,
      List<ExporterRunner> exporters,
      ExportGate exportGate,
      BatchOperationInitializer batchInitializer,
      SnapshotDirector snapshots) {
    this.recordLog = recordLog;
    this.processor = processor;
    this.api = api;
    this.grpcServer = grpcServer;
    this.restServer = restServer;
    this.projection = projection;
    this.searchStore = searchStore;
    this.exporters = exporters;
    this.exportGate = exportGate;
    this.batchInitializer = batchInitializer;
    this.snapshots = snapshots;
  }

  public static Engine start(EngineConfig config) {
    return start(config, List.of());
  }

  /**
   * Starts the engine and a runner for each exporter, which feeds it the log from its acknowledged
   * position (see {@link ExporterRunner}). Exporter ids must be unique.
   */
  public static Engine start(EngineConfig config, List<? extends RecordExporter> exporters) {
    requireUniqueIds(exporters);
    RecordLog recordLog =
        config.dataSource() != null
            ? new RecordLog(config.dataSource(), config.schema(), config.logSegmentRecords())
            : new RecordLog(
                config.jdbcUrl(),
                config.user(),
                config.password(),
                config.schema(),
                config.logSegmentRecords());
    recordLog.migrate();
    // The engine is the log's single writer: its exporters read the newest records from memory.
    recordLog.keepRecent(RecordLog.RECENT_RECORDS);
    long lastBeforeStart = config.exportBound() != null ? recordLog.lastPosition() : 0;
    StreamProcessor processor =
        new StreamProcessor(recordLog, new BpmnTransformer(), config.clock());
    EngineApi api = new EngineCommands(processor);
    Server server;
    try {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName(config.host()), config.grpcPort());
      java.util.concurrent.atomic.AtomicInteger boundPort =
          new java.util.concurrent.atomic.AtomicInteger(config.grpcPort());
      GrpcGateway gateway = new GrpcGateway(api, config.host(), boundPort::get);
      server =
          NettyServerBuilder.forAddress(address)
              // Every handler only parses the request and queues a command (answers come later,
              // from the processing thread after the commit): none blocks, so they run on the
              // transport's threads instead of being handed to a second pool per call.
              .directExecutor()
              .addService(
                  ServerInterceptors.intercept(
                      gateway, new LoopbackOrTokenInterceptor(config.authToken())))
              .permitKeepAliveTime(1, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .build()
              .start();
      boundPort.set(server.getPort());
    } catch (IOException e) {
      processor.close();
      recordLog.close();
      throw new UncheckedIOException(
          "The engine's gRPC gateway could not start: " + e.getMessage(), e);
    }
    ConnectionSource connections =
        config.dataSource() != null
            ? ConnectionSource.of(config.dataSource())
            : ConnectionSource.of(config.jdbcUrl(), config.user(), config.password());
    ExporterRunner projection = null;
    SearchStore searches = new SearchStore(connections, config.schema());
    List<ExporterRunner> runners = new ArrayList<>();
    ExportGate gate = null;
    RestServer rest;
    try {
      projection =
          ExporterRunner.start(
              recordLog,
              ProjectionExporter.create(connections, config.schema()),
              ProjectionExporter.SETTINGS);
      for (RecordExporter exporter : exporters) {
        runners.add(ExporterRunner.start(recordLog, exporter));
      }
      if (config.exportBound() != null) {
        gate = exportGate(config.exportBound(), runners, recordLog, lastBeforeStart);
        processor.setIntake(gate::admitsCommands);
      }
      Server grpc = server;
      rest =
          RestServer.start(
              config.host(),
              config.restPort(),
              RestGateway.routes(
                  api,
                  config.host(),
                  grpc::getPort,
                  router -> SearchEndpoints.register(router, searches),
                  config.clockControl()),
              config.authToken());
    } catch (RuntimeException e) {
      server.shutdownNow();
      runners.forEach(ExporterRunner::close);
      if (projection != null) {
        projection.close();
      }
      searches.close();
      processor.close();
      recordLog.close();
      throw e;
    }
    ExporterRunner projected = projection;
    BatchOperationInitializer initializer =
        new BatchOperationInitializer(
                api, searches, projected::acknowledgedPosition, BatchOperationFilters::conditions)
            .start();
    List<ExporterRunner> fed = new ArrayList<>(runners);
    fed.add(projected);
    SnapshotDirector snapshots =
        new SnapshotDirector(
            recordLog,
            processor,
            () -> fed.stream().mapToLong(ExporterRunner::acknowledgedPosition).min().orElse(0),
            config.snapshotPeriod());
    log.info(
        "Engine started; gRPC gateway on {}:{}, REST gateway on {}:{}",
        config.host(),
        server.getPort(),
        config.host(),
        rest.port());
    return new Engine(
        recordLog,
        processor,
        api,
        server,
        rest,
        projection,
        searches,
        List.copyOf(runners),
        gate,
        initializer,
        snapshots);
  }

  private static ExportGate exportGate(
      ExportGate.Bound bound,
      List<ExporterRunner> runners,
      RecordLog recordLog,
      long lastBeforeStart) {
    List<ExporterRunner> bounding = new ArrayList<>();
    for (String id : bound.exporterIds()) {
      bounding.add(
          runners.stream()
              .filter(r -> r.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the export bound names exporter "
                              + id
                              + ", which is not among those given")));
    }
    return new ExportGate(bounding, recordLog.commitTimes(), lastBeforeStart, bound.maxLag());
  }

  private static void requireUniqueIds(List<? extends RecordExporter> exporters) {
    Set<String> ids = new HashSet<>(Set.of(ProjectionExporter.EXPORTER_ID));
    for (RecordExporter exporter : exporters) {
      if (!ids.add(exporter.id())) {
        throw new IllegalArgumentException(
            "exporter id "
                + exporter.id()
                + " is taken; ids name durable positions and must be unique");
      }
    }
  }

  public EngineApi api() {
    return api;
  }

  public int grpcPort() {
    return grpcServer.getPort();
  }

  public int restPort() {
    return restServer.port();
  }

  public RecordLog recordLog() {
    return recordLog;
  }

  /** The log position up to which the search projection has applied records. */
  public long projectedPosition() {
    return projection.exportedPosition();
  }

  /** The gate that keeps the engine within its export bound, when it was given one. */
  public java.util.Optional<ExportGate> exportGate() {
    return java.util.Optional.ofNullable(exportGate);
  }

  /** The runners of the exporters given at start, in that order. */
  public List<ExporterRunner> exporters() {
    return exporters;
  }

  /**
   * Writes a snapshot of the committed state now and moves the log below it (and below every
   * exporter's position) to the archive; returns the snapshot's position. Normally done every
   * {@link EngineConfig#snapshotPeriod()} and at shutdown.
   */
  public long takeSnapshot() {
    return snapshots.takeSnapshot();
  }

  /**
   * Stops in this order: the gateways stop taking commands, the processing thread finishes its
   * batch, the exporters stop, the state is written as a snapshot, and the log's connections close
   * (the database is its owner's to stop after that).
   */
  @Override
  public void close() {
    restServer.close();
    grpcServer.shutdown();
    try {
      if (!grpcServer.awaitTermination(5, TimeUnit.SECONDS)) {
        grpcServer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      grpcServer.shutdownNow();
    }
    batchInitializer.close();
    snapshots.close();
    processor.close();
    exporters.forEach(ExporterRunner::close);
    projection.close();
    try {
      snapshots.saveFinal(processor.stoppedSnapshot());
    } catch (RuntimeException e) {
      log.warn(
          "The state snapshot at shutdown could not be written; the next start replays more", e);
    }
    searchStore.close();
    recordLog.close();
  }
}
