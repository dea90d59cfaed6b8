package life.suoke.ops.backend.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries shipped in a Maven artifact, with its data
 * kept in a directory of ours so that it survives restarts.
 *
 * <p>The library starts PostgreSQL with fsync and synchronous commit off, which suits throwaway
 * test databases but would let an acknowledged write vanish in a crash. The durable settings are
 * forced here and checked after start; a server that does not report them is refused.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  static final Map<String, String> DURABLE_SETTINGS =
      Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

  private final EmbeddedPostgres postgres;
  private final String databaseName;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String databaseName) {
    this.postgres = postgres;
    this.databaseName = databaseName;
  }

  public static EmbeddedDatabase start(Path dataDir, int port, String databaseName) throws IOException {
    Files.createDirectories(dataDir);
    stopOrphanedServer(dataDir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60));
    if (port > 0) {
      builder.setPort(port);
    }
    DURABLE_SETTINGS.forEach(builder::setServerConfig);
    builder.setServerConfig("listen_addresses", "127.0.0.1");
    EmbeddedPostgres postgres = builder.start();
    EmbeddedDatabase database = new EmbeddedDatabase(postgres, databaseName);
    try {
      database.verifyDurability();
      database.createDatabaseIfMissing();
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw new IOException("Embedded PostgreSQL in " + dataDir + " could not be prepared: " + e.getMessage(), e);
    }
    log.info("Embedded PostgreSQL listening on 127.0.0.1:{}, data in {}", postgres.getPort(), dataDir.toAbsolutePath());
    return database;
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", databaseName);
  }

  public String username() {
    return "postgres";
  }

  private void verifyDurability() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> setting : DURABLE_SETTINGS.entrySet()) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting.getKey())) {
          rs.next();
          String actual = rs.getString(1);
          if (!setting.getValue().equals(actual)) {
            throw new IllegalStateException(
                "PostgreSQL setting " + setting.getKey() + " is " + actual + ", expected " + setting.getValue());
          }
        }
      }
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    if ("postgres".equals(databaseName)) {
      return;
    }
    if (!databaseName.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + databaseName);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + databaseName + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + databaseName);
    }
  }

  /**
   * A JVM that was killed leaves its PostgreSQL child running on our data directory; the next
   * start would find the directory locked. Shut that server down (fast mode keeps every committed
   * transaction) before starting our own.
   */
  private static void stopOrphanedServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
    long pid;
    try {
      pid = Long.parseLong(firstLine);
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()
        || !process.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
      return;
    }
    log.warn("Stopping a PostgreSQL server (pid {}) left running on {} by an earlier process", pid, dataDir);
    try {
      // SIGINT asks PostgreSQL for a fast shutdown.
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
      process.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("PostgreSQL server " + pid + " on " + dataDir + " did not stop: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
