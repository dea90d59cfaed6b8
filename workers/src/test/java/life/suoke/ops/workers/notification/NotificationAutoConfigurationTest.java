package life.suoke.ops.workers.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;
import life.suoke.ops.workers.notification.Notifier.Urgency;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The notifier and its channels as an application gets them from {@code suoke.notify.*}. */
class NotificationAutoConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MailSenderAutoConfiguration.class, NotificationAutoConfiguration.class));

  private static NotificationLedger ledger() {
    return new InMemoryNotificationLedger(Clock.systemUTC());
  }

  @Test
  void withALedgerThereIsANotifierAndUnsetChannelsAreNotConfigured() {
    context
        .withBean(NotificationLedger.class, NotificationAutoConfigurationTest::ledger)
        .run(
            app -> {
              assertThat(app).hasSingleBean(Notifier.class);
              assertThat(app.getBean(DingTalkChannel.class).configured()).isFalse();
              assertThat(app.getBean(SmsChannel.class).configured()).isFalse();
              assertThat(app.getBean(VoiceChannel.class).configured()).isFalse();
              assertThat(app.getBean(EmailChannel.class).configured()).isFalse();
              NotificationProperties properties = app.getBean(NotificationProperties.class);
              assertThat(properties.dingtalk().maxPerMinute()).isEqualTo(20);
              assertThat(properties.retry().maxAttempts()).isEqualTo(3);
              assertThat(properties.retry().initialInterval()).isEqualTo(Duration.ofMillis(200));
              assertThat(properties.retry().multiplier()).isEqualTo(2.0);
              assertThat(properties.claimTimeout()).isEqualTo(Duration.ofMinutes(5));
              assertThat(properties.teamLane().threads()).isEqualTo(8);
              assertThat(properties.teamLane().queue()).isEqualTo(200);

              Notifier.Result result =
                  app.getBean(Notifier.class)
                      .send(
                          new Notification(
                              "K-1",
                              new Recipient(
                                  "alice", "Alice", "13800138000", "alice@suoke.example", null),
                              Urgency.PAGE,
                              "t",
                              null,
                              null));
              assertThat(result.attempts())
                  .containsExactly(
                      "sms: not configured", "voice: not configured", "dingtalk: not configured");
            });
  }

  @Test
  void withoutALedgerThereIsNoNotifier() {
    context.run(
        app -> {
          assertThat(app).hasNotFailed();
          assertThat(app).doesNotHaveBean(Notifier.class);
        });
  }

  @Test
  void configuredChannelsAreConfiguredAndTheirSecretsAreNotShown() {
    context
        .withBean(NotificationLedger.class, NotificationAutoConfigurationTest::ledger)
        .withPropertyValues(
            "suoke.notify.dingtalk.webhook=https://robot.example/robot/send?access_token=tok-123",
            "suoke.notify.dingtalk.secret=SECsecret-456",
            "suoke.notify.sms.url=https://sms.example/v1/messages",
            "suoke.notify.sms.token=sms-token-789",
            "suoke.notify.voice.url=https://voice.example/v1/calls",
            "suoke.notify.voice.token=voice-token-012",
            "suoke.notify.mail.from=ops@suoke.example",
            "spring.mail.host=127.0.0.1",
            "suoke.notify.retry.max-attempts=2")
        .run(
            app -> {
              assertThat(app.getBean(DingTalkChannel.class).configured()).isTrue();
              assertThat(app.getBean(SmsChannel.class).configured()).isTrue();
              assertThat(app.getBean(VoiceChannel.class).configured()).isTrue();
              assertThat(app.getBean(EmailChannel.class).configured()).isTrue();
              NotificationProperties properties = app.getBean(NotificationProperties.class);
              assertThat(properties.retry().maxAttempts()).isEqualTo(2);
              assertThat(properties.toString())
                  .doesNotContain("tok-123", "SECsecret-456", "sms-token-789", "voice-token-012")
                  .contains("https://sms.example/v1/messages");
            });
  }
}
