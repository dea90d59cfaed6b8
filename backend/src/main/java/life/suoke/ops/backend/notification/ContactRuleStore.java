package life.suoke.ops.backend.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.workers.notification.ContactRules;
import life.suoke.ops.workers.notification.NotificationChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's contact rules in PostgreSQL ({@code contact_rule}, V17): the channels a page reaches
 * them on, in order, each after a delay. The first rule has no delay (a page always goes out at
 * once); a channel appears once. The notifier takes them as its {@link ContactRules}.
 */
@Service
public class ContactRuleStore implements ContactRules {

  /** One rule as the API shows and takes it. */
  public record Rule(String channel, Integer delayMinutes) {}

  static final Set<String> CHANNELS =
      Set.of(
          NotificationChannel.SMS,
          NotificationChannel.VOICE,
          NotificationChannel.DINGTALK,
          NotificationChannel.EMAIL);
  static final int MAX_RULES = 8;
  static final int MAX_DELAY_MINUTES = 120;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AuditTrail audit;

  ContactRuleStore(JdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
  }

  @Override
  public List<Step> forPage(String username) {
    return rules(username).stream()
        .map(rule -> new Step(rule.channel(), Duration.ofMinutes(rule.delayMinutes())))
        .toList();
  }

  /** The person's rules in order; empty when they use the default (SMS, then a call). */
  public List<Rule> rules(String username) {
    return jdbc.query(
        "SELECT channel, delay_minutes FROM contact_rule WHERE username = ? ORDER BY position",
        (rs, i) -> new Rule(rs.getString(1), rs.getInt(2)),
        username);
  }

  /**
   * Replaces the person's rules (an empty list goes back to the default); every bad field named,
   * nothing written then. Audited with the channels and delays (no addresses).
   */
  public List<Rule> replace(String username, List<Rule> rules, String actor) {
    List<Rule> given = rules == null ? List.of() : rules;
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (given.size() > MAX_RULES) {
      errors.add(new ApiProblem.FieldError("rules", "has at most " + MAX_RULES + " rules"));
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      Rule rule = given.get(i);
      String at = "rules[" + i + "]";
      if (rule == null || rule.channel() == null || !CHANNELS.contains(rule.channel())) {
        errors.add(
            new ApiProblem.FieldError(at + ".channel", "must be sms, voice, dingtalk or email"));
      } else if (!seen.add(rule.channel())) {
        errors.add(new ApiProblem.FieldError(at + ".channel", "is already in an earlier rule"));
      }
      Integer delay = rule == null ? null : rule.delayMinutes();
      if (delay == null || delay < 0 || delay > MAX_DELAY_MINUTES) {
        errors.add(
            new ApiProblem.FieldError(
                at + ".delayMinutes", "must be 0 to " + MAX_DELAY_MINUTES + " minutes"));
      } else if (i == 0 && delay != 0) {
        errors.add(
            new ApiProblem.FieldError(
                at + ".delayMinutes", "must be 0: the first rule goes out at once"));
      } else if (i > 0
          && given.get(i - 1) != null
          && given.get(i - 1).delayMinutes() != null
          && delay < given.get(i - 1).delayMinutes()) {
        errors.add(
            new ApiProblem.FieldError(at + ".delayMinutes", "must not be before the rule above"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    tx.executeWithoutResult(
        status -> {
          jdbc.update("DELETE FROM contact_rule WHERE username = ?", username);
          for (int i = 0; i < given.size(); i++) {
            jdbc.update(
                "INSERT INTO contact_rule (username, position, channel, delay_minutes) VALUES (?, ?, ?, ?)",
                username,
                i,
                given.get(i).channel(),
                given.get(i).delayMinutes());
          }
        });
    audit.record(
        AuditEvent.of(actor, "user.contact-rules", "user", username)
            .withDetails(
                Map.of(
                    "rules",
                    given.stream().map(r -> r.channel() + "+" + r.delayMinutes() + "m").toList())));
    return rules(username);
  }
}
