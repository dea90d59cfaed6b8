package life.suoke.ops.backend.change;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.release.ChangeLink;
import life.suoke.ops.processes.change.ChangeProcess;
import life.suoke.ops.processes.release.ReleaseProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Change management's side of the release port: a release runs inside an approved change that is in
 * its window and not frozen by an incident; its analysis verdicts go on the change's timeline; its
 * outcome ends the change's implementation ({@code change-release-ended}: promoted closes the
 * change through verification as successful, backed out closes it as backed out and counts the
 * incident the release opened against the change).
 */
@Component
class ChangeReleaseLink implements ChangeLink {

  private static final Logger log = LoggerFactory.getLogger(ChangeReleaseLink.class);

  /** How long the end of a release waits for the change's implementation to catch it. */
  static final Duration OUTCOME_TTL = Duration.ofDays(1);

  private final ChangeService changes;
  private final ChangeStore store;
  private final IncidentFreeze freeze;
  private final CamundaClient client;
  private final JdbcTemplate jdbc;

  ChangeReleaseLink(
      ChangeService changes,
      ChangeStore store,
      IncidentFreeze freeze,
      CamundaClient client,
      JdbcTemplate jdbc) {
    this.changes = changes;
    this.store = store;
    this.freeze = freeze;
    this.client = client;
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> openStandardChange(String service, String title, String requestedBy) {
    return changes.openForRelease(service, title, requestedBy).map(Change::number);
  }

  @Override
  public Optional<String> unusable(String changeId, String service) {
    return Optional.ofNullable(changes.unusableForRelease(changeId, service));
  }

  @Override
  public Approval check(String changeId, String service, String releaseId, Instant at) {
    Optional<Change> found = store.find(changeId);
    if (found.isEmpty()) {
      return new Approval(false, "there is no change " + changeId);
    }
    Change change = found.get();
    if (!change.service().equals(service)) {
      return new Approval(false, "the change " + changeId + " is for service " + change.service());
    }
    // the freeze first: a change waiting in status frozen is refused for that reason
    String except = Change.EMERGENCY.equals(change.changeType()) ? change.incidentNumber() : null;
    List<String> freezing = freeze.freezingIncidents(service, except);
    if (!freezing.isEmpty()) {
      return new Approval(false, service + " is frozen by incident " + String.join(", ", freezing));
    }
    if (!List.of("scheduled", "implementing").contains(change.status())) {
      return new Approval(
          false,
          "the change " + changeId + " is " + change.status() + ", not approved and scheduled");
    }
    if (change.windowStart() == null || at.isBefore(change.windowStart())) {
      return new Approval(
          false, "the window of change " + changeId + " opens at " + change.windowStart());
    }
    if (!at.isBefore(change.windowEnd())) {
      return new Approval(
          false, "the window of change " + changeId + " ended at " + change.windowEnd());
    }
    store.event(
        changeId,
        null,
        "release-started",
        "Release " + releaseId + " started in the window",
        Map.of("release", releaseId),
        null);
    return new Approval(
        true,
        "change "
            + changeId
            + " ("
            + change.changeType()
            + ", "
            + change.risk()
            + " risk) approved, in its window until "
            + change.windowEnd());
  }

  @Override
  public void verdict(
      String changeId,
      String releaseId,
      Integer stepIndex,
      String verdict,
      Map<String, Object> summary) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("release", releaseId);
    details.put("step", stepIndex);
    details.put("verdict", verdict);
    details.put("analysis", summary);
    store.event(
        changeId,
        null,
        "release-verdict",
        "Release "
            + releaseId
            + ", "
            + (stepIndex == null ? "performance check" : "step " + (stepIndex + 1))
            + ": "
            + verdict,
        details,
        null);
  }

  @Override
  public void outcome(String changeId, String releaseId, String outcome, String incidentNumber) {
    if (ReleaseProcess.OUTCOME_REFUSED.equals(outcome)) {
      store.event(
          changeId,
          null,
          "release-refused",
          "Release " + releaseId + " was refused",
          Map.of("release", releaseId),
          null);
      return;
    }
    boolean backedOut = ReleaseProcess.OUTCOME_BACKED_OUT.equals(outcome);
    String result = backedOut ? ChangeProcess.RELEASE_BACKED_OUT : ChangeProcess.RELEASE_SUCCESSFUL;
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(ChangeProcess.VAR_RELEASE_OUTCOME, result);
    variables.put(ChangeProcess.VAR_RELEASE_ID, releaseId);
    variables.put(
        ChangeProcess.VAR_RELEASE_SUMMARY,
        "Release "
            + releaseId
            + " "
            + outcome
            + (incidentNumber == null ? "" : "; incident " + incidentNumber + " opened"));
    // on the timeline before the change is told, so that it reads "release ended" before "closed";
    // once, when the
    // outcome comes again (a retried job)
    if (!store.hasEvent(changeId, "release-ended", "release", releaseId)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("release", releaseId);
      details.put("outcome", result);
      if (incidentNumber != null) {
        details.put("incident", incidentNumber);
      }
      store.event(
          changeId,
          null,
          "release-ended",
          "Release "
              + releaseId
              + " ended: "
              + result
              + (incidentNumber == null ? "" : ", incident " + incidentNumber),
          details,
          null);
    }
    // the message id makes a repeated outcome (a retried job) one message
    client
        .newPublishMessageCommand()
        .messageName(ChangeProcess.MESSAGE_RELEASE_ENDED)
        .correlationKey(changeId)
        .messageId("release-" + releaseId)
        .variables(variables)
        .timeToLive(OUTCOME_TTL)
        .send()
        .join();
    if (backedOut && incidentNumber != null) {
      // counted against the change's success score with the incident's priority (read again by the
      // score)
      jdbc.update(
          "INSERT INTO change_caused_incident (change_number, incident_number, priority, recorded_by)"
              + " SELECT ?, number, COALESCE(priority, 'P3'), 'system' FROM incident WHERE number = ?"
              + " ON CONFLICT DO NOTHING",
          changeId,
          incidentNumber);
    }
    log.info("Release {} ended {}; change {} told", releaseId, outcome, changeId);
  }
}
