package life.suoke.ops.processes.incident;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byKey;
import static life.suoke.ops.processes.incident.IncidentDriver.AUTO_CLOSE_AFTER;
import static life.suoke.ops.processes.incident.IncidentDriver.HANDLER;
import static life.suoke.ops.processes.incident.IncidentDriver.REPORTER;
import static life.suoke.ops.processes.incident.IncidentDriver.alert;
import static life.suoke.ops.processes.incident.IncidentDriver.report;
import static life.suoke.ops.processes.incident.IncidentDriver.utc;
import static life.suoke.ops.processes.incident.IncidentProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Form;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code incident-management} from resolution to the end: the alert resolving before or after the
 * acknowledgement, the reporter confirming, reopening or not answering, incidents without a
 * reporter, the event review by priority, and cancellation as a duplicate from every stage.
 */
@ProcessEngineTest
class IncidentResolutionProcessTest {

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

  @ParameterizedTest(name = "{0}, reporter {1}")
  @CsvSource({"P3, false, Closed", "P1, true, ClosedWithReview"})
  void alertResolvedBeforeAcknowledgementResolvesTheIncidentByItself(
      Priority priority, boolean reported, String end) {
    Incident incident = driver.open(reported ? report(priority) : alert(priority));
    engine.increaseTime(Duration.ofMinutes(2));

    incident.publish(MESSAGE_ALERT_RESOLVED, Map.of());

    assertThat(incident.task(ACKNOWLEDGE_TASK)).isCanceled();
    incident
        .assertInstance()
        .hasCompletedElements(
            ALERT_RESOLVED_BEFORE_ACKNOWLEDGEMENT, RESOLVED_BY_ALERT, RESPONSE_SUBPROCESS)
        .hasTerminatedElements(ACKNOWLEDGE_STAGE)
        .hasVariable(VAR_ALERT_RESOLVED, true)
        .hasVariable(VAR_ACKNOWLEDGED, false);
    incident.status(RECORD_RESOLVED_TASK, STATUS_RESOLVED);
    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    if (end.equals(CLOSED_WITH_REVIEW)) {
      incident.complete(JOB_START_REVIEW, START_REVIEW_TASK, Map.of());
    }
    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(NO_CONFIRMATION_NEEDED, end)
        .hasNotActivatedElements(RECORD_ACKNOWLEDGED_TASK, HANDLE_STAGE, CONFIRM_TASK);
  }

  @Test
  void alertResolvedWhileHandlingIsOnlyRecorded() {
    Incident incident = driver.open(alert(Priority.P2)).acknowledge();

    incident.publish(MESSAGE_ALERT_RESOLVED, Map.of());

    incident
        .assertInstance()
        .hasCompletedElements(ALERT_RESOLVED_WHILE_HANDLING)
        .hasVariable(VAR_ALERT_RESOLVED, true)
        .hasNotActivatedElements(
            ALERT_RESOLVED_BEFORE_ACKNOWLEDGEMENT, RESOLVED_BY_ALERT, RECORD_RESOLVED_TASK);
    assertThat(incident.task(HANDLE_TASK))
        .as("the handler still resolves")
        .isCreated()
        .hasAssignee(HANDLER);

    incident.resolve(null);
    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    incident.assertInstance().isCompleted().hasCompletedElements(HANDLED, CLOSED);
  }

  @Test
  void reporterConfirmsTheResolution() {
    Incident incident = driver.open(report(Priority.P2)).acknowledge().resolve(false);

    assertThat(incident.task(CONFIRM_TASK))
        .isCreated()
        .hasAssignee(REPORTER)
        .hasDueDate(utc(engine.currentTime().plus(Duration.parse("P3D"))));
    engine.completeUserTask(incident.task(CONFIRM_TASK), Map.of(VAR_CONFIRMED, true));

    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(CONFIRMED_GATEWAY, RESOLUTION_CONFIRMED, CLOSED)
        .hasNotActivatedElements(RECORD_REOPENED_TASK, START_REVIEW_TASK)
        .hasVariable(VAR_CONFIRMED, true)
        .hasVariable(VAR_RESOLUTION_TYPE, "workaround");
  }

