package life.suoke.ops.workers.notification;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.workers.notification.NotificationLedger.Claim;
import life.suoke.ops.workers.notification.NotificationLedger.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches a person over their channels in the order of the urgency: a page goes to DingTalk, then
 * SMS, then a voice call; information to DingTalk, then e-mail. Channels without configuration or
 * without an address for the recipient are skipped. A technical failure is tried again with
 * exponential back-off (Resilience4j Retry), then the next channel is used; a permanent failure
 * moves on at once. The first channel that takes the notification ends it.
 *
 * <p>The {@link NotificationLedger} makes the idempotency key good: the key is claimed before
 * sending and marked sent or failed after, so a key that went out is never sent again, and of two
 * concurrent sends of one key one sends while the other waits for its outcome. The key also goes
 * to the SMS and voice gateways, which drop copies they already took.
 *
 * <p>Logs name the key, the user name and the channel, never addresses, titles or bodies.
 */
public class NotificationService implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
  private static final Map<Urgency, List<String>> ORDER = Map.of(
      Urgency.PAGE, List.of(NotificationChannel.DINGTALK, NotificationChannel.SMS, NotificationChannel.VOICE),
      Urgency.INFO, List.of(NotificationChannel.DINGTALK, NotificationChannel.EMAIL));
  private static final int MAX_KEY_LENGTH = 255;

  /**
   * How hard to try.
   *
   * @param maxAttempts tries of one channel on technical failures (1 = no retry)
   * @param initialBackoff wait before the second try; each further wait is {@code multiplier} times longer
   * @param claimTimeout a claim older than this is taken as abandoned by a sender that died
   * @param busyWait how long a send waits for another sender of the same key to finish
   */
  public record Policy(int maxAttempts, Duration initialBackoff, double multiplier, Duration claimTimeout,
      Duration busyWait) {
    public Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      if (multiplier < 1) {
        throw new IllegalArgumentException("multiplier must be at least 1");
      }
    }
  }

  private final NotificationLedger ledger;
  private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
  private final Map<String, Retry> retries = new LinkedHashMap<>();
  private final Policy policy;

  public NotificationService(NotificationLedger ledger, List<NotificationChannel> channels, Policy policy) {
    this.ledger = ledger;
    this.policy = policy;
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), policy.multiplier()))
        .retryOnException(e -> e instanceof DeliveryFailure f && f.technical())
        .build();
    for (NotificationChannel channel : channels) {
      this.channels.put(channel.name(), channel);
      this.retries.put(channel.name(), Retry.of("notify-" + channel.name(), config));
    }
  }

  @Override
  public Result send(Notification notification) {
    validate(notification);
    String key = notification.idempotencyKey();
    String user = notification.recipient().username();
    Claim claim = claim(new Entry(key, user, notification.urgency(), notification.title()));
    switch (claim.status()) {
      case SENT -> {
        LOG.info("Notification {} for {} was already sent via {}: not sent again", key, user, claim.channel());
        return new Result(claim.channel(), true, List.of("ledger: already sent via " + claim.channel()));
      }
      case BUSY -> {
        LOG.warn("Notification {} for {} is being sent by another sender; gave up waiting", key, user);
        return new Result(null, false, List.of("ledger: another sender is sending it"));
      }
      default -> { }
    }
    List<String> attempts = new ArrayList<>();
    for (String name : ORDER.get(notification.urgency())) {
      NotificationChannel channel = channels.get(name);
      if (channel == null || !channel.configured()) {
        attempts.add(name + ": not configured");
      } else if (!channel.reaches(notification.recipient())) {
        attempts.add(name + ": no address");
      } else if (attempt(channel, notification, attempts)) {
        ledger.sent(key, name);
        LOG.info("Notification {} for {} sent via {} ({})", key, user, name, attempts);
        return new Result(name, false, List.copyOf(attempts));
      }
    }
    ledger.failed(key);
    LOG.warn("Notification {} for {} reached no channel ({})", key, user, attempts);
    return new Result(null, false, List.copyOf(attempts));
  }

  /** Tries one channel, with back-off on technical failures; notes the outcome; true when it took it. */
  private boolean attempt(NotificationChannel channel, Notification notification, List<String> attempts) {
    AtomicInteger tries = new AtomicInteger();
    try {
      retries.get(channel.name()).executeRunnable(() -> {
        tries.incrementAndGet();
        deliver(channel, notification);
      });
      attempts.add(channel.name() + ": sent" + (tries.get() > 1 ? " on try " + tries.get() : ""));
      return true;
    } catch (DeliveryFailure f) {
      attempts.add(channel.name() + (f.technical()
          ? ": failed after " + tries.get() + (tries.get() == 1 ? " try: " : " tries: ")
          : ": rejected: ") + f.getMessage());
      return false;
    }
  }

  private static void deliver(NotificationChannel channel, Notification notification) {
    try {
      channel.deliver(notification);
    } catch (DeliveryFailure f) {
      throw f;
    } catch (RuntimeException e) {
      // not the channel's own failure: its message may hold anything, so only its kind is kept
      throw new DeliveryFailure(channel.name() + ": " + e.getClass().getSimpleName(), true);
    }
  }

  /** Claims the key; while another sender holds it, waits (up to busyWait) for its outcome. */
  private Claim claim(Entry entry) {
    long deadline = System.nanoTime() + policy.busyWait().toNanos();
    long pauseMillis = 20;
    while (true) {
      Claim claim = ledger.claim(entry, policy.claimTimeout());
      if (claim.status() != NotificationLedger.Status.BUSY || System.nanoTime() >= deadline) {
        return claim;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return claim;
      }
      pauseMillis = Math.min(pauseMillis * 2, 1000);
    }
  }

  private static void validate(Notification n) {
    if (n == null) {
      throw new IllegalArgumentException("notification is required");
    }
    if (n.idempotencyKey() == null || n.idempotencyKey().isBlank()) {
      throw new IllegalArgumentException("idempotencyKey is required");
    }
    if (n.idempotencyKey().length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("idempotencyKey is longer than " + MAX_KEY_LENGTH + " characters");
    }
    if (n.recipient() == null || n.recipient().username() == null || n.recipient().username().isBlank()) {
      throw new IllegalArgumentException("recipient.username is required");
    }
    if (n.urgency() == null) {
      throw new IllegalArgumentException("urgency is required");
    }
    if (n.title() == null || n.title().isBlank()) {
      throw new IllegalArgumentException("title is required");
    }
  }
}
