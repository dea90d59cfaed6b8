package life.suoke.ops.workers.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail client through Spring's JavaMailSender against a real SMTP server (GreenMail) on
 * loopback.
 */
class MailClientTest {

  private final GreenMail smtp =
      new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @BeforeEach
  void start() {
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
    return sender;
  }

  @Test
  void aMessageArrivesWithSubjectBodyAndKey() throws Exception {
    MailClient client = new MailClient(sender(smtp.getSmtp().getPort()), "ops@suoke.example");

    client.send(
        "alice@suoke.example",
        "变更 CHG-7 已批准",
        "**今晚 22:00** 发布\n\nhttps://ops.example/changes/CHG-7",
        "CHG-7:info:alice");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("变更 CHG-7 已批准");
    assertThat(received[0].getFrom()[0].toString()).isEqualTo("ops@suoke.example");
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("alice@suoke.example");
    assertThat(received[0].getContent().toString())
        .contains("**今晚 22:00** 发布", "https://ops.example/changes/CHG-7");
    assertThat(received[0].getHeader(MailClient.KEY_HEADER)).containsExactly("CHG-7:info:alice");
    assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
  }

  @Test
  void withoutASenderOrAFromAddressItIsNotConfigured() {
    assertThat(new MailClient(null, "ops@suoke.example").configured()).isFalse();
    assertThat(new MailClient(sender(smtp.getSmtp().getPort()), " ").configured()).isFalse();
    assertThat(new MailClient(sender(smtp.getSmtp().getPort()), "ops@suoke.example").configured())
        .isTrue();
  }

  @Test
  void anUnreachableServerMayBeRetriedAndAnUnwritableAddressMayNot() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    MailDeliveryException unreachable =
        catchThrowableOfType(
            MailDeliveryException.class,
            () ->
                new MailClient(sender(closed), "ops@suoke.example")
                    .send("alice@suoke.example", "s", "b", "k"));
    MailDeliveryException badAddress =
        catchThrowableOfType(
            MailDeliveryException.class,
            () ->
                new MailClient(sender(smtp.getSmtp().getPort()), "ops@suoke.example")
                    .send("alice@@", "s", "b", "k"));

    assertThat(unreachable.retryable()).isTrue();
    assertThat(badAddress.retryable()).isFalse();
    assertThat(unreachable.getMessage() + badAddress.getMessage()).doesNotContain("alice");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
