package life.suoke.ops.backend.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.processes.change.ChangeProcess;
import life.suoke.ops.workers.change.ChangeJobs;
import life.suoke.ops.workers.notification.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change records' side of the change processes' jobs ({@link ChangeJobs}, called by the workers
 * of {@code life.suoke.ops.workers.change}). Each job writes its timeline entry once (keyed by the
 * job), so a retried job records nothing twice; a change of status and its timeline entry are
 * written in one transaction, so that no reader sees the one without the other. Notifications carry
 * the change number, service and a link, never the change's texts.
 */
@Service
class ChangeJobService implements ChangeJobs {

  private static final Logger log = LoggerFactory.getLogger(ChangeJobService.class);

  private final ChangeStore store;
  private final ChangeCalendar calendar;
  private final IncidentFreeze freeze;
  private final ServiceCatalog catalog;
  private final BusinessCalendars calendars;
  private final UserDirectory directory;
  private final Notifier notifier;
  private final ChangeProperties properties;
  private final String publicUrl;
  private final TransactionTemplate tx;
  private final Clock clock = Clock.systemUTC();

  ChangeJobService(
      ChangeStore store,
      ChangeCalendar calendar,
      IncidentFreeze freeze,
      ServiceCatalog catalog,
      BusinessCalendars calendars,
      UserDirectory directory,
      Notifier notifier,
      ChangeProperties properties,
      TransactionTemplate tx,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl) {
    this.tx = tx;
    this.store = store;
    this.calendar = calendar;
    this.freeze = freeze;
    this.catalog = catalog;
    this.calendars = calendars;
    this.directory = directory;
    this.notifier = notifier;
    this.properties = properties;
    this.publicUrl = publicUrl;
  }

  private Change change(Job job) {
    return store
        .find(job.changeNumber())
        .orElseThrow(() -> new Refusal("there is no change " + job.changeNumber()));
  }

  @Override
  public Map<String, Object> prepare(Job job) {
    Change change = change(job);
    Instant now = clock.instant();
    Map<String, Object> result = new HashMap<>();
    Instant planned = change.plannedStart() == null ? now : change.plannedStart();
    result.put(ChangeProcess.VAR_PLANNED_HOUR, planned.atZone(properties.zone).getHour());
    result.put(
        ChangeProcess.VAR_RECENT_FAILURES,
        store.recentFailures(change.service(), now.minus(Duration.ofDays(90))));
    if (Change.STANDARD.equals(change.changeType())) {
      String calendarId =
          catalog
              .find(change.service())
              .map(ServiceCatalog.ServiceInfo::calendarId)
              .orElse("default");
      result.put(
          ChangeProcess.VAR_RESPONSE_DUE, calendars.addBusinessDays(calendarId, now, 1).toString());
    }
    if (Change.EMERGENCY.equals(change.changeType())) {
      Instant end = now.plus(properties.emergencyWindow);
      result.put(ChangeProcess.VAR_WINDOW_START, now.toString());
      result.put(ChangeProcess.VAR_WINDOW_END, end.toString());
      store.update(
          change.number(),
          "window_start = ?, window_end = ?",
          ChangeStore.ts(now),
          ChangeStore.ts(end));
    }
    return result;
  }

  @Override
  public void recordApproval(Job job) {
    Change change = change(job);
    Map<String, Object> v = job.variables();
    String approval = job.text(ChangeProcess.VAR_APPROVAL);
    boolean approved = ChangeProcess.APPROVAL_APPROVED.equals(approval);
    String risk = job.text(ChangeProcess.VAR_RISK);
    Map<String, Object> answers = new LinkedHashMap<>();
    for (String name :
        List.of(
            "affectedServices",
            "affectedUsers",
            "downtimeRequired",
            "rollbackTested",
            "rollbackPlan",
            "testEvidence",
            "recentFailures",
            "plannedHour")) {
      if (v.get(name) != null) {
        answers.put(name, v.get(name));
      }
    }
    tx.executeWithoutResult(
        txStatus -> {
          if (!answers.isEmpty()) {
            store.assessment(change.number(), answers);
          }
          String level = level(change.changeType(), risk);
          if (v.get(ChangeProcess.VAR_CAB_VOTES) instanceof List<?> votes && "cab".equals(level)) {
            for (Object item : votes) {
              if (item instanceof Map<?, ?> vote && vote.get("vote") != null) {
                store.approval(
                    change.number(),
                    level,
                    String.valueOf(vote.get("member")),
                    String.valueOf(vote.get("vote")),
                    vote.get("comment") == null ? null : String.valueOf(vote.get("comment")),
                    job.jobKey());
              }
            }
          } else {
            store.approval(
                change.number(),
                level,
                job.text(ChangeProcess.VAR_APPROVER),
                approved ? "approved" : "rejected",
                job.text(ChangeProcess.VAR_APPROVAL_COMMENT),
                job.jobKey());
          }
          if (approved) {
            store.update(change.number(), "status = 'approved', risk = COALESCE(?, risk)", risk);
          } else {
            store.update(
                change.number(),
                "status = 'rejected', risk = COALESCE(?, risk), closed_at = now()",
                risk);
          }
          store.event(
              change.number(),
              job.text(ChangeProcess.VAR_APPROVER),
              approved ? "approved" : "rejected",
              (approved ? "Approved" : "Rejected")
                  + " ("
                  + level
                  + (risk == null ? "" : ", risk " + risk)
                  + ")",
              Map.of("level", level),
              job.jobKey());
        });
  }

