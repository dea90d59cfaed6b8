package life.suoke.ops.processes.incident;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.incident.IncidentProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessInstanceAssert;
import life.suoke.ops.engine.test.UserTaskSelector;
import org.assertj.core.api.Assertions;

/**
 * Drives {@code incident-management} instances in the process tests the way the backend and the job
 * workers do: it starts incidents with {@link IncidentVariables}, completes their jobs (the
 * compute-deadlines job with the deadlines of {@link Priority}), completes their user tasks and
 * publishes their messages. Each test class makes one and cancels what is left after each test.
 */
final class IncidentDriver {

  /** The instant every test starts at (the engine clock is pinned there). */
  static final Instant T0 = Instant.parse("2026-11-02T02:00:00Z");

  static final String TIER1 = "checkout-oncall-t1";
  static final String TIER2 = "checkout-oncall-t2";
  static final String TIER3 = "checkout-oncall-t3";
  static final String MANAGERS = "checkout-managers";
  static final String REPORTER = "li.lei";
  static final String HANDLER = "wang.fang";
  static final String AUTO_CLOSE_AFTER = "P3D";

  private static final AtomicInteger NUMBERS = new AtomicInteger(1);

  /**
   * The deadlines the compute-deadlines worker gives each priority, for the tests' purpose (the
   * real worker also follows the business calendar and SLA pauses), and decision inputs that
   * classify an alert into it.
   */
  enum Priority {
    P0(Duration.ofMinutes(5), Duration.ofMinutes(15), "R/PT30M", "critical", "core", 100),
    P1(Duration.ofMinutes(30), Duration.ofHours(2), "R/PT2H", "critical", "agent", 80),
    P2(Duration.ofHours(2), Duration.ofHours(8), "R/P3650D", "error", "agent", 60),
    P3(Duration.ofDays(1), Duration.ofDays(3), "R/P3650D", "info", "support", 40);

    final Duration response;
    final Duration handling;
    final String statusUpdateCycle;
    final String severity;
    final String serviceClass;
    final int taskPriority;

    Priority(
        Duration response,
        Duration handling,
        String statusUpdateCycle,
        String severity,
        String serviceClass,
        int taskPriority) {
      this.response = response;
      this.handling = handling;
      this.statusUpdateCycle = statusUpdateCycle;
      this.severity = severity;
      this.serviceClass = serviceClass;
      this.taskPriority = taskPriority;
    }
  }

  private final CamundaClient client;
  private final ProcessEngineContext engine;
  private final List<Long> started = new ArrayList<>();

  IncidentDriver(CamundaClient client, ProcessEngineContext engine) {
    this.client = client;
    this.engine = engine;
  }

  /** Pins the engine clock at {@link #T0} and deploys the process with its decision and forms. */
  void deploy() {
    engine.pinClock(T0);
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath(RESOURCE)
        .addResourceFromClasspath(DECISION_RESOURCE)
        .addResourceFromClasspath(ACKNOWLEDGE_FORM_RESOURCE)
        .addResourceFromClasspath(HANDLE_FORM_RESOURCE)
        .addResourceFromClasspath(CONFIRM_FORM_RESOURCE)
        .send()
        .join();
  }

