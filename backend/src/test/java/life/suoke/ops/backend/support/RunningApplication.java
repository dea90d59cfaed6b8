package life.suoke.ops.backend.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.backend.FreePort;

/**
 * The packaged application ({@code target/suoke-ops.jar}) as a process of its own, for the
 * integration tests that need what a shared test context cannot give: the engine clock moved, or
 * the process killed with SIGKILL and started again on the same data. Its log goes to {@code
 * application.log} in its data directory.
 */
public final class RunningApplication implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "It-admin-password-1";

  private final Path dir;
  private final List<String> extraArgs;
  private final int httpPort = FreePort.pick();
  private final int dbPort = FreePort.pick();
  private final int grpcPort = FreePort.pick();
  private final int restPort = FreePort.pick();
  private Process process;

  private RunningApplication(Path dir, List<String> extraArgs) {
    this.dir = dir;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts the jar on a fresh data directory and waits until it is healthy. */
  public static RunningApplication start(List<String> extraArgs) throws Exception {
    Path jar = jar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no application jar at " + jar + " (integration tests run after package)");
    }
    RunningApplication app =
        new RunningApplication(Files.createTempDirectory("suoke-it-"), extraArgs);
    app.launch();
    return app;
  }

  private static Path jar() {
    return Path.of(System.getProperty("suoke.it.jar", "target/suoke-ops.jar")).toAbsolutePath();
  }

  private void launch() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar().toString(),
                "--server.port=" + httpPort,
                "--suoke.data-dir=" + dir,
                "--suoke.database.port=" + dbPort,
                "--suoke.engine.grpc-port=" + grpcPort,
                "--suoke.engine.rest-port=" + restPort,
                "--suoke.security.admin-password=" + ADMIN_PASSWORD));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("application.log").toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application ended:\n" + log(60));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the application did not become healthy:\n" + log(60));
  }

  public String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int port() {
    return httpPort;
  }

  public int engineRestPort() {
    return restPort;
  }

  public Path dataDir() {
    return dir;
  }

  public ApiClient admin() {
    return new ApiClient(httpPort, "admin", ADMIN_PASSWORD);
  }

  /**
   * Pins the engine clock (the application must run with {@code
   * --suoke.engine.clock-control=true}).
   */
  public void pinEngineClock(java.time.Instant instant) throws Exception {
    String token = Files.readString(dir.resolve("engine-token")).trim();
    HttpResponse<String> pinned =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/v2/clock"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"timestamp\": " + instant.toEpochMilli() + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (pinned.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "pinning the engine clock: " + pinned.statusCode() + " " + pinned.body());
    }
  }

  /** A connection to the application's embedded PostgreSQL, as its owner. */
  public Connection database() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "");
  }

  /** SIGKILL: no shutdown hook, no flush, as a power cut or the OOM killer would end it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * SIGTERM, as a service manager stops it, and waits for the process to end; returns its exit code
   * (143 for a JVM ended by SIGTERM after its shutdown hooks ran).
   */
  public int stop(Duration within) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "the application did not stop within " + within + ":\n" + log(60));
    }
    return process.exitValue();
  }

  /** Starts the application again on the same data directory and ports. */
  public void restart() throws Exception {
    launch();
  }

  /** The log's last lines, for a failing test's message. */
  public String log(int lines) {
    try {
      List<String> all = Files.readAllLines(dir.resolve("application.log"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
