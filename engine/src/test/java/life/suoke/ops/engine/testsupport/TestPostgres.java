package life.suoke.ops.engine.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM, started on first use in a temporary directory with the
 * durable settings the product runs with (fsync, synchronous commit and full page writes on), and
 * stopped when the JVM exits. Each caller gets a database of its own, so test classes never see
 * each other's tables.
 */
public final class TestPostgres {

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private static final Map<String, String> DURABLE_SETTINGS =
      Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile EmbeddedPostgres server;

  private TestPostgres() {}

  /** A fresh, empty database on the shared server. */
  public record Database(String name, String jdbcUrl, String user, String password, DataSource dataSource) {}

  /** Creates a fresh, empty database whose name starts with {@code prefix}. */
  public static Database newDatabase(String prefix) {
    EmbeddedPostgres pg = server();
    String name =
        (prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet());
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    if (!Character.isLetter(name.charAt(0))) {
      name = "d" + name;
    }
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new Database(name, pg.getJdbcUrl(USER, name), USER, PASSWORD, pg.getDatabase(USER, name));
  }

  /** Creates a fresh database named after the test class. */
  public static Database newDatabase(Class<?> testClass) {
    return newDatabase(testClass.getSimpleName());
  }

  /** The shared server, started on first call. */
  public static EmbeddedPostgres server() {
    EmbeddedPostgres pg = server;
    if (pg == null) {
      synchronized (TestPostgres.class) {
        pg = server;
        if (pg == null) {
          pg = start();
          server = pg;
        }
      }
    }
    return pg;
  }

  private static EmbeddedPostgres start() {
    try {
      Path dir = Files.createTempDirectory("engine-test-pg");
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("data"))
              .setCleanDataDirectory(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1");
      DURABLE_SETTINGS.forEach(builder::setServerConfig);
      EmbeddedPostgres pg = builder.start();
      verifyDurable(pg);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close(); // stops the server and deletes its data directory
                      Files.deleteIfExists(dir);
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  },
                  "test-postgres-stop"));
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  private static void verifyDurable(EmbeddedPostgres pg) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> setting : DURABLE_SETTINGS.entrySet()) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting.getKey())) {
          rs.next();
          if (!setting.getValue().equals(rs.getString(1))) {
            throw new IllegalStateException(
                "test PostgreSQL has " + setting.getKey() + "=" + rs.getString(1) + ", expected " + setting.getValue());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check the test PostgreSQL settings", e);
    }
  }
}
