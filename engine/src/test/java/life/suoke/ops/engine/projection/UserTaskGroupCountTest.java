package life.suoke.ops.engine.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import life.suoke.ops.engine.projection.Condition.Compare;
import life.suoke.ops.engine.projection.Condition.Operator;
import org.junit.jupiter.api.Test;

/**
 * Which counts the table of open tasks per candidate group answers, and the SQL it runs for them.
 */
class UserTaskGroupCountTest {

  static final Compare OPEN =
      new Compare("t.state", FieldType.TEXT, Operator.EQ, List.of("CREATED"));
  static final Compare GROUPS =
      new Compare(
          "t.candidate_groups", FieldType.TEXT_ARRAY, Operator.IN, List.of("tier2", "tier1"));
  static final Compare UNASSIGNED =
      new Compare("t.assignee", FieldType.TEXT, Operator.EXISTS, List.of(false));
  static final Compare NOT_CANDIDATE =
      new Compare("t.candidate_users", FieldType.TEXT_ARRAY, Operator.NEQ, List.of("uma"));

  static TableQuery query(Condition... conditions) {
    return new TableQuery(
        "user_task", "user_task_key", List.of("t.*"), List.of(conditions), List.of(), 0, 1);
  }

  @Test
  void anInboxCountOfOpenTasksInGroupsIsAnsweredFromTheTable() {
    UserTaskGroupCount.Count count =
        UserTaskGroupCount.of(query(OPEN, UNASSIGNED, NOT_CANDIDATE, GROUPS));
    assertThat(count).isNotNull();
    assertThat(count.groups()).containsExactly("tier1", "tier2");
    assertThat(count.usersEmptyMatch()).isTrue();
    String sql = count.sql("\"engine\".");
    assertThat(sql)
        .contains(
            "t.group_count = 1 AND t.has_candidate_users = FALSE",
            "t.group_count > 1",
            "min(x.name)")
        .doesNotContain("t.candidate_groups &&");
  }

  @Test
  void aConditionThatNeedsACandidateUserLeavesOutTasksWithout() {
    Compare candidate =
        new Compare("t.candidate_users", FieldType.TEXT_ARRAY, Operator.EQ, List.of("uma"));
    UserTaskGroupCount.Count count =
        UserTaskGroupCount.of(
            query(
                OPEN,
                candidate,
                new Compare(
                    "t.candidate_groups", FieldType.TEXT_ARRAY, Operator.EQ, List.of("tier1"))));
    assertThat(count.usersEmptyMatch()).isFalse();
    assertThat(count.sql("\"engine\"."))
        .doesNotContain("has_candidate_users = FALSE")
        .doesNotContain("min(x.name)");
  }

  @Test
  void otherCountsStayOnTheUserTaskTable() {
    assertThat(UserTaskGroupCount.of(query(OPEN, UNASSIGNED))).as("no group condition").isNull();
    assertThat(UserTaskGroupCount.of(query(GROUPS, UNASSIGNED))).as("no state").isNull();
    assertThat(
            UserTaskGroupCount.of(
                query(
                    GROUPS,
                    new Compare("t.state", FieldType.TEXT, Operator.EQ, List.of("COMPLETED")))))
        .as("ended tasks")
        .isNull();
    assertThat(
            UserTaskGroupCount.of(
                query(
                    OPEN,
                    GROUPS,
                    new Compare("t.priority", FieldType.INT, Operator.GTE, List.of(50)))))
        .as("a column the table lacks")
        .isNull();
    assertThat(
            UserTaskGroupCount.of(
                query(
                    OPEN,
                    GROUPS,
                    new Condition.Variable("t.process_instance_key", "businessKey", null))))
        .as("variables")
        .isNull();
    assertThat(
            UserTaskGroupCount.of(
                new TableQuery(
                    "job", "job_key", List.of("t.*"), List.of(OPEN, GROUPS), List.of(), 0, 1)))
        .isNull();
  }
}
