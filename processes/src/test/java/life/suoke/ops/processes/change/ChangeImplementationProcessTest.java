package life.suoke.ops.processes.change;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.change.ChangeProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code change-implementation} on its own: the window opens on the engine clock, a freeze by an
 * incident holds it until lifted, the window overrun task, a release ending it (successful or
 * backed out), the post-implementation review by risk and close code.
 */
@ProcessEngineTest
class ChangeImplementationProcessTest {

  CamundaClient client;
  ProcessEngineContext engine;
  ChangeDriver driver;

  @BeforeEach
  void deploy() {
    driver = new ChangeDriver(client, engine);
    driver.deploy();
  }

  @AfterEach
  void cancel() {
    driver.cancelStarted();
  }

  Map<String, Object> change(String type, String risk) {
    Map<String, Object> variables = driver.variables(type, "core");
    variables.put(VAR_RISK, risk);
    // the window opens in two hours and lasts two hours
    variables.put(VAR_WINDOW_START, "2026-12-07T03:00:00Z");
    variables.put(VAR_WINDOW_END, "2026-12-07T05:00:00Z");
    return variables;
  }

  @Test
  void waitsForTheWindowThenImplementsVerifiesAndCloses() {
    ProcessInstanceEvent instance =
        driver.start(IMPLEMENTATION_PROCESS_ID, change(TYPE_NORMAL, "medium"));
    assertThat(instance).hasActiveElements(WINDOW_OPENS);
    engine.increaseTime(Duration.ofMinutes(119));
    assertThat(instance).hasActiveElements(WINDOW_OPENS);
    engine.increaseTime(Duration.ofMinutes(1));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    assertThat(byElementId(IMPLEMENT_TASK, instance))
        .isCreated()
        .hasCandidateGroups("payments-sre")
        .hasDueDate("2026-12-07T05:00Z");
    engine.completeUserTask(byElementId(IMPLEMENT_TASK, instance), Map.of());
    engine.completeUserTask(
        byElementId(VERIFY_TASK, instance), Map.of(VAR_CLOSE_CODE, "successful"));
    driver.job(JOB_CLOSE);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(CLOSE_CHANGE, CHANGE_CLOSED)
        .hasNotActivatedElements(REVIEW_TASK, FREEZE_LIFTED, RECORD_OVERRUN);
  }

