package life.suoke.ops.backend.oncall;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.identity.GroupInfo;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.Segment;
import life.suoke.ops.processes.oncall.OnCallGapProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Looks for gaps in the next days ({@code suoke.oncall.gap-horizon}, 14 days) of every schedule
 * that has layers, and raises each new one (by its start) to the team's managers as an {@code
 * on-call-gap} process: a task in their inbox. A raised gap that the schedule no longer has is
 * reported covered (message {@code on-call-gap-covered}), which ends its task.
 */
@Component
public class OnCallGapWatch {

  private static final Logger log = LoggerFactory.getLogger(OnCallGapWatch.class);

  private final OnCallStore store;
  private final OnCallSpecs specs;
  private final UserDirectory directory;
  private final CamundaClient client;
  private final OnCallAudit audit;
  private final Duration horizon;

  OnCallGapWatch(
      OnCallStore store,
      OnCallSpecs specs,
      UserDirectory directory,
      CamundaClient client,
      OnCallAudit audit,
      @Value("${suoke.oncall.gap-horizon:P14D}") Duration horizon) {
    this.store = store;
    this.specs = specs;
    this.directory = directory;
    this.client = client;
    this.audit = audit;
    this.horizon = horizon;
  }

  /** Checks every schedule once; the gaps raised now. */
  public List<String> scan(Instant now) {
    List<String> raised = new ArrayList<>();
    for (Schedule schedule : store.schedules()) {
      if (schedule.layers().isEmpty()) {
        continue;
      }
      try {
        raised.addAll(scan(schedule, now));
      } catch (RuntimeException e) {
        log.warn("Gap check of on-call schedule {} failed", schedule.id(), e);
      }
    }
    return raised;
  }

  /** Checks one schedule; the keys of the gaps raised now. */
  public List<String> scan(Schedule schedule, Instant now) {
    FinalSchedule fs = specs.compute(schedule, now, now.plus(horizon));
    List<Segment> gaps = fs.gaps();
    List<String> raised = new ArrayList<>();
    for (Instant[] open : store.openGaps(schedule.id())) {
      boolean still =
          gaps.stream()
              .anyMatch(
                  g -> g.start().equals(open[0]) || (open[0].isBefore(now) && g.contains(now)));
      if (!still) {
        client
            .newPublishMessageCommand()
            .messageName(OnCallGapProcess.MESSAGE_COVERED)
            .correlationKey(key(schedule.id(), open[0]))
            .timeToLive(Duration.ZERO)
            .send()
            .join();
        store.gapCovered(schedule.id(), open[0]);
      }
    }
    for (Segment gap : gaps) {
      // a gap that began before this check began earlier: one raised before keeps its key
      if (gap.start().equals(now)
          && store.openGaps(schedule.id()).stream()
              .anyMatch(o -> o[0].isBefore(now) && o[1].isAfter(now))) {
        continue;
      }
      if (!store.markGapRaised(schedule.id(), gap.start(), gap.end())) {
        continue;
      }
      String key = key(schedule.id(), gap.start());
      GroupInfo team = directory.group(schedule.team()).orElse(null);
      List<String> managers = team == null ? List.of() : team.managers();
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(OnCallGapProcess.VAR_GAP_KEY, key);
      variables.put(OnCallGapProcess.VAR_GAP_START, gap.start().toString());
      variables.put(OnCallGapProcess.VAR_GAP_END, gap.end().toString());
      variables.put(OnCallGapProcess.VAR_MANAGERS, managers);
      variables.put(
          OnCallGapProcess.VAR_CANDIDATE_GROUPS,
          managers.isEmpty() ? List.of(schedule.team()) : List.of());
      variables.put(OnCallGapProcess.VAR_SCHEDULE_ID, schedule.id());
      variables.put(OnCallGapProcess.VAR_SCHEDULE_NAME, schedule.name());
      variables.put(OnCallGapProcess.VAR_TEAM, schedule.team());
      variables.put(OnCallGapProcess.VAR_BUSINESS_KEY, "oncall-gap:" + key);
      long instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(OnCallGapProcess.PROCESS_ID)
              .latestVersion()
              .variables(variables)
              .send()
              .join()
              .getProcessInstanceKey();
      store.gapProcess(schedule.id(), gap.start(), instance);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("gapStart", gap.start().toString());
      details.put("gapEnd", gap.end().toString());
      details.put("managers", managers);
      details.put("processInstanceKey", instance);
      audit.schedule("system", OnCallAudit.GAP_RAISED, schedule.id(), details);
      raised.add(key);
    }
    return raised;
  }

  static String key(long scheduleId, Instant gapStart) {
    return scheduleId + ":" + gapStart.getEpochSecond();
  }
}
