package life.suoke.ops.backend.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A monitor that stops calling opens an incident; alerts inside a maintenance window or silence
 * page nobody.
 */
class HeartbeatAndSilenceTest extends IntakeTestSupport {

  @Autowired HeartbeatMonitor monitor;

  @Test
  void aMissedHeartbeatOpensOneIncidentAndTheNextHeartbeatResolvesIt() {
    String service = service("batch");
    JsonNode integration = integration("heartbeat", service, "PT5M");
    String token = integration.get("token").asText();
    UUID id = UUID.fromString(integration.get("id").asText());
    assertThat(integration.get("url").asText()).endsWith("/api/integrations/heartbeat/" + token);

    Browser.Response beat = send("/api/integrations/heartbeat/" + token, "application/json", "");
    assertThat(beat.status()).isEqualTo(200);
    Instant now = Instant.now();
    monitor.check(now.plus(4, ChronoUnit.MINUTES));
    assertThat(count("SELECT count(*) FROM alert_group WHERE integration_id = ?", id)).isZero();

    monitor.check(now.plus(6, ChronoUnit.MINUTES));
    monitor.check(now.plus(7, ChronoUnit.MINUTES));
    assertThat(
            count(
                "SELECT count(*) FROM alert_group WHERE integration_id = ? AND status = 'firing'",
                id))
        .isEqualTo(1);
    String number =
        jdbc.queryForObject(
            "SELECT incident_number FROM alert_group WHERE integration_id = ?", String.class, id);
    JsonNode incident = admin().get("/api/incidents/" + number).json();
    assertThat(incident.get("source").asText()).isEqualTo("heartbeat");
    assertThat(incident.get("title").asText()).startsWith("Heartbeat missed");

    Browser.Response recovered =
        send("/api/integrations/heartbeat/" + token, "application/json", "");
    assertThat(recovered.json().get("resolved").asText()).isEqualTo(number);
    assertThat(
            count(
                "SELECT count(*) FROM alert_group WHERE integration_id = ? AND status = 'firing'",
                id))
        .isZero();

    assertThat(send("/api/integrations/heartbeat/not-a-token", "application/json", "").status())
        .isEqualTo(401);
  }

  @Test
  void alertsInsideAMaintenanceWindowAreRecordedNotPaged() {
    String service = service("maint");
    String token = token("alertmanager", service);
    Browser.Response window =
        admin()
            .post(
                "/api/admin/silences",
                """
        {"kind":"maintenance","service":"%s","startsAt":"%s","endsAt":"%s","reason":"database upgrade",
         "matchers":[{"label":"alertname","value":"HighErrorRate"}]}"""
                    .formatted(
                        service, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)));
    assertThat(window.status()).as(window.body()).isEqualTo(201);
    String group = "maint-" + UUID.randomUUID();

    Browser.Response send =
        alertmanager(token, alertmanagerPayload(group, "firing", service, "fp-m:firing"));

    assertThat(send.json().get("status").asText()).isEqualTo("suppressed");
    assertThat(send.json().has("incident")).isFalse();
    assertThat(
            count(
                "SELECT count(*) FROM alert_group WHERE group_key = ? AND suppressed_by = ?",
                group,
                window.json().get("id").asLong()))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM incident_alert a JOIN alert_group g ON g.id = a.alert_group_id"
                    + " WHERE g.group_key = ?",
                group))
        .isEqualTo(1);

    // ended early: the next group pages again
    assertThat(admin().delete("/api/admin/silences/" + window.json().get("id").asLong()).status())
        .isEqualTo(204);
    Browser.Response after =
        alertmanager(
            token, alertmanagerPayload("after-" + group, "firing", service, "fp-n:firing"));
    assertThat(after.json().get("status").asText()).isEqualTo("opened");
  }

  @Test
  void aSilenceWithMatchersOnlyCoversAlertsWithThoseLabels() {
    String service = service("silenced");
    String token = token("alertmanager", service);
    admin()
        .post(
            "/api/admin/silences",
            """
        {"service":"%s","startsAt":"%s","endsAt":"%s","reason":"known flapping check",
         "matchers":[{"label":"alertname","value":"SomethingElse"}]}"""
                .formatted(
                    service, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)));

    Browser.Response send =
        alertmanager(
            token, alertmanagerPayload("s-" + UUID.randomUUID(), "firing", service, "fp:firing"));

    assertThat(send.json().get("status").asText()).isEqualTo("opened");
  }

  @Test
  void badSilencesAreRefusedNamingTheFields() {
    Browser.Response bad =
        admin()
            .post(
                "/api/admin/silences",
                """
        {"kind":"holiday","service":"no-such-service","startsAt":"2026-12-03T10:00:00Z",
         "endsAt":"2026-12-03T09:00:00Z","reason":"","matchers":[{"label":""}]}""");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("field"))
        .contains("kind", "service", "endsAt", "reason", "matchers[0]");
  }
}
