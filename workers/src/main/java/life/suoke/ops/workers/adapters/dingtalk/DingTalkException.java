package life.suoke.ops.workers.adapters.dingtalk;

/**
 * A message the robot did not take. Retryable failures (HTTP 5xx, time-outs, "sending too fast")
 * may succeed later; the others (signature or keyword rejected, bad request) will not. The message
 * never holds the webhook's access token or the signing secret.
 */
public class DingTalkException extends RuntimeException {

  private final Integer errcode;
  private final boolean retryable;

  public DingTalkException(String message, Integer errcode, boolean retryable) {
    super(message, null, false, false);
    this.errcode = errcode;
    this.retryable = retryable;
  }

  /** DingTalk's {@code errcode}, null when the failure was below it (HTTP status, network). */
  public Integer errcode() {
    return errcode;
  }

  public boolean retryable() {
    return retryable;
  }
}
