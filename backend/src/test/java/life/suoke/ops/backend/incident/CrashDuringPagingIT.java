package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.PagingGateway;
import life.suoke.ops.backend.support.RunningApplication;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL in the middle of paging, then a restart on the same data: every alert the application
 * acknowledged (202) has its incident and its process, every incident's on-call person gets their
 * page, and no page is delivered twice (a page sent again after the crash carries the same
 * idempotency key, which the gateway keeps once).
 */
class CrashDuringPagingIT {

  static final String MOBILE = "+8613900000301";

  @Test
  void noAcknowledgedAlertIsLostAndNoPageGoesOutTwice() throws Exception {
    PagingGateway gateway = PagingGateway.shared();
    List<String> args = new ArrayList<>();
    gateway.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
    try (RunningApplication app = RunningApplication.start(args)) {
      String routingKey = eventsIntegration(app.admin(), "crash", MOBILE);

      // a burst of alerts from two senders; the application is killed while it pages them
      int total = 60;
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicInteger next = new AtomicInteger();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      ExecutorService senders = Executors.newFixedThreadPool(2);
      for (int t = 0; t < 2; t++) {
        senders.submit(
            () -> {
              for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                if (send(http, app, routingKey, "crash-" + i)) {
                  accepted.add("crash-" + i);
                }
              }
            });
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> accepted.size() >= total / 3);
      app.kill();
      senders.shutdown();
      senders.awaitTermination(60, TimeUnit.SECONDS);
      int acceptedBeforeKill = accepted.size();
      assertThat(acceptedBeforeKill).isLessThan(total);

      app.restart();
      // the source sends again what was not accepted, as Alertmanager and event senders retry
      for (int i = 0; i < total; i++) {
        if (!accepted.contains("crash-" + i)) {
          assertThat(send(http, app, routingKey, "crash-" + i))
              .as("send crash-%d after the restart", i)
              .isTrue();
          accepted.add("crash-" + i);
        }
      }

      // every accepted alert has its incident and its process instance
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  incidents(app).size() == total
                      && incidents(app).values().stream().allMatch(k -> k != null));
      Map<String, Long> incidents = incidents(app);
      assertThat(incidents.keySet()).hasSize(total);

      // every incident's on-call person gets exactly one page by SMS, whatever was in flight at the
      // kill
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> pagedIncidents(gateway).size() == total);
      Map<String, Integer> deliveredPerIncident = new HashMap<>();
      for (PagingGateway.Delivery page : gateway.to(MOBILE)) {
        if (page.channel().equals("sms")) {
          deliveredPerIncident.merge(
              page.idempotencyKey().substring(0, page.idempotencyKey().indexOf(":page:")),
              1,
              Integer::sum);
        }
      }
      assertThat(deliveredPerIncident)
          .hasSize(total)
          .allSatisfy((number, count) -> assertThat(count).isEqualTo(1));
      assertThat(deliveredPerIncident.keySet()).containsExactlyInAnyOrderElementsOf(numbers(app));
      long resent =
          gateway.to(MOBILE).stream()
              .filter(d -> d.channel().equals("sms"))
              .filter(d -> gateway.submissions("sms", d.idempotencyKey()) > 1)
              .count();
      System.out.printf(
          "crash during paging: %d of %d alerts accepted before SIGKILL; %d pages submitted again"
              + " after the restart with their key (delivered once)%n",
          acceptedBeforeKill, total, resent);
    }
  }

  /**
   * Groups {@code <prefix>-t1..t3} and {@code <prefix>-owners}, an on-call user in tier 1 with
   * {@code mobile}, service {@code <prefix>-svc} and an events integration for it; returns the
   * integration's routing key.
   */
  static String eventsIntegration(ApiClient admin, String prefix, String mobile) {
    for (String group :
        List.of(prefix + "-t1", prefix + "-t2", prefix + "-t3", prefix + "-owners")) {
      admin.post(
          "/api/admin/groups", "{\"name\":\"" + group + "\",\"displayName\":\"" + group + "\"}");
    }
    AlertToReviewIT.user(admin, prefix + "-oncall", mobile, prefix + "-t1");
    assertThat(
            admin
                .post(
                    "/api/admin/services",
                    """
        {"name":"%1$s-svc","displayName":"%1$s","serviceClass":"support","ownerGroup":"%1$s-owners",
         "tier1Group":"%1$s-t1","tier2Group":"%1$s-t2","tier3Group":"%1$s-t3"}"""
                        .formatted(prefix))
                .status())
        .isEqualTo(201);
    return admin
        .post(
            "/api/admin/integrations",
            "{\"type\":\"events-v2\",\"name\":\""
                + prefix
                + "-events\",\"service\":\""
                + prefix
                + "-svc\"}")
        .json()
        .get("token")
        .asText();
  }

  static boolean send(HttpClient http, RunningApplication app, String routingKey, String dedupKey) {
    String body =
        """
        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
         "payload":{"summary":"Queue depth high (%s)","source":"queue-1","severity":"error"}}"""
            .formatted(routingKey, dedupKey, dedupKey);
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(app.base() + "/api/integrations/events/v2/enqueue"))
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 202;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Alert key to its incident's process instance key (null while none runs). */
  static Map<String, Long> incidents(RunningApplication app) throws Exception {
    Map<String, Long> found = new HashMap<>();
    try (Connection db = app.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT g.group_key, i.process_instance_key FROM alert_group g"
                    + " JOIN incident i ON i.number = g.incident_number WHERE g.group_key LIKE 'crash-%'");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        found.put(rs.getString(1), (Long) rs.getObject(2));
      }
    }
    return found;
  }

  static List<String> numbers(RunningApplication app) throws Exception {
    List<String> numbers = new ArrayList<>();
    try (Connection db = app.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT incident_number FROM alert_group WHERE group_key LIKE 'crash-%'");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        numbers.add(rs.getString(1));
      }
    }
    return numbers;
  }

  static Set<String> pagedIncidents(PagingGateway gateway) {
    Set<String> paged = new java.util.HashSet<>();
    for (PagingGateway.Delivery page : gateway.to(MOBILE)) {
      if (page.channel().equals("sms")) {
        paged.add(page.idempotencyKey().substring(0, page.idempotencyKey().indexOf(":page:")));
      }
    }
    return paged;
  }
}
