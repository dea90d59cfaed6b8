package life.suoke.ops.backend.oncall.escalation;

import static life.suoke.ops.processes.oncall.EscalationPolicy.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.incident.IncidentResponders;
import life.suoke.ops.backend.incident.OnCallResolver;
import life.suoke.ops.backend.oncall.OnCallSpecs;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.Segment;
import life.suoke.ops.workers.notification.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an escalation policy's level means now: whether it may page (business hours for the
 * priorities it lists), who it reaches (the person on call of a schedule now, a user, the people on
 * call for a group: its schedule, else its members), in which order (a round-robin level starts
 * with the next person in turn, per policy and level), and the page itself through the notifier,
 * with an idempotency key per escalation, re-page, round, level, turn and person, so that a retried
 * job never pages twice.
 */
@Service
public class EscalationService {

  private static final Logger log = LoggerFactory.getLogger(EscalationService.class);

  /** The policy cannot be used; the escalation ends with the process's invalid-policy error. */
  public static final class InvalidPolicy extends RuntimeException {
    InvalidPolicy(String message) {
      super(message);
    }
  }

  private final BusinessCalendars calendars;
  private final OnCallSpecs specs;
  private final OnCallResolver resolver;
  private final UserDirectory directory;
  private final Notifier notifier;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final String publicUrl;
  private final IncidentResponders responders;

  EscalationService(
      BusinessCalendars calendars,
      OnCallSpecs specs,
      OnCallResolver resolver,
      UserDirectory directory,
      Notifier notifier,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl,
      IncidentResponders responders) {
    this.calendars = calendars;
    this.specs = specs;
    this.resolver = resolver;
    this.directory = directory;
    this.notifier = notifier;
    this.jdbc = jdbc;
    this.tx = tx;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.responders = responders;
  }

  /**
   * When the level may page, if not now: the next start of working time on the calendar, when the
   * level pages {@code priority} only in business hours and {@code now} is outside them.
   */
  public Optional<Instant> waitUntil(
      Map<String, Object> level, String calendarId, String priority, Instant now) {
    List<String> businessHoursOnly = strings(required(level).get(FIELD_BUSINESS_HOURS_ONLY_FOR));
    if (priority == null || !businessHoursOnly.contains(priority)) {
      return Optional.empty();
    }
    String calendar =
        calendarId == null || calendarId.isBlank() ? BusinessCalendars.DEFAULT : calendarId;
    try {
      if (calendars.isWorkingTime(calendar, now)) {
        return Optional.empty();
      }
      // The first business minute after now begins at the next start of working time.
      return Optional.of(
          calendars
              .addBusinessTime(calendar, now, Duration.ofMinutes(1))
              .minus(Duration.ofMinutes(1)));
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicy("business calendar " + calendar + " does not exist");
    }
  }

