package life.suoke.ops.workers.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code suoke.notify.*}: the channels' addresses and credentials and how hard to try. A channel
 * without its address is not configured and skipped. E-mail's SMTP server is Spring Boot's {@code
 * spring.mail.*}. {@link #toString()} never shows a secret or token.
 *
 * @param timeout for connecting to and hearing from DingTalk and the gateways
 * @param claimTimeout a claimed key not finished within this is taken as abandoned (see {@link
 *     NotificationLedger})
 * @param busyWait how long a send waits while another sender holds the same key
 * @param teamLane the pool that sends pages' DingTalk messages beside the phone
 */
@ConfigurationProperties("suoke.notify")
public record NotificationProperties(
    @DefaultValue DingTalk dingtalk,
    @DefaultValue Gateway sms,
    @DefaultValue Gateway voice,
    @DefaultValue Mail mail,
    @DefaultValue Retry retry,
    @DefaultValue TeamLane teamLane,
    @DefaultValue("3s") Duration timeout,
    @DefaultValue("5m") Duration claimTimeout,
    @DefaultValue("2m") Duration busyWait) {

  /**
   * The on-call group's custom robot.
   *
   * @param webhook {@code .../robot/send?access_token=...}; blank: not configured
   * @param secret the robot's signing secret (blank when the robot checks keywords instead)
   * @param maxPerMinute never more messages a minute; beyond, waiting messages go out as one digest
   * @param maxWait how long a message may wait for the rate limit before it fails (and is not sent)
   */
  public record DingTalk(
      String webhook,
      String secret,
      @DefaultValue("20") int maxPerMinute,
      @DefaultValue("65s") Duration maxWait) {
    @Override
    public String toString() {
      return "DingTalk[webhook="
          + shown(webhook)
          + ", secret="
          + shown(secret)
          + ", maxPerMinute="
          + maxPerMinute
          + ", maxWait="
          + maxWait
          + "]";
    }
  }

  /**
   * An SMS or voice gateway (contract in workers/README.md).
   *
   * @param url blank: not configured
   * @param token sent as {@code Authorization: Bearer}
   */
  public record Gateway(String url, String token) {
    @Override
    public String toString() {
      return "Gateway[url="
          + (url == null || url.isBlank() ? "" : url)
          + ", token="
          + shown(token)
          + "]";
    }
  }

  /**
   * @param from the sender address of e-mail notifications; blank: not configured
   */
  public record Mail(String from) {}

  /**
   * Tries of one channel on technical failures: {@code maxAttempts} tries with waits of {@code
   * initialInterval}, then {@code multiplier} times longer each (3 tries: 0.2 s + 0.4 s).
   */
  public record Retry(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("200ms") Duration initialInterval,
      @DefaultValue("2.0") double multiplier) {}

  /**
   * The pool that sends pages' team lanes (DingTalk) while the caller sends the personal lane.
   *
   * @param threads team lanes at once (each may wait up to the robot's {@code max-wait})
   * @param queue team lanes waiting for a thread; when full, a page's team lane is skipped
   */
  public record TeamLane(@DefaultValue("8") int threads, @DefaultValue("200") int queue) {}

  private static String shown(String secret) {
    return secret == null || secret.isBlank() ? "" : "***";
  }
}
