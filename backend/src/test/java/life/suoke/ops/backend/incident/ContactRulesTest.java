package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.notification.PageFollowUps;
import life.suoke.ops.backend.support.PagingGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Contact rules over HTTP and in a real page: a person's steps without delay are the page's lane
 * (here a call before any SMS), a later step is sent when due, and an acknowledgement cancels the
 * steps still waiting.
 */
class ContactRulesTest extends IncidentTestSupport {

  private static final String MINE = "/api/me/contact-rules";

  @Autowired PageFollowUps followUps;

  private static Map<String, Object> rules(Object... channelAndDelay) {
    List<Map<String, Object>> rules = new java.util.ArrayList<>();
    for (int i = 0; i < channelAndDelay.length; i += 2) {
      rules.add(Map.of("channel", channelAndDelay[i], "delayMinutes", channelAndDelay[i + 1]));
    }
    return Map.of("rules", rules);
  }

  /**
   * The SMS and calls to the mobile, in order (the team's DingTalk lane mentions it too: left out).
   */
  private List<String> phone(String mobile) {
    return gateway().to(mobile).stream()
        .map(PagingGateway.Delivery::channel)
        .filter(c -> !c.equals("dingtalk"))
        .toList();
  }

  private int ruleRows(String user) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM contact_rule WHERE username = ?", Integer.class, user);
  }

  @Test
  void everyoneKeepsTheirOwnRulesAndBadRulesAreRefusedFieldByField() {
    String user = user("rules-user");
    assertThat(getOk(user, MINE).path("rules")).isEmpty();

    ResponseEntity<JsonNode> bad =
        put(user, MINE, rules("voice", 3, "pager", 5, "voice", 10, "sms", 500));
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(bad.getBody()))
        .containsExactly(
            "rules[0].delayMinutes",
            "rules[1].channel",
            "rules[2].channel",
            "rules[3].delayMinutes");
    ResponseEntity<JsonNode> backwards = put(user, MINE, rules("voice", 0, "sms", 10, "email", 5));
    assertThat(fields(backwards.getBody())).containsExactly("rules[2].delayMinutes");
    assertThat(ruleRows(user)).isZero();

    ResponseEntity<JsonNode> saved = put(user, MINE, rules("dingtalk", 0, "sms", 0, "voice", 5));
    assertThat(saved.getStatusCode().value()).as("%s", saved.getBody()).isEqualTo(200);
    assertThat(saved.getBody().path("rules").get(2).path("channel").asText()).isEqualTo("voice");
    assertThat(getOk(user, MINE).path("rules")).hasSize(3);
    assertThat(get(user, "/api/admin/users/" + user + "/contact-rules").getStatusCode().value())
        .as("another's rules are for administrators")
        .isEqualTo(403);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_type = 'user' AND object_id = ?",
                String.class,
                user))
        .contains("user.contact-rules");

    assertThat(put(user, MINE, rules()).getStatusCode().value()).isEqualTo(200);
    assertThat(ruleRows(user)).as("an empty list is the default again").isZero();
  }

  @Test
  void aPageFollowsTheRulesAndTheAcknowledgementCancelsTheLaterSteps() {
    String responder = user("rules-responder", IncidentAccess.DEFAULT_TIER1);
    String reporter = user("rules-reporter");
    String mobile = mobile(responder);
    assertThat(put(responder, MINE, rules("voice", 0, "sms", 5)).getStatusCode().value())
        .isEqualTo(200);

    String number = openReport(reporter, "error", "rules-unknown-svc");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(150))
        .until(() -> !phone(mobile).isEmpty());
    assertThat(phone(mobile)).as("the call first, no SMS yet").containsExactly("voice");
    List<String> waiting = followUps.pending(number + ":");
    assertThat(waiting).singleElement().asString().endsWith(responder + ":1#sms");

    // five minutes later (moved into the past here) the SMS goes out, once
    jdbc.update(
        "UPDATE notification_follow_up SET due_at = now() - interval '1 second' WHERE page_key LIKE ?",
        number + ":%");
    assertThat(followUps.sendDue()).isEqualTo(1);
    assertThat(followUps.sendDue()).isZero();
    assertThat(phone(mobile)).containsExactly("voice", "sms");
    assertThat(gateway().to(mobile))
        .filteredOn(d -> d.channel().equals("sms"))
        .singleElement()
        .extracting(PagingGateway.Delivery::idempotencyKey)
        .asString()
        .endsWith("#sms");

    // a second incident: acknowledged before the SMS is due, so it is never sent
    String second = openReport(reporter, "error", "rules-unknown-svc");
    await().atMost(Duration.ofSeconds(30)).until(() -> followUps.pending(second + ":").size() == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(150))
        .until(
            () ->
                getOk(responder, "/api/incidents/" + second)
                    .path("actions")
                    .toString()
                    .contains("acknowledge"));
    postOk(responder, "/api/incidents/" + second + "/acknowledge", null);
    assertThat(followUps.pending(second + ":")).isEmpty();
    jdbc.update(
        "UPDATE notification_follow_up SET due_at = now() - interval '1 second' WHERE page_key LIKE ?",
        second + ":%");
    assertThat(followUps.sendDue()).isZero();
    assertThat(phone(mobile)).containsExactly("voice", "sms", "voice");
  }
}
