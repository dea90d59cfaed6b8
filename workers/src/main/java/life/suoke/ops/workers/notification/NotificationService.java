package life.suoke.ops.workers.notification;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.workers.notification.NotificationLedger.Claim;
import life.suoke.ops.workers.notification.NotificationLedger.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches a person on lanes, each an ordered list of channels of which the first that takes the
 * notification ends the lane:
 *
 * <ul>
 *   <li>a page goes out on two lanes: the <em>personal lane</em>, SMS then a voice call to the
 *       person's phone (what wakes them up), and the <em>team lane</em>, the DingTalk robot's
 *       message in the team's group that mentions the person;
 *   <li>information goes out on one lane: DingTalk, then e-mail.
 * </ul>
 *
 * A person's own {@link ContactRules} replace the personal lane: their steps without delay are the
 * lane, in their order; each later step is handed to {@link FollowUps}, which sends it when due
 * unless the page is acknowledged first. Channels without configuration or without an address for
 * the recipient are skipped. A technical failure is tried again with exponential back-off
 * (Resilience4j Retry), then the lane's next channel is used; a permanent failure moves on at once.
 *
 * <p>The personal lane runs in the caller's thread and decides the result: {@link #send} returns as
 * soon as it is done. The team lane runs at the same time on a small bounded pool of daemon threads
 * owned by this service, so that DingTalk's outbox (which may hold a message up to its {@code
 * max-wait} under the robot's rate limit) neither delays the phone nor holds the job worker's
 * thread; when that pool's queue is full the team lane is skipped (noted in the result and logged
 * by key). Its outcome is in the result when it finished before the personal lane, and in the
 * ledger and the logs in any case. A recipient without a personal lane (no mobile, or neither SMS
 * nor voice configured) gets the team lane in the caller's thread, and that lane is the result.
 *
 * <p>The {@link NotificationLedger} makes the idempotency key good, per lane: the personal lane
 * (and the single lane of information) uses the notification's key, the team lane the key plus
 * {@value #TEAM_SUFFIX}. A lane's key is claimed before sending and marked sent or failed after, so
 * a lane that went out is never sent again (a retried job sends neither lane twice) while a lane
 * that failed is tried again by a retry; of two concurrent sends of one key one sends while the
 * other waits for its outcome (the team lane on the pool does not wait: it leaves the key to the
 * other sender). The notification's key also goes to the SMS and voice gateways, which drop copies
 * they already took.
 *
 * <p>Logs name the key and the channel, never addresses, titles or bodies; a notification sent is
 * logged at debug level only (one line per page at every alert otherwise). {@link #close()} stops
 * the team lane's pool.
 */
public class NotificationService implements Notifier, AutoCloseable {

  /** Appended to the notification's key for the team lane's ledger entry. */
  public static final String TEAM_SUFFIX = "#team";

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
  private static final List<String> PERSONAL_LANE =
      List.of(NotificationChannel.SMS, NotificationChannel.VOICE);
  private static final List<String> TEAM_LANE = List.of(NotificationChannel.DINGTALK);
  private static final List<String> INFO_LANE =
      List.of(NotificationChannel.DINGTALK, NotificationChannel.EMAIL);
  private static final int MAX_KEY_LENGTH = 255;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /**
   * How hard to try.
   *
   * @param maxAttempts tries of one channel on technical failures (1 = no retry)
   * @param initialBackoff wait before the second try; each further wait is {@code multiplier} times
   *     longer
   * @param claimTimeout a claim older than this is taken as abandoned by a sender that died
   * @param busyWait how long a send waits for another sender of the same key to finish
   */
  public record Policy(
      int maxAttempts,
      Duration initialBackoff,
      double multiplier,
      Duration claimTimeout,
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

  /**
   * The pool that runs pages' team lanes.
   *
   * @param threads team lanes sent at once (each may wait for DingTalk's rate limit)
   * @param queue team lanes that may wait for a thread; beyond, a page's team lane is skipped
   */
  public record TeamLane(int threads, int queue) {
    public static final TeamLane DEFAULT = new TeamLane(8, 200);

    public TeamLane {
      if (threads < 1 || queue < 1) {
        throw new IllegalArgumentException(
            "the team lane needs at least one thread and one queue place");
      }
    }
  }

  /**
   * What one lane did: the channel that took it (null when none), whether its key was sent before.
   */
  private record Lane(String channel, boolean duplicate, List<String> attempts) {}

  private final NotificationLedger ledger;
  private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
  private final Map<String, Retry> retries = new LinkedHashMap<>();
  private final Policy policy;
  private final ThreadPoolExecutor teamPool;
  private final ContactRules contactRules;
  private final FollowUps followUps;

  public NotificationService(
      NotificationLedger ledger, List<NotificationChannel> channels, Policy policy) {
    this(ledger, channels, policy, TeamLane.DEFAULT);
  }

  public NotificationService(
      NotificationLedger ledger,
      List<NotificationChannel> channels,
      Policy policy,
      TeamLane teamLane) {
    this(ledger, channels, policy, teamLane, ContactRules.NONE, FollowUps.NONE);
  }

  public NotificationService(
      NotificationLedger ledger,
      List<NotificationChannel> channels,
      Policy policy,
      TeamLane teamLane,
      ContactRules contactRules,
      FollowUps followUps) {
    this.contactRules = contactRules;
    this.followUps = followUps;
    this.ledger = ledger;
    this.policy = policy;
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(policy.maxAttempts())
            .intervalFunction(
                IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), policy.multiplier()))
            .retryOnException(e -> e instanceof DeliveryFailure f && f.technical())
            .build();
    for (NotificationChannel channel : channels) {
      this.channels.put(channel.name(), channel);
      this.retries.put(channel.name(), Retry.of("notify-" + channel.name(), config));
    }
    AtomicInteger threadNumber = new AtomicInteger();
    this.teamPool =
        new ThreadPoolExecutor(
            teamLane.threads(),
            teamLane.threads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(teamLane.queue()),
            task -> {
              Thread thread = new Thread(task, "notify-team-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.teamPool.allowCoreThreadTimeOut(true);
  }

  @Override
  public Result send(Notification notification) {
    validate(notification);
    String key = notification.idempotencyKey();
    if (notification.urgency() == Urgency.INFO) {
      Lane lane = lane(INFO_LANE, notification, key, true);
      return new Result(lane.channel(), lane.duplicate(), lane.attempts());
    }
    String teamKey = key + TEAM_SUFFIX;
    List<String> skipped = new ArrayList<>();
    List<String> personalLane = personalLane(notification);
    if (!usable(personalLane, notification, skipped)) {
      // no phone to ring: the team lane is all there is, so it decides the result
      Lane team = lane(TEAM_LANE, notification, teamKey, true);
      List<String> attempts = new ArrayList<>(skipped);
      attempts.addAll(team.attempts());
      return new Result(team.channel(), team.duplicate(), List.copyOf(attempts));
    }
    CompletableFuture<Lane> team = new CompletableFuture<>();
    try {
      teamPool.execute(() -> team.complete(teamLane(notification, teamKey)));
    } catch (RejectedExecutionException e) {
      LOG.warn(
          "Notification {}: the team lane is full or stopped; not sent to the team's group",
          teamKey);
      team.complete(
          new Lane(
              null,
              false,
              List.of(NotificationChannel.DINGTALK + ": skipped, the team lane is full")));
    }
    Lane personal = lane(personalLane, notification, key, true);
    Lane teamNow = team.getNow(null);
    List<String> attempts = new ArrayList<>(personal.attempts());
    attempts.addAll(
        teamNow == null
            ? List.of(NotificationChannel.DINGTALK + ": under way")
            : teamNow.attempts());
    String channel =
        personal.channel() == null
            ? null
            : teamNow == null || teamNow.channel() == null
                ? personal.channel()
                : personal.channel() + "+" + teamNow.channel();
    return new Result(channel, personal.duplicate(), List.copyOf(attempts));
  }

  /**
   * The recipient's steps without delay, or the default lane when they have no rules; their later
   * steps are kept by {@link FollowUps} (each once per page: its key is the page's plus the
   * channel).
   */
  private List<String> personalLane(Notification notification) {
    List<ContactRules.Step> steps = contactRules.forPage(notification.recipient().username());
    if (steps.isEmpty()) {
      return PERSONAL_LANE;
    }
    List<String> now = new ArrayList<>();
    Instant start = Instant.now();
    for (ContactRules.Step step : steps) {
      if (step.delay().isZero() || step.delay().isNegative()) {
        now.add(step.channel());
      } else {
        followUps.schedule(notification, step.channel(), start.plus(step.delay()));
      }
    }
    return now;
  }

  /**
   * Sends one later step of a page on its channel (the idempotency key names the step), for {@link
   * FollowUps} when it is due.
   */
  public Result sendOn(String channel, Notification notification) {
    validate(notification);
    Lane lane = lane(List.of(channel), notification, notification.idempotencyKey(), true);
    return new Result(lane.channel(), lane.duplicate(), lane.attempts());
  }

  /**
   * The team lane on the pool: never throws, and leaves a key that another sender holds to that
   * sender.
   */
  private Lane teamLane(Notification notification, String teamKey) {
    try {
      return lane(TEAM_LANE, notification, teamKey, false);
    } catch (RuntimeException e) {
      LOG.warn("Notification {}: team lane failed: {}", teamKey, e.getClass().getSimpleName());
      return new Lane(
          null,
          false,
          List.of(NotificationChannel.DINGTALK + ": failed: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * Whether a channel of the lane is configured and reaches the recipient; notes why the others are
   * not.
   */
  private boolean usable(List<String> lane, Notification notification, List<String> notes) {
    boolean any = false;
    for (String name : lane) {
      NotificationChannel channel = channels.get(name);
      if (channel == null || !channel.configured()) {
        notes.add(name + ": not configured");
      } else if (!channel.reaches(notification.recipient())) {
        notes.add(name + ": no address");
      } else {
        any = true;
      }
    }
    return any;
  }

  /**
   * Claims the lane's key, then tries its channels in order until one takes the notification, and
   * records the outcome under the key. A lane none of whose channels is configured here is skipped
   * without a ledger entry (a channel configured but without the recipient's address is a failure
   * of the lane, recorded as such).
   *
   * @param waitWhileBusy wait (up to busyWait) while another sender holds the key; else leave it to
   *     that sender
   */
  private Lane lane(
      List<String> order, Notification notification, String key, boolean waitWhileBusy) {
    String user = notification.recipient().username();
    if (order.stream().map(channels::get).noneMatch(c -> c != null && c.configured())) {
      // nothing of this lane is set up here: nothing to send, so nothing to claim or record
      return new Lane(null, false, order.stream().map(name -> name + ": not configured").toList());
    }
    Entry entry = new Entry(key, user, notification.urgency(), notification.title());
    Claim claim = waitWhileBusy ? claim(entry) : ledger.claim(entry, policy.claimTimeout());
    switch (claim.status()) {
      case SENT -> {
        LOG.debug("Notification {} was already sent via {}: not sent again", key, claim.channel());
        return new Lane(
            claim.channel(), true, List.of("ledger: already sent via " + claim.channel()));
      }
      case BUSY -> {
        LOG.warn("Notification {} is being sent by another sender; left to it", key);
        return new Lane(null, false, List.of("ledger: another sender is sending it"));
      }
      default -> {}
    }
    List<String> attempts = new ArrayList<>();
    for (String name : order) {
      NotificationChannel channel = channels.get(name);
      if (channel == null || !channel.configured()) {
        attempts.add(name + ": not configured");
      } else if (!channel.reaches(notification.recipient())) {
        attempts.add(name + ": no address");
      } else if (attempt(channel, notification, attempts)) {
        ledger.sent(key, name);
        // routine, and one line per page at every alert: not at the default level
        LOG.debug("Notification {} sent via {} ({})", key, name, attempts);
        return new Lane(name, false, List.copyOf(attempts));
      }
    }
    ledger.failed(key);
    LOG.warn("Notification {} reached no channel ({})", key, attempts);
    return new Lane(null, false, List.copyOf(attempts));
  }

  /**
   * Tries one channel, with back-off on technical failures; notes the outcome; true when it took
   * it.
   */
  private boolean attempt(
      NotificationChannel channel, Notification notification, List<String> attempts) {
    AtomicInteger tries = new AtomicInteger();
    try {
      retries
          .get(channel.name())
          .executeRunnable(
              () -> {
                tries.incrementAndGet();
                deliver(channel, notification);
              });
      attempts.add(channel.name() + ": sent" + (tries.get() > 1 ? " on try " + tries.get() : ""));
      return true;
    } catch (DeliveryFailure f) {
      attempts.add(
          channel.name()
              + (f.technical()
                  ? ": failed after " + tries.get() + (tries.get() == 1 ? " try: " : " tries: ")
                  : ": rejected: ")
              + f.getMessage());
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
        TimeUnit.MILLISECONDS.sleep(
            Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return claim;
      }
      pauseMillis = Math.min(pauseMillis * 2, 1000);
    }
  }

  /**
   * Stops the team lane's pool: takes no more, gives the running team lanes a moment, then
   * interrupts them (a message still waiting for DingTalk's rate limit is then withdrawn and its
   * key marked failed, so a retry sends it). Team lanes that had not started are dropped unclaimed.
   */
  @Override
  public void close() {
    teamPool.shutdown();
    try {
      if (!teamPool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        int dropped = teamPool.shutdownNow().size();
        if (dropped > 0) {
          LOG.warn("Stopped with {} team lanes not sent to the team's group", dropped);
        }
      }
    } catch (InterruptedException e) {
      teamPool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void validate(Notification n) {
    if (n == null) {
      throw new IllegalArgumentException("notification is required");
    }
    if (n.idempotencyKey() == null || n.idempotencyKey().isBlank()) {
      throw new IllegalArgumentException("idempotencyKey is required");
    }
    if (n.urgency() == null) {
      throw new IllegalArgumentException("urgency is required");
    }
    int maxKeyLength =
        n.urgency() == Urgency.PAGE ? MAX_KEY_LENGTH - TEAM_SUFFIX.length() : MAX_KEY_LENGTH;
    if (n.idempotencyKey().length() > maxKeyLength) {
      throw new IllegalArgumentException(
          "idempotencyKey is longer than "
              + maxKeyLength
              + " characters"
              + (n.urgency() == Urgency.PAGE
                  ? " (a page's team lane adds " + TEAM_SUFFIX + ")"
                  : ""));
    }
    if (n.recipient() == null
        || n.recipient().username() == null
        || n.recipient().username().isBlank()) {
      throw new IllegalArgumentException("recipient.username is required");
    }
    if (n.title() == null || n.title().isBlank()) {
      throw new IllegalArgumentException("title is required");
    }
  }
}
