package life.suoke.ops.engine.conformance;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.testsupport.TestPostgres;

/** Starts an engine on its own fresh database and connects the real Camunda client to it (gRPC; REST on request). */
final class EngineTestSupport implements AutoCloseable {

  final Engine engine;
  final CamundaClient client;
  private final TestPostgres.Database database;

  EngineTestSupport(Class<?> testClass) {
    database = TestPostgres.newDatabase(testClass);
    engine = Engine.start(EngineConfig.of(database.dataSource()));
    client = connect();
  }

  CamundaClient connect() {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** A client that sends what it can over the engine's REST gateway (the client's default transport). */
  CamundaClient connectRest() {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.restPort()))
        .preferRestOverGrpc(true)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** Stops the engine and starts a new one on the same database, as after a restart. */
  EngineTestSupport restart() {
    close();
    return new EngineTestSupport(database);
  }

  private EngineTestSupport(TestPostgres.Database database) {
    this.database = database;
    engine = Engine.start(EngineConfig.of(database.dataSource()));
    client = connect();
  }

  @Override
  public void close() {
    client.close();
    engine.close();
  }
}
