package life.suoke.ops.workers.notification;

import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;

/**
 * One way to reach a person, used by {@link NotificationService} in the lanes of the notification's
 * urgency.
 */
public interface NotificationChannel {

  String DINGTALK = "dingtalk";
  String SMS = "sms";
  String VOICE = "voice";
  String EMAIL = "email";

  /** {@link #DINGTALK}, {@link #SMS}, {@link #VOICE} or {@link #EMAIL}. */
  String name();

  /** False when the channel has no configuration: it is skipped. */
  boolean configured();

  /** Whether the recipient has an address on this channel. */
  boolean reaches(Recipient recipient);

  /**
   * Hands the notification to the outside system; returns when it took it.
   *
   * @throws DeliveryFailure technical (may pass on a later try) or permanent
   */
  void deliver(Notification notification);
}
