package life.suoke.ops.engine.conformance;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.state.StateComparison;
import life.suoke.ops.engine.testsupport.TestPostgres;

/**
 * Starts an engine on its own fresh database and connects the real Camunda client to it (gRPC; REST
 * on request).
 */
final class EngineTestSupport implements AutoCloseable {

  final Engine engine;
  final CamundaClient client;
  private final TestPostgres.Database database;

  EngineTestSupport(Class<?> testClass) {
    database = TestPostgres.newDatabase(testClass);
    engine = Engine.start(EngineConfig.of(database.dataSource()).withClockControl(true));
    client = connect();
  }

  /** The engine's database (its record log and the search projection, schema {@code engine}). */
  javax.sql.DataSource dataSource() {
    return database.dataSource();
  }

  CamundaClient connect() {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.grpcPort()))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /**
   * A client that sends what it can over the engine's REST gateway (the client's default
   * transport).
   */
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
    engine = Engine.start(EngineConfig.of(database.dataSource()).withClockControl(true));
    client = connect();
  }

  /** How many events the engine's record log holds: a rejected command adds none. */
  long eventCount() {
    long[] count = {0};
    engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == life.suoke.ops.engine.record.RecordType.EVENT) {
                count[0]++;
              }
            });
    return count[0];
  }

  /** Events with one intent (of its value type) in the engine's record log, in log order. */
  java.util.List<life.suoke.ops.engine.record.Record> events(
      life.suoke.ops.engine.record.intent.Intent intent) {
    java.util.List<life.suoke.ops.engine.record.Record> found = new java.util.ArrayList<>();
    engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == life.suoke.ops.engine.record.RecordType.EVENT
                  && r.intent() == intent) {
                found.add(r);
              }
            });
    return found;
  }

  /** Whether the process instance completed (its ELEMENT_COMPLETED is in the log). */
  boolean completed(long processInstanceKey) {
    return events(life.suoke.ops.engine.record.intent.ProcessInstanceIntent.ELEMENT_COMPLETED)
        .stream()
        .anyMatch(r -> r.key() == processInstanceKey);
  }

  /** Jobs of a type that are activatable right now (no long polling). */
  static java.util.List<io.camunda.client.api.response.ActivatedJob> activate(
      CamundaClient client, String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(10)
        .requestTimeout(Duration.ofMillis(-1))
        .send()
        .join()
        .getJobs();
  }

  /** The first job of a type, waiting up to 10 s for one. */
  static io.camunda.client.api.response.ActivatedJob awaitJob(CamundaClient client, String type) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> activate(client, type), jobs -> !jobs.isEmpty())
        .get(0);
  }

  /**
   * Stops the engine, which writes its state as a snapshot, and checks that snapshot: loaded, it is
   * field by field the state a replay of the whole log builds. So every conformance test class also
   * tests the snapshot of what its processes left behind.
   */
  @Override
  public void close() {
    client.close();
    engine.close();
    StateComparison.assertSnapshotMatchesReplay(database.dataSource());
  }
}
