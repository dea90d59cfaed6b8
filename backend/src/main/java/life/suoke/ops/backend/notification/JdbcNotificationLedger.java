package life.suoke.ops.backend.notification;

import java.time.Duration;
import java.util.List;
import life.suoke.ops.workers.notification.NotificationLedger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification ledger in PostgreSQL ({@code notification}, V5). A claim is one statement: an
 * insert that, on a key already there, takes it over only when it failed or its claim is older than
 * the claim timeout; PostgreSQL's row lock makes exactly one of concurrent claims win. Times are
 * the database's, so workers with skewed clocks agree. With this bean in the context the workers'
 * auto-configuration provides the {@link life.suoke.ops.workers.notification.Notifier}.
 */
@Repository
public class JdbcNotificationLedger implements NotificationLedger {

  private final JdbcTemplate jdbc;

  public JdbcNotificationLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims left by an earlier run of the application (it died between claiming a key and recording
   * the outcome) are released when it starts, so that the retried jobs send them at once instead of
   * waiting for the claim timeout. The application is the only sender of its ledger (one node, as
   * it runs its engine), so no claim of an earlier run can still be in flight.
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationStartedEvent.class)
  void releaseClaimsOfEarlierRuns() {
    java.sql.Timestamp started =
        new java.sql.Timestamp(
            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    int released =
        jdbc.update(
            "UPDATE notification SET state = 'FAILED', updated_at = now()"
                + " WHERE state = 'CLAIMED' AND updated_at < ?",
            started);
    if (released > 0) {
      org.slf4j.LoggerFactory.getLogger(JdbcNotificationLedger.class)
          .info(
              "Released {} notification claims left by an earlier run; their jobs send them again",
              released);
    }
  }

  @Override
  public Claim claim(Entry entry, Duration claimTimeout) {
    List<Integer> granted =
        jdbc.queryForList(
            """
        INSERT INTO notification (idempotency_key, recipient, urgency, state, attempts, title)
        VALUES (?, ?, ?, 'CLAIMED', 1, ?)
        ON CONFLICT (idempotency_key) DO UPDATE
           SET state = 'CLAIMED', channel = NULL, attempts = notification.attempts + 1, updated_at = now()
         WHERE notification.state = 'FAILED'
            OR (notification.state = 'CLAIMED' AND notification.updated_at < now() - make_interval(secs => ?))
        RETURNING attempts""",
            Integer.class,
            entry.key(),
            entry.username(),
            entry.urgency().name(),
            entry.title(),
            claimTimeout.toMillis() / 1000.0);
    if (!granted.isEmpty()) {
      return Claim.GRANTED;
    }
    List<Claim> found =
        jdbc.query(
            "SELECT state, channel FROM notification WHERE idempotency_key = ?",
            (rs, i) ->
                State.SENT.name().equals(rs.getString(1))
                    ? Claim.sent(rs.getString(2))
                    : Claim.BUSY,
            entry.key());
    // a FAILED row seen here was claimed and failed in between: busy, the caller asks again
    return found.isEmpty() ? Claim.BUSY : found.get(0);
  }

  @Override
  public void sent(String key, String channel) {
    jdbc.update(
        "UPDATE notification SET state = 'SENT', channel = ?, updated_at = now()"
            + " WHERE idempotency_key = ? AND state <> 'SENT'",
        channel,
        key);
  }

  @Override
  public void failed(String key) {
    jdbc.update(
        "UPDATE notification SET state = 'FAILED', updated_at = now()"
            + " WHERE idempotency_key = ? AND state = 'CLAIMED'",
        key);
  }
}
