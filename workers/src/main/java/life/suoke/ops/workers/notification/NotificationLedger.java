package life.suoke.ops.workers.notification;

import java.time.Duration;
import life.suoke.ops.workers.notification.Notifier.Urgency;

/**
 * Remembers which notifications were sent, so that an idempotency key reaches its recipient once
 * even when a job is retried, or runs twice at once on two workers. The backend keeps it in
 * PostgreSQL ({@code notification} table).
 *
 * <p>A key moves {@code CLAIMED -> SENT} or {@code CLAIMED -> FAILED}. A sender first claims the
 * key, then sends, then records the outcome:
 *
 * <ul>
 *   <li>no record, or {@code FAILED}: the claim is granted (a failed notification may be tried
 *       again);
 *   <li>{@code SENT}: never granted again;
 *   <li>{@code CLAIMED} more recently than {@code claimTimeout} ago: another sender is at work,
 *       busy;
 *   <li>{@code CLAIMED} longer ago: its sender is taken to have died between claim and outcome, and
 *       the claim is granted again. A sender that died after the outside system took the message
 *       but before {@link #sent} may so cause a second copy: the SMS and voice gateways drop it by
 *       the idempotency key they receive too; DingTalk and e-mail cannot.
 * </ul>
 *
 * Claims of one key are atomic: of concurrent claims exactly one is granted.
 */
public interface NotificationLedger {

  /** Claims the key for sending; counts an attempt when granted. */
  Claim claim(Entry entry, Duration claimTimeout);

  /**
   * The claimed key went out on {@code channel}; it is never granted again. Recorded whatever the
   * state (a sender whose claim was taken as abandoned may still have sent it).
   */
  void sent(String key, String channel);

  /**
   * No channel took the claimed key; a later claim is granted. Only a {@code CLAIMED} key becomes
   * failed: sent stays sent.
   */
  void failed(String key);

  /**
   * What the ledger keeps of a notification: no phone number, e-mail address or body.
   *
   * @param title one line, shortened to {@link #TITLE_LENGTH} characters
   */
  record Entry(String key, String username, Urgency urgency, String title) {
    public static final int TITLE_LENGTH = 200;

    public Entry {
      title =
          title == null
              ? ""
              : title.length() > TITLE_LENGTH ? title.substring(0, TITLE_LENGTH) : title;
    }
  }

  /** The states of a key. */
  enum State {
    CLAIMED,
    SENT,
    FAILED
  }

  /** What a claim found. */
  enum Status {
    /** go ahead and send */
    GRANTED,
    /** sent before: do not send */
    SENT,
    /** another sender holds a fresh claim */
    BUSY
  }

  /**
   * @param channel for {@link Status#SENT}: the channel it went out on
   */
  record Claim(Status status, String channel) {
    public static final Claim GRANTED = new Claim(Status.GRANTED, null);
    public static final Claim BUSY = new Claim(Status.BUSY, null);

    public static Claim sent(String channel) {
      return new Claim(Status.SENT, channel);
    }
  }
}