  static String level(String type, String risk) {
    if (Change.EMERGENCY.equals(type)) {
      return "emergency-cab";
    }
    if ("high".equals(risk)) {
      return "cab";
    }
    return "medium".equals(risk) ? "service-owner" : "change-manager";
  }

  @Override
  public Map<String, Object> prepareCab(Job job) {
    change(job);
    List<String> members = directory.membersOf(ChangeService.CAB);
    if (members.isEmpty()) {
      throw new Refusal("the group cab has no members");
    }
    return Map.of(
        ChangeProcess.VAR_CAB_MEMBERS,
        members,
        ChangeProcess.VAR_CAB_QUORUM,
        properties.cabQuorum,
        ChangeProcess.VAR_CAB_QUORUM_PERCENT,
        properties.cabQuorumPercent,
        ChangeProcess.VAR_CAB_REJECTION_LIMIT,
        Math.min(properties.cabRejectionLimit, members.size()));
  }

  @Override
  public Map<String, Object> schedule(Job job) {
    Change change = change(job);
    Instant start = instant(job.text(ChangeProcess.VAR_WINDOW_START));
    Instant end = instant(job.text(ChangeProcess.VAR_WINDOW_END));
    String refusal = calendar.refusal(change.service(), start, end, clock.instant());
    if (refusal != null) {
      store.event(
          change.number(),
          null,
          "window-refused",
          "Window refused: " + refusal,
          Map.of(),
          job.jobKey());
      throw new WindowRefused(refusal);
    }
    tx.executeWithoutResult(
        txStatus -> {
          store.update(
              change.number(),
              "status = 'scheduled', window_start = ?, window_end = ?",
              ChangeStore.ts(start),
              ChangeStore.ts(end));
          List<ChangeCalendar.Conflict> conflicts =
              calendar.conflicts(change.number(), change.service(), start, end);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("windowStart", start.toString());
          details.put("windowEnd", end.toString());
          details.put(
              "conflicts", conflicts.stream().map(ChangeCalendar.Conflict::otherChange).toList());
          List<String> freezing = freeze.freezingIncidents(change.service(), null);
          if (!freezing.isEmpty()) {
            details.put("frozenBy", freezing);
          }
          store.event(
              change.number(),
              null,
              "scheduled",
              "Scheduled "
                  + start
                  + " - "
                  + end
                  + (conflicts.isEmpty()
                      ? ""
                      : "; conflicts with "
                          + String.join(", ", (List<String>) details.get("conflicts")))
                  + (freezing.isEmpty()
                      ? ""
                      : "; the service is frozen by " + String.join(", ", freezing)),
              details,
              job.jobKey());
        });
    return Map.of(
        ChangeProcess.VAR_WINDOW_START,
        start.toString(),
        ChangeProcess.VAR_WINDOW_END,
        end.toString());
  }

  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      try {
        return Instant.parse(text);
      } catch (RuntimeException again) {
        throw new WindowRefused("the window's times are not ISO 8601 date-times with an offset");
      }
    }
  }

  @Override
  public void escalate(Job job, String reason) {
    Change change = change(job);
    store.event(
        change.number(),
        null,
        "escalated",
        "response-due".equals(reason)
            ? "Not scheduled within one business day: the change managers are told"
            : "Not approved within 2 hours: the change managers are told",
        Map.of("reason", reason),
        job.jobKey());
    tell(
        ChangeService.CHANGE_MANAGERS,
        change,
        job,
        "escalated:" + reason,
        change.number() + " (" + change.service() + "): " + reason);
  }

  @Override
  public boolean checkFreeze(Job job) {
    Change change = change(job);
    List<String> freezing =
        freeze.freezingIncidents(
            change.service(),
            Change.EMERGENCY.equals(change.changeType()) ? change.incidentNumber() : null);
    if (!freezing.isEmpty() && !Change.EMERGENCY.equals(change.changeType())) {
      tx.executeWithoutResult(
          txStatus -> {
            store.update(change.number(), "status = 'frozen'");
            store.event(
                change.number(),
                null,
                "frozen",
                "Frozen: incident "
                    + String.join(", ", freezing)
                    + " is open on "
                    + change.service(),
                Map.of("incidents", freezing),
                job.jobKey());
          });
      return true;
    }
    tx.executeWithoutResult(
        txStatus -> {
          store.update(change.number(), "status = 'implementing'");
          store.event(
              change.number(),
              null,
              "implementing",
              "Implementation started",
              Map.of(),
              job.jobKey());
        });
    return false;
  }

  @Override
  public void windowOverrun(Job job) {
    Change change = change(job);
    store.event(
        change.number(),
        null,
        "window-overrun",
        "Ran past the end of its window (" + change.windowEnd() + ")",
        Map.of(),
        job.jobKey());
    tell(
        ChangeService.CHANGE_MANAGERS,
        change,
        job,
        "overrun",
        change.number() + " ran past its window");
    tell(
        change.implementerGroup(),
        change,
        job,
        "overrun",
        change.number() + " ran past its window");
  }

  @Override
  public void close(Job job) {
    Change change = change(job);
    String code = job.text(ChangeProcess.VAR_CLOSE_CODE);
    if (code == null || !ChangeProcess.CLOSE_CODES.contains(code)) {
      throw new Refusal("variable closeCode is missing or unknown");
    }
    tx.executeWithoutResult(
        txStatus -> {
          store.update(
              change.number(),
              "status = 'closed', close_code = ?, closed_at = COALESCE(closed_at, now())",
              code);
          store.event(
              change.number(),
              null,
              "closed",
              "Closed: " + code,
              Map.of("closeCode", code),
              job.jobKey());
        });
  }

  @Override
  public void status(Job job, String status) {
    Change change = change(job);
    if (!ChangeProcess.STATUS_REVIEWED.equals(status)) {
      throw new Refusal("unknown status " + status);
    }
    tx.executeWithoutResult(
        txStatus -> {
          store.update(change.number(), "reviewed = TRUE");
          store.event(
              change.number(),
              null,
              "reviewed",
              "Reviewed afterwards: " + job.text("retrospectiveDecision"),
              Map.of(),
              job.jobKey());
        });
  }

  @Override
  public void informationAnswered(Job job) {
    Change change = change(job);
    String answer = job.text(ChangeProcess.VAR_ANSWER);
    Map<String, Object> details = new HashMap<>();
    details.put("question", job.text(ChangeProcess.VAR_QUESTION));
    details.put("answer", answer);
    details.put("requestId", job.text(ChangeProcess.VAR_REQUEST_ID));
    store.event(
        change.number(),
        null,
        "information-answered",
        answer == null
            ? "Information request not answered within 4 hours"
            : "Information given by " + job.text(ChangeProcess.VAR_REQUESTED_FROM),
        details,
        job.jobKey());
  }

  @Override
  public void informationEscalated(Job job) {
    Change change = change(job);
    store.event(
        change.number(),
        null,
        "information-escalated",
        "Information request to "
            + job.text(ChangeProcess.VAR_REQUESTED_FROM)
            + " not answered within 4 hours: escalated",
        Map.of(),
        job.jobKey());
    tell(
        ChangeService.CHANGE_MANAGERS,
        change,
        job,
        "information",
        change.number() + ": information request unanswered");
  }

  /** Tells the members of a group (information); a failure to send does not hold the process. */
  private void tell(String group, Change change, Job job, String what, String title) {
    List<String> members = new ArrayList<>(directory.membersOf(group));
    for (String member : members) {
      try {
        UserAccount person = directory.user(member).orElse(null);
        if (person == null) {
          continue;
        }
        notifier.send(
            new Notifier.Notification(
                change.number() + ":" + what + ":" + job.jobKey() + ":" + member,
                new Notifier.Recipient(
                    person.username(),
                    person.displayName(),
                    person.mobile(),
                    person.email(),
                    person.dingtalkUserId()),
                Notifier.Urgency.INFO,
                title,
                "Change **" + change.number() + "** on " + change.service() + ": " + title,
                publicUrl + "/changes/" + change.number()));
      } catch (RuntimeException e) {
        log.warn("A change notification could not be sent: {}", e.getClass().getSimpleName());
      }
    }
  }
}
