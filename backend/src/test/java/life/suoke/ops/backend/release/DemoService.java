package life.suoke.ops.backend.release;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP service of one version, in the test's JVM: {@code /} answers its version (or a 500
 * for every other request while errors are injected), {@code /metrics} exposes its request counters
 * by code ({@code demo_requests_total{version, code}}) and {@code demo_up{version}} for Prometheus.
 */
final class DemoService implements AutoCloseable {

  final String version;
  private final HttpServer server;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean failing;

  DemoService(String version) throws IOException {
    this.version = version;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext(
        "/",
        exchange -> {
          long n = ok.get() + errors.get();
          boolean error = failing && n % 2 == 0;
          (error ? errors : ok).incrementAndGet();
          byte[] body =
              (error ? "error " : "version ").concat(version).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(error ? 500 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              ("# TYPE demo_requests_total counter\n"
                      + "demo_requests_total{version=\""
                      + version
                      + "\",code=\"200\"} "
                      + ok.get()
                      + "\n"
                      + "demo_requests_total{version=\""
                      + version
                      + "\",code=\"500\"} "
                      + errors.get()
                      + "\n"
                      + "# TYPE demo_up gauge\ndemo_up{version=\""
                      + version
                      + "\"} 1\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  /** Half the requests fail with 500 while true. */
  void failing(boolean value) {
    failing = value;
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
