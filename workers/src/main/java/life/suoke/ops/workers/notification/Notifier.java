package life.suoke.ops.workers.notification;

import java.util.List;

/**
 * Sends a notification to a person by its urgency: a page on two lanes, the personal one (SMS,
 * falling back to a voice call: the person's phone) and the team one (the DingTalk robot's message
 * in the team's group, mentioning the person); information on one lane (DingTalk, falling back to
 * e-mail). Within a lane the next channel is used when one fails. A lane whose idempotency key was
 * already sent is not sent again, so a retried job never pages twice on either lane.
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
  record Recipient(
      String username, String displayName, String mobile, String email, String dingtalkUserId) {}

  /**
   * What to send.
   *
   * @param idempotencyKey the same key never reaches the same recipient twice on a lane (e.g.
   *     {@code INC-20261203-0001:page:1:tier1:alice}); at most 255 characters, 250 for a page (its
   *     team lane's ledger key adds {@code #team})
   * @param urgency page (wakes people up: SMS, then voice, and at the same time DingTalk with a
   *     mention) or info (DingTalk, then e-mail)
   * @param title one line
   * @param markdown the body in Markdown (DingTalk, e-mail); SMS and voice take {@code title} and
   *     {@code link}
   * @param link where the recipient acts (the task or incident page); opened after sign-in
   */
  record Notification(
      String idempotencyKey,
      Recipient recipient,
      Urgency urgency,
      String title,
      String markdown,
      String link) {}

  enum Urgency {
    PAGE,
    INFO
  }

  /**
   * What happened. The deciding lane is a page's personal lane (its team lane when the recipient
   * has no personal lane) and information's only lane.
   *
   * @param channel the channels that took it, joined by {@code +} in lane order: {@code
   *     sms+dingtalk} when the team lane finished before the personal lane, else {@code sms}; null
   *     when the deciding lane did not deliver (what the team lane did is then in {@code attempts}
   *     only)
   * @param duplicate true when the deciding lane's key was already sent: it was not sent now
   * @param attempts every channel tried, lane by lane in order, with its outcome, as far as known
   *     on return ({@code dingtalk: under way} while a page's team lane is still at work)
   */
  record Result(String channel, boolean duplicate, List<String> attempts) {
    /** Whether the deciding lane delivered it (now, or earlier when {@code duplicate}). */
    public boolean delivered() {
      return channel != null;
    }
  }
}
