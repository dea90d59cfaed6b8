package life.suoke.ops.backend.oncall.handover;

import static life.suoke.ops.processes.oncall.OnCallHandoverProcess.*;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.identity.GroupInfo;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.workers.notification.Notifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The job side of {@code on-call-handover}: {@code oncall.handover.prefill} (the snapshot into the
 * record, Markdown for the forms), {@code oncall.handover.record} (header {@code stage} written or
 * acknowledged: the step into the record, with the form's texts) and {@code
 * oncall.handover.escalate} (header {@code stage} write or acknowledge: the managers of variable
 * {@code managerGroup}, or its members when it has none, are told once by the notification
 * service).
 */
@Component
public class HandoverJobWorkers {

  private final HandoverService handovers;
  private final HandoverSnapshots snapshots;
  private final UserDirectory directory;
  private final Notifier notifier;
  private final String publicUrl;

  HandoverJobWorkers(
      HandoverService handovers,
      HandoverSnapshots snapshots,
      UserDirectory directory,
      Notifier notifier,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl) {
    this.handovers = handovers;
    this.snapshots = snapshots;
    this.directory = directory;
    this.notifier = notifier;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @JobWorker(type = JOB_PREFILL)
  public Map<String, Object> prefill(ActivatedJob job, @Variable(VAR_HANDOVER_ID) Long handoverId) {
    Map<String, Object> snapshot =
        handovers.prefill(id(handoverId), job.getProcessInstanceKey(), snapshots);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(VAR_SUMMARY, HandoverSnapshots.markdown(snapshot));
    answer.put(VAR_PLANNED_CHANGES, "");
    return answer;
  }

  @JobWorker(type = JOB_RECORD)
  public void record(
      ActivatedJob job,
      @Variable(VAR_HANDOVER_ID) Long handoverId,
      @Variable(VAR_NOTES) String notes,
      @Variable(VAR_RISKS) String risks,
      @Variable(VAR_PLANNED_CHANGES) String plannedChanges,
      @Variable(VAR_ACKNOWLEDGEMENT_NOTE) String acknowledgementNote) {
    String stage = job.getCustomHeaders().get(HEADER_STAGE);
    if (STAGE_WRITTEN.equals(stage)) {
      handovers.written(
          id(handoverId),
          job.getProcessInstanceKey(),
          notes,
          blankToNull(risks),
          blankToNull(plannedChanges));
    } else if (STAGE_ACKNOWLEDGED.equals(stage)) {
      handovers.acknowledged(
          id(handoverId), job.getProcessInstanceKey(), blankToNull(acknowledgementNote));
    } else {
      throw new IllegalArgumentException("unknown stage header " + stage);
    }
  }

  @JobWorker(type = JOB_ESCALATE)
  public void escalate(
      ActivatedJob job,
      @Variable(VAR_HANDOVER_ID) Long handoverId,
      @Variable(VAR_MANAGER_GROUP) String managerGroup) {
    long id = id(handoverId);
    String stage = job.getCustomHeaders().get(HEADER_STAGE);
    boolean write = STAGE_WRITE.equals(stage);
    if (!write && !STAGE_ACKNOWLEDGE.equals(stage)) {
      throw new IllegalArgumentException("unknown stage header " + stage);
    }
    HandoverRecord record = handovers.get(id);
    String group = managerGroup == null ? OPERATIONS_MANAGERS_GROUP : managerGroup;
    handovers.markEscalated(id, write);
    String late =
        write
            ? "not written by " + record.writeDue() + " (" + record.outgoingUser() + ")"
            : "not acknowledged within "
                + record.acknowledgeWithin()
                + " ("
                + record.incomingUser()
                + ")";
    String title =
        "Handover HO-" + id + " of " + record.team() + " tier " + record.tier() + " is late";
    List<String> told = new ArrayList<>();
    Optional<GroupInfo> info = directory.group(group);
    List<String> names =
        info.map(g -> g.managers().isEmpty() ? g.members() : g.managers()).orElse(List.of());
    for (String name : names) {
      Optional<UserAccount> person = directory.user(name).filter(UserAccount::enabled);
      if (person.isEmpty()) {
        continue;
      }
      Notifier.Result result =
          notifier.send(
              new Notifier.Notification(
                  "HO-" + id + ":late:" + stage + ":" + name,
                  new Notifier.Recipient(
                      name,
                      person.get().displayName(),
                      person.get().mobile(),
                      person.get().email(),
                      person.get().dingtalkUserId()),
                  Notifier.Urgency.INFO,
                  title,
                  "**"
                      + title
                      + "**\n\nThe shift handover at "
                      + record.shiftStart()
                      + " is "
                      + late
                      + ".\n",
                  publicUrl + "/handover?id=" + id));
      if (result.delivered() || result.duplicate()) {
        told.add(name);
      }
    }
    handovers.auditEscalation(id, job.getProcessInstanceKey(), stage, group, told);
  }

  private static long id(Long handoverId) {
    if (handoverId == null) {
      throw new IllegalArgumentException("variable handoverId is missing");
    }
    return handoverId;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
