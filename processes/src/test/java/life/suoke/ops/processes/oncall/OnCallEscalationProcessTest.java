package life.suoke.ops.processes.oncall;

import static life.suoke.ops.processes.oncall.EscalationDriver.T0;
import static life.suoke.ops.processes.oncall.EscalationDriver.level;
import static life.suoke.ops.processes.oncall.EscalationDriver.policy;
import static life.suoke.ops.processes.oncall.OnCallEscalationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineAssertions;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import life.suoke.ops.processes.oncall.EscalationDriver.Escalation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code on-call-escalation} on the engine clock: acknowledged at the first level, a level's time
 * to acknowledge passing on to the next level, the policy repeated and then given up, round-robin
 * order within a level, the wait for business hours, nobody on call at a level, re-paging an
 * acknowledged incident that stays unresolved, resolution while paging, an unusable policy, and the
 * call from a parent process with its outputs.
 */
@ProcessEngineTest
class OnCallEscalationProcessTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration LEVEL1 = Duration.ofMinutes(5);
  private static final Duration LEVEL2 = Duration.ofMinutes(10);

  CamundaClient client;
  ProcessEngineContext engine;
  EscalationDriver driver;

  @BeforeEach
  void deploy() {
    driver = new EscalationDriver(client, engine);
    driver.deploy();
  }

  @AfterEach
  void cancel() {
    driver.cancelStarted();
  }

  private static EscalationPolicy twoLevels(int repeat, String repageAfter) {
    return policy(repeat, repageAfter, level(1, "PT5M", false), level(2, "PT10M", false));
  }

  @Test
  void acknowledgedAtTheFirstLevelStopsThePaging() {
    Escalation escalation = driver.start(twoLevels(0, null), "P1");

    Map<String, Object> check = escalation.checkBusinessHours(null);
    assertThat(check)
        .containsEntry(VAR_PRIORITY, "P1")
        .containsEntry(VAR_CALENDAR_ID, "default")
        .containsEntry(VAR_LEVEL_NUMBER, 1)
        .containsEntry(VAR_ROUND, 1);
    Map<String, Object> resolve = escalation.resolve("alice", "bob");
    assertThat(resolve)
        .containsEntry(VAR_POLICY_ID, "checkout-default")
        .containsEntry(VAR_SERVICE, "checkout")
        .containsEntry(VAR_ESCALATION_KEY, escalation.key);
    assertThat(resolve.get(VAR_LEVEL)).asString().contains("tier=1", "PT5M");
    assertThat(escalation.notified())
        .as("a level that is not round-robin pages everyone at once")
        .containsExactly("alice", "bob");
    escalation.assertInstance().hasActiveElements(ACKNOWLEDGEMENT_DUE);

    engine.increaseTime(Duration.ofMinutes(2));
    escalation.acknowledge("bob");
    escalation
        .assertInstance()
        .hasTerminatedElements(PAGING_SUBPROCESS, ACKNOWLEDGEMENT_DUE)
        .hasCompletedElements(ACKNOWLEDGED_EVENT)
        .as("without repageAfter it only waits for the resolution")
        .hasActiveElements(WAIT_FOR_RESOLUTION)
        .hasVariable(VAR_ACKNOWLEDGED_BY, "bob")
        .hasVariable(VAR_ACKNOWLEDGED_LEVEL, 1)
        .hasVariable(VAR_ACKNOWLEDGED_ROUND, 1);

    engine.increaseTime(Duration.ofHours(3));
    escalation
        .assertInstance()
        .hasNotActivatedElements(NOT_RESOLVED_IN_TIME, COUNT_REPAGE_TASK)
        .hasCompletedElement(NOTIFY_TASK, 1);

    escalation.resolved();
    escalation
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(RESOLVED)
        .hasVariable(VAR_OUTCOME, OUTCOME_RESOLVED)
        .hasVariable(VAR_REPAGES, 0);
  }

  @Test
  void aLevelNotAcknowledgedInTimeGoesOnToTheNextLevel() {
    Escalation escalation = driver.start(twoLevels(0, null), "P1");
    escalation.pageLevel("alice");

    engine.increaseTime(LEVEL1.minus(SECOND));
    escalation
        .assertInstance()
        .hasActiveElements(ACKNOWLEDGEMENT_DUE)
        .hasNotActivatedElements(NEXT_LEVEL_TASK);

    engine.increaseTime(SECOND);
    Map<String, Object> check = escalation.checkBusinessHours(null);
    assertThat(check).containsEntry(VAR_LEVEL_NUMBER, 2);
    assertThat(check.get(VAR_LEVEL)).asString().contains("tier=2", "PT10M");
    escalation.resolve("carol");
    assertThat(escalation.notified()).containsExactly("carol");

    escalation.acknowledge("carol");
    escalation
        .assertInstance()
        .hasVariable(VAR_ACKNOWLEDGED_BY, "carol")
        .hasVariable(VAR_ACKNOWLEDGED_LEVEL, 2)
        .hasCompletedElement(NOTIFY_TASK, 2);
  }

  @Test
  void thePolicyRepeatsItsRoundsThenGivesUp() {
    Escalation escalation = driver.start(twoLevels(1, "PT1H"), "P0");

    for (int round = 1; round <= 2; round++) {
      assertThat(escalation.checkBusinessHours(null))
          .containsEntry(VAR_ROUND, round)
          .containsEntry(VAR_LEVEL_NUMBER, 1);
      escalation.resolve("alice");
      escalation.notified();
      engine.increaseTime(LEVEL1);
      assertThat(escalation.checkBusinessHours(null))
          .containsEntry(VAR_ROUND, round)
          .containsEntry(VAR_LEVEL_NUMBER, 2);
      escalation.resolve("carol");
      escalation.notified();
      if (round == 1) {
        engine.increaseTime(LEVEL2);
      }
    }
    escalation.assertInstance().isActive().hasActiveElements(ACKNOWLEDGEMENT_DUE);

    engine.increaseTime(LEVEL2);
    escalation
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(PAGING_DONE, EXHAUSTED)
        .hasCompletedElement(NOTIFY_TASK, 4)
        .hasCompletedElement(NEXT_ROUND_TASK, 1)
        .hasVariable(VAR_OUTCOME, OUTCOME_EXHAUSTED)
        .hasVariable(VAR_ROUND, 2)
        .hasNotActivatedElements(ACKNOWLEDGED_EVENT, RESOLVED);
  }

  @Test
  void aRoundRobinLevelPagesOnePersonAtATimeInTheWorkersOrder() {
    Escalation escalation =
        driver.start(policy(0, null, level(1, "PT5M", true), level(2, "PT10M", false)), "P1");
    escalation.checkBusinessHours(null);
    escalation.resolve("carol", "alice", "bob");

    assertThat(escalation.notified()).containsExactly("carol");
    engine.increaseTime(LEVEL1.minus(SECOND));
    escalation
        .assertInstance()
        .hasCompletedElement(NOTIFY_TASK, 1)
        .hasActiveElements(ACKNOWLEDGEMENT_DUE);
    engine.increaseTime(SECOND);
    assertThat(escalation.notified()).containsExactly("alice");
    engine.increaseTime(LEVEL1);
    assertThat(escalation.notified()).containsExactly("bob");
    escalation.assertInstance().hasVariable(VAR_BATCH_NUMBER, 3).hasVariable(VAR_LEVEL_NUMBER, 1);

    engine.increaseTime(LEVEL1);
    assertThat(escalation.checkBusinessHours(null))
        .as("after the last in turn the next level")
        .containsEntry(VAR_LEVEL_NUMBER, 2);
    escalation.resolve("dave", "erin");
    assertThat(escalation.notified()).containsExactly("dave", "erin");
  }

  @Test
  void aLevelOutsideBusinessHoursWaitsForWorkingTime() {
    Instant nextMorning = T0.plus(Duration.ofHours(23));
    Escalation escalation =
        driver.start(policy(0, null, level(1, "PT30M", false, "P2", "P3")), "P2");

    Map<String, Object> check = escalation.checkBusinessHours(nextMorning);
    assertThat(check.get(VAR_LEVEL)).asString().contains("businessHoursOnlyFor=[P2, P3]");
    escalation
        .assertInstance()
        .hasActiveElements(WAIT_FOR_BUSINESS_HOURS)
        .hasNotActivatedElements(RESOLVE_RECIPIENTS_TASK);

    engine.increaseTime(Duration.between(T0, nextMorning).minus(SECOND));
    escalation
        .assertInstance()
        .hasActiveElements(WAIT_FOR_BUSINESS_HOURS)
        .hasNotActivatedElements(RESOLVE_RECIPIENTS_TASK);

    engine.increaseTime(SECOND);
    escalation.resolve("alice");
    assertThat(escalation.notified()).containsExactly("alice");
    escalation.assertInstance().hasCompletedElements(WAIT_FOR_BUSINESS_HOURS);
  }

  @Test
  void aLevelWithNobodyOnCallIsSkippedAtOnce() {
    Escalation escalation = driver.start(twoLevels(0, null), "P1");
    escalation.checkBusinessHours(null);
    escalation.resolve();

    assertThat(escalation.checkBusinessHours(null))
        .as("no time is lost waiting for nobody")
        .containsEntry(VAR_LEVEL_NUMBER, 2);
    escalation.resolve("carol");
    assertThat(escalation.notified()).containsExactly("carol");
    escalation
        .assertInstance()
        .hasCompletedElement(NOTIFY_TASK, 1)
        .hasCompletedElement(FIRST_BATCH_TASK, 1);
  }

  @Test
  void anAcknowledgedIncidentNotResolvedInTimeIsPagedAgainFromTheFirstLevel() {
    Escalation escalation = driver.start(twoLevels(0, "PT1H"), "P1");
    escalation.pageLevel("alice");
    escalation.acknowledge("alice");
    escalation.assertInstance().hasActiveElements(AWAIT_RESOLUTION_GATEWAY);

    engine.increaseTime(Duration.ofHours(1).minus(SECOND));
    escalation.assertInstance().hasNotActivatedElements(COUNT_REPAGE_TASK);
    engine.increaseTime(SECOND);

    Map<String, Object> check = escalation.checkBusinessHours(null);
    assertThat(check)
        .as("the policy starts again at its first level")
        .containsEntry(VAR_REPAGES, 1)
        .containsEntry(VAR_LEVEL_NUMBER, 1)
        .containsEntry(VAR_ROUND, 1)
        .containsEntry(VAR_ACKNOWLEDGED_BY, "alice");
    escalation.resolve("alice");
    escalation.notified();
    engine.increaseTime(LEVEL1);
    escalation.pageLevel("carol");
    escalation.acknowledge("carol");

    escalation.resolved();
    escalation
        .assertInstance()
        .isCompleted()
        .hasCompletedElement(ACKNOWLEDGED_EVENT, 2)
        .hasCompletedElement(COUNT_REPAGE_TASK, 1)
        .hasCompletedElements(RESOLVED_AFTER_ACKNOWLEDGEMENT, RESOLVED)
        .hasVariable(VAR_REPAGES, 1)
        .hasVariable(VAR_ACKNOWLEDGED_BY, "carol")
        .hasVariable(VAR_ACKNOWLEDGED_LEVEL, 2)
        .hasVariable(VAR_OUTCOME, OUTCOME_RESOLVED);
  }

  @Test
  void resolvedWhilePagingEndsTheEscalation() {
    Escalation escalation = driver.start(twoLevels(2, "PT1H"), "P1");
    escalation.pageLevel("alice");
    engine.increaseTime(LEVEL1);
    escalation.checkBusinessHours(null);

    escalation.resolved();
    escalation
        .assertInstance()
        .isCompleted()
        .hasTerminatedElements(PAGING_SUBPROCESS, RESOLVE_RECIPIENTS_TASK)
        .hasCompletedElements(RESOLVED_WHILE_PAGING, RESOLVED)
        .hasVariable(VAR_OUTCOME, OUTCOME_RESOLVED)
        .hasNotActivatedElements(ACKNOWLEDGED_EVENT);
  }

  @Test
  void anUnusablePolicyEndsWithItsOutcome() {
    Escalation escalation = driver.start(twoLevels(0, null), "P1");
    ActivatedJob job = escalation.job(JOB_CHECK_BUSINESS_HOURS, CHECK_BUSINESS_HOURS_TASK);
    client
        .newThrowErrorCommand(job.getKey())
        .errorCode(ERROR_INVALID_POLICY)
        .errorMessage("unknown calendar")
        .variables(Map.of(VAR_ESCALATION_ERROR, "unknown calendar nowhere"))
        .send()
        .join();

    escalation
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(INVALID_POLICY_EVENT, INVALID_POLICY)
        .hasVariable(VAR_OUTCOME, OUTCOME_INVALID_POLICY)
        .hasVariable(VAR_ESCALATION_ERROR, "unknown calendar nowhere");
  }

  /** What the incident process will do: a call activity with input and output mappings. */
  @Test
  void aCallerGetsTheOutcomeBack() {
    BpmnModelInstance caller =
        Bpmn.createExecutableProcess("escalation-caller")
            .startEvent()
            .callActivity(
                "Escalate",
                c ->
                    c.zeebeProcessId(PROCESS_ID)
                        .zeebePropagateAllChildVariables(false)
                        .zeebeInputExpression("incidentNumber", VAR_ESCALATION_KEY)
                        .zeebeInputExpression("incidentNumber", VAR_INCIDENT_NUMBER)
                        .zeebeInputExpression("service", VAR_SERVICE)
                        .zeebeInputExpression("priority", VAR_PRIORITY)
                        .zeebeInputExpression("escalationPolicy", VAR_POLICY)
                        .zeebeOutputExpression(VAR_OUTCOME, VAR_OUTCOME)
                        .zeebeOutputExpression(VAR_ACKNOWLEDGED_BY, "handler"))
            .endEvent()
            .done();
    client
        .newDeployResourceCommand()
        .addProcessModel(caller, "escalation-caller.bpmn")
        .send()
        .join();
    ProcessInstanceEvent parent =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("escalation-caller")
            .latestVersion()
            .variables(
                Map.of(
                    "incidentNumber",
                    "INC-20261102-9001",
                    "service",
                    "checkout",
                    "priority",
                    "P1",
                    "escalationPolicy",
                    twoLevels(0, null).toMap()))
            .send()
            .join();
    try {
      ActivatedJob check = engine.activateJob(JOB_CHECK_BUSINESS_HOURS);
      assertThat(check.getVariablesAsMap())
          .containsEntry(VAR_ESCALATION_KEY, "INC-20261102-9001")
          .containsEntry(VAR_SERVICE, "checkout");
      client.newCompleteCommand(check.getKey()).send().join();
      ActivatedJob resolve = engine.activateJob(JOB_RESOLVE_RECIPIENTS);
      client
          .newCompleteCommand(resolve.getKey())
          .variables(Map.of(VAR_RECIPIENTS, List.of("alice")))
          .send()
          .join();
      engine.completeJob(JOB_NOTIFY);
      client
          .newPublishMessageCommand()
          .messageName(MESSAGE_ACKNOWLEDGED)
          .correlationKey("INC-20261102-9001")
          .timeToLive(Duration.ZERO)
          .variables(Map.of(VAR_ACKNOWLEDGED_BY, "alice"))
          .send()
          .join();
      client
          .newPublishMessageCommand()
          .messageName(MESSAGE_RESOLVED)
          .correlationKey("INC-20261102-9001")
          .timeToLive(Duration.ofMinutes(1))
          .send()
          .join();

      ProcessEngineAssertions.assertThat(parent)
          .isCompleted()
          .hasVariable(VAR_OUTCOME, OUTCOME_RESOLVED)
          .hasVariable("handler", "alice");
    } finally {
      try {
        client.newCancelInstanceCommand(parent.getProcessInstanceKey()).send().join();
      } catch (RuntimeException ended) {
        // completed
      }
    }
  }
}
