package life.suoke.ops.processes.incident;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byKey;
import static life.suoke.ops.processes.incident.IncidentDriver.HANDLER;
import static life.suoke.ops.processes.incident.IncidentDriver.T0;
import static life.suoke.ops.processes.incident.IncidentDriver.TIER1;
import static life.suoke.ops.processes.incident.IncidentDriver.TIER2;
import static life.suoke.ops.processes.incident.IncidentDriver.TIER3;
import static life.suoke.ops.processes.incident.IncidentDriver.alert;
import static life.suoke.ops.processes.incident.IncidentDriver.utc;
import static life.suoke.ops.processes.incident.IncidentProcess.*;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import life.suoke.ops.processes.incident.IncidentDriver.Incident;
import life.suoke.ops.processes.incident.IncidentDriver.Priority;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code incident-management} while the incident is open: deadlines of each priority escalate
 * exactly when due and without interrupting the open task, tier by tier up to tier-3; escalation on
 * request; re-classification restarts the response with new deadlines; status-update reminders.
 */
@ProcessEngineTest
class IncidentEscalationProcessTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration RE_PAGE_AFTER = Duration.ofMinutes(15);

  CamundaClient client;
  ProcessEngineContext engine;
  IncidentDriver driver;

  @BeforeEach
  void deploy() {
    driver = new IncidentDriver(client, engine);
    driver.deploy();
  }

  @AfterEach
  void cancel() {
    driver.cancelStarted();
  }

  @ParameterizedTest
  @EnumSource(Priority.class)
  void unacknowledgedIncidentEscalatesExactlyWhenTheResponseIsDue(Priority priority) {
    Incident incident = driver.open(alert(priority));
    assertThat(incident.task(ACKNOWLEDGE_TASK))
        .isCreated()
        .hasCandidateGroups(TIER1)
        .hasDueDate(utc(T0.plus(priority.response)))
        .hasPriority(priority.taskPriority);

    engine.increaseTime(priority.response.minus(SECOND));
    incident
        .assertInstance()
        .hasNotActivatedElements(RESPONSE_DUE_PASSED, ESCALATE_OVERDUE_RESPONSE_TASK);

    engine.increaseTime(SECOND);
    incident
        .assertInstance()
        .hasCompletedElements(RESPONSE_DUE_PASSED)
        .hasActiveElements(ESCALATE_OVERDUE_RESPONSE_TASK);
    incident.escalate(
        ESCALATE_OVERDUE_RESPONSE_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));

    assertThat(incident.task(ACKNOWLEDGE_TASK)).as("the open task is not interrupted").isCreated();
    incident
        .assertInstance()
        .hasActiveElements(ACKNOWLEDGE_TASK, NEXT_RESPONSE_ESCALATION_TIMER)
        .hasVariable(VAR_TIER, 2)
        .hasVariable(VAR_PAGED_GROUPS, List.of(TIER1, TIER2))
        .hasNotActivatedElements(HANDLE_STAGE);
  }

  @ParameterizedTest
  @EnumSource(Priority.class)
  void unresolvedIncidentEscalatesExactlyWhenHandlingIsDue(Priority priority) {
    Incident incident = driver.open(alert(priority)).acknowledge();
    assertThat(incident.task(HANDLE_TASK))
        .isCreated()
        .hasAssignee(HANDLER)
        .hasCandidateGroups(TIER1)
        .hasDueDate(utc(T0.plus(priority.handling)))
        .hasPriority(priority.taskPriority);
    incident.assertInstance().hasVariable(VAR_ACKNOWLEDGED, true).hasVariable(VAR_HANDLER, HANDLER);

    engine.increaseTime(priority.handling.minus(SECOND));
    incident
        .assertInstance()
        .as("the response deadline passed after the acknowledgement: nothing escalates for it")
        .hasNotActivatedElements(RESPONSE_DUE_PASSED, ESCALATE_OVERDUE_RESPONSE_TASK)
        .hasNotActivatedElements(HANDLING_DUE_PASSED, ESCALATE_OVERDUE_HANDLING_TASK);

    engine.increaseTime(SECOND);
    incident
        .assertInstance()
        .hasCompletedElements(HANDLING_DUE_PASSED)
        .hasActiveElements(ESCALATE_OVERDUE_HANDLING_TASK);
    incident.escalate(
        ESCALATE_OVERDUE_HANDLING_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));

    assertThat(incident.task(HANDLE_TASK)).as("the open task is not interrupted").isCreated();
    incident
        .assertInstance()
        .hasActiveElements(HANDLE_TASK, NEXT_HANDLING_ESCALATION_TIMER)
        .hasVariable(VAR_TIER, 2);
  }

  @Test
  void escalationGoesUpToTierThreeAndNoFurther() {
    Incident incident = driver.open(alert(Priority.P1));

    engine.increaseTime(Priority.P1.response);
    incident.escalate(
        ESCALATE_OVERDUE_RESPONSE_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));

    engine.increaseTime(RE_PAGE_AFTER.minus(SECOND));
    incident
        .assertInstance()
        .hasCompletedElement(ESCALATE_OVERDUE_RESPONSE_TASK, 1)
        .hasActiveElements(NEXT_RESPONSE_ESCALATION_TIMER)
        .hasNoActiveElements(ESCALATE_OVERDUE_RESPONSE_TASK);

    engine.increaseTime(SECOND);
    incident.assertInstance().hasActiveElements(ESCALATE_OVERDUE_RESPONSE_TASK);
    incident.escalate(
        ESCALATE_OVERDUE_RESPONSE_TASK, 2, 3, engine.currentTime().plus(RE_PAGE_AFTER));

    incident
        .assertInstance()
        .as("tier-3 is the last tier: the escalation ends without waiting")
        .hasCompletedElements(RESPONSE_ESCALATIONS_DONE)
        .hasCompletedElement(NEXT_RESPONSE_ESCALATION_TIMER, 1)
        .hasVariable(VAR_TIER, 3)
        .hasVariable(VAR_PAGED_GROUPS, List.of(TIER1, TIER2, TIER3));

    engine.increaseTime(Duration.ofHours(1));
    incident
        .assertInstance()
        .hasCompletedElement(ESCALATE_OVERDUE_RESPONSE_TASK, 2)
        .hasNoActiveElements(ESCALATE_OVERDUE_RESPONSE_TASK, NEXT_RESPONSE_ESCALATION_TIMER);
    assertThat(incident.task(ACKNOWLEDGE_TASK)).isCreated();

    // handling overdue at tier 3: the worker is called once more (it stays at tier 3), then nothing
    // waits
    incident.acknowledge();
    engine.increaseTime(Duration.between(engine.currentTime(), T0.plus(Priority.P1.handling)));
    incident.escalate(
        ESCALATE_OVERDUE_HANDLING_TASK, 3, 3, engine.currentTime().plus(RE_PAGE_AFTER));
    incident
        .assertInstance()
        .hasCompletedElements(HANDLING_ESCALATIONS_DONE)
        .hasNotActivatedElements(NEXT_HANDLING_ESCALATION_TIMER);
    engine.increaseTime(RE_PAGE_AFTER.multipliedBy(4));
    incident
        .assertInstance()
        .hasCompletedElement(ESCALATE_OVERDUE_HANDLING_TASK, 1)
        .hasNoActiveElements(ESCALATE_OVERDUE_HANDLING_TASK);
    assertThat(incident.task(HANDLE_TASK)).isCreated();
  }

  @Test
  void escalationEndsWithItsStage() {
    Incident incident = driver.open(alert(Priority.P0));
    engine.increaseTime(Priority.P0.response);
    incident.escalate(
        ESCALATE_OVERDUE_RESPONSE_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));
    incident.assertInstance().hasActiveElements(NEXT_RESPONSE_ESCALATION_TIMER);

    engine.increaseTime(Duration.ofMinutes(1));
    incident.acknowledge();
    incident
        .assertInstance()
        .hasCompletedElements(ACKNOWLEDGE_STAGE_DONE, ACKNOWLEDGE_STAGE)
        .hasTerminatedElements(NEXT_RESPONSE_ESCALATION_TIMER, RESPONSE_OVERDUE_SUBPROCESS);

    // the waiting re-page of the acknowledge stage would have been at 00:20; handling is due at
    // 00:15
    engine.increaseTime(Duration.between(engine.currentTime(), T0.plus(Priority.P0.handling)));
    incident.escalate(
        ESCALATE_OVERDUE_HANDLING_TASK, 2, 3, engine.currentTime().plus(RE_PAGE_AFTER));
    engine.increaseTime(Duration.ofMinutes(10));
    incident
        .assertInstance()
        .hasCompletedElement(ESCALATE_OVERDUE_RESPONSE_TASK, 1)
        .hasCompletedElement(ESCALATE_OVERDUE_HANDLING_TASK, 1)
        .hasCompletedElements(HANDLING_ESCALATIONS_DONE);

    incident.resolve(null);
    incident
        .assertInstance()
        .hasCompletedElements(HANDLE_STAGE_DONE, HANDLE_STAGE, HANDLED, RESPONSE_SUBPROCESS);
  }

  @Test
  void escalationOnRequestRunsOncePerRequestInBothStages() {
    Incident incident = driver.open(alert(Priority.P3));

    incident.publish(MESSAGE_ESCALATION_REQUESTED, Map.of());
    incident.escalate(ESCALATE_ON_REQUEST_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));
    incident
        .assertInstance()
        .hasCompletedElement(ESCALATE_ON_REQUEST_TASK, 1)
        .hasVariable(VAR_TIER, 2);
    assertThat(incident.task(ACKNOWLEDGE_TASK)).as("the open task is not interrupted").isCreated();

    incident.publish(MESSAGE_ESCALATION_REQUESTED, Map.of());
    incident.escalate(ESCALATE_ON_REQUEST_TASK, 2, 3, engine.currentTime().plus(RE_PAGE_AFTER));
    incident.assertInstance().hasCompletedElement(ESCALATE_ON_REQUEST_TASK, 2);

    incident.acknowledge();
    incident.publish(MESSAGE_ESCALATION_REQUESTED, Map.of());
    incident.escalate(ESCALATE_ON_REQUEST_TASK, 3, 3, engine.currentTime().plus(RE_PAGE_AFTER));
    assertThat(incident.task(HANDLE_TASK)).as("the open task is not interrupted").isCreated();

    engine.increaseTime(RE_PAGE_AFTER.multipliedBy(2));
    incident
        .assertInstance()
        .as("a request escalates once and waits for nothing")
        .hasCompletedElement(ESCALATE_ON_REQUEST_TASK, 3)
        .hasNoActiveElements(ESCALATE_ON_REQUEST_TASK)
        .hasNotActivatedElements(
            RESPONSE_DUE_PASSED, HANDLING_DUE_PASSED, NEXT_RESPONSE_ESCALATION_TIMER);

    incident.resolve(null);
    incident.assertInstance().hasCompletedElements(RESPONSE_SUBPROCESS);
  }

  @Test
  void reclassificationRestartsTheAcknowledgeStageWithNewDeadlines() {
    Incident incident = driver.open(alert(Priority.P2));
    long firstTask = incident.openTaskKey(ACKNOWLEDGE_TASK);
    assertThat(incident.task(ACKNOWLEDGE_TASK)).hasDueDate(utc(T0.plus(Priority.P2.response)));

    engine.increaseTime(Duration.ofMinutes(1));
    incident.publish(MESSAGE_DEADLINES_CHANGED, Map.of(VAR_PRIORITY, "P1"));
    incident
        .assertInstance()
        .hasCompletedElements(DEADLINES_CHANGED_EVENT)
        .hasTerminatedElements(RESPONSE_SUBPROCESS);
    assertThat(byKey(firstTask)).isCanceled();
    Assertions.assertThat(incident.computeDeadlines(RECOMPUTE_DEADLINES_TASK, T0))
        .as("the deadlines are recomputed for the new priority")
        .isEqualTo(Priority.P1);

    assertThat(incident.task(ACKNOWLEDGE_TASK))
        .isCreated()
        .hasDueDate(utc(T0.plus(Priority.P1.response)))
        .hasPriority(Priority.P1.taskPriority)
        .hasCandidateGroups(TIER1);
    Assertions.assertThat(incident.openTaskKey(ACKNOWLEDGE_TASK)).isNotEqualTo(firstTask);
    incident
        .assertInstance()
        .as("paged and triaged once, not on every restart")
        .hasCompletedElement(PAGE_TASK, 1)
        .hasCompletedElement(COMPUTE_DEADLINES_TASK, 1)
        .hasCompletedElement(RECOMPUTE_DEADLINES_TASK, 1);

    engine.increaseTime(
        Duration.between(engine.currentTime(), T0.plus(Priority.P1.response)).minus(SECOND));
    incident.assertInstance().hasNotActivatedElements(ESCALATE_OVERDUE_RESPONSE_TASK);
    engine.increaseTime(SECOND);
    incident.escalate(
        ESCALATE_OVERDUE_RESPONSE_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));
  }

  @Test
  void reclassificationWhileHandlingRecreatesTheHandleTaskForTheSameHandler() {
    Incident incident = driver.open(alert(Priority.P3)).acknowledge();
    long firstTask = incident.openTaskKey(HANDLE_TASK);

    engine.increaseTime(Duration.ofMinutes(10));
    incident.publish(MESSAGE_DEADLINES_CHANGED, Map.of(VAR_PRIORITY, "P0"));
    assertThat(byKey(firstTask)).isCanceled();
    Assertions.assertThat(incident.computeDeadlines(RECOMPUTE_DEADLINES_TASK, T0))
        .isEqualTo(Priority.P0);

    assertThat(incident.task(HANDLE_TASK))
        .isCreated()
        .hasAssignee(HANDLER)
        .hasDueDate(utc(T0.plus(Priority.P0.handling)))
        .hasPriority(Priority.P0.taskPriority);
    incident
        .assertInstance()
        .hasCompletedElement(ACKNOWLEDGE_TASK, 1)
        .hasCompletedElement(RECORD_ACKNOWLEDGED_TASK, 1)
        .hasCompletedElement(PAGE_TASK, 1)
        .hasVariable(VAR_PRIORITY, "P0");

    // the new handling deadline (00:15) escalates; the old one (3 days) would not have by now
    engine.increaseTime(Duration.ofMinutes(5).minus(SECOND));
    incident.assertInstance().hasNotActivatedElements(ESCALATE_OVERDUE_HANDLING_TASK);
    engine.increaseTime(SECOND);
    incident.escalate(
        ESCALATE_OVERDUE_HANDLING_TASK, 1, 2, engine.currentTime().plus(RE_PAGE_AFTER));
    assertThat(incident.task(HANDLE_TASK)).hasAssignee(HANDLER);
  }

  @ParameterizedTest
  @EnumSource(
      value = Priority.class,
      names = {"P0", "P1"})
  void statusUpdatesAreRemindedAtThePriorityCadence(Priority priority) {
    Incident incident = driver.open(alert(priority));
    Duration cycle = Duration.parse(priority.statusUpdateCycle.substring(2));

    engine.increaseTime(cycle.minus(SECOND));
    incident.assertInstance().hasNotActivatedElements(REMINDER_TIMER, REMIND_STATUS_UPDATE_TASK);
    engine.increaseTime(SECOND);
    incident.complete(JOB_REMIND_STATUS_UPDATE, REMIND_STATUS_UPDATE_TASK, Map.of());
    incident.assertInstance().hasCompletedElement(REMIND_STATUS_UPDATE_TASK, 1);

    // the reminders go on while the incident is handled
    incident.acknowledge();
    engine.increaseTime(cycle.minus(SECOND));
    incident
        .assertInstance()
        .hasCompletedElement(REMIND_STATUS_UPDATE_TASK, 1)
        .hasNoActiveElements(REMIND_STATUS_UPDATE_TASK);
    engine.increaseTime(SECOND);
    incident.complete(JOB_REMIND_STATUS_UPDATE, REMIND_STATUS_UPDATE_TASK, Map.of());
    incident.assertInstance().hasCompletedElement(REMIND_STATUS_UPDATE_TASK, 2);

    // and stop with the response
    incident.resolve(null);
    incident.assertInstance().hasCompletedElements(RESPONSE_SUBPROCESS);
    engine.increaseTime(cycle.multipliedBy(2));
    incident
        .assertInstance()
        .hasCompletedElement(REMIND_STATUS_UPDATE_TASK, 2)
        .hasNoActiveElements(REMIND_STATUS_UPDATE_TASK);
  }

  @ParameterizedTest
  @EnumSource(
      value = Priority.class,
      names = {"P2", "P3"})
  void lowerPrioritiesGetNoStatusUpdateReminders(Priority priority) {
    Incident incident = driver.open(alert(priority)).acknowledge();
    engine.increaseTime(Duration.ofDays(3));
    incident.assertInstance().hasNotActivatedElements(REMINDER_TIMER, REMIND_STATUS_UPDATE_TASK);
  }

  @Test
  void reclassificationRestartsTheRemindersAtTheNewCadence() {
    Incident incident = driver.open(alert(Priority.P3));
    engine.increaseTime(Duration.ofMinutes(10));
    incident.publish(MESSAGE_DEADLINES_CHANGED, Map.of(VAR_PRIORITY, "P0"));
    incident.computeDeadlines(RECOMPUTE_DEADLINES_TASK, T0);
    Instant restarted = engine.currentTime();

    engine.increaseTime(Duration.ofMinutes(30).minus(SECOND));
    incident.assertInstance().hasNotActivatedElements(REMIND_STATUS_UPDATE_TASK);
    engine.increaseTime(SECOND);
    incident.complete(JOB_REMIND_STATUS_UPDATE, REMIND_STATUS_UPDATE_TASK, Map.of());
    Assertions.assertThat(Duration.between(restarted, engine.currentTime()))
        .isEqualTo(Duration.ofMinutes(30));
  }
}
