package life.suoke.ops.engine.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import life.suoke.ops.postgres.DurablePostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of the test JVM: a {@link DurablePostgres} started on first use in a
 * temporary directory, with the durable settings the product runs with, and stopped (and its
 * directory deleted) when the JVM exits.
 *
 * <p>All engines share one database; each engine gets a fresh schema of its own. Creating a schema
 * takes a few milliseconds, where {@code CREATE DATABASE} on PostgreSQL 14 forces a checkpoint.
 */
final class EmbeddedPostgresServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  static final String USER = DurablePostgres.SUPERUSER;
  static final String DATABASE = "process_tests";

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile EmbeddedPostgresServer instance;

  private final DurablePostgres postgres;
  private final DataSource dataSource;

  private EmbeddedPostgresServer(DurablePostgres postgres) {
    this.postgres = postgres;
    this.dataSource = postgres.dataSource(DATABASE);
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
    return postgres.jdbcUrl(DATABASE);
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
    DurablePostgres pg;
    try {
      pg =
          DurablePostgres.temporary("suoke-process-test-pg")
              .setting("max_connections", "300")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
    try {
      pg.createDatabaseIfMissing(DATABASE);
    } catch (SQLException e) {
      pg.close();
      throw new IllegalStateException("could not create the process test database", e);
    }
    log.info(
        "Embedded PostgreSQL for process tests started in {} ms on port {} ({})",
        (System.nanoTime() - began) / 1_000_000,
        pg.port(),
        pg.dataDir());
    return new EmbeddedPostgresServer(pg);
  }
}
