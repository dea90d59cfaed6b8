package life.suoke.ops.workers.notification;

import java.time.Instant;

/**
 * The later steps of pages ({@link ContactRules}): kept until they are due, then sent on their
 * channel through {@link NotificationService#sendOn}, unless cancelled first (the incident was
 * acknowledged or resolved). The backend keeps them in PostgreSQL, so that a restart loses none.
 */
public interface FollowUps {

  /**
   * Keeps a step to send at {@code dueAt} on {@code channel}. Its idempotency key is the page's key
   * with {@code #<channel>} appended, so that a page repeated by a retried job schedules it once.
   */
  void schedule(Notifier.Notification page, String channel, Instant dueAt);

  /** No later steps are kept: only the steps without delay are sent. */
  FollowUps NONE = (page, channel, dueAt) -> {};
}
