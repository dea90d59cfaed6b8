package life.suoke.ops.backend.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;

/** {@code POST /api/integrations/events/v2/enqueue}, compatible with PagerDuty's Events API v2. */
class EventsV2IntakeTest extends IntakeTestSupport {

  static String event(String routingKey, String action, String dedupKey) {
    String key = dedupKey == null ? "" : ",\"dedup_key\":\"" + dedupKey + "\"";
    String payload =
        action.equals("trigger")
            ? ",\"payload\":{\"summary\":\"Disk full on db-1\",\"source\":\"db-1\",\"severity\":\"error\","
                + "\"component\":\"postgres\",\"custom_details\":{\"free\":\"0%\"}}"
            : "";
    return "{\"routing_key\":\""
        + routingKey
        + "\",\"event_action\":\""
        + action
        + "\""
        + key
        + payload
        + "}";
  }

  @Test
  void triggerAcknowledgeResolveByDedupKey() {
    String service = service("storage");
    String key = token("events-v2", service);
    String dedup = "disk-" + UUID.randomUUID();

    Browser.Response trigger = enqueue(event(key, "trigger", dedup));
    assertThat(trigger.status()).as(trigger.body()).isEqualTo(202);
    assertThat(trigger.json().get("status").asText()).isEqualTo("success");
    assertThat(trigger.json().get("message").asText()).isEqualTo("Event processed");
    assertThat(trigger.json().get("dedup_key").asText()).isEqualTo(dedup);
    String number =
        jdbc.queryForObject(
            "SELECT incident_number FROM alert_group WHERE group_key = ?", String.class, dedup);
    assertThat(number).startsWith("INC-");

    // the same key again: the same alert, one more trigger counted, no new incident
    assertThat(enqueue(event(key, "trigger", dedup)).status()).isEqualTo(202);
    assertThat(count("SELECT count(*) FROM alert_group WHERE group_key = ?", dedup)).isEqualTo(1);
    assertThat(count("SELECT count FROM incident_alert WHERE incident_number = ?", number))
        .isEqualTo(2);

    assertThat(enqueue(event(key, "acknowledge", dedup)).status()).isEqualTo(202);
    assertThat(admin().get("/api/incidents/" + number).json().get("timeline").toString())
        .containsIgnoringCase("acknowledg");

    assertThat(enqueue(event(key, "resolve", dedup)).status()).isEqualTo(202);
    assertThat(
            count(
                "SELECT count(*) FROM alert_group WHERE group_key = ? AND status = 'resolved'",
                dedup))
        .isEqualTo(1);

    // after a resolve the same key opens a new alert
    enqueue(event(key, "trigger", dedup));
    assertThat(count("SELECT count(*) FROM alert_group WHERE group_key = ?", dedup)).isEqualTo(2);
  }

  @Test
  void aTriggerWithoutDedupKeyGetsOneAndKeysOnlyMatchTheirRoutingKey() {
    String service = service("queue");
    String first = token("events-v2", service);
    String second = token("events-v2", service);

    Browser.Response generated = enqueue(event(first, "trigger", null));
    String dedup = generated.json().get("dedup_key").asText();
    assertThat(dedup).hasSize(32);

    enqueue(event(second, "trigger", dedup));
    assertThat(
            count(
                "SELECT count(DISTINCT incident_number) FROM alert_group WHERE group_key = ?",
                dedup))
        .isEqualTo(2);
  }

  @Test
  void badEventsAreRefusedNamingTheFieldAndWriteNothing() {
    String key = token("events-v2", service("refused-events"));
    int before = writtenRows();

    Browser.Response unknownKey =
        enqueue(event("ffffffffffffffffffffffffffffffff", "trigger", "x"));
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.json().get("errors").get(0).get("field").asText())
        .isEqualTo("routing_key");

    Browser.Response badAction = enqueue(event(key, "snooze", "x"));
    assertThat(badAction.status()).isEqualTo(400);
    assertThat(badAction.json().get("errors").get(0).get("field").asText())
        .isEqualTo("event_action");

    Browser.Response badSeverity =
        enqueue(event(key, "trigger", "x").replace("\"error\"", "\"fatal\""));
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.json().get("errors").get(0).get("field").asText())
        .isEqualTo("payload.severity");

    Browser.Response longSummary =
        enqueue(event(key, "trigger", "x").replace("Disk full on db-1", "d".repeat(1025)));
    assertThat(longSummary.json().get("errors").get(0).get("field").asText())
        .isEqualTo("payload.summary");

    Browser.Response longKey = enqueue(event(key, "trigger", "k".repeat(256)));
    assertThat(longKey.json().get("errors").get(0).get("field").asText()).isEqualTo("dedup_key");

    Browser.Response resolveWithoutKey = enqueue(event(key, "resolve", null));
    assertThat(resolveWithoutKey.json().get("errors").get(0).get("field").asText())
        .isEqualTo("dedup_key");

    Browser.Response unknownField =
        enqueue(event(key, "trigger", "x").replace("\"source\":", "\"sauce\":1,\"source\":"));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("errors").get(0).get("field").asText())
        .isEqualTo("payload.sauce");

    assertThat(writtenRows()).isEqualTo(before);
  }
}