  @Test
  void anOpenIncidentFreezesTheChangeUntilItIsLifted() {
    Map<String, Object> variables = change(TYPE_NORMAL, "low");
    ProcessInstanceEvent instance = driver.start(IMPLEMENTATION_PROCESS_ID, variables);
    engine.increaseTime(Duration.ofHours(2));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, true));
    assertThat(instance).hasActiveElements(FREEZE_LIFTED).hasNotActivatedElements(IMPLEMENT_TASK);
    driver.publish(MESSAGE_FREEZE_LIFTED, (String) variables.get(VAR_CHANGE_NUMBER), Map.of());
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    assertThat(instance).hasCompletedElement(CHECK_FREEZE, 2).hasCompletedElements(FREEZE_LIFTED);
    assertThat(byElementId(IMPLEMENT_TASK, instance)).isCreated();
  }

  @Test
  void runningPastTheWindowGivesATaskToTheImplementersAndChangeManagers() {
    ProcessInstanceEvent instance =
        driver.start(IMPLEMENTATION_PROCESS_ID, change(TYPE_NORMAL, "low"));
    engine.increaseTime(Duration.ofHours(2));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    assertThat(byElementId(IMPLEMENT_TASK, instance)).isCreated();
    engine.increaseTime(Duration.ofMinutes(119));
    assertThat(instance).hasNotActivatedElements(RECORD_OVERRUN);
    engine.increaseTime(Duration.ofMinutes(1));
    ActivatedJob overrun = driver.job(JOB_WINDOW_OVERRUN);
    Assertions.assertThat(overrun.getVariablesAsMap())
        .containsEntry(VAR_WINDOW_END, "2026-12-07T05:00:00Z");
    assertThat(byElementId(RESOLVE_OVERRUN_TASK, instance))
        .isCreated()
        .hasCandidateGroups("payments-sre", "change-managers");
    assertThat(instance).hasActiveElements(IMPLEMENT_TASK);
    engine.completeUserTask(
        byElementId(RESOLVE_OVERRUN_TASK, instance),
        Map.of("overrunAction", "continue", "overrunNote", "ten more minutes"));
    engine.completeUserTask(byElementId(IMPLEMENT_TASK, instance), Map.of());
    engine.completeUserTask(
        byElementId(VERIFY_TASK, instance), Map.of(VAR_CLOSE_CODE, "successful-with-issues"));
    driver.job(JOB_CLOSE);
    assertThat(instance).isCompleted().hasCompletedElements(OVERRUN_RESOLVED, CHANGE_CLOSED);
  }

  @Test
  void aSuccessfulReleaseEndsTheImplementationAndTheChangeIsVerified() {
    Map<String, Object> variables = change(TYPE_NORMAL, "medium");
    ProcessInstanceEvent instance = driver.start(IMPLEMENTATION_PROCESS_ID, variables);
    engine.increaseTime(Duration.ofHours(2));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    assertThat(byElementId(IMPLEMENT_TASK, instance)).isCreated();
    driver.publish(
        MESSAGE_RELEASE_ENDED,
        (String) variables.get(VAR_CHANGE_NUMBER),
        Map.of(VAR_RELEASE_OUTCOME, RELEASE_SUCCESSFUL, VAR_RELEASE_ID, "REL-12"));
    assertThat(byElementId(IMPLEMENT_TASK, instance)).isCanceled();
    engine.completeUserTask(
        byElementId(VERIFY_TASK, instance), Map.of(VAR_CLOSE_CODE, "successful"));
    driver.job(JOB_CLOSE);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(RELEASE_ENDED, VERIFY_TASK)
        .hasNotActivatedElements(MARK_BACKED_OUT, REVIEW_TASK)
        .hasVariable(VAR_RELEASE_ID, "REL-12");
  }

  @Test
  void aBackedOutReleaseClosesTheChangeBackedOutAfterAReview() {
    Map<String, Object> variables = change(TYPE_NORMAL, "low");
    ProcessInstanceEvent instance = driver.start(IMPLEMENTATION_PROCESS_ID, variables);
    engine.increaseTime(Duration.ofHours(2));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    assertThat(byElementId(IMPLEMENT_TASK, instance)).isCreated();
    driver.publish(
        MESSAGE_RELEASE_ENDED,
        (String) variables.get(VAR_CHANGE_NUMBER),
        Map.of(VAR_RELEASE_OUTCOME, RELEASE_BACKED_OUT));
    engine.completeUserTask(
        byElementId(REVIEW_TASK, instance), Map.of("reviewFindings", "canary failed at 10 %"));
    ActivatedJob close = driver.job(JOB_CLOSE);
    Assertions.assertThat(close.getVariablesAsMap()).containsEntry(VAR_CLOSE_CODE, "backed-out");
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(MARK_BACKED_OUT, REVIEW_TASK)
        .hasNotActivatedElements(VERIFY_TASK);
  }

  @Test
  void highRiskAndUnsuccessfulNormalChangesAreReviewedButNotEmergencyOrStandardOnes() {
    ProcessInstanceEvent unsuccessful =
        driver.start(IMPLEMENTATION_PROCESS_ID, change(TYPE_NORMAL, "low"));
    engine.increaseTime(Duration.ofHours(2));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    engine.completeUserTask(byElementId(IMPLEMENT_TASK, unsuccessful), Map.of());
    engine.completeUserTask(
        byElementId(VERIFY_TASK, unsuccessful), Map.of(VAR_CLOSE_CODE, "unsuccessful"));
    assertThat(byElementId(REVIEW_TASK, unsuccessful))
        .isCreated()
        .hasCandidateGroups("change-managers");

    Map<String, Object> emergency = change(TYPE_EMERGENCY, "high");
    emergency.put(VAR_WINDOW_START, "2026-12-07T03:00:00Z");
    ProcessInstanceEvent noReview = driver.start(IMPLEMENTATION_PROCESS_ID, emergency);
    engine.increaseTime(Duration.ofMinutes(1));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    engine.completeUserTask(byElementId(IMPLEMENT_TASK, noReview), Map.of());
    engine.completeUserTask(
        byElementId(VERIFY_TASK, noReview), Map.of(VAR_CLOSE_CODE, "unsuccessful"));
    assertThat(noReview).hasCompletedElements(REVIEW_GATEWAY).hasNotActivatedElements(REVIEW_TASK);
  }
}
