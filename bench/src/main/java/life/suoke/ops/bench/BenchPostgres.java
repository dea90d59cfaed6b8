package life.suoke.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import life.suoke.ops.postgres.DurablePostgres;

/**
 * The benchmarks' PostgreSQL: a {@link DurablePostgres} in a fresh data directory on disk (the
 * durable settings forced and checked before anything is measured), its database {@value
 * #DATABASE}, what {@code SHOW} reported for the settings the summary prints, and a probe of what
 * one commit costs on that disk.
 */
public final class BenchPostgres implements AutoCloseable {

  static final String DATABASE = "bench";
  public static final String USER = DurablePostgres.SUPERUSER;

  private final DurablePostgres pg;
  private final Map<String, String> settings;

  private BenchPostgres(DurablePostgres pg, Map<String, String> settings) {
    this.pg = pg;
    this.settings = settings;
  }

  /**
   * @param parent the directory the data directory is created in (its disk is what fsync hits)
   */
  public static BenchPostgres start(Path parent) throws IOException, SQLException {
    DurablePostgres pg =
        DurablePostgres.temporaryIn(parent, "suoke-bench-pg")
            // Instrumentation only (pg_stat_wal's write and sync times); durability is unchanged.
            .setting("track_wal_io_timing", "on")
            .start();
    try {
      pg.createDatabaseIfMissing(DATABASE);
      return new BenchPostgres(
          pg,
          pg.show(
              "server_version",
              "fsync",
              "synchronous_commit",
              "full_page_writes",
              "wal_sync_method",
              "shared_buffers",
              "wal_level",
              "commit_delay"));
    } catch (SQLException | RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  /** What SHOW reported at start. */
  public Map<String, String> settings() {
    return settings;
  }

  /** The summary's line on the server: its version and the durable settings SHOW reported. */
  public String describe() {
    return "PostgreSQL "
        + settings.get("server_version")
        + " embedded, fsync="
        + settings.get("fsync")
        + " synchronous_commit="
        + settings.get("synchronous_commit")
        + " full_page_writes="
        + settings.get("full_page_writes")
        + " (SHOW, checked), wal_sync_method="
        + settings.get("wal_sync_method")
        + ", commit_delay="
        + settings.get("commit_delay");
  }

  public Path dataDir() {
    return pg.dataDir();
  }

  DataSource dataSource() {
    return pg.dataSource(DATABASE);
  }

  public String jdbcUrl() {
    return pg.jdbcUrl(DATABASE);
  }

  /**
   * Commits {@code count} one-row transactions one after the other and returns each commit's round
   * trip in microseconds, sorted: the floor under any single-writer design that waits for its
   * commit (one fsync of the WAL each).
   */
  public long[] probeCommitMicros(int count) throws SQLException {
    long[] micros = new long[count];
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
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
    pg.close();
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
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
