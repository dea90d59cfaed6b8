package life.suoke.ops.engine;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.gateway.grpc.GrpcGateway;
import life.suoke.ops.engine.gateway.grpc.LoopbackOrTokenInterceptor;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.processing.StreamProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: its record log in PostgreSQL, the single processing thread, and the gRPC
 * gateway that the Camunda client connects to.
 */
public final class Engine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final RecordLog recordLog;
  private final StreamProcessor processor;
  private final Server grpcServer;

  private Engine(RecordLog recordLog, StreamProcessor processor, Server grpcServer) {
    this.recordLog = recordLog;
    this.processor = processor;
    this.grpcServer = grpcServer;
  }

  public static Engine start(EngineConfig config) {
    RecordLog recordLog = config.dataSource() != null
        ? new RecordLog(config.dataSource(), config.schema())
        : new RecordLog(config.jdbcUrl(), config.user(), config.password(), config.schema());
    recordLog.migrate();
    StreamProcessor processor = new StreamProcessor(recordLog, new BpmnTransformer(), config.clock());
    Server server;
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.host()), config.grpcPort());
      GrpcGateway gateway = new GrpcGateway(processor, config.host(), config.grpcPort());
      server = NettyServerBuilder.forAddress(address)
          .addService(ServerInterceptors.intercept(gateway, new LoopbackOrTokenInterceptor(config.authToken())))
          .permitKeepAliveTime(1, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .build()
          .start();
    } catch (IOException e) {
      processor.close();
      recordLog.close();
      throw new UncheckedIOException("The engine's gRPC gateway could not start: " + e.getMessage(), e);
    }
    log.info("Engine started; gRPC gateway on {}:{}", config.host(), server.getPort());
    return new Engine(recordLog, processor, server);
  }

  public EngineApi api() {
    return processor;
  }

  public int grpcPort() {
    return grpcServer.getPort();
  }

  public RecordLog recordLog() {
    return recordLog;
  }

  @Override
  public void close() {
    grpcServer.shutdown();
    try {
      if (!grpcServer.awaitTermination(5, TimeUnit.SECONDS)) {
        grpcServer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      grpcServer.shutdownNow();
    }
    processor.close();
    recordLog.close();
  }
}
