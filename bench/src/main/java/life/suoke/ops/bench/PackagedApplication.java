package life.suoke.ops.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code backend/target/suoke-ops.jar}) started on its embedded defaults
 * in a directory of its own, on free loopback ports, with its log in {@code application.log} there.
 */
final class PackagedApplication implements AutoCloseable {

  final Path dir;
  final int httpPort;
  final int grpcPort;
  final int restPort;
  final int dbPort;
  final String base;
  private final Process process;

  private PackagedApplication(Path jar, Path dir, String adminPassword, List<String> extraArgs)
      throws IOException {
    this.dir = dir;
    httpPort = freePort();
    grpcPort = freePort();
    restPort = freePort();
    dbPort = freePort();
    base = "http://127.0.0.1:" + httpPort;
    List<String> command = new ArrayList<>(List.of("java", "-Xmx2g"));
    String jvmOptions = System.getenv("BENCH_APP_JVM_OPTS");
    if (jvmOptions != null && !jvmOptions.isBlank()) {
      command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server.port=" + httpPort,
            "--suoke.data-dir=" + dir,
            "--suoke.database.port=" + dbPort,
            "--suoke.engine.grpc-port=" + grpcPort,
            "--suoke.engine.rest-port=" + restPort,
            "--suoke.security.admin-password=" + adminPassword));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("application.log").toFile()))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
  }

  /** The application's process id. */
  long pid() {
    return process.pid();
  }

  /** Starts the jar in a fresh temporary directory and waits until it is healthy. */
  static PackagedApplication start(
      Path jar, String prefix, String adminPassword, List<String> extraArgs) throws Exception {
    return startIn(jar, Files.createTempDirectory(prefix), adminPassword, extraArgs);
  }

  /** Starts the jar in the given (new or empty) directory and waits until it is healthy. */
  static PackagedApplication startIn(
      Path jar, Path dir, String adminPassword, List<String> extraArgs) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no application jar at " + jar + ": run mvn -q -DskipTests package first");
    }
    Files.createDirectories(dir);
    System.out.printf(
        "application: %s (built %s)%ndata: %s%n", jar, Files.getLastModifiedTime(jar), dir);
    PackagedApplication app = new PackagedApplication(jar, dir, adminPassword, extraArgs);
    long started = System.nanoTime();
    app.awaitHealthy(HttpClient.newHttpClient());
    System.out.printf("application up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return app;
  }

  /**
   * Starts the jar again in a directory an earlier run left (its data kept) and waits until it is
   * healthy.
   */
  static PackagedApplication restart(
      Path jar, Path dir, String adminPassword, List<String> extraArgs) throws Exception {
    PackagedApplication app = new PackagedApplication(jar, dir, adminPassword, extraArgs);
    long started = System.nanoTime();
    app.awaitHealthy(HttpClient.newHttpClient());
    System.out.printf("application up again in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return app;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitHealthy(HttpClient http) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the application ended; see " + dir.resolve("application.log"));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the application did not become healthy");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
