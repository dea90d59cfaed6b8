package life.suoke.ops.backend.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus and a real Alertmanager (Debian's {@code prometheus} and {@code
 * prometheus-alertmanager}) started on loopback with their own configuration in a temporary
 * directory, and a scrape target whose health the test switches. Prometheus evaluates the rule
 * {@code SuokeDemoDown} every second; Alertmanager groups by alert name and sends to the webhook
 * URL given, resolved notifications included.
 */
public final class MonitoringStack implements AutoCloseable {

  public static final String PROMETHEUS = "/usr/bin/prometheus";
  public static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";

  private final Path dir;
  private final HttpServer target;
  private final List<Process> processes = new ArrayList<>();
  private volatile boolean healthy = true;
  private final int prometheusPort;
  private final int alertmanagerPort;

  private MonitoringStack(Path dir, String webhookUrl, String labels)
      throws IOException, InterruptedException {
    this.dir = dir;
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              ("# TYPE suoke_demo_healthy gauge\nsuoke_demo_healthy " + (healthy ? 1 : 0) + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();
    prometheusPort = freePort();
    alertmanagerPort = freePort();
    Files.writeString(
        dir.resolve("alertmanager.yml"),
        """
        route:
          receiver: suoke
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: suoke
            webhook_configs:
              - url: '%s'
                send_resolved: true
                max_alerts: 0
        """
            .formatted(webhookUrl));
    Files.writeString(
        dir.resolve("rules.yml"),
        """
        groups:
          - name: suoke-demo
            interval: 1s
            rules:
              - alert: SuokeDemoDown
                expr: suoke_demo_healthy == 0
                for: 0s
                labels:
        %s
                annotations:
                  summary: 'Demo service is down'
                  description: 'suoke_demo_healthy is 0 on {{ $labels.instance }}'
        """
            .formatted(
                labels
                    .lines()
                    .map(l -> "          " + l)
                    .reduce("", (a, b) -> a + b + "\n")
                    .stripTrailing()));
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: ['%s']
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['127.0.0.1:%d']
        scrape_configs:
          - job_name: demo
            static_configs:
              - targets: ['127.0.0.1:%d']
        """
            .formatted(dir.resolve("rules.yml"), alertmanagerPort, target.getAddress().getPort()));
    start(
        dir.resolve("alertmanager.log"),
        ALERTMANAGER,
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("alertmanager-data"),
        "--web.listen-address=127.0.0.1:" + alertmanagerPort,
        "--cluster.listen-address=");
    start(
        dir.resolve("prometheus.log"),
        PROMETHEUS,
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
        "--web.listen-address=127.0.0.1:" + prometheusPort,
        "--rules.alert.resend-delay=1s");
    awaitReady("http://127.0.0.1:" + alertmanagerPort + "/-/ready");
    awaitReady("http://127.0.0.1:" + prometheusPort + "/-/ready");
  }

  /**
   * Starts the stack; alerts go to {@code webhookUrl}.
   *
   * @param labels extra labels of the alert rule, one {@code name: value} per line (YAML)
   */
  public static MonitoringStack start(String webhookUrl, String labels)
      throws IOException, InterruptedException {
    return new MonitoringStack(Files.createTempDirectory("suoke-monitoring"), webhookUrl, labels);
  }

  /** Whether the binaries are installed (`.ci/run` installs them). */
  public static boolean installed() {
    return Files.isExecutable(Path.of(PROMETHEUS)) && Files.isExecutable(Path.of(ALERTMANAGER));
  }

  /** The target's health: false makes the rule fire, true lets it resolve. */
  public void healthy(boolean value) {
    healthy = value;
  }

  public String prometheusUrl() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  public String alertmanagerUrl() {
    return "http://127.0.0.1:" + alertmanagerPort;
  }

  /** The logs of both servers, for a failing test's message. */
  public String logs() {
    StringBuilder logs = new StringBuilder();
    for (String name : List.of("prometheus.log", "alertmanager.log")) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve(name));
        logs.append("--- ")
            .append(name)
            .append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
            .append('\n');
      } catch (IOException e) {
        logs.append("--- ").append(name).append(": ").append(e).append('\n');
      }
    }
    return logs.toString();
  }

  private void start(Path log, String... command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    processes.add(builder.start());
  }

  private void awaitReady(String url) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " did not become ready\n" + logs());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    target.stop(0);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
