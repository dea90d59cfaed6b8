package life.suoke.ops.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * A task with a Camunda form ({@code zeebe:formDefinition}, deployed through the client): the form
 * comes with the task, completing validates the data field by field before anything reaches the
 * engine, and the audit trail masks the sensitive field.
 */
class TaskFormApiTest extends TaskTestSupport {

  static Map<String, Object> valid() {
    Map<String, Object> data = new HashMap<>();
    data.put("summary", "Checkout is down");
    data.put("ticket", "INC-42");
    data.put("impact", 4);
    data.put("severity", "high");
    data.put("channels", List.of("mail", "sms"));
    data.put("customerFacing", true);
    data.put("startedOn", "2026-11-20");
    data.put("patientId", "P-778899");
    data.put("contact", Map.of("email", "oncall@example.com"));
    return data;
  }

  Map<String, String> errors(ResponseEntity<JsonNode> response) {
    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
    Map<String, String> errors = new TreeMap<>();
    response
        .getBody()
        .path("errors")
        .forEach(e -> errors.put(e.path("field").asText(), e.path("reason").asText()));
    return errors;
  }

  @Test
  void theTaskComesWithItsFormAndVariables() {
    String worker = user("triager", Set.of("tier1-oncall"));
    String businessKey = unique("INC");
    long key = taskOf(startTriage(businessKey));

    JsonNode detail = getOk(worker, "/api/tasks/" + key);
    assertThat(detail.path("hasForm").asBoolean()).isTrue();
    assertThat(detail.path("businessKey").asText()).isEqualTo(businessKey);
    assertThat(detail.path("candidateGroups").get(0).asText()).isEqualTo("tier1-oncall");
    assertThat(detail.path("priority").asInt()).isEqualTo(60);
    assertThat(detail.path("form").path("id").asText()).isEqualTo("tasks-triage-form");
    assertThat(detail.path("form").path("components").isArray()).isTrue();
    assertThat(detail.path("variables").path("reporter").asText()).isEqualTo("monitoring");
    assertThat(detail.path("canClaim").asBoolean()).isTrue();
    assertThat(detail.path("canComplete").asBoolean()).isTrue();
  }

  @Test
  void invalidDataIsRefusedFieldByFieldAndNothingReachesTheEngine() {
    String worker = user("triager", Set.of("tier1-oncall"));
    long key = taskOf(startTriage(unique("INC")));

    Map<String, Object> bad = new HashMap<>();
    bad.put("summary", "ab");
    bad.put("ticket", "X-1");
    bad.put("impact", 9);
    bad.put("severity", "urgent");
    bad.put("channels", List.of("mail", "fax"));
    bad.put("customerFacing", "yes");
    bad.put("startedOn", "20.11.2026");
    bad.put("contact", Map.of("email", "not-an-address", "phone", "1"));
    bad.put("extra", 1);
    Map<String, String> errors =
        errors(post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", bad)));
    assertThat(errors)
        .containsOnlyKeys(
            "variables.summary",
            "variables.ticket",
            "variables.impact",
            "variables.severity",
            "variables.channels",
            "variables.customerFacing",
            "variables.startedOn",
            "variables.contact.email",
            "variables.contact.phone",
            "variables.extra");
    assertThat(errors.get("variables.summary")).contains("at least 3");
    assertThat(errors.get("variables.impact")).contains("at most 5");
    assertThat(errors.get("variables.severity")).contains("low, high");
    assertThat(errors.get("variables.extra")).contains("not a field");

    // required fields, and types
    assertThat(
            errors(post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", Map.of()))))
        .containsOnlyKeys("variables.summary", "variables.impact", "variables.severity");
    Map<String, Object> wrongTypes = valid();
    wrongTypes.put("impact", "4");
    wrongTypes.put("summary", 12);
    assertThat(
            errors(
                post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", wrongTypes))))
        .containsOnlyKeys("variables.impact", "variables.summary");
    Map<String, Object> tooLow = valid();
    tooLow.put("impact", 0);
    tooLow.put("summary", "x".repeat(41));
    assertThat(errors(post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", tooLow))))
        .containsEntry("variables.impact", "must be at least 1")
        .containsEntry("variables.summary", "must be at most 40 characters long");

    // nothing happened: not claimed, not completed, not audited, no variable written
    settle();
    UserTask task = task(key);
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getAssignee()).isNull();
    assertThat(auditRows(key)).isZero();
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(task.getProcessInstanceKey()).name("summary"))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void validDataCompletesTheTaskAndTheAuditMasksTheSensitiveField() throws Exception {
    String worker = user("triager", Set.of("tier1-oncall"));
    long key = taskOf(startTriage(unique("INC")));
    UserTask before = task(key);

    assertThat(
            post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", valid()))
                .getStatusCode()
                .value())
        .isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> task(key).getState() == UserTaskState.COMPLETED);

    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT actor, action, details::text AS details FROM audit_event"
                + " WHERE object_type = 'task' AND object_id = ? AND action = 'task.complete'",
            String.valueOf(key));
    assertThat(row.get("actor")).isEqualTo(worker);
    JsonNode submitted = json.readTree((String) row.get("details")).path("variables");
    assertThat(submitted.path("patientId").asText()).isEqualTo("***");
    assertThat(submitted.path("summary").asText()).isEqualTo("Checkout is down");
    assertThat(submitted.path("impact").asInt()).isEqualTo(4);
    assertThat((String) row.get("details")).doesNotContain("P-778899");
    // the process itself gets the real value
    String patient =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client
                        .newVariableSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(before.getProcessInstanceKey())
                                    .name("patientId"))
                        .send()
                        .join()
                        .items(),
                items -> !items.isEmpty())
            .get(0)
            .getValue();
    assertThat(patient).isEqualTo("\"P-778899\"");
  }
}
