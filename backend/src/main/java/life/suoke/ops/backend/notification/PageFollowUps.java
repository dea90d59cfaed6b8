package life.suoke.ops.backend.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.workers.notification.FollowUps;
import life.suoke.ops.workers.notification.NotificationService;
import life.suoke.ops.workers.notification.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The later steps of pages in PostgreSQL ({@code notification_follow_up}, V17): kept when a page
 * goes out, sent when due by a poller ({@code suoke.notify.follow-up-interval}, 5 s; the
 * application is one node), each once (its key is the page's plus {@code #<channel>}, in the
 * notification ledger too, so a step sent just before a crash is not sent again), and cancelled
 * when the incident is acknowledged, resolved, closed or cancelled ({@link #cancel}: every pending
 * step whose page key starts with the incident's number). A step whose recipient was disabled
 * meanwhile is dropped. Logs name keys and user names only.
 */
@Service
public class PageFollowUps implements FollowUps, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PageFollowUps.class);
  private static final int BATCH = 50;

  private final JdbcTemplate jdbc;
  private final ObjectProvider<NotificationService> notifier;
  private final UserDirectory directory;
  private final Duration interval;
  private ScheduledExecutorService poller;

  PageFollowUps(
      JdbcTemplate jdbc,
      ObjectProvider<NotificationService> notifier,
      UserDirectory directory,
      @Value("${suoke.notify.follow-up-interval:PT5S}") Duration interval) {
    this.jdbc = jdbc;
    this.notifier = notifier;
    this.directory = directory;
    this.interval = interval;
  }

  @Override
  public void schedule(Notifier.Notification page, String channel, Instant dueAt) {
    jdbc.update(
        "INSERT INTO notification_follow_up (idempotency_key, page_key, recipient, channel, title, markdown,"
            + " link, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
        page.idempotencyKey() + "#" + channel,
        page.idempotencyKey(),
        page.recipient().username(),
        channel,
        page.title(),
        page.markdown(),
        page.link(),
        Timestamp.from(dueAt));
  }

  /**
   * Cancels every pending step of the pages whose key starts with {@code keyPrefix}; returns how
   * many.
   */
  public int cancel(String keyPrefix) {
    String pattern = startingWith(keyPrefix);
    return jdbc.update(
        "UPDATE notification_follow_up SET state = 'CANCELLED', updated_at = now()"
            + " WHERE state = 'PENDING' AND page_key LIKE ?",
        pattern);
  }

  /**
   * Sends the steps due now; returns how many it sent or dropped. Called by the poller, and by
   * tests.
   */
  public int sendDue() {
    NotificationService service = notifier.getIfAvailable();
    if (service == null) {
      return 0;
    }
    int handled = 0;
    for (Due due :
        jdbc.query(
            "SELECT id, idempotency_key, recipient, channel, title, markdown, link"
                + " FROM notification_follow_up WHERE state = 'PENDING' AND due_at <= now() ORDER BY due_at LIMIT "
                + BATCH,
            (rs, i) ->
                new Due(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)))) {
      // Sent first, marked after: a crash in between sends it again, and the ledger (same key)
      // answers that it went out already.
      handled++;
      Optional<UserAccount> person = directory.user(due.recipient()).filter(UserAccount::enabled);
      if (person.isEmpty()) {
        mark(due.id(), "CANCELLED");
        continue;
      }
      UserAccount p = person.get();
      Notifier.Result result =
          service.sendOn(
              due.channel(),
              new Notifier.Notification(
                  due.key(),
                  new Notifier.Recipient(
                      p.username(), p.displayName(), p.mobile(), p.email(), p.dingtalkUserId()),
                  Notifier.Urgency.PAGE,
                  due.title(),
                  due.markdown(),
                  due.link()));
      mark(due.id(), result.delivered() ? "SENT" : "FAILED");
      if (!result.delivered()) {
        log.warn(
            "Follow-up {} for {} reached no channel ({})",
            due.key(),
            due.recipient(),
            result.attempts());
      }
    }
    return handled;
  }

  /** Moves a step out of PENDING, unless it was cancelled meanwhile. */
  private void mark(long id, String state) {
    jdbc.update(
        "UPDATE notification_follow_up SET state = ?, updated_at = now() WHERE id = ? AND state = 'PENDING'",
        state,
        id);
  }

  /** A LIKE pattern for the keys that start with the prefix (its own % and _ taken literally). */
  private static String startingWith(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private record Due(
      long id,
      String key,
      String recipient,
      String channel,
      String title,
      String markdown,
      String link) {}

  @Override
  public synchronized void start() {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "page-follow-ups");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            sendDue();
          } catch (RuntimeException e) {
            log.warn("Sending the due follow-ups of pages failed; trying again in {}", interval, e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }

  /**
   * Lists the pending steps of pages whose key starts with the prefix: channel and due time, for
   * tests and views.
   */
  public List<String> pending(String keyPrefix) {
    String pattern = startingWith(keyPrefix);
    return jdbc.queryForList(
        "SELECT idempotency_key FROM notification_follow_up WHERE state = 'PENDING'"
            + " AND page_key LIKE ? ORDER BY due_at, id",
        String.class,
        pattern);
  }
}
