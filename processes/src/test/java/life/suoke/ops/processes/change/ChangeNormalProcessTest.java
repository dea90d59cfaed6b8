package life.suoke.ops.processes.change;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.change.ChangeProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import life.suoke.ops.engine.test.UserTaskSelector;
import life.suoke.ops.engine.test.UserTaskSnapshot;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code change-normal}: the risk decides the approver (change managers, service owner group, CAB
 * with each quorum), approval and rejection, a window refused and booked again, information
 * requested and answered or escalated.
 */
@ProcessEngineTest
class ChangeNormalProcessTest {

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

  /** Starts a normal change and answers the assessment so that the decision gives {@code risk}. */
  ProcessInstanceEvent assessed(
      String serviceClass,
      int plannedHour,
      int recentFailures,
      boolean downtime,
      boolean rollbackTested,
      int affectedUsers) {
    Map<String, Object> variables = driver.variables(TYPE_NORMAL, serviceClass);
    lastNumber = (String) variables.get(VAR_CHANGE_NUMBER);
    ProcessInstanceEvent instance = driver.start(NORMAL_PROCESS_ID, variables);
    driver.job(
        JOB_PREPARE, Map.of(VAR_PLANNED_HOUR, plannedHour, VAR_RECENT_FAILURES, recentFailures));
    assertThat(byElementId(ASSESS_TASK, instance))
        .isCreated()
        .hasCandidateGroups("payments-sre")
        .hasCandidateUsers("lin");
    engine.completeUserTask(
        byElementId(ASSESS_TASK, instance),
        Map.of(
            VAR_AFFECTED_USERS,
            affectedUsers,
            VAR_DOWNTIME_REQUIRED,
            downtime,
            VAR_ROLLBACK_TESTED,
            rollbackTested,
            "rollbackPlan",
            "redeploy v41",
            "testEvidence",
            "staging run 1182"));
    return instance;
  }

  /** The change number of the change {@link #assessed} started last. */
  String lastNumber;

  String number(ProcessInstanceEvent instance) {
    return lastNumber;
  }

  /** Books a window, implements, verifies and closes the change with the close code. */
  void implementAndClose(ProcessInstanceEvent instance, String closeCode, boolean review) {
    assertThat(byElementId(SCHEDULE_TASK, instance))
        .isCreated()
        .hasCandidateGroups("payments-sre", "change-managers");
    engine.completeUserTask(
        byElementId(SCHEDULE_TASK, instance),
        Map.of(
            VAR_WINDOW_START, "2026-12-07T03:00+00:00", VAR_WINDOW_END, "2026-12-07T05:00+00:00"));
    driver.job(
        JOB_SCHEDULE,
        Map.of(VAR_WINDOW_START, "2026-12-07T03:00:00Z", VAR_WINDOW_END, "2026-12-07T05:00:00Z"));
    long child = driver.child(instance.getProcessInstanceKey());
    assertThat(instance).hasActiveElements(IMPLEMENT);
    engine.increaseTime(Duration.ofHours(2));
    driver.job(JOB_CHECK_FREEZE, Map.of(VAR_FROZEN, false));
    engine.completeUserTask(
        byElementId(IMPLEMENT_TASK, child), Map.of("implementationNotes", "rotated"));
    engine.completeUserTask(byElementId(VERIFY_TASK, child), Map.of(VAR_CLOSE_CODE, closeCode));
    if (review) {
      assertThat(byElementId(REVIEW_TASK, child)).isCreated().hasCandidateGroups("change-managers");
      engine.completeUserTask(
          byElementId(REVIEW_TASK, child), Map.of("reviewFindings", "went as planned"));
    }
    ActivatedJob close = driver.job(JOB_CLOSE);
    Assertions.assertThat(close.getVariablesAsMap()).containsEntry(VAR_CLOSE_CODE, closeCode);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(IMPLEMENT, CHANGE_CLOSED)
        .hasVariable(VAR_CLOSE_CODE, closeCode);
  }

