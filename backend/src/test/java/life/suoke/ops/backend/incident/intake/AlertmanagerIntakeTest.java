package life.suoke.ops.backend.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/integrations/alertmanager/{token}}: one incident per group, alerts by
 * fingerprint.
 */
class AlertmanagerIntakeTest extends IntakeTestSupport {

  @Test
  void aFiringGroupOpensOneIncidentAndItsAlertsAreKeptByFingerprint() {
    String service = service("payments");
    String token = token("alertmanager", service);
    String group = "{}:{alertname=\"HighErrorRate\"}-" + UUID.randomUUID();

    Browser.Response first =
        alertmanager(token, alertmanagerPayload(group, "firing", service, "fp-a:firing"));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("status").asText()).isEqualTo("opened");
    String number = first.json().get("incident").asText();
    assertThat(number).matches("INC-\\d{8}-\\d{4}");

    // Alertmanager sends the whole group again (group_interval, repeat_interval): still one
    // incident
    Browser.Response again =
        alertmanager(token, alertmanagerPayload(group, "firing", service, "fp-a:firing"));
    assertThat(again.json().get("incident").asText()).isEqualTo(number);
    Browser.Response more =
        alertmanager(
            token, alertmanagerPayload(group, "firing", service, "fp-a:firing", "fp-b:firing"));
    assertThat(more.json().get("status").asText()).isEqualTo("updated");
    assertThat(count("SELECT count(*) FROM alert_group WHERE incident_number = ?", number))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM incident_alert WHERE incident_number = ?", number))
        .isEqualTo(2);

