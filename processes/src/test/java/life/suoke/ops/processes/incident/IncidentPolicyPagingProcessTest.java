package life.suoke.ops.processes.incident;

import static life.suoke.ops.processes.incident.IncidentDriver.T0;
import static life.suoke.ops.processes.incident.IncidentDriver.alert;
import static life.suoke.ops.processes.incident.IncidentProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineAssertions;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import life.suoke.ops.processes.incident.IncidentDriver.Incident;
import life.suoke.ops.processes.incident.IncidentDriver.Priority;
import life.suoke.ops.processes.oncall.EscalationPolicy;
import life.suoke.ops.processes.oncall.OnCallEscalationProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service with an escalation policy: the incident calls the generic escalation subprocess ({@code
 * on-call-escalation}) beside its response instead of paging tier 1 itself; the policy's levels
 * page until someone acknowledges; the resolution ends the paging, and so do the closing and the
 * cancellation of the incident.
 */
@ProcessEngineTest
class IncidentPolicyPagingProcessTest {

  CamundaClient client;
  ProcessEngineContext engine;
  IncidentDriver driver;

  /** alice for 5 minutes, then bob. */
  static final EscalationPolicy POLICY =
      new EscalationPolicy(
          "checkout-policy",
          "default",
          0,
          null,
          List.of(
              new EscalationPolicy.Level(
                  List.of(EscalationPolicy.Target.user("alice")), "PT5M", false, List.of()),
              new EscalationPolicy.Level(
                  List.of(EscalationPolicy.Target.user("bob")), "PT10M", false, List.of())));

  @BeforeEach
  void deploy() {
    driver = new IncidentDriver(client, engine);
    driver.deploy();
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath(OnCallEscalationProcess.RESOURCE)
        .send()
        .join();
  }

  @AfterEach
  void cancel() {
    driver.cancelStarted();
  }

  /** Triaged and the deadlines computed, with the service's policy as the worker returns it. */
  private Incident openWithPolicy(Priority priority) {
    Incident incident = driver.start(alert(priority));
    Map<String, Object> deadlines = new HashMap<>();
    deadlines.put(VAR_RESPONSE_DUE, T0.plus(priority.response).toString());
    deadlines.put(VAR_HANDLING_DUE, T0.plus(priority.handling).toString());
    deadlines.put(VAR_STATUS_UPDATE_CYCLE, priority.statusUpdateCycle);
    deadlines.put(VAR_ESCALATION_POLICY, POLICY.toMap());
    incident.complete(JOB_COMPUTE_DEADLINES, COMPUTE_DEADLINES_TASK, deadlines);
    return incident;
  }

  /**
   * One level of the policy: may page now, these people are on call, notified; returns the notify
   * job.
   */
  private ActivatedJob pageLevel(String... onCall) {
    ActivatedJob check = escalationJob(OnCallEscalationProcess.JOB_CHECK_BUSINESS_HOURS);
    client.newCompleteCommand(check.getKey()).send().join();
    ActivatedJob resolve = escalationJob(OnCallEscalationProcess.JOB_RESOLVE_RECIPIENTS);
    client
        .newCompleteCommand(resolve.getKey())
        .variables(Map.of(OnCallEscalationProcess.VAR_RECIPIENTS, List.of(onCall)))
        .send()
        .join();
    ActivatedJob notify = escalationJob(OnCallEscalationProcess.JOB_NOTIFY);
    client.newCompleteCommand(notify.getKey()).send().join();
    return notify;
  }

  private ActivatedJob escalationJob(String type) {
    ActivatedJob job = engine.activateJob(type);
    assertThat(job.getBpmnProcessId()).isEqualTo(OnCallEscalationProcess.PROCESS_ID);
    return job;
  }

  private void publish(Incident incident, String message, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(incident.number)
        .timeToLive(Duration.ZERO)
        .variables(variables)
        .send()
        .join();
  }

