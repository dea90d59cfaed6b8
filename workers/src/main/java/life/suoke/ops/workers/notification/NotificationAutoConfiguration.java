package life.suoke.ops.workers.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkClient;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkOutbox;
import life.suoke.ops.workers.adapters.mail.MailClient;
import life.suoke.ops.workers.adapters.sms.SmsClient;
import life.suoke.ops.workers.adapters.voice.VoiceClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The notification channels from {@code suoke.notify.*} and the {@link Notifier}. The notifier
 * needs a {@link NotificationLedger} bean (the backend's is in PostgreSQL); without one there is no
 * notifier. It takes the people's {@link ContactRules} and the {@link FollowUps} of later steps
 * when there are such beans. Registered as an auto-configuration, so it works in any application
 * that has the workers jar, whatever packages that application scans. The context closes the
 * notifier (stopping its team lane's pool) before the channels.
 */
@AutoConfiguration(after = MailSenderAutoConfiguration.class)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationAutoConfiguration {

  private static final Duration TICK = Duration.ofSeconds(1);

  @Bean
  @ConditionalOnMissingBean
  DingTalkChannel dingTalkChannel(NotificationProperties properties) {
    NotificationProperties.DingTalk robot = properties.dingtalk();
    DingTalkClient client =
        new DingTalkClient(
            robot.webhook(), robot.secret(), properties.timeout(), Clock.systemUTC());
    DingTalkOutbox outbox =
        client.configured()
            ? new DingTalkOutbox(client, Clock.systemUTC(), robot.maxPerMinute()).startTicker(TICK)
            : null;
    return new DingTalkChannel(outbox, robot.maxWait());
  }

  @Bean
  @ConditionalOnMissingBean
  SmsChannel smsChannel(NotificationProperties properties) {
    return new SmsChannel(
        new SmsClient(properties.sms().url(), properties.sms().token(), properties.timeout()));
  }

  @Bean
  @ConditionalOnMissingBean
  VoiceChannel voiceChannel(NotificationProperties properties) {
    return new VoiceChannel(
        new VoiceClient(
            properties.voice().url(), properties.voice().token(), properties.timeout()));
  }

  @Bean
  @ConditionalOnMissingBean
  EmailChannel emailChannel(
      NotificationProperties properties, ObjectProvider<JavaMailSender> mailSender) {
    return new EmailChannel(new MailClient(mailSender.getIfAvailable(), properties.mail().from()));
  }

  @Bean
  @ConditionalOnBean(NotificationLedger.class)
  @ConditionalOnMissingBean(Notifier.class)
  NotificationService notificationService(
      NotificationLedger ledger,
      List<NotificationChannel> channels,
      NotificationProperties properties,
      ObjectProvider<ContactRules> contactRules,
      ObjectProvider<FollowUps> followUps) {
    NotificationProperties.Retry retry = properties.retry();
    return new NotificationService(
        ledger,
        channels,
        new NotificationService.Policy(
            retry.maxAttempts(),
            retry.initialInterval(),
            retry.multiplier(),
            properties.claimTimeout(),
            properties.busyWait()),
        new NotificationService.TeamLane(
            properties.teamLane().threads(), properties.teamLane().queue()),
        contactRules.getIfAvailable(() -> ContactRules.NONE),
        followUps.getIfAvailable(() -> FollowUps.NONE));
  }
}
