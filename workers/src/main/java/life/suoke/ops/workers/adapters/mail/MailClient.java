package life.suoke.ops.workers.adapters.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends plain-text e-mail through Spring's {@link JavaMailSender} (SMTP settings are Spring Boot's
 * {@code spring.mail.*}) from one sender address. Not configured without a sender (no {@code
 * spring.mail.host}) or without a from address.
 */
public class MailClient {

  /**
   * A header that carries the notification's idempotency key, so that mail systems and people can
   * match copies.
   */
  public static final String KEY_HEADER = "X-Suoke-Notification-Key";

  private final JavaMailSender sender;
  private final String from;

  /**
   * @param sender null when no SMTP server is configured
   * @param from the sender address; blank: not configured
   */
  public MailClient(JavaMailSender sender, String from) {
    this.sender = sender;
    this.from = from == null ? "" : from.trim();
  }

  public boolean configured() {
    return sender != null && !from.isEmpty();
  }

  /** Sends one message; returns when the SMTP server took it. */
  public void send(String to, String subject, String text, String idempotencyKey) {
    if (!configured()) {
      throw new MailDeliveryException("mail not configured", false);
    }
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(text, false);
      message.setHeader(KEY_HEADER, idempotencyKey);
    } catch (MessagingException e) {
      throw new MailDeliveryException(
          "mail: the message cannot be written (an address is not valid)", false);
    }
    try {
      sender.send(message);
    } catch (MailAuthenticationException e) {
      throw new MailDeliveryException("mail: the SMTP server refused the credentials", false);
    } catch (MailSendException e) {
      throw classify(e);
    } catch (MailException e) {
      throw new MailDeliveryException("mail: " + e.getClass().getSimpleName(), false);
    }
  }

  /**
   * SMTP reply codes 5xx are permanent, 4xx transient; no reply at all (connection) is transient
   * too.
   */
  private static MailDeliveryException classify(MailSendException e) {
    for (Throwable t : causes(e)) {
      int code = replyCode(t);
      if (code >= 500) {
        return new MailDeliveryException("mail: rejected by the SMTP server (" + code + ")", false);
      }
      if (code >= 400) {
        return new MailDeliveryException("mail: deferred by the SMTP server (" + code + ")", true);
      }
    }
    return new MailDeliveryException("mail: the SMTP server could not be reached", true);
  }

  private static int replyCode(Throwable t) {
    if (t instanceof SMTPAddressFailedException f) {
      return f.getReturnCode();
    }
    if (t instanceof SMTPSenderFailedException f) {
      return f.getReturnCode();
    }
    if (t instanceof SMTPSendFailedException f) {
      return f.getReturnCode();
    }
    return -1;
  }

  private static List<Throwable> causes(MailSendException e) {
    List<Throwable> all = new ArrayList<>();
    List<Throwable> roots = new ArrayList<>(e.getFailedMessages().values());
    roots.add(e.getCause());
    for (Throwable root : roots) {
      for (Throwable t = root; t != null && !all.contains(t); ) {
        all.add(t);
        t =
            t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException()
                : t.getCause();
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return "MailClient[" + (configured() ? "configured" : "not configured") + "]";
  }
}
