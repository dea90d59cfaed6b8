package life.suoke.ops.backend.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.workers.notification.NotificationLedger;
import life.suoke.ops.workers.notification.NotificationLedger.Claim;
import life.suoke.ops.workers.notification.NotificationLedger.Entry;
import life.suoke.ops.workers.notification.NotificationLedger.Status;
import life.suoke.ops.workers.notification.NotificationService;
import life.suoke.ops.workers.notification.Notifier;
import life.suoke.ops.workers.notification.Notifier.Urgency;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The notification ledger on the application's PostgreSQL, as its database role uses it. */
class JdbcNotificationLedgerTest extends ApplicationTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Autowired NotificationLedger ledger;
  @Autowired Notifier notifier;
  @Autowired JdbcTemplate jdbc;

  private static Entry entry(String key) {
    return new Entry(key, "alice", Urgency.PAGE, "P0 支付接口不可用");
  }

  private static String key() {
    return "INC-TEST-" + UUID.randomUUID() + ":page:1:alice";
  }

  private Map<String, Object> row(String key) {
    return jdbc.queryForMap("SELECT * FROM notification WHERE idempotency_key = ?", key);
  }

  @Test
  void theApplicationsNotifierRecordsInThisLedger() {
    assertThat(ledger).isInstanceOf(JdbcNotificationLedger.class);
    assertThat(notifier).isInstanceOf(NotificationService.class);
    String key = key();

    // the test application pages through the DingTalk robot and the SMS gateway on loopback
    Notifier.Result result =
        notifier.send(
            new Notifier.Notification(
                key,
                new Notifier.Recipient(
                    "alice", "Alice", "13800138000", "alice@suoke.example", "alice01"),
                Urgency.PAGE,
                "P0 支付接口不可用",
                "body",
                "https://ops.example/incidents/INC-1"));

    assertThat(result.delivered()).isTrue();
    assertThat(result.channel()).startsWith("sms");
    Map<String, Object> row = row(key);
    assertThat(row)
        .containsEntry("recipient", "alice")
        .containsEntry("urgency", "PAGE")
        .containsEntry("state", "SENT")
        .containsEntry("channel", "sms")
        .containsEntry("attempts", 1)
        .containsEntry("title", "P0 支付接口不可用");
    // the team lane (the DingTalk robot) has its own key
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> "SENT".equals(row(key + "#team").get("state")));
    assertThat(row(key + "#team")).containsEntry("channel", "dingtalk");
  }

  @Test
  void aKeyIsGrantedOnceAndNeverAgainOnceSent() {
    String key = key();

    assertThat(ledger.claim(entry(key), TIMEOUT)).isEqualTo(Claim.GRANTED);
    assertThat(ledger.claim(entry(key), TIMEOUT)).isEqualTo(Claim.BUSY);
    ledger.sent(key, "sms");
    ledger.failed(key);

    assertThat(ledger.claim(entry(key), TIMEOUT)).isEqualTo(Claim.sent("sms"));
    assertThat(ledger.claim(entry(key), Duration.ZERO)).isEqualTo(Claim.sent("sms"));
    assertThat(row(key))
        .containsEntry("state", "SENT")
        .containsEntry("channel", "sms")
        .containsEntry("attempts", 1);
  }

  @Test
  void aFailedKeyMayBeClaimedAgain() {
    String key = key();
    ledger.claim(entry(key), TIMEOUT);
    ledger.failed(key);

    assertThat(ledger.claim(entry(key), TIMEOUT)).isEqualTo(Claim.GRANTED);
    ledger.sent(key, "voice");

    assertThat(row(key))
        .containsEntry("state", "SENT")
        .containsEntry("channel", "voice")
        .containsEntry("attempts", 2);
  }

  @Test
  void aClaimOlderThanTheTimeoutIsTakenOverAsAbandoned() {
    String key = key();
    ledger.claim(entry(key), TIMEOUT);
    // the claiming worker died six minutes ago
    jdbc.update(
        "UPDATE notification SET updated_at = now() - interval '6 minutes' WHERE idempotency_key = ?",
        key);

    assertThat(ledger.claim(entry(key), Duration.ofMinutes(10))).isEqualTo(Claim.BUSY);
    assertThat(ledger.claim(entry(key), TIMEOUT)).isEqualTo(Claim.GRANTED);
    assertThat(ledger.claim(entry(key), TIMEOUT))
        .as("the new claim is fresh")
        .isEqualTo(Claim.BUSY);
    assertThat(row(key)).containsEntry("state", "CLAIMED").containsEntry("attempts", 2);
  }

  @Test
  void ofConcurrentClaimsOfOneKeyExactlyOneIsGranted() throws Exception {
    String key = key();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Claim>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claims.add(
          pool.submit(
              () -> {
                go.await();
                return ledger.claim(entry(key), TIMEOUT);
              }));
    }
    go.countDown();
    List<Status> statuses = new ArrayList<>();
    for (Future<Claim> claim : claims) {
      statuses.add(claim.get().status());
    }
    pool.shutdown();

    assertThat(statuses).filteredOn(s -> s == Status.GRANTED).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == Status.BUSY).hasSize(7);
    assertThat(row(key)).containsEntry("attempts", 1);
  }

  @Test
  void theLedgerKeepsNoAddressesAndNoBodies() {
    String key = key();
    ledger.claim(new Entry(key, "alice", Urgency.INFO, "x".repeat(500)), TIMEOUT);

    assertThat(
            jdbc.queryForList(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'notification'",
                String.class))
        .containsExactlyInAnyOrder(
            "id",
            "idempotency_key",
            "recipient",
            "channel",
            "urgency",
            "state",
            "attempts",
            "title",
            "created_at",
            "updated_at");
    assertThat((String) row(key).get("title")).hasSize(Entry.TITLE_LENGTH);
  }
}
