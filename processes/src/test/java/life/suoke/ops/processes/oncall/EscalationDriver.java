package life.suoke.ops.processes.oncall;

import static life.suoke.ops.processes.oncall.OnCallEscalationProcess.*;

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
import life.suoke.ops.engine.test.ProcessEngineAssertions;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessInstanceAssert;
import org.assertj.core.api.Assertions;

/**
 * Drives {@code on-call-escalation} instances the way a caller and the workers do: starts them with
 * an {@link EscalationPolicy}, answers the business-hours, resolve and notify jobs, and publishes
 * the acknowledgement and resolution messages. Cancels what is left after each test.
 */
final class EscalationDriver {

  /** Monday 10:00 in Asia/Shanghai. */
  static final Instant T0 = Instant.parse("2026-11-02T02:00:00Z");

  static final String SCHEDULE = "checkout-primary";

  private static final AtomicInteger NUMBERS = new AtomicInteger(1);

  private final CamundaClient client;
  private final ProcessEngineContext engine;
  private final List<Long> started = new ArrayList<>();

  EscalationDriver(CamundaClient client, ProcessEngineContext engine) {
    this.client = client;
    this.engine = engine;
  }

  void deploy() {
    engine.pinClock(T0);
    client.newDeployResourceCommand().addResourceFromClasspath(RESOURCE).send().join();
  }

  void cancelStarted() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException alreadyEnded) {
        // ended by the test
      }
    }
    started.clear();
  }

  /** Tier 1 then tier 2 of the schedule, 5 and 10 minutes to acknowledge. */
  static EscalationPolicy.Level level(
      int tier, String acknowledgeWithin, boolean roundRobin, String... businessHoursOnlyFor) {
    return new EscalationPolicy.Level(
        List.of(EscalationPolicy.Target.schedule(SCHEDULE, tier)),
        acknowledgeWithin,
        roundRobin,
        List.of(businessHoursOnlyFor));
  }

  static EscalationPolicy policy(int repeat, String repageAfter, EscalationPolicy.Level... levels) {
    return new EscalationPolicy(
        "checkout-default", "default", repeat, repageAfter, List.of(levels));
  }

  Escalation start(EscalationPolicy policy, String priority) {
    String number = String.format("INC-20261102-%04d", NUMBERS.getAndIncrement());
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(policy.startVariables(number, number, "checkout", priority))
            .send()
            .join();
    started.add(instance.getProcessInstanceKey());
    return new Escalation(number, instance);
  }

  /** One running escalation. */
  final class Escalation {

    final String key;
    final ProcessInstanceEvent instance;

    Escalation(String key, ProcessInstanceEvent instance) {
      this.key = key;
      this.instance = instance;
    }

    ProcessInstanceAssert assertInstance() {
      return ProcessEngineAssertions.assertThat(instance);
    }

    ActivatedJob job(String type, String elementId) {
      ActivatedJob job = engine.activateJob(type);
      Assertions.assertThat(job.getProcessInstanceKey())
          .as("instance of the %s job", type)
          .isEqualTo(instance.getProcessInstanceKey());
      Assertions.assertThat(job.getElementId())
          .as("element of the %s job", type)
          .isEqualTo(elementId);
      return job;
    }

    /**
     * Answers the business-hours check: wait until the instant, or (null) page now; returns the
     * job's variables.
     */
    Map<String, Object> checkBusinessHours(Instant waitUntil) {
      ActivatedJob job = job(JOB_CHECK_BUSINESS_HOURS, CHECK_BUSINESS_HOURS_TASK);
      Map<String, Object> answer = new HashMap<>();
      if (waitUntil != null) {
        answer.put(VAR_WAIT_UNTIL, waitUntil.toString());
      }
      client.newCompleteCommand(job.getKey()).variables(answer).send().join();
      return job.getVariablesAsMap();
    }

    /** Answers who is on call at this level, in paging order; returns the job's variables. */
    Map<String, Object> resolve(String... recipients) {
      ActivatedJob job = job(JOB_RESOLVE_RECIPIENTS, RESOLVE_RECIPIENTS_TASK);
      client
          .newCompleteCommand(job.getKey())
          .variables(Map.of(VAR_RECIPIENTS, List.of(recipients)))
          .send()
          .join();
      return job.getVariablesAsMap();
    }

    /** Completes the notify job; returns whom it was asked to page. */
    List<String> notified() {
      ActivatedJob job = job(JOB_NOTIFY, NOTIFY_TASK);
      client.newCompleteCommand(job.getKey()).send().join();
      @SuppressWarnings("unchecked")
      List<String> recipients = (List<String>) job.getVariablesAsMap().get(VAR_RECIPIENTS);
      return recipients;
    }

    /**
     * Page now, with these people on call, and notify them: the level waits for its
     * acknowledgement.
     */
    List<String> pageLevel(String... recipients) {
      checkBusinessHours(null);
      resolve(recipients);
      return notified();
    }

    void acknowledge(String by) {
      publish(MESSAGE_ACKNOWLEDGED, Map.of(VAR_ACKNOWLEDGED_BY, by));
    }

    void resolved() {
      publish(MESSAGE_RESOLVED, Map.of());
    }

    void publish(String name, Map<String, Object> variables) {
      client
          .newPublishMessageCommand()
          .messageName(name)
          .correlationKey(key)
          .timeToLive(Duration.ZERO)
          .variables(variables)
          .send()
          .join();
    }
  }
}
