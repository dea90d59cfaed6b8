package life.suoke.ops.backend.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.Segment;
import life.suoke.ops.workers.notification.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reminds people before their shift starts: a shift starting within the schedule's lead time
 * ({@code reminderLeadMinutes}) is announced to its person once, as information (DingTalk, then
 * e-mail), through the notifier. The idempotency key (schedule, person, start) makes a reminder go
 * out once however often the check runs, on however many instances.
 */
@Component
public class OnCallReminders {

  private static final Logger log = LoggerFactory.getLogger(OnCallReminders.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (z)");

  private final OnCallStore store;
  private final OnCallSpecs specs;
  private final UserDirectory directory;
  private final Notifier notifier;
  private final String publicUrl;

  OnCallReminders(
      OnCallStore store,
      OnCallSpecs specs,
      UserDirectory directory,
      Notifier notifier,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl) {
    this.store = store;
    this.specs = specs;
    this.directory = directory;
    this.notifier = notifier;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Sends the reminders due at {@code now}; the idempotency keys of those that went out. */
  public List<String> remind(Instant now) {
    List<String> sent = new ArrayList<>();
    for (Schedule schedule : store.schedules()) {
      if (schedule.reminderLeadMinutes() <= 0 || schedule.layers().isEmpty()) {
        continue;
      }
      try {
        sent.addAll(remind(schedule, now));
      } catch (RuntimeException e) {
        log.warn("Reminders of on-call schedule {} failed", schedule.id(), e);
      }
    }
    return sent;
  }

  /**
   * The shifts of one schedule that start after {@code now} within its lead time, each reminded
   * once.
   */
  public List<String> remind(Schedule schedule, Instant now) {
    Duration lead = Duration.ofMinutes(schedule.reminderLeadMinutes());
    // from a moment before now, so that a shift starting right after now has a known predecessor
    Instant from = now.minusSeconds(1);
    FinalSchedule fs = specs.near(schedule.id(), from, now.plus(lead).plusSeconds(1));
    if (fs == null) {
      return List.of();
    }
    List<String> sent = new ArrayList<>();
    List<Segment> entries = fs.entries();
    for (int i = 1; i < entries.size(); i++) {
      Segment shift = entries.get(i);
      Segment before = entries.get(i - 1);
      if (shift.isGap()
          || shift.user().equals(before.user())
          || !shift.start().isAfter(now)
          || shift.start().isAfter(now.plus(lead))) {
        continue;
      }
      Optional<UserAccount> person = directory.user(shift.user()).filter(UserAccount::enabled);
      if (person.isEmpty()) {
        continue;
      }
      String key =
          "oncall:reminder:"
              + schedule.id()
              + ":"
              + shift.user()
              + ":"
              + shift.start().getEpochSecond();
      String when = WHEN.format(shift.start().atZone(ZoneId.of(schedule.timeZone())));
      String end =
          fs.shiftEnd(shift.start())
              .filter(e -> e.isBefore(fs.to()))
              .map(e -> WHEN.format(e.atZone(ZoneId.of(schedule.timeZone()))))
              .orElse(null);
      UserAccount p = person.get();
      Notifier.Result result =
          notifier.send(
              new Notifier.Notification(
                  key,
                  new Notifier.Recipient(
                      p.username(), p.displayName(), p.mobile(), p.email(), p.dingtalkUserId()),
                  Notifier.Urgency.INFO,
                  "On call from " + when + ": " + schedule.name(),
                  "Your on-call shift of **"
                      + schedule.name()
                      + "** (team "
                      + schedule.team()
                      + ") starts at "
                      + when
                      + (end == null ? "." : " and lasts until " + end + "."),
                  publicUrl + "/oncall/my"));
      if (result.delivered() && !result.duplicate()) {
        sent.add(key);
      }
    }
    return sent;
  }
}