  /** The people the level reaches now, in the order to page them. */
  public List<String> recipients(
      Map<String, Object> level, String policyId, int levelNumber, String turnKey, Instant now) {
    Object targets = required(level).get(FIELD_TARGETS);
    if (!(targets instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidPolicy("level " + levelNumber + " has no targets");
    }
    Set<String> people = new LinkedHashSet<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> target)) {
        throw new InvalidPolicy("a target of level " + levelNumber + " is not an object");
      }
      String type = String.valueOf(target.get(FIELD_TYPE));
      String id =
          target.get(FIELD_TARGET_ID) == null ? null : String.valueOf(target.get(FIELD_TARGET_ID));
      if (id == null || id.isBlank()) {
        throw new InvalidPolicy("a target of level " + levelNumber + " has no id");
      }
      switch (type) {
        case TARGET_SCHEDULE -> people.addAll(onSchedule(id, now));
        case TARGET_USER ->
            directory
                .user(id)
                .filter(UserAccount::enabled)
                .ifPresent(u -> people.add(u.username()));
        case TARGET_GROUP -> resolver.onCall(id).forEach(u -> people.add(u.username()));
        default ->
            throw new InvalidPolicy("target type " + type + " is not schedule, user or group");
      }
    }
    List<String> ordered = new ArrayList<>(people);
    if (Boolean.TRUE.equals(level.get(FIELD_ROUND_ROBIN)) && ordered.size() > 1) {
      int start =
          (int) (turn(policyId == null ? "" : policyId, levelNumber, turnKey) % ordered.size());
      List<String> rotated = new ArrayList<>(ordered.subList(start, ordered.size()));
      rotated.addAll(ordered.subList(0, start));
      return rotated;
    }
    return ordered;
  }

  /** Pages each recipient once per key; returns those reached. */
  public List<String> page(
      List<String> recipients,
      String key,
      String incidentNumber,
      String service,
      String priority,
      String policyId,
      int levelNumber) {
    List<String> reached = new ArrayList<>();
    String title =
        (priority == null ? "" : priority + " ")
            + (incidentNumber == null ? "Escalation" : incidentNumber)
            + (service == null ? "" : " on " + service);
    String link =
        incidentNumber == null ? publicUrl + "/inbox" : publicUrl + "/incidents/" + incidentNumber;
    for (String name : recipients) {
      Optional<UserAccount> person = directory.user(name).filter(UserAccount::enabled);
      if (person.isEmpty()) {
        continue;
      }
      UserAccount p = person.get();
      Notifier.Result result =
          notifier.send(
              new Notifier.Notification(
                  key + ":" + name,
                  new Notifier.Recipient(
                      p.username(), p.displayName(), p.mobile(), p.email(), p.dingtalkUserId()),
                  Notifier.Urgency.PAGE,
                  title,
                  "**"
                      + title
                      + "** needs an acknowledgement (escalation level "
                      + levelNumber
                      + ").",
                  link));
      if (result.delivered() || result.duplicate()) {
        reached.add(name);
      } else {
        log.warn("Escalation page {} reached nobody on any channel", key);
      }
    }
    responders.paged(incidentNumber, policyId, levelNumber, recipients, reached);
    return reached;
  }

  private List<String> onSchedule(String id, Instant now) {
    long scheduleId;
    try {
      scheduleId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new InvalidPolicy("schedule " + id + " is not a schedule id");
    }
    FinalSchedule schedule = specs.near(scheduleId, now, now.plusSeconds(1));
    if (schedule == null) {
      throw new InvalidPolicy("schedule " + id + " does not exist");
    }
    return schedule
        .at(now)
        .filter(s -> !s.isGap())
        .map(Segment::user)
        .map(List::of)
        .orElse(List.of());
  }

  /**
   * The start of the level's turn for this escalation's round: the next index of the policy's
   * level, taken once per turn key (a retried job of the same turn gets the same start).
   */
  private long turn(String policyId, int levelNumber, String turnKey) {
    Long start =
        tx.execute(
            status -> {
              jdbc.update(
                  "INSERT INTO oncall_round_robin (policy_id, level_number) VALUES (?, ?) ON CONFLICT DO NOTHING",
                  policyId,
                  levelNumber);
              Map<String, Object> row =
                  jdbc.queryForMap(
                      "SELECT next_index, last_escalation_key FROM oncall_round_robin"
                          + " WHERE policy_id = ? AND level_number = ? FOR UPDATE",
                      policyId,
                      levelNumber);
              long next = ((Number) row.get("next_index")).longValue();
              if (turnKey.equals(row.get("last_escalation_key"))) {
                return Math.max(0, next - 1);
              }
              jdbc.update(
                  "UPDATE oncall_round_robin SET next_index = ?, last_escalation_key = ? WHERE policy_id = ?"
                      + " AND level_number = ?",
                  next + 1,
                  turnKey,
                  policyId,
                  levelNumber);
              return next;
            });
    return start == null ? 0 : start;
  }

  private static Map<String, Object> required(Map<String, Object> level) {
    if (level == null) {
      throw new InvalidPolicy("the level is missing");
    }
    return level;
  }

  private static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }
}
