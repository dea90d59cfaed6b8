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
 * {@code change-standard} (no assessment, no approval, scheduled within one business day or the
 * change managers are told) and {@code change-emergency} (an emergency CAB member approves within 2
 * hours, implemented at once, reviewed afterwards).
 */
@ProcessEngineTest
class ChangeStandardAndEmergencyProcessTest {

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

  @Test
  void aStandardChangeIsScheduledWithoutAssessmentOrApprovalAndCloses() {
    ProcessInstanceEvent instance =
        driver.start(STANDARD_PROCESS_ID, driver.variables(TYPE_STANDARD, "core"));
    driver.job(JOB_PREPARE, Map.of(VAR_RESPONSE_DUE, "2026-12-08T01:00:00Z"));
    assertThat(byElementId(SCHEDULE_TASK, instance))
        .isCreated()
        .hasDueDate("2026-12-08T01:00Z")
        .hasCandidateGroups("payments-sre", "change-managers");
    engine.completeUserTask(
        byElementId(SCHEDULE_TASK, instance),
        Map.of(
            VAR_WINDOW_START, "2026-12-07T02:00+00:00", VAR_WINDOW_END, "2026-12-07T03:00+00:00"));
    driver.job(
        JOB_SCHEDULE,
        Map.of(VAR_WINDOW_START, "2026-12-07T02:00:00Z", VAR_WINDOW_END, "2026-12-07T03:00:00Z"));
    long child = driver.child(instance.getProcessInstanceKey());
    engine.increaseTime(Duration.ofHours(1));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    engine.completeUserTask(byElementId(IMPLEMENT_TASK, child), Map.of());
    engine.completeUserTask(byElementId(VERIFY_TASK, child), Map.of(VAR_CLOSE_CODE, "successful"));
    driver.job(JOB_CLOSE);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(PREPARE_CHANGE, SCHEDULE_TASK, IMPLEMENT, CHANGE_CLOSED)
        .hasNotActivatedElements(RESPONSE_DUE, ESCALATE_RESPONSE)
        .hasVariable(VAR_CLOSE_CODE, "successful");
  }

  @Test
  void aStandardChangeNotScheduledWithinOneBusinessDayTellsTheChangeManagersAndStaysOpen() {
    ProcessInstanceEvent instance =
        driver.start(STANDARD_PROCESS_ID, driver.variables(TYPE_STANDARD, "support"));
    driver.job(JOB_PREPARE, Map.of(VAR_RESPONSE_DUE, "2026-12-08T01:00:00Z"));
    assertThat(byElementId(SCHEDULE_TASK, instance)).isCreated();
    engine.increaseTime(Duration.ofHours(23).plusMinutes(59));
    assertThat(instance).hasNotActivatedElements(ESCALATE_RESPONSE);
    engine.increaseTime(Duration.ofMinutes(1));
    ActivatedJob escalate = driver.job(JOB_ESCALATE);
    Assertions.assertThat(escalate.getCustomHeaders())
        .containsEntry(HEADER_REASON, REASON_RESPONSE_DUE);
    assertThat(instance).hasCompletedElements(RESPONSE_ESCALATED).hasActiveElements(SCHEDULE_TASK);
  }

  Map<String, Object> emergency() {
    Map<String, Object> variables = driver.variables(TYPE_EMERGENCY, "core");
    variables.put(VAR_INCIDENT_NUMBER, "INC-2026-00042");
    variables.put(VAR_RISK, "high");
    return variables;
  }

  /**
   * What change.prepare answers for an emergency change: the window is now and lasts four hours.
   */
  static Map<String, Object> windowNow() {
    return Map.of(VAR_WINDOW_START, "2026-12-07T01:00:00Z", VAR_WINDOW_END, "2026-12-07T05:00:00Z");
  }

  @Test
  void anEmergencyChangeIsApprovedImplementedAtOnceAndReviewedAfterwards() {
    ProcessInstanceEvent instance = driver.start(EMERGENCY_PROCESS_ID, emergency());
    driver.job(JOB_PREPARE, windowNow());
    assertThat(byElementId(EMERGENCY_APPROVAL, instance))
        .isCreated()
        .hasCandidateGroups("emergency-cab")
        .hasDueDate("2026-12-07T03:00Z")
        .hasPriority(90);
    engine.increaseTime(Duration.ofMinutes(20));
    engine.completeUserTask(
        byElementId(EMERGENCY_APPROVAL, instance), Map.of(VAR_APPROVAL, APPROVAL_APPROVED));
    driver.job(JOB_RECORD_APPROVAL);
    long child = driver.child(instance.getProcessInstanceKey());
    ActivatedJob freeze = driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    Assertions.assertThat(freeze.getVariablesAsMap())
        .containsEntry(VAR_INCIDENT_NUMBER, "INC-2026-00042");
    engine.completeUserTask(byElementId(IMPLEMENT_TASK, child), Map.of());
    engine.completeUserTask(byElementId(VERIFY_TASK, child), Map.of(VAR_CLOSE_CODE, "successful"));
    driver.job(JOB_CLOSE);
    assertThat(byElementId(RETROSPECTIVE_TASK, instance)).isCreated().hasCandidateGroups("cab");
    engine.completeUserTask(
        byElementId(RETROSPECTIVE_TASK, instance),
        Map.of("retrospectiveDecision", "accepted", "retrospectiveNotes", "right call"));
    ActivatedJob reviewed = driver.job(JOB_STATUS);
    Assertions.assertThat(reviewed.getCustomHeaders())
        .containsEntry(HEADER_STATUS, STATUS_REVIEWED);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(IMPLEMENT, RETROSPECTIVE_TASK, CHANGE_CLOSED)
        .hasNotActivatedElements(ESCALATE_APPROVAL);
  }

  @Test
  void anEmergencyChangeNotApprovedWithinTwoHoursIsEscalatedAndCanStillBeRejected() {
    ProcessInstanceEvent instance = driver.start(EMERGENCY_PROCESS_ID, emergency());
    driver.job(JOB_PREPARE, windowNow());
    assertThat(byElementId(EMERGENCY_APPROVAL, instance)).isCreated();
    engine.increaseTime(Duration.ofHours(2));
    ActivatedJob escalate = driver.job(JOB_ESCALATE);
    Assertions.assertThat(escalate.getCustomHeaders())
        .containsEntry(HEADER_REASON, REASON_APPROVAL_DUE);
    assertThat(instance)
        .hasCompletedElements(APPROVAL_ESCALATED)
        .hasActiveElements(EMERGENCY_APPROVAL);
    engine.completeUserTask(
        byElementId(EMERGENCY_APPROVAL, instance), Map.of(VAR_APPROVAL, APPROVAL_REJECTED));
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(CHANGE_REJECTED)
        .hasNotActivatedElements(IMPLEMENT);
  }
}
