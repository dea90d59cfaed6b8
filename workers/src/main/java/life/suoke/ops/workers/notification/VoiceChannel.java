package life.suoke.ops.workers.notification;

import life.suoke.ops.workers.adapters.sms.GatewayException;
import life.suoke.ops.workers.adapters.voice.VoiceClient;
import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;

/** A phone call to the recipient's mobile that reads the title out (a link cannot be read out). */
public class VoiceChannel implements NotificationChannel {

  private final VoiceClient client;

  public VoiceChannel(VoiceClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return VOICE;
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
    try {
      client.call(
          Mobiles.international(notification.recipient().mobile()),
          notification.title(),
          notification.idempotencyKey());
    } catch (GatewayException e) {
      throw new DeliveryFailure(e.getMessage(), e.retryable());
    }
  }
}
