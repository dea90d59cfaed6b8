package life.suoke.ops.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import life.suoke.ops.backend.identity.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Claim, unclaim, assign and complete through real HTTP: the happy paths with their audit rows, and
 * every refusal with proof that the engine's task and the audit trail did not change.
 */
class TaskActionsApiTest extends TaskTestSupport {

  String group;
  String worker;
  String colleague;
  String manager;
  String outsider;
  String auditor;

  @BeforeEach
  void people() {
    group = group("actions");
    String other = group("actions-other");
    worker = user("worker", Set.of(group));
    colleague = user("colleague", Set.of(group));
    manager = user("manager", Set.of(group), Set.of(group));
    outsider = user("outsider", Set.of(other));
    auditor = user("auditor", Set.of(Groups.AUDITORS, group));
  }

  long openTask() {
    return taskOf(startReview(List.of(group)));
  }

  UserTask awaitTask(long key, Predicate<UserTask> condition) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> task(key), condition);
  }

  /** The problem's status, then proof that nothing changed: the task as before, no audit row. */
  void refused(
      ResponseEntity<JsonNode> response,
      int status,
      long key,
      String assigneeBefore,
      int auditRowsBefore) {
    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(response.getBody().path("status").asInt()).isEqualTo(status);
    settle();
    UserTask task = task(key);
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getAssignee()).isEqualTo(assigneeBefore);
    assertThat(auditRows(key)).isEqualTo(auditRowsBefore);
  }

  Map<String, Object> lastAudit(long key) {
    return jdbc.queryForMap(
        "SELECT actor, action, details::text AS details FROM audit_event"
            + " WHERE object_type = 'task' AND object_id = ? ORDER BY id DESC LIMIT 1",
        String.valueOf(key));
  }

  @Test
  void aCandidateClaimsAndUnclaimsAndItIsAudited() throws Exception {
    long key = openTask();
    JsonNode detail = getOk(worker, "/api/tasks/" + key);
    assertThat(detail.path("canClaim").asBoolean()).isTrue();
    assertThat(detail.path("canUnclaim").asBoolean()).isFalse();
    assertThat(detail.path("canAssign").asBoolean()).isFalse();
    assertThat(detail.path("form").isNull()).isTrue();
    assertThat(detail.path("variables").path("candidateGroups").get(0).asText()).isEqualTo(group);

    assertThat(post(worker, "/api/tasks/" + key + "/claim", null).getStatusCode().value())
        .isEqualTo(204);
    awaitTask(key, t -> worker.equals(t.getAssignee()));
    Map<String, Object> claim = lastAudit(key);
    assertThat(claim.get("actor")).isEqualTo(worker);
    assertThat(claim.get("action")).isEqualTo("task.claim");
    assertThat(json.readTree((String) claim.get("details")).path("taskName").asText())
        .isEqualTo("Review the request");

    JsonNode claimed = getOk(worker, "/api/tasks/" + key);
    assertThat(claimed.path("assignee").asText()).isEqualTo(worker);
    assertThat(claimed.path("canUnclaim").asBoolean()).isTrue();
    assertThat(claimed.path("canComplete").asBoolean()).isTrue();

    assertThat(post(worker, "/api/tasks/" + key + "/unclaim", null).getStatusCode().value())
        .isEqualTo(204);
    awaitTask(key, t -> t.getAssignee() == null);
    assertThat(lastAudit(key).get("action")).isEqualTo("task.unclaim");
    assertThat(auditRows(key)).isEqualTo(2);
  }

  @Test
  void claimingAnAssignedTaskIsAConflictAndChangesNothing() {
    long key = openTask();
    post(worker, "/api/tasks/" + key + "/claim", null);
    awaitTask(key, t -> worker.equals(t.getAssignee()));
    refused(post(colleague, "/api/tasks/" + key + "/claim", null), 409, key, worker, 1);
  }

  @Test
  void aUserOfAnotherGroupCanNeitherSeeNorTouchTheTask() {
    long key = openTask();
    assertThat(get(outsider, "/api/tasks/" + key).getStatusCode().value()).isEqualTo(403);
    refused(post(outsider, "/api/tasks/" + key + "/claim", null), 403, key, null, 0);
    refused(
        post(outsider, "/api/tasks/" + key + "/complete", Map.of("variables", Map.of())),
        403,
        key,
        null,
        0);
    assertThat(get(outsider, "/api/tasks/99999999999").getStatusCode().value()).isEqualTo(404);
    assertThat(get(outsider, "/api/tasks/not-a-key").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void auditorsReadButCannotClaimOrComplete() {
    long key = openTask();
    JsonNode detail = getOk(auditor, "/api/tasks/" + key);
    assertThat(detail.path("canClaim").asBoolean()).isFalse();
    assertThat(detail.path("canComplete").asBoolean()).isFalse();
    assertThat(detail.path("canAssign").asBoolean()).isFalse();
    refused(post(auditor, "/api/tasks/" + key + "/claim", null), 403, key, null, 0);
    refused(
        post(auditor, "/api/tasks/" + key + "/complete", Map.of("variables", Map.of("ok", true))),
        403,
        key,
        null,
        0);
  }

  @Test
  void onlyTheAssigneeOrAGroupManagerUnclaims() {
    long key = openTask();
    post(worker, "/api/tasks/" + key + "/claim", null);
    awaitTask(key, t -> worker.equals(t.getAssignee()));
    refused(post(colleague, "/api/tasks/" + key + "/unclaim", null), 403, key, worker, 1);

    assertThat(post(manager, "/api/tasks/" + key + "/unclaim", null).getStatusCode().value())
        .isEqualTo(204);
    awaitTask(key, t -> t.getAssignee() == null);
    refused(post(manager, "/api/tasks/" + key + "/unclaim", null), 409, key, null, 2);
  }

  @Test
  void aGroupManagerAssignsToACandidateOnly() throws Exception {
    long key = openTask();
    assertThat(getOk(manager, "/api/tasks/" + key).path("canAssign").asBoolean()).isTrue();
    refused(
        post(worker, "/api/tasks/" + key + "/assign", Map.of("assignee", colleague)),
        403,
        key,
        null,
        0);
    ResponseEntity<JsonNode> notCandidate =
        post(manager, "/api/tasks/" + key + "/assign", Map.of("assignee", outsider));
    assertThat(notCandidate.getBody().path("errors").get(0).path("field").asText())
        .isEqualTo("assignee");
    refused(notCandidate, 400, key, null, 0);
    refused(
        post(manager, "/api/tasks/" + key + "/assign", Map.of("assignee", "nobody-" + key)),
        400,
        key,
        null,
        0);
    refused(post(manager, "/api/tasks/" + key + "/assign", Map.of()), 400, key, null, 0);

    assertThat(
            post(manager, "/api/tasks/" + key + "/assign", Map.of("assignee", colleague))
                .getStatusCode()
                .value())
        .isEqualTo(204);
    awaitTask(key, t -> colleague.equals(t.getAssignee()));
    Map<String, Object> row = lastAudit(key);
    assertThat(row.get("actor")).isEqualTo(manager);
    assertThat(row.get("action")).isEqualTo("task.assign");
    assertThat(json.readTree((String) row.get("details")).path("assignee").asText())
        .isEqualTo(colleague);
  }

  @Test
  void theAssigneeCompletesOthersCannot() throws Exception {
    long key = openTask();
    post(manager, "/api/tasks/" + key + "/assign", Map.of("assignee", colleague));
    awaitTask(key, t -> colleague.equals(t.getAssignee()));
    refused(
        post(
            worker,
            "/api/tasks/" + key + "/complete",
            Map.of("variables", Map.of("approved", true))),
        403,
        key,
        colleague,
        1);

    assertThat(
            post(
                    colleague,
                    "/api/tasks/" + key + "/complete",
                    Map.of("variables", Map.of("approved", true)))
                .getStatusCode()
                .value())
        .isEqualTo(204);
    awaitTask(key, t -> t.getState() == UserTaskState.COMPLETED);
    Map<String, Object> row = lastAudit(key);
    assertThat(row.get("actor")).isEqualTo(colleague);
    assertThat(row.get("action")).isEqualTo("task.complete");
    assertThat(
            json.readTree((String) row.get("details"))
                .path("variables")
                .path("approved")
                .asBoolean())
        .isTrue();
  }

  @Test
  void aCandidateCompletesAnUnassignedTaskByClaimingItFirst() {
    long key = openTask();
    UserTask before = task(key);
    Map<String, Object> data =
        Map.of("decision", Map.of("approved", true, "notes", List.of("a", "b")));
    assertThat(
            post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", data))
                .getStatusCode()
                .value())
        .isEqualTo(204);
    UserTask done = awaitTask(key, t -> t.getState() == UserTaskState.COMPLETED);
    assertThat(done.getAssignee()).isEqualTo(worker);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_type = 'task' AND object_id = ? ORDER BY id",
                String.class,
                String.valueOf(key)))
        .containsExactly("task.claim", "task.complete");
    // a task without a form takes any JSON object, and it reaches the process
    String value =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client
                        .newVariableSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(before.getProcessInstanceKey())
                                    .name("decision"))
                        .send()
                        .join()
                        .items(),
                items -> !items.isEmpty())
            .get(0)
            .getValue();
    assertThat(value).contains("\"approved\":true").contains("\"notes\":[\"a\",\"b\"]");
  }

  @Test
  void variablesMustBeAnObject() {
    long key = openTask();
    ResponseEntity<JsonNode> response =
        post(worker, "/api/tasks/" + key + "/complete", Map.of("variables", List.of(1, 2)));
    assertThat(response.getBody().path("errors").get(0).path("field").asText())
        .isEqualTo("variables");
    refused(response, 400, key, null, 0);
  }
}
