package life.suoke.ops.processes.release;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.release.ReleaseProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every strategy promoted and rolled back, on the engine clock: the steps come from {@link
 * ReleaseStrategy} (a strategy is data), the jobs are completed as the workers would, and a
 * roll-back is shown by the compensation handlers that run (traffic restored once per step taken,
 * the new version scaled down) before the outcome is recorded as backed out.
 */
@ProcessEngineTest
class ReleaseProcessTest {

  private static final AtomicInteger IDS = new AtomicInteger(1);

  CamundaClient client;
  ProcessEngineContext engine;

  @BeforeEach
  void deploy() {
    engine.pinClock(Instant.parse("2026-11-02T02:00:00Z"));
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath(RESOURCE)
        .addResourceFromClasspath(DECIDE_FORM)
        .send()
        .join();
  }

  private final List<Long> started = new ArrayList<>();

  @AfterEach
  void cancelWhatIsLeft() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException ended) {
        // completed already
      }
    }
  }

  private record Release(
      ProcessInstanceEvent instance, String id, List<Map<String, Object>> steps) {}

  private Release start(Map<String, Object> strategy) {
    String id = "REL-" + IDS.getAndIncrement();
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(
                    VAR_RELEASE_ID,
                    id,
                    VAR_SERVICE,
                    "checkout",
                    VAR_CHANGE_ID,
                    "CHG-7",
                    VAR_STRATEGY,
                    strategy))
            .send()
            .join();
    started.add(instance.getProcessInstanceKey());
    List<Map<String, Object>> steps = ReleaseStrategy.steps(strategy);
    ActivatedJob plan =
        engine.completeJob(
            JOB_PLAN,
            Map.of(
                VAR_PLAN_ACCEPTED,
                true,
                VAR_STEPS,
                steps,
                VAR_KEEP_PREVIOUS,
                ReleaseStrategy.keepPrevious(strategy)));
    assertThat(plan.getVariablesAsMap()).containsEntry(VAR_RELEASE_ID, id);
    engine.completeJob(JOB_PREPARE);
    engine.completeJob(JOB_DEPLOY);
    engine.completeJob(JOB_VERIFY, Map.of(VAR_VERIFICATION_PASSED, true));
    ActivatedJob performance =
        engine.completeJob(JOB_ANALYSE, Map.of(VAR_VERDICT, VERDICT_SUCCESSFUL));
    assertThat(performance.getCustomHeaders()).containsEntry(HEADER_PHASE, "performance");
    return new Release(instance, id, steps);
  }

  /**
   * Applies the step, waits out its pause on the engine clock, and analyses it with the verdict.
   */
  private void step(Release release, int index, String verdict) {
    ActivatedJob apply = engine.completeJob(JOB_APPLY_STEP);
    @SuppressWarnings("unchecked")
    Map<String, Object> step = (Map<String, Object>) apply.getVariablesAsMap().get(VAR_STEP);
    assertThat(step)
        .containsEntry("index", index)
        .containsEntry("weight", release.steps().get(index).get("weight"));
    Duration pause = Duration.parse((String) step.get("pause"));
    if (!pause.isZero()) {
      assertThat(release.instance()).hasActiveElements(WAIT_GATEWAY);
      engine.increaseTime(pause);
    }
    ActivatedJob analyse = engine.completeJob(JOB_ANALYSE, Map.of(VAR_VERDICT, verdict));
    assertThat(analyse.getCustomHeaders()).containsEntry(HEADER_PHASE, "step");
  }

  private void promoted(Release release) {
    assertThat(release.instance()).hasActiveElements(CONFIRM_TASK);
    engine.completeJob(JOB_CONFIRM);
    promotedAfterConfirm(release);
  }

  private void promotedAfterConfirm(Release release) {
    assertThat(release.instance()).hasActiveElements(RETIRE_PREVIOUS_TASK);
    engine.completeJob(JOB_RETIRE_PREVIOUS);
    ActivatedJob outcome = engine.completeJob(JOB_OUTCOME);
    assertThat(outcome.getCustomHeaders()).containsEntry(HEADER_OUTCOME, OUTCOME_PROMOTED);
    assertThat(release.instance())
        .isCompleted()
        .hasCompletedElements(PROMOTED)
        .hasCompletedElement(APPLY_STEP_TASK, release.steps().size())
        .hasNotActivatedElements(RESTORE_TRAFFIC_TASK, SCALE_DOWN_TASK, UNDO_RELEASE);
  }

  /**
   * The compensation: traffic restored once per step taken, the new version scaled down, backed
   * out.
   */
  private void backedOut(Release release, int stepsTaken) {
    assertThat(release.instance()).hasActiveElements(SCALE_DOWN_TASK);
    for (int i = 0; i < stepsTaken; i++) {
      engine.completeJob(JOB_RESTORE_TRAFFIC);
    }
    engine.completeJob(JOB_SCALE_DOWN);
    ActivatedJob outcome = engine.completeJob(JOB_OUTCOME);
    assertThat(outcome.getCustomHeaders()).containsEntry(HEADER_OUTCOME, OUTCOME_BACKED_OUT);
    assertThat(release.instance())
        .isCompleted()
        .hasCompletedElements(UNDO_RELEASE, BACKED_OUT)
        .hasCompletedElement(RESTORE_TRAFFIC_TASK, stepsTaken)
        .hasCompletedElement(SCALE_DOWN_TASK, 1)
        .hasNotActivatedElements(PROMOTED);
  }

  private void publish(String message, Release release) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(release.id())
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();
  }

  private static Map<String, Object> canary() {
    return Map.of(
        "type",
        "canary",
        "steps",
        List.of(
            Map.of("setWeight", 10, "pause", "PT5M"),
            Map.of("setWeight", 50, "pause", "PT10M"),
            Map.of("setWeight", 100)));
  }

  @Test
  void canaryShiftsStepByStepAndIsPromoted() {
    Release release = start(canary());
    step(release, 0, VERDICT_SUCCESSFUL);
    step(release, 1, VERDICT_SUCCESSFUL);
    step(release, 2, VERDICT_SUCCESSFUL);
    promoted(release);
    assertThat(release.instance())
        .hasVariable(VAR_STEP_RESULTS, List.of("promoted", "promoted", "promoted"));
  }

  @Test
  void canaryWaitsOutEachPauseBeforeAnalysing() {
    Release release = start(canary());
    engine.completeJob(JOB_APPLY_STEP);
    engine.increaseTime(Duration.ofMinutes(4));
    assertThat(release.instance())
        .hasActiveElements(WAIT_GATEWAY)
        .hasNotActivatedElements(ANALYSE_TASK);
    engine.increaseTime(Duration.ofMinutes(1));
    assertThat(release.instance()).hasCompletedElements(PAUSE_OVER).hasActiveElements(ANALYSE_TASK);
  }

  @Test
  void canaryWithFailedAnalysisIsRolledBackByCompensation() {
    Release release = start(canary());
    step(release, 0, VERDICT_SUCCESSFUL);
    step(release, 1, VERDICT_FAILED);
    backedOut(release, 2);
    assertThat(release.instance())
        .hasNotActivatedElements(CONFIRM_TASK)
        .hasCompletedElements(STEP_ROLLED_BACK)
        .hasVariable(VAR_STEP_RESULTS, java.util.Arrays.asList("promoted", "rollback", null));
  }

  @Test
  void blueGreenKeepsThePreviousVersionThenRetiresIt() {
    Release release =
        start(Map.of("type", "blueGreen", "previewPause", "PT2M", "keepPrevious", "PT30M"));
    step(release, 0, VERDICT_SUCCESSFUL);
    step(release, 1, VERDICT_SUCCESSFUL);
    engine.completeJob(JOB_CONFIRM);
    assertThat(release.instance()).hasActiveElements(KEEP_PREVIOUS_GATEWAY);
    engine.increaseTime(Duration.ofMinutes(30));
    promotedAfterConfirm(release);
  }

  @Test
  void blueGreenRolledBackWhilePreviousIsKeptUndoesTheSwitch() {
    Release release = start(Map.of("type", "blueGreen", "keepPrevious", "PT1H"));
    step(release, 0, VERDICT_SUCCESSFUL);
    step(release, 1, VERDICT_SUCCESSFUL);
    engine.completeJob(JOB_CONFIRM);
    assertThat(release.instance()).hasActiveElements(KEEP_PREVIOUS_GATEWAY);
    publish(MESSAGE_ROLLBACK, release);
    backedOut(release, 2);
    assertThat(release.instance())
        .hasCompletedElements(LATE_ROLLBACK)
        .hasNotActivatedElements(RETIRE_PREVIOUS_TASK);
  }

  @Test
  void blueGreenWithFailedPreviewNeverSwitches() {
    Release release = start(Map.of("type", "blueGreen"));
    step(release, 0, VERDICT_FAILED);
    backedOut(release, 1);
    assertThat(release.instance()).hasCompletedElement(APPLY_STEP_TASK, 1);
  }

  private static Map<String, Object> rolling() {
    return Map.of(
        "type", "rolling", "replicas", 10, "maxSurge", 2, "maxUnavailable", 1, "pause", "PT1M");
  }

  @Test
  void rollingGoesBatchByBatchAndIsPromoted() {
    Release release = start(rolling());
    assertThat(release.steps())
        .extracting(step -> step.get("replicasNew"))
        .containsExactly(3, 6, 9, 10);
    for (int i = 0; i < 4; i++) {
      step(release, i, VERDICT_SUCCESSFUL);
    }
    promoted(release);
  }

  @Test
  void rollingRolledBackByAPersonDuringAPause() {
    Release release = start(rolling());
    step(release, 0, VERDICT_SUCCESSFUL);
    engine.completeJob(JOB_APPLY_STEP);
    assertThat(release.instance()).hasActiveElements(WAIT_GATEWAY);
    publish(MESSAGE_ROLLBACK, release);
    backedOut(release, 2);
    assertThat(release.instance())
        .hasCompletedElements(ROLLBACK_REQUESTED)
        .hasCompletedElement(ANALYSE_TASK, 1);
  }

  private static Map<String, Object> abTest() {
    return Map.of(
        "type", "abTest", "match", Map.of("header", "X-Variant", "value", "b"), "duration", "PT1H");
  }

  @Test
  void abTestComparesVariantsThenSwitchesAndIsPromoted() {
    Release release = start(abTest());
    assertThat(release.steps().get(0))
        .containsEntry("compareVariants", true)
        .containsEntry("match", Map.of("header", "X-Variant", "value", "b"));
    step(release, 0, VERDICT_SUCCESSFUL);
    step(release, 1, VERDICT_SUCCESSFUL);
    promoted(release);
  }

  @Test
  void abTestWithWorseVariantIsRolledBack() {
    Release release = start(abTest());
    step(release, 0, VERDICT_FAILED);
    backedOut(release, 1);
  }

  @Test
  void inconclusiveAnalysisPausesForAPersonWhoPromotes() {
    Release release = start(canary());
    step(release, 0, VERDICT_INCONCLUSIVE);
    assertThat(byElementId(DECIDE_TASK, release.instance()))
        .isCreated()
        .hasCandidateGroups(GROUP_RELEASE_MANAGERS);
    assertThat(release.instance()).hasNotActivatedElements(STEP_DONE);
    engine.increaseTime(Duration.ofDays(1));
    assertThat(release.instance()).hasActiveElements(DECIDE_TASK);
    engine.completeUserTask(
        byElementId(DECIDE_TASK, release.instance()), Map.of(VAR_DECISION, DECISION_PROMOTE));
    step(release, 1, VERDICT_SUCCESSFUL);
    step(release, 2, VERDICT_SUCCESSFUL);
    promoted(release);
  }

  @Test
  void inconclusiveAnalysisPausesForAPersonWhoRollsBack() {
    Release release = start(canary());
    step(release, 0, VERDICT_SUCCESSFUL);
    step(release, 1, VERDICT_INCONCLUSIVE);
    engine.completeUserTask(
        byElementId(DECIDE_TASK, release.instance()), Map.of(VAR_DECISION, DECISION_ROLLBACK));
    backedOut(release, 2);
  }

  @Test
  void aPersonPausesAStepThenPromotes() {
    Release release = start(canary());
    engine.completeJob(JOB_APPLY_STEP);
    publish(MESSAGE_PAUSE, release);
    assertThat(release.instance())
        .hasCompletedElements(PAUSE_REQUESTED)
        .hasActiveElements(DECIDE_TASK);
    engine.completeUserTask(
        byElementId(DECIDE_TASK, release.instance()), Map.of(VAR_DECISION, DECISION_PROMOTE));
    engine.completeJob(JOB_APPLY_STEP);
    publish(MESSAGE_PROMOTE, release); // skips the rest of the pause, the analysis still runs
    engine.completeJob(JOB_ANALYSE, Map.of(VAR_VERDICT, VERDICT_SUCCESSFUL));
    step(release, 2, VERDICT_SUCCESSFUL);
    promoted(release);
    assertThat(release.instance()).hasCompletedElements(PROMOTE_REQUESTED);
  }

  @Test
  void aManualStepWaitsForAPerson() {
    Release release =
        start(
            Map.of(
                "type",
                "canary",
                "steps",
                List.of(Map.of("setWeight", 20, "manual", true), Map.of("setWeight", 100))));
    engine.completeJob(JOB_APPLY_STEP);
    assertThat(release.instance())
        .hasActiveElements(DECIDE_TASK)
        .hasNotActivatedElements(WAIT_GATEWAY);
    engine.completeUserTask(
        byElementId(DECIDE_TASK, release.instance()), Map.of(VAR_DECISION, DECISION_PROMOTE));
    step(release, 1, VERDICT_SUCCESSFUL);
    promoted(release);
  }

  @Test
  void failedVerificationScalesTheNewVersionDownWithoutShiftingTraffic() {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(VAR_RELEASE_ID, "REL-V", VAR_SERVICE, "checkout", VAR_STRATEGY, canary()))
            .send()
            .join();
    engine.completeJob(
        JOB_PLAN,
        Map.of(
            VAR_PLAN_ACCEPTED,
            true,
            VAR_STEPS,
            ReleaseStrategy.steps(canary()),
            VAR_KEEP_PREVIOUS,
            "PT0S"));
    engine.completeJob(JOB_PREPARE);
    engine.completeJob(JOB_DEPLOY);
    engine.completeJob(JOB_VERIFY, Map.of(VAR_VERIFICATION_PASSED, false));
    engine.completeJob(JOB_ANALYSE, Map.of(VAR_VERDICT, VERDICT_SUCCESSFUL));
    engine.completeJob(JOB_SCALE_DOWN);
    assertThat(engine.completeJob(JOB_OUTCOME).getCustomHeaders())
        .containsEntry(HEADER_OUTCOME, OUTCOME_BACKED_OUT);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(SCALE_DOWN_TASK, BACKED_OUT)
        .hasNotActivatedElements(SHIFT_TRAFFIC, RESTORE_TRAFFIC_TASK);
  }

  @Test
  void releaseOfAChangeNotApprovedIsRefused() {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(VAR_RELEASE_ID, "REL-R", VAR_SERVICE, "checkout", VAR_STRATEGY, canary()))
            .send()
            .join();
    engine.completeJob(JOB_PLAN, new HashMap<>(Map.of(VAR_PLAN_ACCEPTED, false)));
    assertThat(engine.completeJob(JOB_OUTCOME).getCustomHeaders())
        .containsEntry(HEADER_OUTCOME, OUTCOME_REFUSED);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(REFUSED)
        .hasNotActivatedElements(PREPARE_TASK, DEPLOY_TASK);
  }
}
