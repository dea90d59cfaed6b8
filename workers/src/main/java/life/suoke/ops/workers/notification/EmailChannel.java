package life.suoke.ops.workers.notification;

import life.suoke.ops.workers.adapters.mail.MailClient;
import life.suoke.ops.workers.adapters.mail.MailDeliveryException;
import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;

/** An e-mail with the title as subject and the Markdown body and the link as plain text. */
public class EmailChannel implements NotificationChannel {

  private final MailClient client;

  public EmailChannel(MailClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return EMAIL;
  }

  @Override
  public boolean configured() {
    return client.configured();
  }

  @Override
  public boolean reaches(Recipient recipient) {
    return recipient.email() != null && recipient.email().contains("@");
  }

  @Override
  public void deliver(Notification notification) {
    StringBuilder body = new StringBuilder();
    if (notification.markdown() != null && !notification.markdown().isBlank()) {
      body.append(notification.markdown()).append("\n\n");
    }
    if (notification.link() != null && !notification.link().isBlank()) {
      body.append(notification.link()).append("\n");
    }
    try {
      client.send(
          notification.recipient().email().trim(),
          notification.title(),
          body.toString(),
          notification.idempotencyKey());
    } catch (MailDeliveryException e) {
      throw new DeliveryFailure(e.getMessage(), e.retryable());
    }
  }
}