  @Test
  void lowRiskIsApprovedByTheChangeManagersAndClosesSuccessful() {
    ProcessInstanceEvent instance = assessed("support", 2, 0, false, true, 10);
    assertThat(instance).hasVariable(VAR_RISK, "low");
    assertThat(byElementId(CHANGE_MANAGER_APPROVAL, instance))
        .isCreated()
        .hasCandidateGroups("change-managers");
    engine.completeUserTask(
        byElementId(CHANGE_MANAGER_APPROVAL, instance),
        Map.of(VAR_APPROVAL, APPROVAL_APPROVED, VAR_APPROVER, "mia"));
    ActivatedJob record = driver.job(JOB_RECORD_APPROVAL);
    Assertions.assertThat(record.getVariablesAsMap())
        .containsEntry(VAR_APPROVAL, APPROVAL_APPROVED)
        .containsEntry(VAR_APPROVER, "mia");
    implementAndClose(instance, "successful", false);
    assertThat(instance)
        .hasNotActivatedElements(SERVICE_OWNER_APPROVAL, PREPARE_CAB, CAB_VOTE, CHANGE_REJECTED);
  }

  @Test
  void mediumRiskIsApprovedByTheServiceOwnerGroup() {
    ProcessInstanceEvent instance = assessed("core", 2, 0, false, true, 10);
    assertThat(instance).hasVariable(VAR_RISK, "medium");
    assertThat(byElementId(SERVICE_OWNER_APPROVAL, instance))
        .isCreated()
        .hasCandidateGroups("payments-owners");
    engine.completeUserTask(
        byElementId(SERVICE_OWNER_APPROVAL, instance), Map.of(VAR_APPROVAL, APPROVAL_APPROVED));
    driver.job(JOB_RECORD_APPROVAL);
    implementAndClose(instance, "successful-with-issues", false);
    assertThat(instance).hasNotActivatedElements(CHANGE_MANAGER_APPROVAL, CAB_VOTE);
  }

  @Test
  void mediumRiskRejectedByTheServiceOwnerEndsRejected() {
    ProcessInstanceEvent instance = assessed("agent", 14, 0, false, true, 10);
    assertThat(instance).hasVariable(VAR_RISK, "medium");
    engine.completeUserTask(
        byElementId(SERVICE_OWNER_APPROVAL, instance),
        Map.of(VAR_APPROVAL, APPROVAL_REJECTED, VAR_APPROVAL_COMMENT, "not during the sale"));
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements(CHANGE_REJECTED)
        .hasNotActivatedElements(SCHEDULE_TASK);
  }

  @Test
  void lowRiskRejectedByTheChangeManagersEndsRejected() {
    ProcessInstanceEvent instance = assessed("support", 2, 0, false, true, 10);
    engine.completeUserTask(
        byElementId(CHANGE_MANAGER_APPROVAL, instance), Map.of(VAR_APPROVAL, APPROVAL_REJECTED));
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(instance).isCompleted().hasCompletedElements(CHANGE_REJECTED);
  }

  ProcessInstanceEvent cab(String quorum, int percent, int rejectionLimit, List<String> members) {
    ProcessInstanceEvent instance = assessed("core", 2, 0, true, true, 10);
    assertThat(instance).hasVariable(VAR_RISK, "high");
    driver.job(
        JOB_PREPARE_CAB,
        Map.of(
            VAR_CAB_MEMBERS,
            members,
            VAR_CAB_QUORUM,
            quorum,
            VAR_CAB_QUORUM_PERCENT,
            percent,
            VAR_CAB_REJECTION_LIMIT,
            rejectionLimit));
    return instance;
  }

  void vote(ProcessInstanceEvent instance, String member, String vote) {
    engine.completeUserTask(
        voteOf(instance, member),
        Map.of(VAR_VOTE, vote, VAR_VOTE_COMMENT, member + " says " + vote));
  }