  @Test
  void reporterReopensAndTheSameHandlerHandlesAgainWithNewDeadlines() {
    Incident incident = driver.open(report(Priority.P2)).acknowledge().resolve(null);
    engine.increaseTime(Duration.ofHours(1));

    engine.completeUserTask(
        incident.task(CONFIRM_TASK),
        Map.of(VAR_CONFIRMED, false, VAR_CONFIRMATION_COMMENT, "Payments still fail for Alipay"));

    incident.status(RECORD_REOPENED_TASK, STATUS_REOPENED);
    Instant reopened = engine.currentTime();
    incident.computeDeadlines(RECOMPUTE_DEADLINES_TASK, reopened);
    assertThat(incident.task(HANDLE_TASK))
        .isCreated()
        .hasAssignee(HANDLER)
        .hasDueDate(utc(reopened.plus(Priority.P2.handling)));
    incident
        .assertInstance()
        .as("reopened into the handle stage: no new acknowledgement, no new page")
        .hasCompletedElement(ACKNOWLEDGE_TASK, 1)
        .hasCompletedElement(RECORD_ACKNOWLEDGED_TASK, 1)
        .hasCompletedElement(PAGE_TASK, 1)
        .hasVariable(VAR_CONFIRMATION_COMMENT, "Payments still fail for Alipay");

    incident.resolve(null);
    engine.completeUserTask(incident.task(CONFIRM_TASK), Map.of(VAR_CONFIRMED, true));
    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElement(HANDLE_TASK, 2)
        .hasCompletedElement(RECORD_RESOLVED_TASK, 2)
        .hasCompletedElement(CONFIRM_TASK, 2)
        .hasCompletedElements(RESOLUTION_CONFIRMED, CLOSED);
  }

  @Test
  void unconfirmedResolutionClosesByItselfAfterTheAutoClosePeriod() {
    Incident incident = driver.open(report(Priority.P2)).acknowledge().resolve(null);
    Duration autoClose = Duration.parse(AUTO_CLOSE_AFTER);

    engine.increaseTime(autoClose.minusSeconds(1));
    assertThat(incident.task(CONFIRM_TASK)).isCreated();
    incident.assertInstance().hasNotActivatedElements(AUTO_CLOSED);

    engine.increaseTime(Duration.ofSeconds(1));
    assertThat(incident.task(CONFIRM_TASK)).isCanceled();
    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(AUTO_CLOSE_TIMER, AUTO_CLOSED, CLOSED)
        .hasNotActivatedElements(CONFIRMED_GATEWAY);
  }

  @Test
  void alertIncidentWithoutReporterClosesRightAfterTheResolution() {
    Incident incident = driver.open(alert(Priority.P3)).acknowledge().resolve(null);

    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(NO_CONFIRMATION_NEEDED, CLOSED)
        .hasNotActivatedElements(CONFIRM_TASK, START_REVIEW_TASK);
  }

  @ParameterizedTest(name = "{0}, review requested {1}: review {2}")
  @CsvSource(
      nullValues = "absent",
      value = {
        "P0, absent, true",
        "P1, false,  true",
        "P2, true,   true",
        "P2, false,  false",
        "P2, absent, false",
        "P3, absent, false",
      })
  void reviewStartsForP0AndP1AndForP2OnlyOnRequest(
      Priority priority, Boolean reviewRequested, boolean review) {
    Incident incident = driver.open(alert(priority)).acknowledge().resolve(reviewRequested);

    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    if (review) {
      incident.complete(JOB_START_REVIEW, START_REVIEW_TASK, Map.of());
      incident.assertInstance().isCompleted().hasCompletedElements(CLOSED_WITH_REVIEW);
    } else {
      incident
          .assertInstance()
          .isCompleted()
          .hasCompletedElements(CLOSED)
          .hasNotActivatedElements(START_REVIEW_TASK, CLOSED_WITH_REVIEW);
    }
  }

