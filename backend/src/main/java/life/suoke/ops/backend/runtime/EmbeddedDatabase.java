package life.suoke.ops.backend.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import life.suoke.ops.postgres.DurablePostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's PostgreSQL: a {@link DurablePostgres} on a data directory of ours, so that it
 * survives restarts (the durable settings forced and checked, a server a killed JVM left running on
 * the directory stopped first), with the application's database and its login role.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  static final Map<String, String> DURABLE_SETTINGS = DurablePostgres.DURABLE_SETTINGS;

  /**
   * The application's own login role: not a superuser, owns nothing; Flyway (as {@code postgres},
   * the owner) grants it what it may do (V3: everything on domain tables, only SELECT and INSERT on
   * the audit trail).
   */
  public static final String APP_ROLE = "suoke_app";

  private final DurablePostgres postgres;
  private final String databaseName;
  private final String appPassword = newPassword();
  private Path portFile;

  private EmbeddedDatabase(DurablePostgres postgres, String databaseName) {
    this.postgres = postgres;
    this.databaseName = databaseName;
  }

  public static EmbeddedDatabase start(Path dataDir, int port, String databaseName)
      throws IOException {
    return start(dataDir, port, databaseName, null, Map.of());
  }

  /**
   * Starts the server with the given server settings ({@code postgresql.conf} names; see {@code
   * suoke.database.settings} in {@code application.yml} for the application's) and, while it runs,
   * keeps its port in {@code portFile} (when given), so that a command-line tool can reach the
   * running database (see {@code audit verify}).
   */
  public static EmbeddedDatabase start(
      Path dataDir, int port, String databaseName, Path portFile, Map<String, String> settings)
      throws IOException {
    DurablePostgres.Builder builder = DurablePostgres.persistent(dataDir).port(port);
    settings.forEach(builder::setting);
    DurablePostgres postgres = builder.start();
    EmbeddedDatabase database = new EmbeddedDatabase(postgres, databaseName);
    try {
      database.createDatabaseIfMissing();
      database.prepareAppRole();
      if (portFile != null) {
        Files.createDirectories(portFile.toAbsolutePath().getParent());
        Files.writeString(portFile, Integer.toString(postgres.port()), StandardCharsets.US_ASCII);
        database.portFile = portFile;
      }
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw new IOException(
          "Embedded PostgreSQL in " + dataDir + " could not be prepared: " + e.getMessage(), e);
    }
    log.info(
        "Embedded PostgreSQL listening on 127.0.0.1:{}, data in {}",
        postgres.port(),
        dataDir.toAbsolutePath());
    return database;
  }

  public int port() {
    return postgres.port();
  }

  /** The database's URL, without a user: each data source says whom it connects as. */
  public String jdbcUrl() {
    return postgres.jdbcUrl(databaseName);
  }

  /** The owner (a superuser): Flyway and the engine connect as it. */
  public String username() {
    return DurablePostgres.SUPERUSER;
  }

  /** The application's login role ({@link #APP_ROLE}). */
  public String appUsername() {
    return APP_ROLE;
  }

  /** The application role's password, new at every start (kept in memory only). */
  public String appPassword() {
    return appPassword;
  }

  /**
   * Creates the application's role if missing, without any privilege of its own, and sets its
   * password.
   */
  private void prepareAppRole() throws SQLException {
    try (Connection c = postgres.adminDataSource().getConnection();
        Statement s = c.createStatement()) {
      boolean exists;
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
        exists = rs.next();
      }
      String attributes =
          " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
              + appPassword
              + "'";
      s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + APP_ROLE + attributes);
    }
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private void createDatabaseIfMissing() throws SQLException {
    if (!"postgres".equals(databaseName)) {
      postgres.createDatabaseIfMissing(databaseName);
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