  @Test
  void highRiskWithQuorumAllIsApprovedWhenEveryMemberApproves() {
    ProcessInstanceEvent instance = cab(QUORUM_ALL, 0, 1, List.of("ana", "bo", "chen"));
    assertThat(instance).hasVariable(VAR_CAB_NEEDED, 3);
    assertThat(voteOf(instance, "bo")).isCreated().hasPriority(70);
    vote(instance, "ana", "approve");
    vote(instance, "bo", "approve");
    assertThat(instance).hasActiveElements(CAB_VOTE);
    vote(instance, "chen", "approve");
    ActivatedJob record = driver.job(JOB_RECORD_APPROVAL);
    Assertions.assertThat(record.getVariablesAsMap())
        .containsEntry(VAR_APPROVAL, APPROVAL_APPROVED);
    Assertions.assertThat((List<?>) record.getVariablesAsMap().get(VAR_CAB_VOTES)).hasSize(3);
    implementAndClose(instance, "successful", true);
  }

  @Test
  void highRiskWithQuorumAnyIsApprovedByTheFirstApprovalAndTheOtherVotesEnd() {
    ProcessInstanceEvent instance = cab(QUORUM_ANY, 0, 2, List.of("ana", "bo", "chen"));
    assertThat(instance).hasVariable(VAR_CAB_NEEDED, 1);
    vote(instance, "bo", "approve");
    assertThat(instance)
        .hasCompletedElements(TALLY_CAB_VOTES)
        .hasVariable(VAR_APPROVAL, APPROVAL_APPROVED);
    assertThat(voteOf(instance, "ana")).isCanceled();
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(byElementId(SCHEDULE_TASK, instance)).isCreated();
  }

  @Test
  void highRiskWithQuorumPercentageIsApprovedOnceEnoughApproveDespiteARejection() {
    ProcessInstanceEvent instance =
        cab(QUORUM_PERCENTAGE, 60, 2, List.of("ana", "bo", "chen", "dai"));
    assertThat(instance).hasVariable(VAR_CAB_NEEDED, 3);
    vote(instance, "ana", "approve");
    vote(instance, "bo", "reject");
    vote(instance, "chen", "approve");
    assertThat(instance).hasActiveElements(CAB_VOTE);
    vote(instance, "dai", "approve");
    assertThat(instance).hasVariable(VAR_APPROVAL, APPROVAL_APPROVED);
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(byElementId(SCHEDULE_TASK, instance)).isCreated();
  }

  @Test
  void highRiskIsRejectedByTheConfiguredNumberOfRejections() {
    ProcessInstanceEvent instance =
        cab(QUORUM_PERCENTAGE, 50, 2, List.of("ana", "bo", "chen", "dai", "eli"));
    vote(instance, "ana", "reject");
    assertThat(instance).hasActiveElements(CAB_VOTE);
    vote(instance, "bo", "reject");
    assertThat(instance).hasVariable(VAR_APPROVAL, APPROVAL_REJECTED);
    assertThat(voteOf(instance, "eli")).isCanceled();
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(instance).isCompleted().hasCompletedElements(CHANGE_REJECTED);
  }

  @Test
  void highRiskWithQuorumAllIsRejectedWhenItCanNoLongerBeReached() {
    ProcessInstanceEvent instance = cab(QUORUM_ALL, 0, 3, List.of("ana", "bo", "chen"));
    vote(instance, "chen", "reject");
    assertThat(instance).hasVariable(VAR_APPROVAL, APPROVAL_REJECTED);
    driver.job(JOB_RECORD_APPROVAL);
    assertThat(instance).isCompleted().hasCompletedElements(CHANGE_REJECTED);
  }

