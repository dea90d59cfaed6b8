package life.suoke.ops.workers.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook target against a real HTTP server on loopback (as a Jenkins or GitLab trigger would
 * be).
 */
class WebhookTargetTest {

  record Received(String event, String signature, JsonNode body, byte[] raw) {}

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          byte[] raw = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Suoke-Event"),
                  exchange.getRequestHeaders().getFirst("X-Suoke-Signature"),
                  new ObjectMapper().readTree(raw),
                  raw));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ReleaseJobs.Release release() {
    return new ReleaseJobs.Release(
        "REL-9",
        "checkout",
        "1.0",
        "2.0",
        Map.of(
            "type",
            "webhook",
            "url",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
        Map.of(),
        List.of());
  }

  @Test
  void eachActionIsPostedSigned() throws Exception {
    WebhookTarget target = new WebhookTarget("s3cret");
    target.deploy(release());
    target.setTraffic(release(), 25, Map.of("header", "X-Variant", "value", "b"));
    target.scaleDown(release());
    assertThat(received)
        .extracting(Received::event)
        .containsExactly("deploy", "traffic", "scale-down");
    Received traffic = received.get(1);
    assertThat(traffic.body().path("weight").asInt()).isEqualTo(25);
    assertThat(traffic.body().path("releaseId").asText()).isEqualTo("REL-9");
    assertThat(traffic.body().path("newVersion").asText()).isEqualTo("2.0");
    assertThat(traffic.body().path("match").path("header").asText()).isEqualTo("X-Variant");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            "s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(traffic.signature())
        .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(traffic.raw())));
  }

  @Test
  void aRefusalOfTheToolFailsTheAction() {
    status.set(503);
    WebhookTarget target = new WebhookTarget(null);
    assertThatThrownBy(() -> target.setTraffic(release(), 50, null)).hasMessageContaining("503");
    assertThat(received).singleElement().satisfies(r -> assertThat(r.signature()).isNull());
  }
}
