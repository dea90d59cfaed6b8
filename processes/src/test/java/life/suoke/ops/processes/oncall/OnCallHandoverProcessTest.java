package life.suoke.ops.processes.oncall;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.oncall.OnCallHandoverProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import life.suoke.ops.engine.test.ProcessInstanceAssert;
import life.suoke.ops.engine.test.UserTaskSelector;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code on-call-handover} on the engine clock: written and acknowledged in time; written late (the
 * operations managers are told once, the writer keeps the task); not acknowledged in time.
 */
@ProcessEngineTest
class OnCallHandoverProcessTest {

  /** Monday 09:00 in Asia/Shanghai: the change of shift. */
  static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");

  static final Duration WRITE_WITHIN = Duration.ofHours(1);
  static final Duration ACKNOWLEDGE_WITHIN = Duration.ofMinutes(30);
  static final Duration SECOND = Duration.ofSeconds(1);

  CamundaClient client;
  ProcessEngineContext engine;
  private final List<Long> started = new ArrayList<>();

  @BeforeEach
  void deploy() {
    engine.pinClock(T0);
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath(RESOURCE)
        .addResourceFromClasspath(WRITE_FORM_RESOURCE)
        .addResourceFromClasspath(ACKNOWLEDGE_FORM_RESOURCE)
        .send()
        .join();
  }

