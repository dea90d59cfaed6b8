package life.suoke.ops.backend.oncall.handover;

import static life.suoke.ops.processes.oncall.OnCallHandoverProcess.OPERATIONS_MANAGERS_GROUP;
import static life.suoke.ops.processes.oncall.OnCallHandoverProcess.PROCESS_ID;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.processes.oncall.HandoverVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Shift handovers: starting one at a change of shift ({@link HandoverStarter}), reading the
 * records, and what the process's jobs keep in them.
 *
 * <p>Settings ({@code suoke.oncall.handover.*}): {@code write-within} (PT1H after the change of
 * shift), {@code acknowledge-within} (PT30M once written), {@code manager-group} ({@code
 * operations-managers}).
 */
@Service
public class HandoverService implements HandoverStarter {

  private static final Logger log = LoggerFactory.getLogger(HandoverService.class);

  private final HandoverStore store;
  private final CamundaClient client;
  private final AuditTrail audit;
  private final UserDirectory directory;
  private final Duration writeWithin;
  private final Duration acknowledgeWithin;
  private final String managerGroup;

  HandoverService(
      HandoverStore store,
      CamundaClient client,
      AuditTrail audit,
      UserDirectory directory,
      @Value("${suoke.oncall.handover.write-within:PT1H}") Duration writeWithin,
      @Value("${suoke.oncall.handover.acknowledge-within:PT30M}") Duration acknowledgeWithin,
      @Value("${suoke.oncall.handover.manager-group:" + OPERATIONS_MANAGERS_GROUP + "}")
          String managerGroup) {
    this.store = store;
    this.client = client;
    this.audit = audit;
    this.directory = directory;
    this.writeWithin = writeWithin;
    this.acknowledgeWithin = acknowledgeWithin;
    this.managerGroup = managerGroup;
  }

  @Override
  public Optional<HandoverRecord> start(ShiftChange change) {
    validate(change);
    if (change.outgoingUser().equals(change.incomingUser())) {
      return Optional.empty();
    }
    Instant writeDue = change.shiftStart().plus(writeWithin);
    long id = store.insertOrFind(change, writeDue, acknowledgeWithin.toString());
    HandoverRecord record = get(id);
    if (record.processInstanceKey() == null) {
      HandoverVariables variables =
          new HandoverVariables(
              id,
              record.scheduleId(),
              record.team(),
              record.tier(),
              record.outgoingUser(),
              record.incomingUser(),
              record.shiftStart(),
              record.shiftEnd(),
              record.writeDue(),
              record.acknowledgeWithin(),
              managerGroup);
      long key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS_ID)
              .latestVersion()
              .variables(variables.toMap())
              .send()
              .join()
              .getProcessInstanceKey();
      store.processStarted(id, key);
      audit.record(
          event(HandoverAuditActions.SYSTEM, HandoverAuditActions.STARTED, id, key)
              .withDetails(
                  Map.of(
                      "scheduleId",
                      record.scheduleId(),
                      "team",
                      record.team(),
                      "tier",
                      record.tier(),
                      "outgoingUser",
                      record.outgoingUser(),
                      "incomingUser",
                      record.incomingUser(),
                      "shiftStart",
                      record.shiftStart(),
                      "writeDue",
                      record.writeDue())));
      log.info(
          "Handover {} started for schedule {} tier {} at {}",
          id,
          record.scheduleId(),
          record.tier(),
          record.shiftStart());
      record = get(id);
    }
    return Optional.of(record);
  }

  private void validate(ShiftChange change) {
    List<FieldError> errors = new ArrayList<>();
    if (change == null) {
      throw ApiProblem.badRequest("shiftChange", "is required");
    }
    text(errors, "scheduleId", change.scheduleId());
    text(errors, "team", change.team());
    if (change.tier() < 1 || change.tier() > 3) {
      errors.add(new FieldError("tier", "must be 1, 2 or 3"));
    }
    user(errors, "outgoingUser", change.outgoingUser());
    user(errors, "incomingUser", change.incomingUser());
    if (change.shiftStart() == null) {
      errors.add(new FieldError("shiftStart", "is required"));
    }
    if (change.shiftEnd() == null) {
      errors.add(new FieldError("shiftEnd", "is required"));
    } else if (change.shiftStart() != null && !change.shiftEnd().isAfter(change.shiftStart())) {
      errors.add(new FieldError("shiftEnd", "must be after shiftStart"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  private static void text(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank() || value.length() > 100) {
      errors.add(new FieldError(field, "is required, at most 100 characters"));
    }
  }

  private void user(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (!directory.userExists(value)) {
      errors.add(new FieldError(field, "no user " + value));
    }
  }

  /** One record; 404 when there is none. */
  public HandoverRecord get(long id) {
    return store
        .find(id)
        .orElseThrow(() -> ApiProblem.notFound("There is no handover " + id + "."));
  }

  public HandoverPage search(HandoverQuery query) {
    return store.search(query);
  }

  // ---- the process's jobs

  /** Gathers the snapshot into the record; answers it. */
  Map<String, Object> prefill(long id, Long processInstanceKey, HandoverSnapshots snapshots) {
    HandoverRecord record = get(id);
    Map<String, Object> snapshot = snapshots.gather(record, Instant.now());
    store.prefilled(id, snapshot);
    audit.record(
        event(HandoverAuditActions.SYSTEM, HandoverAuditActions.PREFILLED, id, processInstanceKey)
            .withDetails(
                Map.of(
                    "openIncidents",
                    ((List<?>) snapshot.get("openIncidents")).size(),
                    "silences",
                    ((List<?>) snapshot.get("silences")).size(),
                    "recentAlerts",
                    ((List<?>) snapshot.get("recentAlerts")).size())));
    return snapshot;
  }

  /** The outgoing person wrote it (the write task is theirs). */
  void written(
      long id, Long processInstanceKey, String notes, String risks, String plannedChanges) {
    HandoverRecord record = get(id);
    store.written(id, record.outgoingUser(), notes, risks, plannedChanges);
    HandoverRecord now = get(id);
    audit.record(
        event(record.outgoingUser(), HandoverAuditActions.WRITTEN, id, processInstanceKey)
            .withDetails(
                Map.of(
                    "writtenAt",
                    now.writtenAt(),
                    "late",
                    now.writeLate(),
                    "hasRisks",
                    risks != null && !risks.isBlank())));
  }

  /** The incoming person acknowledged it (the acknowledge task is theirs). */
  void acknowledged(long id, Long processInstanceKey, String note) {
    HandoverRecord record = get(id);
    store.acknowledged(id, record.incomingUser(), note);
    audit.record(
        event(record.incomingUser(), HandoverAuditActions.ACKNOWLEDGED, id, processInstanceKey)
            .withDetail("acknowledgedAt", get(id).acknowledgedAt()));
  }

  /** Marks a late stage; false when it was marked already (nobody is told twice). */
  boolean markEscalated(long id, boolean write) {
    return store.escalated(id, write);
  }

  void auditEscalation(
      long id, Long processInstanceKey, String stage, String group, List<String> told) {
    audit.record(
        event(HandoverAuditActions.SYSTEM, HandoverAuditActions.ESCALATED, id, processInstanceKey)
            .withDetails(Map.of("stage", stage, "group", group, "told", told)));
  }

  private static AuditEvent event(String actor, String action, long id, Long processInstanceKey) {
    return AuditEvent.of(actor, action, HandoverAuditActions.OBJECT_TYPE, Long.toString(id))
        .withProcessInstance(processInstanceKey, HandoverVariables.businessKey(id));
  }
}
