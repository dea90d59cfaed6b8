package life.suoke.ops.backend.oncall.escalation;

import static life.suoke.ops.processes.oncall.OnCallEscalationProcess.*;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import life.suoke.ops.processes.oncall.EscalationPolicy;
import org.springframework.stereotype.Component;

/**
 * The job side of {@code on-call-escalation}: whether a level may page now ({@code
 * oncall.escalation.check-business-hours}), who is on call at the level now ({@code
 * oncall.escalation.resolve-recipients}) and the page itself ({@code oncall.escalation.notify}). A
 * policy that cannot be used (no such level, an unknown target type or schedule) ends the
 * escalation with the process's error {@code on-call-escalation-invalid-policy}, so that the caller
 * falls back instead of paging nobody.
 */
@Component
public class EscalationJobWorkers {

  private final EscalationService escalations;

  EscalationJobWorkers(EscalationService escalations) {
    this.escalations = escalations;
  }

  @JobWorker(type = JOB_CHECK_BUSINESS_HOURS)
  public Map<String, Object> checkBusinessHours(
      @Variable(VAR_LEVEL) Map<String, Object> level,
      @Variable(VAR_CALENDAR_ID) String calendarId,
      @Variable(VAR_PRIORITY) String priority) {
    return invalidAsError(
        () -> {
          Instant until =
              escalations.waitUntil(level, calendarId, priority, Instant.now()).orElse(null);
          Map<String, Object> answer = new HashMap<>();
          answer.put(VAR_WAIT_UNTIL, until == null ? null : until.toString());
          return answer;
        });
  }

  @JobWorker(type = JOB_RESOLVE_RECIPIENTS)
  public Map<String, Object> resolveRecipients(
      @Variable(VAR_LEVEL) Map<String, Object> level,
      @Variable(VAR_POLICY_ID) String policyId,
      @Variable(VAR_LEVEL_NUMBER) Integer levelNumber,
      @Variable(VAR_ESCALATION_KEY) String escalationKey,
      @Variable(VAR_ROUND) Integer round,
      @Variable(VAR_REPAGES) Integer repages) {
    return invalidAsError(
        () ->
            Map.of(
                VAR_RECIPIENTS,
                escalations.recipients(
                    level,
                    policyId,
                    levelNumber == null ? 1 : levelNumber,
                    turnKey(escalationKey, round, repages),
                    Instant.now())));
  }

  @JobWorker(type = JOB_NOTIFY)
  public void notify(
      ActivatedJob job,
      @Variable(VAR_RECIPIENTS) List<String> recipients,
      @Variable(VAR_ESCALATION_KEY) String escalationKey,
      @Variable(VAR_INCIDENT_NUMBER) String incidentNumber,
      @Variable(VAR_SERVICE) String service,
      @Variable(VAR_PRIORITY) String priority,
      @Variable(VAR_ROUND) Integer round,
      @Variable(VAR_LEVEL_NUMBER) Integer levelNumber,
      @Variable(VAR_BATCH_NUMBER) Integer batchNumber,
      @Variable(VAR_REPAGES) Integer repages,
      @Variable(VAR_POLICY) Map<String, Object> policy) {
    String policyId =
        policy == null || policy.get(EscalationPolicy.FIELD_ID) == null
            ? null
            : policy.get(EscalationPolicy.FIELD_ID).toString();
    String key =
        escalationKey
            + ":"
            + number(repages, 0)
            + ":"
            + number(round, 1)
            + ":"
            + number(levelNumber, 1)
            + ":"
            + number(batchNumber, 1);
    escalations.page(
        recipients == null ? List.of() : recipients,
        key,
        incidentNumber,
        service,
        priority,
        policyId,
        number(levelNumber, 1));
  }

  /** One turn of a round-robin level per escalation, round and re-page. */
  private static String turnKey(String escalationKey, Integer round, Integer repages) {
    return escalationKey + ":" + number(repages, 0) + ":" + number(round, 1);
  }

  private static int number(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  private static <T> T invalidAsError(Supplier<T> work) {
    try {
      return work.get();
    } catch (EscalationService.InvalidPolicy invalid) {
      throw CamundaError.bpmnError(
          ERROR_INVALID_POLICY,
          invalid.getMessage(),
          Map.of(VAR_ESCALATION_ERROR, invalid.getMessage()));
    }
  }
}
