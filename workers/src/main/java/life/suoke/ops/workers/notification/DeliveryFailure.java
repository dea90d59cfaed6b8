package life.suoke.ops.workers.notification;

/**
 * A channel did not take a notification. Technical failures (no answer, HTTP 5xx, "too fast") are
 * tried again with back-off before the next channel; permanent ones (a 4xx, a rejected signature)
 * go to the next channel at once. Messages carry no secrets and no addresses.
 */
public class DeliveryFailure extends RuntimeException {

  private final boolean technical;

  public DeliveryFailure(String message, boolean technical) {
    super(message, null, false, false);
    this.technical = technical;
  }

  public boolean technical() {
    return technical;
  }
}
