package life.suoke.ops.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries shipped in a Maven artifact (no installation,
 * no Docker), the one way the application, the engine's tests, the process-test kit and the
 * benchmarks start one.
 *
 * <p>The library underneath starts PostgreSQL with fsync and synchronous commit off, which suits
 * throwaway test databases but lets an acknowledged write vanish in a crash, and would make every
 * figure measured on it meaningless. Here the durable settings ({@link #DURABLE_SETTINGS}) are
 * forced, checked with {@code SHOW} once the server is up, and a server that reports anything else
 * is stopped and refused.
 *
 * <p>Two kinds of data directory:
 *
 * <ul>
 *   <li>{@link #persistent(Path)}: the application's, kept across restarts. A server left running
 *       on it by a killed JVM is shut down (fast mode, which keeps every committed transaction)
 *       before the new one starts. Whoever started it stops it, in its own shutdown order.
 *   <li>{@link #temporary(String)}: tests' and benchmarks', a fresh directory deleted when the
 *       server is closed, or when the JVM exits if nobody closed it.
 * </ul>
 */
public final class DurablePostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DurablePostgres.class);

  /**
   * What every server started here runs with; {@link Builder#start()} refuses one that reports
   * otherwise.
   */
  public static final Map<String, String> DURABLE_SETTINGS =
      Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

  /**
   * The superuser the server is initialised with; it connects without a password from 127.0.0.1.
   */
  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres server;
  private final Path dataDir;
  private final Path temporaryDir;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread stopOnExit;

  private DurablePostgres(EmbeddedPostgres server, Path dataDir, Path temporaryDir) {
    this.server = server;
    this.dataDir = dataDir;
    this.temporaryDir = temporaryDir;
    if (temporaryDir != null) {
      // A run that ends without closing must not leave a server, or its directory, behind.
      stopOnExit = new Thread(this::close, "durable-postgres-stop");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
    } else {
      stopOnExit = null;
    }
  }

  /** A server on a data directory that is kept: created when missing, reused when there. */
  public static Builder persistent(Path dataDir) {
    return new Builder(dataDir, null);
  }

  /** A server in a fresh directory under {@code java.io.tmpdir}, deleted when it stops. */
  public static Builder temporary(String prefix) {
    return temporaryIn(Path.of(System.getProperty("java.io.tmpdir")), prefix);
  }

  /**
   * A server in a fresh directory under {@code parent} (its disk is what fsync hits), deleted when
   * it stops.
   */
  public static Builder temporaryIn(Path parent, String prefix) {
    try {
      Files.createDirectories(parent);
      Path dir = Files.createTempDirectory(parent, prefix);
      return new Builder(dir.resolve("data"), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not create a directory for PostgreSQL under " + parent, e);
    }
  }

  /** How to start a server. */
  public static final class Builder {

    private final Path dataDir;
    private final Path temporaryDir;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private int port;

    private Builder(Path dataDir, Path temporaryDir) {
      this.dataDir = dataDir;
      this.temporaryDir = temporaryDir;
      settings.put("listen_addresses", "127.0.0.1");
    }

    /** The port to listen on; 0 (the default) takes a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * A server setting ({@code max_connections}, {@code track_wal_io_timing}, ...). The durable
     * settings cannot be changed here.
     */
    public Builder setting(String name, String value) {
      if (DURABLE_SETTINGS.containsKey(name) && !DURABLE_SETTINGS.get(name).equals(value)) {
        throw new IllegalArgumentException(name + " is always " + DURABLE_SETTINGS.get(name));
      }
      settings.put(name, value);
      return this;
    }

    /**
     * Starts the server and checks that it is durable; throws, with nothing left running, if not.
     */
    public DurablePostgres start() throws IOException {
      long began = System.nanoTime();
      Files.createDirectories(dataDir);
      if (temporaryDir == null) {
        stopOrphanedServer(dataDir);
      }
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              // The library would stop the server in a JVM shutdown hook of its own, concurrently
              // with
              // the application's shutdown, while the engine still writes and its exporters still
              // read.
              // A persistent server is stopped by its owner, last; a temporary one by our own hook.
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60));
      if (port > 0) {
        builder.setPort(port);
      }
      settings.forEach(builder::setServerConfig);
      DURABLE_SETTINGS.forEach(builder::setServerConfig);
      EmbeddedPostgres started;
      try {
        started = builder.start();
      } catch (IOException | RuntimeException e) {
        if (temporaryDir != null) {
          deleteQuietly(temporaryDir);
        }
        throw e;
      }
      DurablePostgres postgres = new DurablePostgres(started, dataDir, temporaryDir);
      try {
        postgres.verifyDurable();
      } catch (SQLException | RuntimeException e) {
        postgres.close();
        throw new IOException("PostgreSQL in " + dataDir + " is not usable: " + e.getMessage(), e);
      }
      log.debug(
          "PostgreSQL started in {} ms on 127.0.0.1:{}, data in {}",
          (System.nanoTime() - began) / 1_000_000,
          started.getPort(),
          dataDir);
      return postgres;
    }
  }

  public int port() {
    return server.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The URL of a database on this server, without credentials. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** A data source for the superuser on a database of this server. */
  public DataSource dataSource(String database) {
    return server.getDatabase(SUPERUSER, database);
  }

  /** A data source for the superuser on the {@code postgres} database. */
  public DataSource adminDataSource() {
    return server.getPostgresDatabase();
  }

  /** Creates a database unless it exists; the name must be a plain lower-case SQL identifier. */
  public void createDatabaseIfMissing(String name) throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "database name must be a plain lower-case identifier: " + name);
    }
    try (Connection c = adminDataSource().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** What {@code SHOW} reports for each of the given settings, in order. */
  public Map<String, String> show(String... names) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    try (Connection c = adminDataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String name : names) {
        if (!name.matches("[a-z_]+")) {
          throw new IllegalArgumentException("not a setting name: " + name);
        }
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          values.put(name, rs.getString(1));
        }
      }
    }
    return values;
  }

  private void verifyDurable() throws SQLException {
    Map<String, String> actual = show(DURABLE_SETTINGS.keySet().toArray(String[]::new));
    for (Map.Entry<String, String> required : DURABLE_SETTINGS.entrySet()) {
      if (!required.getValue().equals(actual.get(required.getKey()))) {
        throw new IllegalStateException(
            "PostgreSQL setting "
                + required.getKey()
                + " is "
                + actual.get(required.getKey())
                + ", expected "
                + required.getValue());
      }
    }
  }

  /**
   * Stops the server (fast shutdown: every committed transaction is kept); a temporary one's
   * directory goes too.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (stopOnExit != null && Thread.currentThread() != stopOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException ignored) {
        // the JVM is already shutting down
      }
    }
    try {
      server.close();
    } catch (IOException e) {
      log.warn("Stopping PostgreSQL on {} failed: {}", dataDir, e.getMessage());
    }
    if (temporaryDir != null) {
      deleteQuietly(temporaryDir);
    }
  }

  /**
   * A JVM that was killed leaves its PostgreSQL child running on the data directory; the next start
   * would find the directory locked. Shut that server down before starting our own.
   */
  private static void stopOrphanedServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine =
        Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
            .findFirst()
            .orElse("")
            .trim();
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
    log.warn(
        "Stopping a PostgreSQL server (pid {}) left running on {} by an earlier process",
        pid,
        dataDir);
    try {
      // SIGINT asks PostgreSQL for a fast shutdown.
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
      process.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(
          "PostgreSQL server " + pid + " on " + dataDir + " did not stop: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a temporary directory
    }
  }
}