  @AfterEach
  void cancel() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException ended) {
        // completed by the test
      }
    }
  }

  @Test
  void writtenAndAcknowledgedInTime() {
    Handover handover = start(41);
    ActivatedJob prefill = handover.job(JOB_PREFILL, PREFILL_TASK);
    Assertions.assertThat(prefill.getVariablesAsMap())
        .containsEntry(VAR_HANDOVER_ID, 41)
        .containsEntry(VAR_BUSINESS_KEY, "HO-41")
        .containsEntry(VAR_OUTGOING_USER, "alice")
        .containsEntry(VAR_INCOMING_USER, "bob")
        .containsEntry(VAR_TEAM, "checkout-oncall-t1")
        .containsEntry(VAR_TIER, 1)
        .containsEntry(VAR_SHIFT_START, T0.toString());
    client
        .newCompleteCommand(prefill.getKey())
        .variables(Map.of(VAR_SUMMARY, "### Open incidents\n- none", VAR_PLANNED_CHANGES, ""))
        .send()
        .join();

    assertThat(handover.task(WRITE_TASK))
        .isCreated()
        .hasAssignee("alice")
        .hasDueDate(T0.plus(WRITE_WITHIN).atOffset(ZoneOffset.UTC))
        .hasPriority(60);
    engine.increaseTime(Duration.ofMinutes(20));
    handover.write();
    ActivatedJob written = handover.job(JOB_RECORD, RECORD_WRITTEN_TASK);
    Assertions.assertThat(written.getCustomHeaders()).containsEntry(HEADER_STAGE, STAGE_WRITTEN);
    Assertions.assertThat(written.getVariablesAsMap())
        .containsEntry(VAR_NOTES, "Payment gateway flaps at night")
        .containsEntry(VAR_RISKS, "Disk on db-3 at 85 %");
    client.newCompleteCommand(written.getKey()).send().join();

    assertThat(handover.task(ACKNOWLEDGE_TASK))
        .isCreated()
        .hasAssignee("bob")
        .hasDueDate(
            T0.plus(Duration.ofMinutes(20)).plus(ACKNOWLEDGE_WITHIN).atOffset(ZoneOffset.UTC));
    engine.increaseTime(Duration.ofMinutes(10));
    engine.completeUserTask(
        handover.task(ACKNOWLEDGE_TASK), Map.of(VAR_ACKNOWLEDGEMENT_NOTE, "Got it"));
    ActivatedJob acknowledged = handover.job(JOB_RECORD, RECORD_ACKNOWLEDGED_TASK);
    Assertions.assertThat(acknowledged.getCustomHeaders())
        .containsEntry(HEADER_STAGE, STAGE_ACKNOWLEDGED);
    Assertions.assertThat(acknowledged.getVariablesAsMap())
        .containsEntry(VAR_ACKNOWLEDGEMENT_NOTE, "Got it");
    client.newCompleteCommand(acknowledged.getKey()).send().join();

    handover
        .assertInstance()
        .isCompleted()
        .hasCompletedElements(COMPLETED)
        .hasNotActivatedElements(
            WRITE_OVERDUE,
            ESCALATE_UNWRITTEN_TASK,
            ACKNOWLEDGE_OVERDUE,
            ESCALATE_UNACKNOWLEDGED_TASK);
  }

  @Test
  void writtenLateIsEscalatedOnceAndTheWriterKeepsTheTask() {
    Handover handover = start(42).prefilled();

    engine.increaseTime(WRITE_WITHIN.minus(SECOND));
    handover.assertInstance().hasNotActivatedElements(WRITE_OVERDUE, ESCALATE_UNWRITTEN_TASK);
    engine.increaseTime(SECOND);
    ActivatedJob escalate = handover.job(JOB_ESCALATE, ESCALATE_UNWRITTEN_TASK);
    Assertions.assertThat(escalate.getCustomHeaders()).containsEntry(HEADER_STAGE, STAGE_WRITE);
    Assertions.assertThat(escalate.getVariablesAsMap())
        .containsEntry(VAR_MANAGER_GROUP, OPERATIONS_MANAGERS_GROUP);
    client.newCompleteCommand(escalate.getKey()).send().join();
    assertThat(handover.task(WRITE_TASK))
        .as("the escalation does not take the task away")
        .isCreated()
        .hasAssignee("alice");

    engine.increaseTime(Duration.ofHours(3));
    handover
        .assertInstance()
        .hasCompletedElement(ESCALATE_UNWRITTEN_TASK, 1)
        .hasCompletedElements(WRITE_ESCALATED);
    handover.write();
    engine.completeJob(JOB_RECORD);
    engine.completeUserTask(handover.task(ACKNOWLEDGE_TASK), Map.of());
    engine.completeJob(JOB_RECORD);
    handover
        .assertInstance()
        .isCompleted()
        .hasCompletedElement(ESCALATE_UNWRITTEN_TASK, 1)
        .hasNotActivatedElements(ESCALATE_UNACKNOWLEDGED_TASK);
  }

  @Test
  void notAcknowledgedInTimeIsEscalatedAndStaysOpen() {
    Handover handover = start(43).prefilled();
    handover.write();
    engine.completeJob(JOB_RECORD);
    assertThat(handover.task(ACKNOWLEDGE_TASK)).isCreated();

    engine.increaseTime(ACKNOWLEDGE_WITHIN.minus(SECOND));
    handover
        .assertInstance()
        .hasNotActivatedElements(ACKNOWLEDGE_OVERDUE, ESCALATE_UNACKNOWLEDGED_TASK);
    engine.increaseTime(SECOND);
    ActivatedJob escalate = handover.job(JOB_ESCALATE, ESCALATE_UNACKNOWLEDGED_TASK);
    Assertions.assertThat(escalate.getCustomHeaders())
        .containsEntry(HEADER_STAGE, STAGE_ACKNOWLEDGE);
    client.newCompleteCommand(escalate.getKey()).send().join();

    handover
        .assertInstance()
        .isActive()
        .hasCompletedElements(ACKNOWLEDGE_ESCALATED)
        .hasActiveElements(ACKNOWLEDGE_TASK)
        .hasNotActivatedElements(RECORD_ACKNOWLEDGED_TASK, ESCALATE_UNWRITTEN_TASK);
    assertThat(handover.task(ACKNOWLEDGE_TASK)).isCreated().hasAssignee("bob");
  }

  private Handover start(long id) {
    HandoverVariables variables =
        new HandoverVariables(
            id,
            "checkout-primary",
            "checkout-oncall-t1",
            1,
            "alice",
            "bob",
            T0.toString(),
            T0.plus(Duration.ofDays(7)).toString(),
            T0.plus(WRITE_WITHIN).toString(),
            ACKNOWLEDGE_WITHIN.toString(),
            null);
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(variables.toMap())
            .send()
            .join();
    started.add(instance.getProcessInstanceKey());
    return new Handover(instance);
  }

  private final class Handover {
    final ProcessInstanceEvent instance;

    Handover(ProcessInstanceEvent instance) {
      this.instance = instance;
    }

    ProcessInstanceAssert assertInstance() {
      return assertThat(instance);
    }

    UserTaskSelector task(String elementId) {
      return byElementId(elementId, instance);
    }

    ActivatedJob job(String type, String elementId) {
      ActivatedJob job = engine.activateJob(type);
      Assertions.assertThat(job.getProcessInstanceKey())
          .isEqualTo(instance.getProcessInstanceKey());
      Assertions.assertThat(job.getElementId()).isEqualTo(elementId);
      return job;
    }

    Handover prefilled() {
      client
          .newCompleteCommand(job(JOB_PREFILL, PREFILL_TASK).getKey())
          .variables(Map.of(VAR_SUMMARY, "- nothing open"))
          .send()
          .join();
      assertThat(task(WRITE_TASK)).isCreated();
      return this;
    }

    void write() {
      engine.completeUserTask(
          task(WRITE_TASK),
          Map.of(
              VAR_NOTES,
              "Payment gateway flaps at night",
              VAR_RISKS,
              "Disk on db-3 at 85 %",
              VAR_PLANNED_CHANGES,
              "Release 4.2 on Tuesday"));
    }
  }
}
