package life.suoke.ops.workers.notification;

import life.suoke.ops.workers.adapters.sms.GatewayException;
import life.suoke.ops.workers.adapters.sms.SmsClient;
import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;

/** A text message with the title and the link, to the recipient's mobile. */
public class SmsChannel implements NotificationChannel {

  private final SmsClient client;

  public SmsChannel(SmsClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return SMS;
  }

  @Override
  public boolean configured() {
    return client.configured();
  }

  @Override
  public boolean reaches(Recipient recipient) {
    return Mobiles.international(recipient.mobile()) != null;
  }

  @Override
  public void deliver(Notification notification) {
    String text =
        notification.link() == null || notification.link().isBlank()
            ? notification.title()
            : notification.title() + " " + notification.link();
    try {
      client.send(
          Mobiles.international(notification.recipient().mobile()),
          text,
          notification.idempotencyKey());
    } catch (GatewayException e) {
      throw new DeliveryFailure(e.getMessage(), e.retryable());
    }
  }
}
