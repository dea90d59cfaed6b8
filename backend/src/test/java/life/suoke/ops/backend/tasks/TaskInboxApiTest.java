package life.suoke.ops.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.identity.Groups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/tasks}: the three views, each filter, sorting, paging and the counts, through
 * real HTTP with Basic auth, on tasks offered to groups of this test only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskInboxApiTest extends TaskTestSupport {

  String groupA;
  String groupB;
  String groupC;
  String alice;
  String bob;
  String carol;
  String auditor;
  String businessKey;
  String t1;
  String t2;
  String t3;
  String t4;
  String t5;
  String t6;
  String t7;

  @BeforeAll
  void tasks() {
    groupA = group("inbox-a");
    groupB = group("inbox-b");
    groupC = group("inbox-c");
    alice = user("alice", Set.of(groupA, groupB));
    bob = user("bob", Set.of(groupA));
    carol = user("carol", Set.of(groupC));
    auditor = user("auditor", Set.of(Groups.AUDITORS));
    businessKey = unique("REQ");
    // key: priority, due date, follow-up date
    t1 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupA),
                    List.of(),
                    10,
                    "2030-01-01T00:00:00Z",
                    "2020-01-01T00:00:00Z",
                    null)));
    t2 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupB),
                    List.of(),
                    80,
                    "2031-01-01T00:00:00Z",
                    "2040-01-01T00:00:00Z",
                    businessKey)));
    t3 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupA),
                    List.of(),
                    50,
                    "2020-01-01T00:00:00Z",
                    "2040-01-01T00:00:00Z",
                    null)));
    t4 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupA),
                    List.of(),
                    40,
                    "2032-01-01T00:00:00Z",
                    "2040-01-01T00:00:00Z",
                    null)));
    t5 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupC),
                    List.of(alice),
                    30,
                    "2033-01-01T00:00:00Z",
                    "2040-01-01T00:00:00Z",
                    null)));
    t6 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupC),
                    List.of(),
                    20,
                    "2035-01-01T00:00:00Z",
                    "2040-01-01T00:00:00Z",
                    null)));
    t7 =
        String.valueOf(
            taskOf(
                startReview(
                    List.of(groupA, groupB),
                    List.of(),
                    70,
                    "2034-01-01T00:00:00Z",
                    "2040-01-01T00:00:00Z",
                    null)));
    assertThat(post(alice, "/api/tasks/" + t3 + "/claim", null).getStatusCode().value())
        .isEqualTo(204);
    assertThat(post(bob, "/api/tasks/" + t4 + "/claim", null).getStatusCode().value())
        .isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                alice.equals(task(Long.parseLong(t3)).getAssignee())
                    && bob.equals(task(Long.parseLong(t4)).getAssignee()));
  }

  @Test
  void eachViewHoldsWhatItsUserMaySeeWithExactCounts() {
    JsonNode all = getOk(alice, "/api/tasks");
    assertThat(keys(all)).containsExactly(t7, t5, t4, t3, t2, t1); // newest first by default
    assertThat(all.path("total").asLong()).isEqualTo(6);
    assertThat(all.path("counts").path("mine").asLong()).isEqualTo(1);
    assertThat(all.path("counts").path("groups").asLong()).isEqualTo(4);
    assertThat(all.path("counts").path("all").asLong()).isEqualTo(6);
    assertThat(all.path("page").asInt()).isZero();
    assertThat(all.path("size").asInt()).isEqualTo(20);

    assertThat(keys(getOk(alice, "/api/tasks?view=mine"))).containsExactly(t3);
    JsonNode groups = getOk(alice, "/api/tasks?view=groups");
    assertThat(keys(groups)).containsExactly(t7, t5, t2, t1);
    assertThat(groups.path("total").asLong()).isEqualTo(4);

    // bob sees alice's task in his group in "all", but not among the unassigned ones
    assertThat(keys(getOk(bob, "/api/tasks?view=all"))).containsExactly(t7, t4, t3, t1);
    assertThat(keys(getOk(bob, "/api/tasks?view=groups"))).containsExactly(t7, t1);
    assertThat(keys(getOk(bob, "/api/tasks?view=mine"))).containsExactly(t4);

    // carol's group holds t5 and t6; nothing of the others
    JsonNode carols = getOk(carol, "/api/tasks");
    assertThat(keys(carols)).containsExactly(t6, t5);
    assertThat(carols.path("counts").path("mine").asLong()).isZero();
  }

  @Test
  void summariesCarryTheTaskFieldsWithKeysAsStrings() {
    JsonNode item = null;
    for (JsonNode candidate : getOk(alice, "/api/tasks?view=groups").path("items")) {
      if (candidate.path("key").asText().equals(t2)) {
        item = candidate;
      }
    }
    assertThat(item).isNotNull();
    assertThat(item.path("key").isTextual()).isTrue();
    assertThat(item.path("processInstanceKey").isTextual()).isTrue();
    assertThat(item.path("name").asText()).isEqualTo("Review the request");
    assertThat(item.path("processDefinitionId").asText()).isEqualTo("tasks-inbox-test");
    assertThat(item.path("processName").asText()).isEqualTo("Inbox test");
    assertThat(item.path("businessKey").asText()).isEqualTo(businessKey);
    assertThat(item.path("elementId").asText()).isEqualTo("ReviewRequest");
    assertThat(item.path("assignee").isNull()).isTrue();
    assertThat(item.path("candidateGroups")).extracting(JsonNode::asText).containsExactly(groupB);
    assertThat(item.path("candidateUsers").isArray()).isTrue();
    assertThat(item.path("priority").asInt()).isEqualTo(80);
    assertThat(item.path("dueDate").asText()).isEqualTo("2031-01-01T00:00:00Z");
    assertThat(item.path("followUpDate").asText()).isEqualTo("2040-01-01T00:00:00Z");
    assertThat(item.path("creationDate").asText()).isNotEmpty();
    assertThat(item.path("state").asText()).isEqualTo("CREATED");
    assertThat(item.path("hasForm").asBoolean()).isFalse();
  }

  @Test
  void filtersNarrowEveryViewAndItsCount() {
    JsonNode byGroup = getOk(alice, "/api/tasks?candidateGroup=" + groupB);
    assertThat(keys(byGroup)).containsExactly(t7, t2);
    assertThat(byGroup.path("counts").path("mine").asLong()).isZero();
    assertThat(byGroup.path("counts").path("groups").asLong()).isEqualTo(2);
    // a group that is not hers only narrows what she sees otherwise (t5 is offered to her by name)
    assertThat(keys(getOk(alice, "/api/tasks?candidateGroup=" + groupC))).containsExactly(t5);

    assertThat(keys(getOk(alice, "/api/tasks?priority=60"))).containsExactly(t7, t2);
    assertThat(keys(getOk(alice, "/api/tasks?overdue=true"))).containsExactly(t3);
    assertThat(keys(getOk(alice, "/api/tasks?dueBefore=2031-06-01T00:00:00Z")))
        .containsExactly(t3, t2, t1);
    assertThat(keys(getOk(alice, "/api/tasks?followUp=true"))).containsExactly(t1);
    assertThat(keys(getOk(alice, "/api/tasks?process=tasks-inbox-test"))).hasSize(6);
    assertThat(getOk(alice, "/api/tasks?process=tasks-form-test").path("total").asLong()).isZero();

    // text: the business key ...
    JsonNode byKey = getOk(alice, "/api/tasks?text=" + businessKey.substring(2));
    assertThat(keys(byKey)).containsExactly(t2);
    assertThat(byKey.path("counts").path("all").asLong()).isEqualTo(1);
    // ... or the name (t2 matches both, and is counted once)
    JsonNode byName = getOk(alice, "/api/tasks?text=REVIEW");
    assertThat(keys(byName)).containsExactly(t7, t5, t4, t3, t2, t1);
    assertThat(byName.path("total").asLong()).isEqualTo(6);
    assertThat(byName.path("counts").path("groups").asLong()).isEqualTo(4);
    assertThat(getOk(alice, "/api/tasks?text=no-such-text-anywhere").path("total").asLong())
        .isZero();
  }

  @Test
  void sortsAndPagesAcrossTheMergedSearches() {
    assertThat(keys(getOk(alice, "/api/tasks?sort=priority&order=desc")))
        .containsExactly(t2, t7, t3, t4, t5, t1);
    assertThat(keys(getOk(alice, "/api/tasks?sort=priority&order=asc")))
        .containsExactly(t1, t5, t4, t3, t7, t2);
    assertThat(keys(getOk(alice, "/api/tasks?sort=due&order=asc")))
        .containsExactly(t3, t1, t2, t4, t5, t7);
    assertThat(keys(getOk(alice, "/api/tasks?sort=created&order=asc")))
        .containsExactly(t1, t2, t3, t4, t5, t7);

    JsonNode page0 = getOk(alice, "/api/tasks?sort=priority&order=desc&size=2&page=0");
    JsonNode page1 = getOk(alice, "/api/tasks?sort=priority&order=desc&size=2&page=1");
    JsonNode page2 = getOk(alice, "/api/tasks?sort=priority&order=desc&size=2&page=2");
    JsonNode page3 = getOk(alice, "/api/tasks?sort=priority&order=desc&size=2&page=3");
    assertThat(keys(page0)).containsExactly(t2, t7);
    assertThat(keys(page1)).containsExactly(t3, t4);
    assertThat(keys(page2)).containsExactly(t5, t1);
    assertThat(keys(page3)).isEmpty();
    assertThat(page2.path("total").asLong()).isEqualTo(6);
    assertThat(page2.path("page").asInt()).isEqualTo(2);
    assertThat(page2.path("size").asInt()).isEqualTo(2);
  }

  @Test
  void auditorsSeeEveryOpenTaskInAll() {
    JsonNode all = getOk(auditor, "/api/tasks?candidateGroup=" + groupA);
    assertThat(keys(all)).containsExactly(t7, t4, t3, t1);
    assertThat(all.path("counts").path("mine").asLong()).isZero();
    assertThat(getOk(auditor, "/api/tasks?candidateGroup=" + groupC).path("total").asLong())
        .isEqualTo(2);
    assertThat(getOk(auditor, "/api/tasks").path("total").asLong()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void badParametersAreProblemsNamingTheParameter() {
    assertThat(get(alice, "/api/tasks?view=everything").getStatusCode().value()).isEqualTo(400);
    assertThat(
            get(alice, "/api/tasks?view=everything")
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("view");
    assertThat(
            get(alice, "/api/tasks?size=201")
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("size");
    assertThat(
            get(alice, "/api/tasks?sort=name")
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("sort");
    assertThat(
            get(alice, "/api/tasks?order=up")
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("order");
    assertThat(
            get(alice, "/api/tasks?dueBefore=tomorrow")
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("dueBefore");
    assertThat(
            get(alice, "/api/tasks?priority=high")
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("priority");
    assertThat(http.getForEntity("/api/tasks", String.class).getStatusCode().value())
        .isEqualTo(401);
  }
}
