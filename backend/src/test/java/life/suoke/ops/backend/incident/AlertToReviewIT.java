package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import life.suoke.ops.backend.support.MonitoringStack;
import life.suoke.ops.backend.support.PagingGateway;
import life.suoke.ops.backend.support.RunningApplication;
import org.junit.jupiter.api.Test;

/**
 * The incident flow end to end, on real parts: a real Prometheus evaluates a rule against a local
 * target and a real Alertmanager sends its webhook to the packaged application, which opens a P1
 * incident and pages tier 1 on the DingTalk robot and by SMS (servers on loopback). Nobody
 * acknowledges for 30 minutes of engine time, so tier 2 is paged; tier 2 acknowledges; the target
 * recovers, Alertmanager sends "resolved", the handler resolves, the incident closes and, being P1,
 * starts its event review.
 */
class AlertToReviewIT {

  static final String PASSWORD = "It-responder-password-1";

  @Test
  void anAlertBecomesAPagedEscalatedResolvedAndReviewedIncident() throws Exception {
    PagingGateway gateway = PagingGateway.shared();
    List<String> args = new ArrayList<>(List.of("--suoke.engine.clock-control=true"));
    gateway.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
    try (RunningApplication app = RunningApplication.start(args)) {
      ApiClient admin = app.admin();
      for (String group : List.of("it-t1", "it-t2", "it-t3", "it-owners")) {
        assertThat(
                admin
                    .post(
                        "/api/admin/groups",
                        "{\"name\":\"" + group + "\",\"displayName\":\"" + group + "\"}")
                    .status())
            .isEqualTo(201);
      }
      user(admin, "it-first", "+8613900000101", "it-t1");
      user(admin, "it-second", "+8613900000102", "it-t2");
      assertThat(
              admin
                  .post(
                      "/api/admin/services",
                      """
          {"name":"it-checkout","displayName":"Checkout","serviceClass":"core","ownerGroup":"it-owners",
           "tier1Group":"it-t1","tier2Group":"it-t2","tier3Group":"it-t3"}""")
                  .status())
          .isEqualTo(201);
      JsonNode integration =
          admin
              .post(
                  "/api/admin/integrations",
                  "{\"type\":\"alertmanager\",\"name\":\"it-alertmanager\",\"service\":\"it-checkout\"}")
              .json();
      String webhook =
          app.base() + "/api/integrations/alertmanager/" + integration.get("token").asText();

      try (MonitoringStack monitoring =
          MonitoringStack.start(webhook, "severity: error\nservice: it-checkout")) {
        // the target goes down: Prometheus fires, Alertmanager sends the group, an incident opens
        monitoring.healthy(false);
        String number =
            await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> incidentOf(app), n -> n != null);
        ApiClient first = new ApiClient(app.port(), "it-first", PASSWORD);
        ApiClient second = new ApiClient(app.port(), "it-second", PASSWORD);
        JsonNode incident =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    () -> first.get("/api/incidents/" + number).json(),
                    i -> "triaged".equals(i.path("status").asText()));
        assertThat(incident.path("priority").asText())
            .as("error on a core service")
            .isEqualTo("P1");
        assertThat(incident.path("source").asText()).isEqualTo("alert");
        assertThat(incident.path("alerts").get(0).path("labels").path("alertname").asText())
            .isEqualTo("SuokeDemoDown");

        // tier 1 is paged on DingTalk (a mention in the team's robot message) and by SMS
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> channels(gateway, "+8613900000101").containsAll(List.of("sms", "dingtalk")));
        assertThat(gateway.to("+8613900000101"))
            .allSatisfy(page -> assertThat(page.text()).contains(number));
        assertThat(gateway.to("+8613900000102")).isEmpty();

        // no acknowledgement within the P1 response time (30 minutes of engine time): tier 2 is
        // paged
        app.pinEngineClock(Instant.now().plus(Duration.ofMinutes(31)));
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> channels(gateway, "+8613900000102").contains("sms"));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> second.get("/api/incidents/" + number).body(),
                org.hamcrest.Matchers.containsString("\"tier\":2"));

        // tier 2 acknowledges and handles
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> actions(second, number).contains("acknowledge"));
        Browser.Response acknowledged =
            second.post("/api/incidents/" + number + "/acknowledge", "{}");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);

        // the target recovers: Alertmanager sends "resolved" for the group
        monitoring.healthy(true);
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () ->
                    second
                        .get("/api/incidents/" + number)
                        .json()
                        .path("alerts")
                        .findValuesAsText("status")
                        .stream()
                        .allMatch("resolved"::equals));

        // the handler resolves: no reporter to confirm, so it closes, and a P1 starts its review
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> actions(second, number).contains("resolve"));
        Browser.Response resolved =
            second.post(
                "/api/incidents/" + number + "/resolve",
                "{\"resolutionType\":\"permanent-fix\",\"resolutionSummary\":\"Restarted the demo target\",\"reviewRequested\":false}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        JsonNode closed =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    () -> second.get("/api/incidents/" + number).json(),
                    i -> "closed".equals(i.path("status").asText()));
        assertThat(closed.path("roles").toString()).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewRequests(app, number) == 1);
        assertThat(closed.path("timeline").toString()).contains("it-second");
      }
    }
  }

  static void user(ApiClient admin, String name, String mobile, String group) {
    Browser.Response created =
        admin.post(
            "/api/admin/users",
            """
        {"username":"%s","password":"%s","displayName":"%s","mobile":"%s","groups":["%s"],"enabled":true}"""
                .formatted(name, PASSWORD, name, mobile, group));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  static List<String> channels(PagingGateway gateway, String mobile) {
    return gateway.to(mobile).stream().map(PagingGateway.Delivery::channel).distinct().toList();
  }

  static List<String> actions(ApiClient user, String number) {
    List<String> actions = new ArrayList<>();
    user.get("/api/incidents/" + number)
        .json()
        .path("actions")
        .forEach(a -> actions.add(a.asText()));
    return actions;
  }

  static String incidentOf(RunningApplication app) throws Exception {
    try (Connection db = app.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT incident_number FROM alert_group WHERE incident_number IS NOT NULL");
        ResultSet rs = q.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static int reviewRequests(RunningApplication app, String number) throws Exception {
    try (Connection db = app.database();
        PreparedStatement q =
            db.prepareStatement(
                "SELECT count(*) FROM incident_review_request WHERE incident_number = ?")) {
      q.setString(1, number);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