  /**
   * Cancels the instances this driver started that are still running, so no job of theirs is left.
   */
  void cancelStarted() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException alreadyEnded) {
        // completed or cancelled by the test itself
      }
    }
    started.clear();
  }

  /** An alert incident (no reporter) that the decision classifies as the priority. */
  static IncidentVariables alert(Priority priority) {
    return variables(priority.severity, priority.serviceClass, 10, false, "alert", null);
  }

  /** A reported incident that the decision classifies as the priority. */
  static IncidentVariables report(Priority priority) {
    return variables(priority.severity, priority.serviceClass, 10, false, "report", REPORTER);
  }

  static IncidentVariables variables(
      String severity,
      String serviceClass,
      int affectedUsers,
      boolean dataOrSafetyImpact,
      String source,
      String reporter) {
    String number = String.format("INC-2026-%05d", NUMBERS.getAndIncrement());
    return new IncidentVariables(
        number,
        "Checkout requests fail",
        "checkout",
        serviceClass,
        severity,
        affectedUsers,
        dataOrSafetyImpact,
        source,
        reporter,
        TIER1,
        TIER2,
        TIER3,
        MANAGERS,
        AUTO_CLOSE_AFTER);
  }

  /** Starts an instance; it waits at the triage (status and deadlines) job. */
  Incident start(IncidentVariables variables) {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(variables.toMap())
            .send()
            .join();
    started.add(instance.getProcessInstanceKey());
    return new Incident(variables.incidentNumber(), instance);
  }

  /**
   * Starts an instance and brings it to the open acknowledge task (triaged, deadlines from T0, tier
   * 1 paged).
   */
  Incident open(IncidentVariables variables) {
    return start(variables).triageAndPage();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** One running incident. */
  final class Incident {

    final String number;
    final ProcessInstanceEvent instance;

    Incident(String number, ProcessInstanceEvent instance) {
      this.number = number;
      this.instance = instance;
    }

    ProcessInstanceAssert assertInstance() {
      return assertThat(instance);
    }

    UserTaskSelector task(String elementId) {
      return byElementId(elementId, instance);
    }

    long openTaskKey(String elementId) {
      return engine.openUserTask(task(elementId)).userTaskKey();
    }

    /** Activates the next job of the type, which must be this instance's, at the element. */
    ActivatedJob job(String type, String elementId) {
      ActivatedJob job = engine.activateJob(type);
      Assertions.assertThat(job.getProcessInstanceKey())
          .as("process instance of the %s job", type)
          .isEqualTo(instance.getProcessInstanceKey());
      Assertions.assertThat(job.getElementId())
          .as("element of the %s job", type)
          .isEqualTo(elementId);
      return job;
    }

    /**
     * Completes the next job of the type at the element with the variables; returns it as
     * activated.
     */
    ActivatedJob complete(String type, String elementId, Map<String, Object> variables) {
      ActivatedJob job = job(type, elementId);
      client.newCompleteCommand(job.getKey()).variables(variables).send().join();
      return job;
    }

    /** Completes the status job at the element, checking the status its header names. */
    void status(String elementId, String status) {
      ActivatedJob job = complete(JOB_STATUS, elementId, Map.of());
      Assertions.assertThat(job.getCustomHeaders()).containsEntry(HEADER_STATUS, status);
    }

    /**
     * Completes the compute-deadlines job at the element as the worker would: the deadlines of the
     * priority the job sees, counted from {@code from}; returns that priority.
     */
    Priority computeDeadlines(String elementId, Instant from) {
      return computeDeadlines(elementId, from, null);
    }

    /**
     * As {@link #computeDeadlines(String, Instant)}, checking the status the job records first
     * (none: null).
     */
    Priority computeDeadlines(String elementId, Instant from, String status) {
      ActivatedJob job = job(JOB_COMPUTE_DEADLINES, elementId);
      Assertions.assertThat(job.getCustomHeaders().get(HEADER_STATUS))
          .as("status recorded by the %s job", elementId)
          .isEqualTo(status);
      Priority priority = Priority.valueOf((String) job.getVariablesAsMap().get(VAR_PRIORITY));
      client
          .newCompleteCommand(job.getKey())
          .variables(
              Map.of(
                  VAR_RESPONSE_DUE, from.plus(priority.response).toString(),
                  VAR_HANDLING_DUE, from.plus(priority.handling).toString(),
                  VAR_STATUS_UPDATE_CYCLE, priority.statusUpdateCycle))
          .send()
          .join();
      return priority;
    }

    /** Triaged, deadlines computed from {@link #T0}, tier 1 paged: the acknowledge task is open. */
    Incident triageAndPage() {
      computeDeadlines(COMPUTE_DEADLINES_TASK, T0, STATUS_TRIAGED);
      ActivatedJob page = complete(JOB_PAGE, PAGE_TASK, Map.of());
      Assertions.assertThat(page.getVariablesAsMap())
          .as("variables of the page job")
          .containsEntry(VAR_TIER, 1);
      assertThat(task(ACKNOWLEDGE_TASK)).isCreated();
      return this;
    }

    /**
     * The handler acknowledges (the backend passes the handler), the status is recorded: the handle
     * task is open.
     */
    Incident acknowledge() {
      engine.completeUserTask(
          task(ACKNOWLEDGE_TASK),
          Map.of(
              VAR_HANDLER, HANDLER, VAR_ACKNOWLEDGE_NOTE, "Looking at the payment gateway first"));
      status(RECORD_ACKNOWLEDGED_TASK, STATUS_ACKNOWLEDGED);
      assertThat(task(HANDLE_TASK)).isCreated();
      return this;
    }

    /**
     * The handler resolves (review requested or not, or the field left out when null), the status
     * is recorded.
     */
    Incident resolve(Boolean reviewRequested) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(VAR_RESOLUTION_TYPE, "workaround");
      variables.put(VAR_RESOLUTION_SUMMARY, "Failed over to the standby payment gateway");
      if (reviewRequested != null) {
        variables.put(VAR_REVIEW_REQUESTED, reviewRequested);
      }
      engine.completeUserTask(task(HANDLE_TASK), variables);
      status(RECORD_RESOLVED_TASK, STATUS_RESOLVED);
      return this;
    }

    /** Publishes a message for this incident (not buffered: only what waits now gets it). */
    void publish(String messageName, Map<String, Object> variables) {
      client
          .newPublishMessageCommand()
          .messageName(messageName)
          .correlationKey(number)
          .timeToLive(Duration.ZERO)
          .variables(variables)
          .send()
          .join();
    }

    /**
     * Completes the next escalation job at the element as the worker would: one tier up (at most
     * 3).
     */
    ActivatedJob escalate(String elementId, int seenTier, int newTier, Instant nextEscalationAt) {
      List<String> groups = List.of(TIER1, TIER2, TIER3).subList(0, newTier);
      ActivatedJob job = job(JOB_ESCALATE, elementId);
      Assertions.assertThat(job.getVariablesAsMap())
          .as("variables of the escalation job")
          .containsEntry(VAR_TIER, seenTier);
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(VAR_TIER, newTier);
      variables.put(VAR_PAGED_GROUPS, groups);
      variables.put(VAR_NEXT_ESCALATION_AT, nextEscalationAt.toString());
      client.newCompleteCommand(job.getKey()).variables(variables).send().join();
      return job;
    }
  }
}
