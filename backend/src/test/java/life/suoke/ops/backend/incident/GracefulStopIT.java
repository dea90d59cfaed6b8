package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.support.RunningApplication;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while alerts come in and the engine and its exporters work: the application stops in
 * order (web server, engine and exporters, then the database), within seconds, without a connection
 * cut under anything that still used it, and its PostgreSQL is not left running; every alert it
 * accepted is there after a start on the same data.
 */
class GracefulStopIT {

  @Test
  void sigtermStopsTheEngineAndItsExportersBeforeTheDatabase() throws Exception {
    try (RunningApplication app = RunningApplication.start(List.of())) {
      String routingKey =
          CrashDuringPagingIT.eventsIntegration(app.admin(), "stop", "+8613900000401");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      AtomicInteger accepted = new AtomicInteger();
      ExecutorService sender = Executors.newSingleThreadExecutor();
      sender.submit(
          () -> {
            for (int i = 0; i < 200; i++) {
              if (!send(http, app, routingKey, "stop-" + i)) {
                return;
              }
              accepted.incrementAndGet();
            }
          });
      while (accepted.get() < 10) {
        Thread.sleep(50);
      }

      long began = System.nanoTime();
      int exit = app.stop(Duration.ofSeconds(60));
      long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      sender.shutdown();
      sender.awaitTermination(30, TimeUnit.SECONDS);

      String log = Files.readString(app.dataDir().resolve("application.log"));
      String shutdown = log.substring(log.indexOf("Commencing graceful shutdown"));
      assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(shutdown)
          .as("what was logged while stopping")
          .doesNotContain("terminating connection due to administrator command")
          .doesNotContain("This connection has been closed")
          .doesNotContain(" ERROR ");
      assertThat(app.dataDir().resolve("postgres").resolve("postmaster.pid"))
          .as("the database was stopped, not left running")
          .doesNotExist();
      int snapshot = shutdown.indexOf("State snapshot at position");
      assertThat(snapshot).as("the engine wrote its state snapshot while stopping").isPositive();
      int databaseStopped = shutdown.indexOf("server stopped");
      if (databaseStopped >= 0) {
        assertThat(snapshot)
            .as("the snapshot came before the database stopped")
            .isLessThan(databaseStopped);
      }
      System.out.printf(
          "graceful stop: %d alerts accepted, stopped in %d ms, exit %d%n",
          accepted.get(), stopMillis, exit);

      app.restart();
      assertThat(Files.readString(app.dataDir().resolve("application.log")))
          .as("the restart loaded the snapshot written at shutdown")
          .contains("Engine state rebuilt from the snapshot at position");
      try (Connection c = app.database();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT g.group_key FROM alert_group g JOIN incident i ON i.number = g.incident_number"
                      + " WHERE g.group_key LIKE 'stop-%'")) {
        java.util.Set<String> recorded = new java.util.HashSet<>();
        while (rs.next()) {
          recorded.add(rs.getString(1));
        }
        for (int i = 0; i < accepted.get(); i++) {
          assertThat(recorded)
              .as("accepted alert stop-%d has its incident after the restart", i)
              .contains("stop-" + i);
        }
      }
    }
  }

  private static boolean send(
      HttpClient http, RunningApplication app, String routingKey, String dedupKey) {
    return CrashDuringPagingIT.send(http, app, routingKey, dedupKey);
  }
}