    // a group whose first send names a fingerprint twice: one alert, as the later entry says
    String twice = "{}:{alertname=\"Twice\"}-" + UUID.randomUUID();
    Browser.Response doubled =
        alertmanager(
            token,
            alertmanagerPayload(
                twice, "firing", service, "fp-t:firing:2026-12-03T01:00:00Z", "fp-t:firing"));
    assertThat(doubled.json().get("status").asText()).isEqualTo("opened");
    String doubledNumber = doubled.json().get("incident").asText();
    assertThat(
            count(
                "SELECT count(*) FROM incident_alert a JOIN alert_group g ON g.id = a.alert_group_id"
                    + " WHERE g.incident_number = ? AND a.incident_number = g.incident_number"
                    + " AND a.fingerprint = 'fp-t'"
                    + " AND a.starts_at = TIMESTAMPTZ '2026-12-03T02:00:00Z'",
                doubledNumber))
        .isEqualTo(1);
    assertThat(
            count("SELECT count(*) FROM incident_alert WHERE incident_number = ?", doubledNumber))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM incident_alert WHERE incident_number = ? AND fingerprint = 'fp-a'"
                    + " AND count = 1",
                number))
        .isEqualTo(1);

    // fp-a resolves and fires again (a new startsAt): counted, and on the incident's timeline
    alertmanager(
        token, alertmanagerPayload(group, "firing", service, "fp-a:resolved", "fp-b:firing"));
    alertmanager(
        token,
        alertmanagerPayload(
            group, "firing", service, "fp-a:firing:2026-12-03T04:00:00Z", "fp-b:firing"));
    assertThat(
            count(
                "SELECT count FROM incident_alert WHERE incident_number = ? AND fingerprint = 'fp-a'",
                number))
        .isEqualTo(2);
    JsonNode incident = admin().get("/api/incidents/" + number).json();
    assertThat(incident.get("service").asText()).isEqualTo(service);
    assertThat(incident.get("source").asText()).isEqualTo("alert");
    assertThat(incident.get("timeline").toString()).contains("fired again");
    assertThat(incident.get("alerts")).hasSize(2);
    assertThat(incident.get("alerts").findValuesAsText("fingerprint"))
        .containsExactlyInAnyOrder("fp-a", "fp-b");
    assertThat(incident.get("alerts").get(0).get("labels").get("alertname").asText())
        .isEqualTo("HighErrorRate");

    // the whole group resolved: the alert side of the incident is resolved, the group closed
    Browser.Response resolved =
        alertmanager(
            token,
            alertmanagerPayload(group, "resolved", service, "fp-a:resolved", "fp-b:resolved"));
    assertThat(resolved.json().get("status").asText()).isEqualTo("resolved");
    assertThat(
            count(
                "SELECT count(*) FROM alert_group WHERE incident_number = ? AND status = 'resolved'",
                number))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM incident_alert WHERE incident_number = ? AND status = 'firing'",
                number))
        .isZero();

    // the same group firing later is a new incident
    Browser.Response later =
        alertmanager(token, alertmanagerPayload(group, "firing", service, "fp-a:firing"));
    assertThat(later.json().get("incident").asText()).isNotEqualTo(number);
  }

  @Test
  void labelRulesMapAlertsToTheirService() {
    String integrationService = service("edge");
    String ruled = service("ledger");
    JsonNode definition = admin().get("/api/admin/services/" + ruled).json();
    String body =
        definition
            .toString()
            .replace(
                "\"labelRules\":[]",
                "\"labelRules\":[{\"label\":\"team\",\"value\":\"" + ruled + "-team\"}]");
    assertThat(admin().put("/api/admin/services/" + ruled, body).status()).isEqualTo(200);
    String token = token("alertmanager", integrationService);
    String payload =
        alertmanagerPayload("rule-" + UUID.randomUUID(), "firing", "no-such-service", "fp-r:firing")
            .replace(
                "\"severity\":\"critical\"}",
                "\"severity\":\"critical\",\"team\":\"" + ruled + "-team\"}");

    String number = alertmanager(token, payload).json().get("incident").asText();

    assertThat(admin().get("/api/incidents/" + number).json().get("service").asText())
        .isEqualTo(ruled);
  }

  @Test
  void badSendsAreRefusedWithAProblemAndWriteNothing() {
    String service = service("refused");
    String token = token("alertmanager", service);
    String valid = alertmanagerPayload("bad-" + UUID.randomUUID(), "firing", service, "fp:firing");
    int before = writtenRows();

    Browser.Response wrongToken = alertmanager("0123456789abcdef0123456789abcdef", valid);
    assertThat(wrongToken.status()).isEqualTo(401);
    assertThat(wrongToken.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

    Browser.Response malformed = alertmanager(token, "{\"version\":\"4\",");
    assertThat(malformed.status()).isEqualTo(400);

    Browser.Response unknownField =
        alertmanager(token, valid.replaceFirst("\\{", "{\"surprise\":1,"));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("errors").get(0).get("field").asText())
        .isEqualTo("surprise");

    Browser.Response wrongVersion =
        alertmanager(token, valid.replace("\"version\":\"4\"", "\"version\":\"3\""));
    assertThat(wrongVersion.status()).isEqualTo(400);
    assertThat(wrongVersion.json().get("errors").get(0).get("field").asText()).isEqualTo("version");

    Browser.Response noFingerprint =
        alertmanager(token, valid.replace("\"fingerprint\":\"fp\"", "\"fingerprint\":\"\""));
    assertThat(noFingerprint.status()).isEqualTo(400);
    assertThat(noFingerprint.json().get("errors").get(0).get("field").asText())
        .isEqualTo("alerts[0].fingerprint");

    Browser.Response badTime =
        alertmanager(token, valid.replace("2026-12-03T02:00:00Z", "yesterday"));
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.json().get("errors").get(0).get("field").asText())
        .isEqualTo("alerts[0].startsAt");

    Browser.Response oversized =
        alertmanager(
            token,
            valid.replace(
                "\"receiver\":\"suoke\"", "\"receiver\":\"" + "x".repeat(1_100_000) + "\""));
    assertThat(oversized.status()).isEqualTo(413);

    Browser.Response notJson = send("/api/integrations/alertmanager/" + token, "text/plain", valid);
    assertThat(notJson.status()).isEqualTo(415);

    assertThat(writtenRows()).isEqualTo(before);
  }
}
