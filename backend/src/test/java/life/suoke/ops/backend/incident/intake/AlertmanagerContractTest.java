package life.suoke.ops.backend.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.backend.support.MonitoringStack;
import org.junit.jupiter.api.Test;

/**
 * What a real Alertmanager sends is what the intake reads: the webhook payloads of a firing and a
 * resolved group, as Debian's Prometheus and Alertmanager produce them, pass the intake's strict
 * reading (unknown fields refused) and reduce to the expected group sends.
 */
class AlertmanagerContractTest {

  @Test
  void realAlertmanagerPayloadsAreReadAsVersion4Groups() throws Exception {
    assertThat(MonitoringStack.installed())
        .as("Debian packages prometheus and prometheus-alertmanager (.ci/run installs them)")
        .isTrue();
    BlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    ObjectMapper strict =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    try (MonitoringStack stack = MonitoringStack.start(url, "severity: critical\nservice: demo")) {
      stack.healthy(false);
      byte[] firing = bodies.poll(90, TimeUnit.SECONDS);
      assertThat(firing).as("a firing notification\n%s", stack.logs()).isNotNull();
      AlertIntake.GroupSend send =
          strict.readValue(firing, AlertmanagerWebhook.class).toGroupSend();
      assertThat(send.resolved()).isFalse();
      assertThat(send.severity()).isEqualTo("critical");
      assertThat(send.title()).isEqualTo("Demo service is down");
      assertThat(send.labels())
          .containsEntry("alertname", "SuokeDemoDown")
          .containsEntry("service", "demo");
      assertThat(send.alerts())
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.firing()).isTrue();
                assertThat(alert.fingerprint()).isNotBlank();
                assertThat(alert.endsAt()).as("0001-01-01 while firing").isNull();
                assertThat(alert.generatorUrl()).contains("/graph?g0.expr=suoke_demo_healthy");
              });
      String groupKey = send.groupKey();

      stack.healthy(true);
      AlertIntake.GroupSend resolved = null;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (resolved == null && System.nanoTime() < end) {
        byte[] body = bodies.poll(5, TimeUnit.SECONDS);
        if (body != null) {
          AlertIntake.GroupSend next =
              strict.readValue(body, AlertmanagerWebhook.class).toGroupSend();
          if (next.resolved()) {
            resolved = next;
          }
        }
      }
      assertThat(resolved).as("a resolved notification\n%s", stack.logs()).isNotNull();
      assertThat(resolved.groupKey()).isEqualTo(groupKey);
      assertThat(resolved.alerts())
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.firing()).isFalse();
                assertThat(alert.endsAt()).isNotNull();
              });
    } finally {
      receiver.stop(0);
    }
  }
}
