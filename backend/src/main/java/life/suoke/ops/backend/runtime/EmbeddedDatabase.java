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

  /**
   * The application's own login role: not a superuser, owns nothing; Flyway (as {@code postgres},
   * the owner) grants it what it may do (V3: everything on domain tables, only SELECT and INSERT on
   * the audit trail).
   */
  public static final String APP_ROLE = "suoke_app";

  private final EmbeddedPostgres postgres;
  private final String databaseName;
  private final String appPassword = newPassword();
  private Path portFile;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String databaseName) {
    this.postgres = postgres;
    this.databaseName = databaseName;
  }

  public static EmbeddedDatabase start(Path dataDir, int port, String databaseName) throws IOException {
    return start(dataDir, port, databaseName, null);
  }

  /**
   * Starts the server and, while it runs, keeps its port in {@code portFile} (when given), so that
   * a command-line tool can reach the running database (see {@code audit verify}).
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String databaseName, Path portFile) throws IOException {
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
      database.prepareAppRole();
      if (portFile != null) {
        Files.createDirectories(portFile.toAbsolutePath().getParent());
        Files.writeString(portFile, Integer.toString(postgres.getPort()), StandardCharsets.US_ASCII);
        database.portFile = portFile;
      }
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

  /** The database's URL, without a user: each data source says whom it connects as. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + databaseName;
  }

  /** The owner (a superuser): Flyway and the engine connect as it. */
  public String username() {
    return "postgres";
  }

  /** The application's login role ({@link #APP_ROLE}). */
  public String appUsername() {
    return APP_ROLE;
  }

  /** The application role's password, new at every start (kept in memory only). */
  public String appPassword() {
    return appPassword;
  }

  /** Creates the application's role if missing, without any privilege of its own, and sets its password. */
  private void prepareAppRole() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      boolean exists;
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
        exists = rs.next();
      }
      String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
          + appPassword + "'";
      s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + APP_ROLE + attributes);
    }
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
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
    if (portFile != null) {
      Files.deleteIfExists(portFile);
    }
    postgres.close();
  }
}
