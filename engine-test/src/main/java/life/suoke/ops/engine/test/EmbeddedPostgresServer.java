package life.suoke.ops.engine.test;

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
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of the test JVM: started on first use in a temporary directory, with
 * the durable settings the product runs with (fsync, synchronous commit and full page writes on),
 * and stopped (and its directory deleted) when the JVM exits.
 *
 * <p>All engines share one database; each engine gets a fresh schema of its own. Creating a
 * schema takes a few milliseconds, where {@code CREATE DATABASE} on PostgreSQL 14 forces a
 * checkpoint.
 */
final class EmbeddedPostgresServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  static final String USER = "postgres";
  static final String DATABASE = "process_tests";

  private static final Map<String, String> DURABLE_SETTINGS =
      Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile EmbeddedPostgresServer instance;

  private final EmbeddedPostgres postgres;
  private final DataSource dataSource;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, DataSource dataSource) {
    this.postgres = postgres;
    this.dataSource = dataSource;
  }

  /** The server, started on the first call. */
  static EmbeddedPostgresServer get() {
    EmbeddedPostgresServer server = instance;
    if (server == null) {
      synchronized (EmbeddedPostgresServer.class) {
        server = instance;
        if (server == null) {
          server = start();
          instance = server;
        }
      }
    }
    return server;
  }

  /** The shared database the engines' schemas live in. */
  DataSource dataSource() {
    return dataSource;
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl(USER, DATABASE);
  }

  /**
   * A name for a new, unused schema, derived from {@code hint} (such as the test class name): a
   * plain lower-case SQL identifier. The engine creates the schema when it starts.
   */
  static String newSchemaName(String hint) {
    String base = hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String suffix = "_" + SCHEMAS.incrementAndGet();
    int room = 63 - 3 - suffix.length();
    if (base.length() > room) {
      base = base.substring(base.length() - room);
    }
    return "pt_" + base + suffix;
  }

  /** Drops a schema and everything in it; failures are ignored (the server goes away at exit). */
  void dropSchema(String schema) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (SQLException ignored) {
      // best effort: the whole server is deleted when the JVM exits
    }
  }

  private static EmbeddedPostgresServer start() {
    long began = System.nanoTime();
    Path dir;
    try {
      dir = Files.createTempDirectory("suoke-process-test-pg");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a directory for the embedded PostgreSQL", e);
    }
    EmbeddedPostgres pg;
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("data"))
              .setCleanDataDirectory(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "300");
      DURABLE_SETTINGS.forEach(builder::setServerConfig);
      pg = builder.start();
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new UncheckedIOException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
    EmbeddedPostgres started = pg;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    started.close();
                  } catch (IOException ignored) {
                    // the JVM is going away
                  }
                  deleteQuietly(dir);
                },
                "process-test-postgres-stop"));
    verifyDurable(pg);
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the process test database", e);
    }
    log.info("Embedded PostgreSQL for process tests started in {} ms on port {} ({})",
        (System.nanoTime() - began) / 1_000_000, pg.getPort(), dir);
    return new EmbeddedPostgresServer(pg, pg.getDatabase(USER, DATABASE));
  }

  private static void verifyDurable(EmbeddedPostgres pg) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> setting : DURABLE_SETTINGS.entrySet()) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting.getKey())) {
          rs.next();
          if (!setting.getValue().equals(rs.getString(1))) {
            throw new IllegalStateException(
                "the embedded PostgreSQL has " + setting.getKey() + "=" + rs.getString(1) + ", expected " + setting.getValue());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check the embedded PostgreSQL's settings", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }
}
