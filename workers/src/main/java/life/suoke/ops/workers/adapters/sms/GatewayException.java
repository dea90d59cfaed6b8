package life.suoke.ops.workers.adapters.sms;

/**
 * The SMS or voice gateway did not accept a message. Retryable: HTTP 5xx, 408, 429, time-outs and
 * network failures; not retryable: the other 4xx answers. The message names neither the token nor
 * the phone number.
 */
public class GatewayException extends RuntimeException {

  private final int status;
  private final boolean retryable;

  public GatewayException(String message, int status, boolean retryable) {
    super(message, null, false, false);
    this.status = status;
    this.retryable = retryable;
  }

  /** The HTTP status, 0 when there was no answer. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }
}
