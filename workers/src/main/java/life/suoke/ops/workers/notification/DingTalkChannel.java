package life.suoke.ops.workers.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkException;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkMessage;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkOutbox;
import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;

/**
 * A Markdown message in the on-call group's DingTalk robot that mentions the recipient (by mobile
 * and by DingTalk user id), through the robot's rate-limited {@link DingTalkOutbox}. Closing it
 * closes the outbox: what still waits for the rate limit then fails (information goes on to e-mail;
 * a page's team lane is marked failed, for a retry).
 */
public class DingTalkChannel implements NotificationChannel, AutoCloseable {

  private final DingTalkOutbox outbox;
  private final boolean configured;
  private final Duration maxWait;

  /**
   * @param outbox null when no robot is configured
   * @param maxWait how long a message may wait for the robot's rate limit before it fails (and is
   *     not sent)
   */
  public DingTalkChannel(DingTalkOutbox outbox, Duration maxWait) {
    this.outbox = outbox;
    this.configured = outbox != null;
    this.maxWait = maxWait;
  }

  @Override
  public String name() {
    return DINGTALK;
  }

  @Override
  public boolean configured() {
    return configured;
  }

  @Override
  public boolean reaches(Recipient recipient) {
    return Mobiles.dingtalk(recipient.mobile()) != null || !blank(recipient.dingtalkUserId());
  }

  @Override
  public void deliver(Notification notification) {
    try {
      outbox.send(message(notification), maxWait);
    } catch (DingTalkException e) {
      throw new DeliveryFailure(e.getMessage(), e.retryable());
    }
  }

  @Override
  public void close() {
    if (outbox != null) {
      outbox.close();
    }
  }

  /** The message: title, body, the link, and the mentions written out as DingTalk needs them. */
  static DingTalkMessage.Markdown message(Notification notification) {
    Recipient recipient = notification.recipient();
    List<String> mobiles = new ArrayList<>();
    String mobile = Mobiles.dingtalk(recipient.mobile());
    if (mobile != null) {
      mobiles.add(mobile);
    }
    List<String> users =
        blank(recipient.dingtalkUserId()) ? List.of() : List.of(recipient.dingtalkUserId().trim());
    DingTalkMessage.At at = new DingTalkMessage.At(mobiles, users, false);
    StringBuilder text = new StringBuilder("#### ").append(notification.title());
    if (!blank(notification.markdown())) {
      text.append("\n\n").append(notification.markdown());
    }
    if (!blank(notification.link())) {
      text.append("\n\n[打开 / Open](").append(notification.link()).append(")");
    }
    if (!at.isEmpty()) {
      text.append("\n\n").append(at.inText());
    }
    return new DingTalkMessage.Markdown(notification.title(), text.toString(), at);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
