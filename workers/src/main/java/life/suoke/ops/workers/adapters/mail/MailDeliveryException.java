package life.suoke.ops.workers.adapters.mail;

/**
 * The SMTP server did not take a message. Retryable: no connection, time-outs, 4xx replies; not
 * retryable: 5xx replies, refused credentials, an address that cannot be written. The message names
 * neither the addresses nor the server's reply text (it repeats addresses).
 */
public class MailDeliveryException extends RuntimeException {

  private final boolean retryable;

  public MailDeliveryException(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
