package life.suoke.ops.engine.gateway.rest;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * Not a test: measures requests per second of a trivial endpoint ({@code GET /v2/topology}) with
 * keep-alive from a loopback client (Apache HttpClient 5 async, the Camunda client's HTTP stack),
 * once against the Netty-based {@link RestServer} and once against the JDK's HttpServer with a
 * thread pool serving the same bytes, to justify the server choice. Run with the test classpath:
 * {@code java -cp ... life.suoke.ops.engine.gateway.rest.RestThroughputMain [seconds] [connections]
 * [inFlight]}.
 */
public final class RestThroughputMain {

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    // Without TCP_NODELAY the JDK server answers keep-alive requests at Nagle/delayed-ACK pace
    // (~300/s measured); give it the same socket option Netty gets.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round);
      netty(seconds, connections, inFlight);
      jdk(seconds, connections, inFlight);
    }
  }

  private static void netty(int seconds, int connections, int inFlight) throws Exception {
    Router router = new Router();
    IntSupplier port = () -> 26500;
    TopologyEndpoint.register(router, "127.0.0.1", port);
    try (RestServer netty = RestServer.start("127.0.0.1", 0, router, null)) {
      run("netty", netty.port(), seconds, connections, inFlight);
    }
  }

  private static void jdk(int seconds, int connections, int inFlight) throws Exception {

    byte[] body =
        "{\"brokers\":[{\"nodeId\":0,\"host\":\"127.0.0.1\",\"port\":26500,\"partitions\":[{\"partitionId\":1,\"role\":\"leader\",\"health\":\"healthy\"}],\"version\":\"8.8.14\"}],\"clusterSize\":1,\"partitionsCount\":1,\"replicationFactor\":1,\"gatewayVersion\":\"8.8.14\"}"
            .getBytes(StandardCharsets.UTF_8);
    HttpServer jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    jdk.setExecutor(pool);
    jdk.createContext(
        "/v2/topology",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jdk.start();
    try {
      run("jdk-httpserver(8 threads)", jdk.getAddress().getPort(), seconds, connections, inFlight);
    } finally {
      jdk.stop(0);
      pool.shutdownNow();
    }
  }

  private static void run(String name, int port, int seconds, int connections, int inFlight)
      throws Exception {
    try (CloseableHttpAsyncClient client =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .build())
            .build()) {
      client.start();
      URI uri = URI.create("http://127.0.0.1:" + port + "/v2/topology");
      load(client, uri, 2, inFlight); // warm-up
      long start = System.nanoTime();
      long[] result = load(client, uri, seconds, inFlight);
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%s: %d ok, %d failed, %.0f requests/s (%d connections, %d in flight)%n",
          name, result[0], result[1], result[0] / elapsed, connections, inFlight);
    }
  }

  private static long[] load(CloseableHttpAsyncClient client, URI uri, int seconds, int inFlight)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      permits.acquire();
      SimpleHttpRequest request = SimpleRequestBuilder.get(uri).build();
      client.execute(
          request,
          new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
              (response.getCode() == 200 ? ok : failed).incrementAndGet();
              permits.release();
            }

            @Override
            public void failed(Exception ex) {
              failed.incrementAndGet();
              permits.release();
            }

            @Override
            public void cancelled() {
              failed.incrementAndGet();
              permits.release();
            }
          });
    }
    permits.acquire(inFlight);
    return new long[] {ok.get(), failed.get()};
  }
}
