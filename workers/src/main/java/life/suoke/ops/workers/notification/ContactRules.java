package life.suoke.ops.workers.notification;

import java.time.Duration;
import java.util.List;

/**
 * A person's own rules for being paged: channels in order, each after a delay from the page (as
 * PagerDuty's notification rules: a DingTalk message at once, an SMS at once, a phone call after
 * five minutes). The steps without delay are the page's personal lane, tried in order until one
 * takes it; each later step is sent when its delay has passed, unless the page was acknowledged
 * meanwhile ({@link FollowUps}). A person without rules gets the default lane: SMS, then a call.
 */
public interface ContactRules {

  /**
   * One step: a channel ({@code sms}, {@code voice}, {@code dingtalk}, {@code email}) after a
   * delay.
   */
  record Step(String channel, Duration delay) {}

  /** The person's steps for a page, in order; empty for the default lane. */
  List<Step> forPage(String username);

  /** Nobody has rules: every page takes the default lane. */
  ContactRules NONE = username -> List.of();
}