  /** Where an incident is when it turns out to be a duplicate. */
  enum Stage {
    TRIAGE,
    ACKNOWLEDGE,
    HANDLE,
    CONFIRM
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void duplicateIsCancelledFromEveryStage(Stage stage) {
    Incident incident = driver.start(report(Priority.P1));
    String openTask =
        switch (stage) {
          case TRIAGE -> null;
          case ACKNOWLEDGE -> {
            incident.triageAndPage();
            yield ACKNOWLEDGE_TASK;
          }
          case HANDLE -> {
            incident.triageAndPage().acknowledge();
            yield HANDLE_TASK;
          }
          case CONFIRM -> {
            incident.triageAndPage().acknowledge().resolve(null);
            yield CONFIRM_TASK;
          }
        };
    long taskKey = openTask == null ? -1 : incident.openTaskKey(openTask);
    if (stage == Stage.ACKNOWLEDGE) {
      engine.increaseTime(Priority.P1.response); // an escalation is under way, too
      incident.assertInstance().hasActiveElements(ESCALATE_OVERDUE_RESPONSE_TASK);
    }

    incident.publish(MESSAGE_CANCELLED, Map.of(VAR_DUPLICATE_OF, "INC-2026-00001"));

    incident
        .assertInstance()
        .hasCompletedElements(CANCELLED_EVENT)
        .hasTerminatedElements(OPEN_SUBPROCESS);
    if (openTask != null) {
      assertThat(byKey(taskKey)).isCanceled();
    }
    incident.status(RECORD_CANCELLED_TASK, STATUS_CANCELLED);
    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(CANCELLED)
        .hasVariable(VAR_DUPLICATE_OF, "INC-2026-00001")
        .hasNoActiveElements(
            ESCALATE_OVERDUE_RESPONSE_TASK, RESPONSE_SUBPROCESS, COMPUTE_DEADLINES_TASK)
        .hasNotActivatedElements(RECORD_CLOSED_TASK, START_REVIEW_TASK, CLOSED, CLOSED_WITH_REVIEW);
  }

  @Test
  void closedIncidentIsNoLongerCancelled() {
    Incident incident = driver.open(alert(Priority.P3)).acknowledge().resolve(null);
    incident.assertInstance().hasActiveElements(RECORD_CLOSED_TASK);

    incident.publish(MESSAGE_CANCELLED, Map.of(VAR_DUPLICATE_OF, "INC-2026-00001"));
    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);

    incident
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(CLOSED)
        .hasNotActivatedElements(CANCELLED_EVENT, RECORD_CANCELLED_TASK);
  }

  @Test
  void userTasksServeTheirForms() {
    Incident incident = driver.open(report(Priority.P2));
    Assertions.assertThat(form(incident.openTaskKey(ACKNOWLEDGE_TASK)).getFormId())
        .isEqualTo(ACKNOWLEDGE_FORM);
    incident.acknowledge();
    Assertions.assertThat(form(incident.openTaskKey(HANDLE_TASK)).getFormId())
        .isEqualTo(HANDLE_FORM);
    incident.resolve(true);
    Form confirm = form(incident.openTaskKey(CONFIRM_TASK));
    Assertions.assertThat(confirm.getFormId()).isEqualTo(CONFIRM_FORM);
    Assertions.assertThat(String.valueOf(confirm.getSchema()))
        .contains(VAR_CONFIRMED, VAR_CONFIRMATION_COMMENT);
  }

  private Form form(long userTaskKey) {
    return client.newUserTaskGetFormRequest(userTaskKey).send().join();
  }
}