  @Test
  void thePolicyPagesLevelByLevelBesideTheResponseAndTheAcknowledgementAndResolutionEndIt() {
    Incident incident = openWithPolicy(Priority.P1);
    incident
        .assertInstance()
        .hasActiveElements(PAGE_BY_POLICY, ACKNOWLEDGE_TASK)
        .hasNotActivatedElements(PAGE_TASK);

    ActivatedJob first = pageLevel("alice");
    Map<String, Object> seen = first.getVariablesAsMap();
    assertThat(seen)
        .containsEntry(OnCallEscalationProcess.VAR_ESCALATION_KEY, incident.number)
        .containsEntry(OnCallEscalationProcess.VAR_INCIDENT_NUMBER, incident.number)
        .containsEntry(OnCallEscalationProcess.VAR_SERVICE, "checkout")
        .containsEntry(OnCallEscalationProcess.VAR_PRIORITY, "P1")
        .containsEntry(OnCallEscalationProcess.VAR_RECIPIENTS, List.of("alice"));
    long escalation = first.getProcessInstanceKey();
    assertThat(escalation).isNotEqualTo(incident.instance.getProcessInstanceKey());

    // alice does not answer in 5 minutes: the policy's second level pages bob
    engine.increaseTime(Duration.ofMinutes(5).plusSeconds(1));
    ActivatedJob second = pageLevel("bob");
    assertThat(second.getProcessInstanceKey()).isEqualTo(escalation);
    assertThat(second.getVariablesAsMap())
        .containsEntry(OnCallEscalationProcess.VAR_LEVEL_NUMBER, 2);

    // bob acknowledges: the inbox completes the task, the status job tells the escalation
    engine.completeUserTask(incident.task(ACKNOWLEDGE_TASK), Map.of(VAR_HANDLER, "bob"));
    incident.status(RECORD_ACKNOWLEDGED_TASK, STATUS_ACKNOWLEDGED);
    publish(
        incident,
        OnCallEscalationProcess.MESSAGE_ACKNOWLEDGED,
        Map.of(OnCallEscalationProcess.VAR_ACKNOWLEDGED_BY, "bob"));
    ProcessEngineAssertions.assertThat(escalation)
        .hasCompletedElements(OnCallEscalationProcess.ACKNOWLEDGED_EVENT);
    incident.assertInstance().hasActiveElements(PAGE_BY_POLICY, HANDLE_TASK);

    // resolved: the escalation ends with its outcome, the incident goes on and closes (no reporter)
    engine.completeUserTask(
        incident.task(HANDLE_TASK),
        Map.of(
            VAR_RESOLUTION_TYPE,
            "workaround",
            VAR_RESOLUTION_SUMMARY,
            "Restarted the payment gateway"));
    incident.status(RECORD_RESOLVED_TASK, STATUS_RESOLVED);
    publish(incident, OnCallEscalationProcess.MESSAGE_RESOLVED, Map.of());
    ProcessEngineAssertions.assertThat(escalation).isCompleted();
    incident
        .assertInstance()
        .hasCompletedElements(PAGE_BY_POLICY, POLICY_PAGING_ENDED)
        .hasVariable(VAR_ESCALATION_OUTCOME, OnCallEscalationProcess.OUTCOME_RESOLVED)
        .hasVariable("policyAcknowledgedBy", "bob");
    incident.status(RECORD_CLOSED_TASK, STATUS_CLOSED);
    incident.complete(JOB_START_REVIEW, START_REVIEW_TASK, Map.of());
    incident.assertInstance().isCompleted();
  }

  @Test
  void nobodyAcknowledgingEndsThePagingWhileTheIncidentWaitsForItsResponder() {
    Incident incident = openWithPolicy(Priority.P2);
    ActivatedJob first = pageLevel("alice");
    engine.increaseTime(Duration.ofMinutes(5).plusSeconds(1));
    pageLevel("bob");
    engine.increaseTime(Duration.ofMinutes(10).plusSeconds(1));
    ProcessEngineAssertions.assertThat(first.getProcessInstanceKey()).isCompleted();
    incident
        .assertInstance()
        .hasCompletedElements(PAGE_BY_POLICY, POLICY_PAGING_ENDED)
        .hasVariable(VAR_ESCALATION_OUTCOME, OnCallEscalationProcess.OUTCOME_EXHAUSTED)
        .hasActiveElements(ACKNOWLEDGE_TASK);
  }

  @Test
  void cancellingTheIncidentStopsThePaging() {
    Incident incident = openWithPolicy(Priority.P0);
    ActivatedJob first = pageLevel("alice");
    publish(incident, MESSAGE_CANCELLED, Map.of(VAR_DUPLICATE_OF, "INC-2026-00001"));
    incident.assertInstance().hasTerminatedElements(PAGE_BY_POLICY, OPEN_SUBPROCESS);
    ProcessEngineAssertions.assertThat(first.getProcessInstanceKey()).isTerminated();
  }
}
