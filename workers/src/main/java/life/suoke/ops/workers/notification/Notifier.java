package life.suoke.ops.workers.notification;

import java.util.List;

/**
 * Sends a notification to a person over their channels in order (DingTalk, SMS, voice, e-mail),
 * falling back to the next channel when one fails for technical reasons. A notification with an
 * idempotency key that was already sent is not sent again, so a retried job never pages twice.
 */
public interface Notifier {

  Result send(Notification notification);

  /**
   * A person to reach.
   *
   * @param username the user's name in the product
   * @param mobile for SMS, voice and DingTalk mentions, null when unknown
   * @param email null when unknown
   * @param dingtalkUserId for DingTalk mentions by user id, null when unknown
   */
  record Recipient(String username, String displayName, String mobile, String email, String dingtalkUserId) {}

  /**
   * What to send.
   *
   * @param idempotencyKey the same key never reaches the same recipient twice (e.g. {@code INC-20261203-0001:page:1:tier1:alice})
   * @param urgency page (wakes people up: DingTalk, SMS, then voice) or info (DingTalk, then e-mail)
   * @param title one line
   * @param markdown the body in Markdown (DingTalk, e-mail); SMS and voice take {@code title} and {@code link}
   * @param link where the recipient acts (the task or incident page); opened after sign-in
   */
  record Notification(String idempotencyKey, Recipient recipient, Urgency urgency, String title, String markdown,
      String link) {}

  enum Urgency { PAGE, INFO }

  /**
   * What happened.
   *
   * @param channel the channel that accepted it, null when none did
   * @param duplicate true when the key was already sent: nothing was sent now
   * @param attempts every channel tried, in order, with its outcome
   */
  record Result(String channel, boolean duplicate, List<String> attempts) {
    public boolean delivered() {
      return channel != null;
    }
  }
}
