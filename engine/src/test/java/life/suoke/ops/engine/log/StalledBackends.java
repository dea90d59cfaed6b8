package life.suoke.ops.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import life.suoke.ops.engine.testsupport.TestPostgres;

/**
 * Crashes in the middle of a transaction, for tests: a trigger stalls the statement on a chosen row
 * ({@code pg_sleep}), the test finds the stalled backend and terminates it, as if its client had
 * died.
 */
final class StalledBackends {

  private StalledBackends() {}

  /**
   * A trigger function {@code schema.stall()} that sleeps for a minute: attach it with {@code
   * CREATE TRIGGER ... FOR EACH ROW WHEN (...) EXECUTE FUNCTION schema.stall()}.
   */
  static void createStallFunction(TestPostgres.Database db, String schema) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE FUNCTION "
              + schema
              + ".stall() RETURNS trigger LANGUAGE plpgsql AS"
              + " $$ BEGIN PERFORM pg_sleep(60); RETURN NEW; END $$");
    }
  }

  /** The backend of the database that sleeps in {@code pg_sleep}, once there is one. */
  static int awaitStalled(TestPostgres.Database db) throws SQLException, InterruptedException {
    return awaitBackend(db, "wait_event = 'PgSleep'");
  }

  /**
   * A backend of the database whose {@code pg_stat_activity} row matches the condition, once there
   * is one (within 30 s).
   */
  static int awaitBackend(TestPostgres.Database db, String condition)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND "
                    + condition)) {
          if (rs.next()) {
            return rs.getInt(1);
          }
        }
        Thread.sleep(5);
      }
    }
    throw new AssertionError("no backend of " + db.name() + " where " + condition);
  }

  /** Terminates the backend: its transaction is rolled back and its client's connection lost. */
  static void terminate(TestPostgres.Database db, int pid) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("backend %d terminated", pid).isTrue();
    }
  }

  private static Connection connect(TestPostgres.Database db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
