package life.suoke.ops.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import life.suoke.ops.bench.BenchPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each peer on a durable PostgreSQL of its own, both processes deployed, 20 instances of each run
 * through the driver's worker loop, then checked in the engine's history.
 */
class PeerRunTest {

  private static final int INSTANCES = 20;

  @TempDir Path pgParent;

  @ParameterizedTest
  @ValueSource(strings = {"flowable", "operaton"})
  void twentyInstancesOfEachProcessRunToTheirEnd(String name) throws Exception {
    try (BenchPostgres pg = BenchPostgres.start(pgParent);
        HikariDataSource pool = pool(pg)) {
      for (PeerProcess process : PeerProcess.values()) {
        PeerDriver driver = new PeerDriver(process, 4, 32, 1);
        try (PeerEngine engine = PeerEngine.open(name, pool, driver::instanceEnded)) {
          engine.deploy(process);
          driver.attach(engine);
          driver.startWorkers();
          try {
            assertThat(driver.runInstances(INSTANCES, 60_000))
                .as("%s %s: all instances ended", name, process.cliName())
                .isTrue();
          } finally {
            driver.close();
          }
          assertThat(driver.errors()).as("failed engine calls").isZero();
          assertThat(driver.started()).isEqualTo(INSTANCES);
          assertThat(driver.completed()).isEqualTo(INSTANCES);
          assertThat(driver.tasks()).isEqualTo((long) INSTANCES * process.tasksPerInstance());
          assertThat(engine.finishedInstances(process)).isEqualTo(INSTANCES);
          assertThat(engine.activityRuns(process, "end")).isEqualTo(INSTANCES);
          if (process == PeerProcess.TEN_STEP) {
            assertThat(engine.activityRuns(process, "rejected")).isZero();
            assertThat(engine.activityRuns(process, "p1")).isEqualTo(INSTANCES);
            assertThat(engine.activityRuns(process, "p2")).isEqualTo(INSTANCES);
            assertThat(engine.activityRuns(process, "s6")).isEqualTo(INSTANCES);
          }
        }
      }
    }
  }

  private static HikariDataSource pool(BenchPostgres pg) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(pg.jdbcUrl());
    c.setUsername(BenchPostgres.USER);
    c.setMaximumPoolSize(20); // more than the workers and Flowable's 8 async executor threads
    return new HikariDataSource(c);
  }
}
