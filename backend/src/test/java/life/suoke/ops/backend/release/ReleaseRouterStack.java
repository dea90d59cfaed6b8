package life.suoke.ops.backend.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's {@code nginx}) and a real Prometheus (Debian's {@code prometheus}) as the
 * test's child processes, on loopback, with their own configuration, ports and data under one
 * directory: nginx proxies to {@code $demo_upstream}, whose upstream file the application writes
 * and reloads; Prometheus scrapes the demo services every second.
 */
final class ReleaseRouterStack implements AutoCloseable {

  static final String NGINX = "/usr/sbin/nginx";
  static final String PROMETHEUS = "/usr/bin/prometheus";

  final Path dir;
  final Path upstreams;
  final int nginxPort;
  final int prometheusPort;
  private final List<Process> processes = new ArrayList<>();

  ReleaseRouterStack(Path dir, List<DemoService> services)
      throws IOException, InterruptedException {
    this.dir = dir;
    this.upstreams = dir.resolve("upstreams");
    Files.createDirectories(upstreams);
    Files.createDirectories(dir.resolve("nginx/logs"));
    Files.createDirectories(dir.resolve("nginx/temp"));
    nginxPort = freePort();
    prometheusPort = freePort();
    DemoService first = services.get(0);
    Files.writeString(
        upstreams.resolve("demo.conf"),
        """
        upstream demo_weighted { server %s; }
        upstream demo_canary { server %s; }
        map $uri $demo_upstream { default demo_weighted; }
        """
            .formatted(first.address(), first.address()));
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(
        dir.resolve("nginx/nginx.conf"),
        """
        %s
        worker_processes 1;
        daemon off;
        pid %s;
        error_log %s warn;
        events { worker_connections 512; }
        http {
          access_log off;
          client_body_temp_path %s/body;
          proxy_temp_path %s/proxy;
          fastcgi_temp_path %s/fastcgi;
          uwsgi_temp_path %s/uwsgi;
          scgi_temp_path %s/scgi;
          include %s/*.conf;
          server {
            listen 127.0.0.1:%d;
            location / { proxy_pass http://$demo_upstream; }
          }
        }
        """
            .formatted(
                root ? "user root;" : "",
                dir.resolve("nginx/nginx.pid"),
                dir.resolve("nginx/logs/error.log"),
                temp(),
                temp(),
                temp(),
                temp(),
                temp(),
                upstreams,
                nginxPort));
    StringBuilder targets = new StringBuilder();
    for (DemoService service : services) {
      targets.append("'").append(service.address()).append("',");
    }
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: demo
            static_configs:
              - targets: [%s]
        """
            .formatted(targets.substring(0, targets.length() - 1)));
    start(dir.resolve("nginx.out"), nginxCommand());
    start(
        dir.resolve("prometheus.log"),
        List.of(
            PROMETHEUS,
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
            "--web.listen-address=127.0.0.1:" + prometheusPort));
    awaitReady("http://127.0.0.1:" + prometheusPort + "/-/ready");
    awaitReady("http://127.0.0.1:" + nginxPort + "/");
  }

  static boolean installed() {
    return Files.isExecutable(Path.of(NGINX)) && Files.isExecutable(Path.of(PROMETHEUS));
  }

  private String temp() {
    return dir.resolve("nginx/temp").toString();
  }

  /** nginx with this stack's prefix, configuration and error log, and the extra arguments. */
  List<String> nginxCommand(String... more) {
    List<String> command =
        new ArrayList<>(
            List.of(
                NGINX,
                "-p",
                dir.resolve("nginx").toString(),
                "-c",
                dir.resolve("nginx/nginx.conf").toString(),
                "-e",
                dir.resolve("nginx/logs/error.log").toString()));
    command.addAll(List.of(more));
    return command;
  }

  String prometheusUrl() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  /** One request through nginx on a fresh connection (HTTP/1.0); the body, or "error" on a 5xx. */
  String call() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", nginxPort), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.0\r\nHost: demo\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int body = response.indexOf("\r\n\r\n");
      return body < 0 ? "" : response.substring(body + 4);
    }
  }

  String logs() throws IOException {
    StringBuilder logs = new StringBuilder();
    for (Path file :
        List.of(
            dir.resolve("nginx.out"),
            dir.resolve("nginx/logs/error.log"),
            dir.resolve("prometheus.log"))) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        logs.append("== ")
            .append(file.getFileName())
            .append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
            .append('\n');
      }
    }
    return logs.toString();
  }

  private void start(Path log, List<String> command) throws IOException {
    processes.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start());
  }

  private void awaitReady(String url) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(1000);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // retry
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " not ready:\n" + logs());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