  @Test
  void aWindowInABlackoutIsRefusedAndTheChangeIsScheduledAgain() {
    ProcessInstanceEvent instance = assessed("support", 2, 0, false, true, 10);
    engine.completeUserTask(
        byElementId(CHANGE_MANAGER_APPROVAL, instance), Map.of(VAR_APPROVAL, APPROVAL_APPROVED));
    driver.job(JOB_RECORD_APPROVAL);
    engine.completeUserTask(
        byElementId(SCHEDULE_TASK, instance),
        Map.of(
            VAR_WINDOW_START, "2026-12-24T16:00+00:00", VAR_WINDOW_END, "2026-12-24T18:00+00:00"));
    driver.bpmnError(
        JOB_SCHEDULE,
        ERROR_WINDOW_REFUSED,
        Map.of(VAR_SCHEDULE_PROBLEM, "blackout: year-end freeze"));
    assertThat(instance)
        .hasCompletedElements(WINDOW_REFUSED)
        .hasActiveElements(SCHEDULE_TASK)
        .hasVariable(VAR_SCHEDULE_PROBLEM, "blackout: year-end freeze")
        .hasNotActivatedElements(IMPLEMENT);
    implementAndClose(instance, "successful", false);
  }

  @Test
  void informationRequestedIsAnsweredAndRecorded() {
    ProcessInstanceEvent instance = assessed("support", 2, 0, false, true, 10);
    String number = number(instance);
    driver.publish(
        MESSAGE_INFORMATION_REQUESTED,
        number,
        Map.of(
            VAR_REQUESTED_FROM,
            "payments-sre",
            VAR_QUESTION,
            "Which pods restart?",
            VAR_REQUEST_ID,
            "7"));
    long ask = driver.child(instance.getProcessInstanceKey());
    assertThat(byElementId(ChangeInformationRequestProcess.ANSWER_TASK, ask))
        .isCreated()
        .hasCandidateGroups("payments-sre");
    engine.completeUserTask(
        byElementId(ChangeInformationRequestProcess.ANSWER_TASK, ask),
        Map.of(VAR_ANSWER, "all three"));
    ActivatedJob recorded = driver.job(JOB_INFORMATION_ANSWERED);
    Assertions.assertThat(recorded.getVariablesAsMap())
        .containsEntry(VAR_ANSWER, "all three")
        .containsEntry(VAR_REQUEST_ID, "7")
        .containsEntry(VAR_QUESTION, "Which pods restart?");
    assertThat(instance)
        .hasCompletedElements(INFORMATION_ANSWERED)
        .hasActiveElements(CHANGE_MANAGER_APPROVAL);
  }

  @Test
  void informationNotGivenWithinFourHoursIsEscalatedAndTheChangeGoesOn() {
    ProcessInstanceEvent instance = assessed("support", 2, 0, false, true, 10);
    driver.publish(
        MESSAGE_INFORMATION_REQUESTED,
        number(instance),
        Map.of(
            VAR_REQUESTED_FROM,
            "payments-sre",
            VAR_QUESTION,
            "Rollback tested where?",
            VAR_REQUEST_ID,
            "8"));
    long ask = driver.child(instance.getProcessInstanceKey());
    assertThat(byElementId(ChangeInformationRequestProcess.ANSWER_TASK, ask)).isCreated();
    engine.increaseTime(Duration.ofHours(4));
    driver.job(ChangeInformationRequestProcess.JOB_ESCALATE);
    driver.job(JOB_INFORMATION_ANSWERED);
    assertThat(instance)
        .hasCompletedElements(INFORMATION_ANSWERED)
        .hasActiveElements(CHANGE_MANAGER_APPROVAL);
  }

  /** The CAB vote task of one member. */
  static UserTaskSelector voteOf(ProcessInstanceEvent instance, String member) {
    return new UserTaskSelector() {
      @Override
      public boolean test(UserTaskSnapshot task) {
        return CAB_VOTE.equals(task.elementId())
            && task.processInstanceKey() == instance.getProcessInstanceKey()
            && member.equals(task.assignee());
      }

      @Override
      public String describe() {
        return "CAB vote of " + member;
      }
    };
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
