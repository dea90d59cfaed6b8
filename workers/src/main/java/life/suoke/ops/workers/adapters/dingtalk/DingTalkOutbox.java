package life.suoke.ops.workers.adapters.dingtalk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one robot under its rate limit (DingTalk takes about 20 messages a minute per robot and
 * answers 130101 beyond) without dropping anything: a message goes out at once while the sliding
 * window of the last minute has room; otherwise it waits, and everything waiting is sent as one
 * digest Markdown message, with every mention kept, as soon as the window has room again ({@link
 * #flushDue()}, called by the ticker every second or by a test after moving its clock).
 *
 * <p>A digest that DingTalk rejects fails every message in it, so each sender can retry or fall
 * back to another channel; a message is only ever reported sent when DingTalk took it.
 */
public final class DingTalkOutbox implements AutoCloseable {

  public static final int DEFAULT_MAX_PER_MINUTE = 20;

  /**
   * Keeps a digest well under DingTalk's size limit of a message (20,000 bytes); the rest waits for
   * the next.
   */
  static final int MAX_DIGEST_BYTES = 16_000;

  private static final Logger LOG = LoggerFactory.getLogger(DingTalkOutbox.class);

  private final DingTalkClient client;
  private final Clock clock;
  private final SendWindow window;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private ScheduledExecutorService ticker;
  private boolean closed;

  private record Pending(DingTalkMessage message, CompletableFuture<Void> done) {}

  public DingTalkOutbox(DingTalkClient client, Clock clock, int maxPerMinute) {
    this.client = client;
    this.clock = clock;
    this.window = new SendWindow(maxPerMinute, Duration.ofMinutes(1));
  }

  /** Sends waiting messages every {@code every} from a daemon thread, until {@link #close()}. */
  public synchronized DingTalkOutbox startTicker(Duration every) {
    if (ticker == null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "dingtalk-outbox");
                thread.setDaemon(true);
                return thread;
              });
      ticker.scheduleWithFixedDelay(
          this::flushAllDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Sends the message now when the window has room (in the calling thread), else queues it for the
   * next digest. The future completes when DingTalk took it, or fails with a {@link
   * DingTalkException}.
   */
  public CompletableFuture<Void> submit(DingTalkMessage message) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean now;
    synchronized (this) {
      if (closed) {
        throw new DingTalkException("DingTalk: outbox closed", null, false);
      }
      // nobody overtakes what is already waiting
      now = pending.isEmpty() && window.tryAcquire(clock.instant());
      if (!now) {
        pending.addLast(new Pending(message, done));
      }
    }
    if (now) {
      deliver(message, List.of(done));
    }
    return done;
  }

  /**
   * Sends the message and waits until DingTalk took it. When it is still waiting for the window
   * after {@code maxWait}, it is taken out of the queue and a non-retryable {@link
   * DingTalkException} says so, so that the caller can use another channel without the message
   * arriving twice.
   */
  public void send(DingTalkMessage message, Duration maxWait) {
    CompletableFuture<Void> done = submit(message);
    try {
      try {
        done.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (withdraw(done)) {
          throw new DingTalkException(
              "DingTalk: rate limited, not sent within " + maxWait.toMillis() + " ms", null, false);
        }
        done.get(); // already on its way in a digest: its answer comes within the client's time-out
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DingTalkException failure) {
        throw failure;
      }
      throw new DingTalkException(
          "DingTalk: " + e.getCause().getClass().getSimpleName(), null, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      withdraw(done);
      throw new DingTalkException(
          "DingTalk: interrupted while waiting for the rate limit", null, false);
    }
  }

  /**
   * Sends one digest of what is waiting if the window has room now.
   *
   * @return true when something was sent (or tried)
   */
  public boolean flushDue() {
    List<Pending> batch;
    synchronized (this) {
      if (pending.isEmpty() || !window.tryAcquire(clock.instant())) {
        return false;
      }
      batch = takeBatch();
    }
    List<DingTalkMessage> messages = batch.stream().map(Pending::message).toList();
    DingTalkMessage digest = DingTalkDigest.of(messages);
    if (messages.size() > 1) {
      LOG.info(
          "DingTalk robot at its rate limit: {} waiting messages sent as one digest",
          messages.size());
    }
    deliver(digest, batch.stream().map(Pending::done).toList());
    return true;
  }

  /** How many messages wait for the window. */
  public synchronized int pending() {
    return pending.size();
  }

  /**
   * Stops the ticker; what still waits fails (not retryable), so that its senders use another
   * channel.
   */
  @Override
  public void close() {
    List<Pending> left;
    synchronized (this) {
      closed = true;
      if (ticker != null) {
        ticker.shutdownNow();
      }
      left = new ArrayList<>(pending);
      pending.clear();
    }
    left.forEach(
        p ->
            p.done()
                .completeExceptionally(
                    new DingTalkException("DingTalk: shutting down, not sent", null, false)));
  }

  private void flushAllDue() {
    try {
      while (flushDue()) {
        // more may wait than one digest holds
      }
    } catch (RuntimeException e) {
      LOG.warn("DingTalk digest failed: {}", e.getMessage());
    }
  }

  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    int bytes = 0;
    while (!pending.isEmpty()) {
      int size = DingTalkDigest.sizeOf(pending.peekFirst().message());
      if (!batch.isEmpty() && bytes + size > MAX_DIGEST_BYTES) {
        break;
      }
      batch.add(pending.removeFirst());
      bytes += size;
    }
    return batch;
  }

  private synchronized boolean withdraw(CompletableFuture<Void> done) {
    return pending.removeIf(p -> p.done() == done);
  }

  private void deliver(DingTalkMessage message, List<CompletableFuture<Void>> senders) {
    try {
      client.send(message);
      senders.forEach(f -> f.complete(null));
    } catch (RuntimeException e) {
      senders.forEach(f -> f.completeExceptionally(e));
    }
  }
}
