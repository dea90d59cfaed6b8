package life.suoke.ops.processes.review;

import static life.suoke.ops.engine.test.ProcessEngineAssertions.assertThat;
import static life.suoke.ops.engine.test.UserTaskSelectors.byElementId;
import static life.suoke.ops.processes.review.EventReviewProcess.*;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.test.ProcessEngineContext;
import life.suoke.ops.engine.test.ProcessEngineTest;
import life.suoke.ops.engine.test.UserTaskSelector;
import life.suoke.ops.engine.test.UserTaskSnapshot;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code event-review} on every path, on the engine clock: a late start escalates (once) and the
 * review goes on, a start in time does not; an empty required section and a request for changes
 * send the review back to the analysis; action items done close it; an overdue item is reminded
 * before and escalated after its due date; a new due date approved by the review owner moves the
 * item's timers, a refused one keeps them; an item accepted as not done (after a first refusal)
 * ends its follow-up.
 */
@ProcessEngineTest
@SuppressWarnings("unchecked")
class EventReviewProcessTest {

  static final Instant T0 = Instant.parse("2026-11-02T02:00:00Z");
  static final String OWNER = "zhang.wei";
  static final String OWNER_GROUP = "checkout-owners";
  static final String ALICE = "alice";
  static final String BOB = "bob";

  CamundaClient client;
  ProcessEngineContext engine;
  final List<Long> started = new ArrayList<>();

  @BeforeEach
  void deploy() {
    engine.pinClock(T0);
    DeployResourceCommandStep2 deploy =
        client.newDeployResourceCommand().addResourceFromClasspath(RESOURCE);
    for (String resource : RESOURCES.subList(1, RESOURCES.size())) {
      deploy = deploy.addResourceFromClasspath(resource);
    }
    deploy.send().join();
  }

  @AfterEach
  void cancel() {
    for (long key : started) {
      try {
        client.newCancelInstanceCommand(key).send().join();
      } catch (RuntimeException alreadyEnded) {
        // completed by the test
      }
    }
  }

  // ---------------------------------------------------------------------------------------- start

  @Test
  void reviewNotStartedWithinFiveBusinessDaysEscalatesOnceAndGoesOn() {
    // closed on Monday 2 Nov at 10:00 Shanghai; 5 business days later is Monday 9 Nov, 10:00
    ProcessInstanceEvent review = start();
    prepare(review, "2026-11-09T02:00:00Z");
    assertThat(byElementId(START_TASK, review))
        .isCreated()
        .hasAssignee(OWNER)
        .hasDueDate("2026-11-09T02:00Z");

    engine.increaseTime(Duration.ofDays(7).minusMinutes(1));
    assertThat(review).hasNotActivatedElements(ESCALATE_LATE_START_TASK);
    engine.increaseTime(Duration.ofMinutes(1));

    assertThat(review).hasActiveElements(ESCALATE_LATE_START_TASK, START_TASK);
    job(JOB_ESCALATE_LATE_START, review, ESCALATE_LATE_START_TASK, Map.of());
    assertThat(review)
        .hasCompletedElements(START_OVERDUE, LATE_START_ESCALATED)
        .hasActiveElements(START_TASK);
    engine.increaseTime(Duration.ofDays(7));
    assertThat(review).hasCompletedElement(ESCALATE_LATE_START_TASK, 1);

    engine.completeUserTask(byElementId(START_TASK, review));
    ActivatedJob assemble = job(JOB_ASSEMBLE_TIMELINE, review, ASSEMBLE_TIMELINE_TASK, Map.of());
    Assertions.assertThat(assemble.getVariablesAsMap())
        .containsEntry(VAR_INCIDENT_NUMBER, "INC-2026-00042");
    assertThat(byElementId(ANALYSIS_TASK, review)).isCreated().hasAssignee(OWNER);
  }

  @Test
  void reviewStartedInTimeDoesNotEscalate() {
    ProcessInstanceEvent review = start();
    prepare(review, "2026-11-09T02:00:00Z");
    engine.increaseTime(Duration.ofDays(6));
    engine.completeUserTask(byElementId(START_TASK, review));
    job(JOB_ASSEMBLE_TIMELINE, review, ASSEMBLE_TIMELINE_TASK, Map.of());

    engine.increaseTime(Duration.ofDays(3));
    assertThat(review)
        .hasActiveElements(ANALYSIS_TASK)
        .hasNotActivatedElements(START_OVERDUE, ESCALATE_LATE_START_TASK);
  }

  // ------------------------------------------------------------------------------------- approval

  @Test
  void emptyRequiredSectionSendsTheReviewBackToTheAnalysis() {
    ProcessInstanceEvent review = analysed(sectionsWithout("wentWell"));
    plan(review, List.of());
    ActivatedJob check =
        job(
            JOB_CHECK_SECTIONS,
            review,
            CHECK_SECTIONS_TASK,
            Map.of(VAR_MISSING_SECTIONS, List.of("wentWell"), VAR_ACTION_ITEMS, List.of()));
    Assertions.assertThat(check.getVariablesAsMap())
        .containsEntry(VAR_ROOT_CAUSE, "Connection pool exhausted")
        .doesNotContainKey(VAR_WENT_WELL);

    assertThat(review)
        .hasActiveElements(ANALYSIS_TASK)
        .hasNotActivatedElements(APPROVE_TASK, PUBLISH_TASK);
    assertThat(byElementId(ANALYSIS_TASK, review)).isCreated().hasAssignee(OWNER);

    engine.completeUserTask(byElementId(ANALYSIS_TASK, review), sectionsWithout(null));
    plan(review, List.of());
    job(
        JOB_CHECK_SECTIONS,
        review,
        CHECK_SECTIONS_TASK,
        Map.of(VAR_MISSING_SECTIONS, List.of(), VAR_ACTION_ITEMS, List.of()));
    assertThat(byElementId(APPROVE_TASK, review)).isCreated().hasCandidateGroups(OWNER_GROUP);
    assertThat(review).hasCompletedElement(ANALYSIS_TASK, 2).hasNotActivatedElements(PUBLISH_TASK);
  }

  @Test
  void requestedChangesSendTheReviewBackToTheAnalysis() {
    ProcessInstanceEvent review = readyForApproval(List.of());
    engine.completeUserTask(
        byElementId(APPROVE_TASK, review),
        Map.of(
            VAR_APPROVED,
            false,
            VAR_APPROVAL_COMMENT,
            "Name the missing alert as a contributing factor"));

    assertThat(review).hasActiveElements(ANALYSIS_TASK).hasNotActivatedElements(PUBLISH_TASK);
    assertThat(byElementId(ANALYSIS_TASK, review)).isCreated().hasAssignee(OWNER);
  }

  @Test
  void reviewWithoutActionItemsIsPublishedAndClosed() {
    ProcessInstanceEvent review = approved(List.of());
    job(JOB_CLOSE, review, CLOSE_TASK, Map.of());
    assertThat(review)
        .isCompleted()
        .hasCompletedElements(PUBLISH_TASK, FOLLOW_UP, CLOSED)
        .hasVariable(VAR_ACTION_ITEM_RESULTS, List.of());
  }

  // --------------------------------------------------------------------------------- action items

  @Test
  void reviewClosesWhenEveryActionItemIsDone() {
    ProcessInstanceEvent review =
        approved(
            List.of(
                item("AI-1", ALICE, "2026-11-20T10:00:00Z", "2026-11-19T10:00:00Z"),
                item("AI-2", BOB, "2026-11-27T10:00:00Z", "2026-11-26T10:00:00Z")));
    assertThat(itemTask(review, ALICE)).isCreated().hasDueDate("2026-11-20T10:00Z");
    assertThat(itemTask(review, BOB)).isCreated().hasDueDate("2026-11-27T10:00Z");

    engine.completeUserTask(itemTask(review, ALICE), Map.of(VAR_ITEM_OUTCOME, OUTCOME_DONE));
    ActivatedJob done = job(JOB_ACTION_ITEM, review, RECORD_DONE_TASK, Map.of());
    Assertions.assertThat(done.getCustomHeaders()).containsEntry(HEADER_STATE, STATE_DONE);
    Assertions.assertThat(done.getVariablesAsMap()).containsEntry(VAR_ITEM_OUTCOME, OUTCOME_DONE);
    Assertions.assertThat((Map<String, Object>) done.getVariablesAsMap().get(VAR_ACTION_ITEM))
        .containsEntry("id", "AI-1");
    assertThat(review).hasActiveElements(FOLLOW_UP, ITEM_TASK).hasNotActivatedElements(CLOSE_TASK);

    engine.completeUserTask(itemTask(review, BOB), Map.of(VAR_ITEM_OUTCOME, OUTCOME_DONE));
    job(JOB_ACTION_ITEM, review, RECORD_DONE_TASK, Map.of());
    job(JOB_CLOSE, review, CLOSE_TASK, Map.of());

    assertThat(review)
        .isCompleted()
        .hasCompletedElement(ITEM_DONE, 2)
        .hasNotActivatedElements(
            REMIND_ITEM_TASK, ESCALATE_ITEM_TASK, ACCEPT_NOT_DONE_TASK, APPROVE_DUE_DATE_TASK);
    assertThat(review)
        .hasVariable(
            VAR_ACTION_ITEM_RESULTS,
            List.of(
                result("AI-1", OUTCOME_DONE, null, "2026-11-20T10:00:00Z"),
                result("AI-2", OUTCOME_DONE, null, "2026-11-27T10:00:00Z")));
  }

  @Test
  void overdueItemIsRemindedBeforeAndEscalatedAfterItsDueDate() {
    ProcessInstanceEvent review =
        approved(List.of(item("AI-1", ALICE, "2026-11-09T02:00:00Z", "2026-11-06T02:00:00Z")));
    Instant now = engine.currentTime();

    engine.increaseTime(Duration.between(now, Instant.parse("2026-11-06T02:00:00Z")));
    ActivatedJob remind = job(JOB_REMIND_ITEM, review, REMIND_ITEM_TASK, Map.of());
    Assertions.assertThat((Map<String, Object>) remind.getVariablesAsMap().get(VAR_ACTION_ITEM))
        .containsEntry("owner", ALICE);
    assertThat(review)
        .hasCompletedElements(ITEM_REMINDER_DUE, OWNER_REMINDED)
        .hasNotActivatedElements(ESCALATE_ITEM_TASK);

    engine.increaseTime(Duration.ofDays(3));
    job(JOB_ESCALATE_ITEM, review, ESCALATE_ITEM_TASK, Map.of());
    assertThat(review)
        .hasCompletedElements(ITEM_OVERDUE, ITEM_ESCALATED)
        .hasActiveElements(ITEM_TASK);
    assertThat(itemTask(review, ALICE)).isCreated();

    engine.increaseTime(Duration.ofDays(10));
    assertThat(review)
        .hasCompletedElement(REMIND_ITEM_TASK, 1)
        .hasCompletedElement(ESCALATE_ITEM_TASK, 1);
    engine.completeUserTask(itemTask(review, ALICE), Map.of(VAR_ITEM_OUTCOME, OUTCOME_DONE));
    job(JOB_ACTION_ITEM, review, RECORD_DONE_TASK, Map.of());
    job(JOB_CLOSE, review, CLOSE_TASK, Map.of());
    assertThat(review).isCompleted();
  }

  @Test
  void newDueDateApprovedByTheReviewOwnerMovesTheItemsTimers() {
    ProcessInstanceEvent review =
        approved(List.of(item("AI-1", ALICE, "2026-11-09T02:00:00Z", "2026-11-06T02:00:00Z")));
    engine.completeUserTask(
        itemTask(review, ALICE),
        Map.of(
            VAR_ITEM_OUTCOME,
            OUTCOME_REDATE,
            VAR_NEW_DUE_DATE,
            "2026-11-30",
            VAR_ITEM_REASON,
            "Waits for the database upgrade"));
    assertThat(byElementId(APPROVE_DUE_DATE_TASK, review)).isCreated().hasAssignee(OWNER);

    // refused: the item goes back to its owner with the old due date
    engine.completeUserTask(
        byElementId(APPROVE_DUE_DATE_TASK, review), Map.of(VAR_DUE_DATE_APPROVED, false));
    assertThat(itemTask(review, ALICE)).isCreated().hasDueDate("2026-11-09T02:00Z");
    assertThat(review).hasNotActivatedElements(RECORD_DUE_DATE_TASK);

    engine.completeUserTask(
        itemTask(review, ALICE),
        Map.of(
            VAR_ITEM_OUTCOME,
            OUTCOME_REDATE,
            VAR_NEW_DUE_DATE,
            "2026-11-30",
            VAR_ITEM_REASON,
            "Waits for the database upgrade"));
    engine.completeUserTask(
        byElementId(APPROVE_DUE_DATE_TASK, review), Map.of(VAR_DUE_DATE_APPROVED, true));
    ActivatedJob redate =
        job(
            JOB_ACTION_ITEM,
            review,
            RECORD_DUE_DATE_TASK,
            Map.of(
                VAR_ITEM_DUE, "2026-11-30T10:00:00Z", VAR_ITEM_REMIND_AT, "2026-11-27T10:00:00Z"));
    Assertions.assertThat(redate.getCustomHeaders()).containsEntry(HEADER_STATE, STATE_REDATED);
    Assertions.assertThat(redate.getVariablesAsMap()).containsEntry(VAR_NEW_DUE_DATE, "2026-11-30");
    assertThat(itemTask(review, ALICE)).isCreated().hasDueDate("2026-11-30T10:00Z");

    // the old reminder and due date pass without effect
    engine.increaseTime(Duration.ofDays(8));
    assertThat(review).hasNotActivatedElements(REMIND_ITEM_TASK, ESCALATE_ITEM_TASK);
    engine.increaseTime(
        Duration.between(engine.currentTime(), Instant.parse("2026-11-27T10:00:00Z")));
    job(JOB_REMIND_ITEM, review, REMIND_ITEM_TASK, Map.of());
    engine.increaseTime(Duration.ofDays(3));
    job(JOB_ESCALATE_ITEM, review, ESCALATE_ITEM_TASK, Map.of());

    engine.completeUserTask(itemTask(review, ALICE), Map.of(VAR_ITEM_OUTCOME, OUTCOME_DONE));
    job(JOB_ACTION_ITEM, review, RECORD_DONE_TASK, Map.of());
    job(JOB_CLOSE, review, CLOSE_TASK, Map.of());
    assertThat(review)
        .isCompleted()
        .hasVariable(
            VAR_ACTION_ITEM_RESULTS,
            List.of(
                result(
                    "AI-1",
                    OUTCOME_DONE,
                    "Waits for the database upgrade",
                    "2026-11-30T10:00:00Z")));
  }

  @Test
  void itemAcceptedAsNotDoneWithAReasonEndsItsFollowUp() {
    ProcessInstanceEvent review =
        approved(
            List.of(
                item("AI-1", ALICE, "2026-11-20T10:00:00Z", "2026-11-19T10:00:00Z"),
                item("AI-2", BOB, "2026-11-20T10:00:00Z", "2026-11-19T10:00:00Z")));
    engine.completeUserTask(
        itemTask(review, ALICE),
        Map.of(VAR_ITEM_OUTCOME, OUTCOME_NOT_DONE, VAR_ITEM_REASON, "Not worth it"));
    assertThat(byElementId(ACCEPT_NOT_DONE_TASK, review)).isCreated().hasAssignee(OWNER);
    engine.completeUserTask(
        byElementId(ACCEPT_NOT_DONE_TASK, review),
        Map.of(VAR_ACCEPTED, false, VAR_DECISION_COMMENT, "It prevents the next outage"));
    assertThat(itemTask(review, ALICE)).isCreated();
    assertThat(review).hasNotActivatedElements(RECORD_NOT_DONE_TASK);

    engine.completeUserTask(
        itemTask(review, ALICE),
        Map.of(
            VAR_ITEM_OUTCOME,
            OUTCOME_NOT_DONE,
            VAR_ITEM_REASON,
            "The service is retired next month"));
    engine.completeUserTask(byElementId(ACCEPT_NOT_DONE_TASK, review), Map.of(VAR_ACCEPTED, true));
    ActivatedJob notDone = job(JOB_ACTION_ITEM, review, RECORD_NOT_DONE_TASK, Map.of());
    Assertions.assertThat(notDone.getCustomHeaders()).containsEntry(HEADER_STATE, STATE_NOT_DONE);
    Assertions.assertThat(notDone.getVariablesAsMap())
        .containsEntry(VAR_ITEM_REASON, "The service is retired next month");
    assertThat(review)
        .hasCompletedElements(ITEM_NOT_DONE)
        .hasActiveElements(FOLLOW_UP)
        .hasNotActivatedElements(CLOSE_TASK);

    engine.completeUserTask(itemTask(review, BOB), Map.of(VAR_ITEM_OUTCOME, OUTCOME_DONE));
    job(JOB_ACTION_ITEM, review, RECORD_DONE_TASK, Map.of());
    job(JOB_CLOSE, review, CLOSE_TASK, Map.of());
    assertThat(review)
        .isCompleted()
        .hasVariable(
            VAR_ACTION_ITEM_RESULTS,
            List.of(
                result(
                    "AI-1",
                    OUTCOME_NOT_DONE,
                    "The service is retired next month",
                    "2026-11-20T10:00:00Z"),
                result("AI-2", OUTCOME_DONE, null, "2026-11-20T10:00:00Z")));
  }

  // -------------------------------------------------------------------------------------- helpers

  ProcessInstanceEvent start() {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(
                    VAR_INCIDENT_NUMBER,
                    "INC-2026-00042",
                    "businessKey",
                    "INC-2026-00042",
                    VAR_SERVICE,
                    "checkout",
                    VAR_PRIORITY,
                    "P1"))
            .send()
            .join();
    started.add(instance.getProcessInstanceKey());
    return instance;
  }

  void prepare(ProcessInstanceEvent review, String startDue) {
    job(
        JOB_PREPARE,
        review,
        PREPARE_TASK,
        Map.of(VAR_REVIEW_OWNER, OWNER, VAR_OWNER_GROUP, OWNER_GROUP, VAR_START_DUE, startDue));
  }

  /** Started, the timeline assembled, the analysis completed with the sections. */
  ProcessInstanceEvent analysed(Map<String, Object> sections) {
    ProcessInstanceEvent review = start();
    prepare(review, "2026-11-09T02:00:00Z");
    engine.completeUserTask(byElementId(START_TASK, review));
    job(JOB_ASSEMBLE_TIMELINE, review, ASSEMBLE_TIMELINE_TASK, Map.of());
    engine.completeUserTask(byElementId(ANALYSIS_TASK, review), sections);
    return review;
  }

  void plan(ProcessInstanceEvent review, List<Map<String, Object>> items) {
    engine.completeUserTask(byElementId(ACTIONS_TASK, review), Map.of(VAR_ACTION_ITEMS, items));
  }

  ProcessInstanceEvent readyForApproval(List<Map<String, Object>> items) {
    ProcessInstanceEvent review = analysed(sectionsWithout(null));
    plan(review, items);
    job(
        JOB_CHECK_SECTIONS,
        review,
        CHECK_SECTIONS_TASK,
        Map.of(VAR_MISSING_SECTIONS, List.of(), VAR_ACTION_ITEMS, items));
    return review;
  }

  /** Approved and published: the follow-up of the items runs. */
  ProcessInstanceEvent approved(List<Map<String, Object>> items) {
    ProcessInstanceEvent review = readyForApproval(items);
    engine.completeUserTask(byElementId(APPROVE_TASK, review), Map.of(VAR_APPROVED, true));
    job(JOB_PUBLISH, review, PUBLISH_TASK, Map.of());
    return review;
  }

  static Map<String, Object> sectionsWithout(String missing) {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put(VAR_ROOT_CAUSE, "Connection pool exhausted");
    sections.put(VAR_CONTRIBUTING_FACTORS, "No alert on pool saturation");
    sections.put(VAR_IMPACT_USERS, 1200);
    sections.put(VAR_IMPACT_DURATION_MINUTES, 35);
    sections.put(VAR_IMPACT_DATA, "none");
    sections.put(VAR_WENT_WELL, "Failover worked");
    sections.remove(missing);
    return sections;
  }

  static Map<String, Object> item(String id, String owner, String dueDate, String remindAt) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id);
    item.put("title", "Alert on pool saturation");
    item.put("owner", owner);
    item.put("dueDate", dueDate.substring(0, 10));
    item.put("dueAt", dueDate);
    item.put("remindAt", remindAt);
    item.put("priority", "high");
    item.put("type", "detect");
    return item;
  }

  static Map<String, Object> result(String id, String outcome, String reason, String dueDate) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", id);
    result.put("outcome", outcome);
    result.put("reason", reason);
    result.put("dueDate", dueDate);
    return result;
  }

  /** The open action item task of the owner. */
  static UserTaskSelector itemTask(ProcessInstanceEvent review, String owner) {
    return new UserTaskSelector() {
      @Override
      public boolean test(UserTaskSnapshot task) {
        return task.processInstanceKey() == review.getProcessInstanceKey()
            && ITEM_TASK.equals(task.elementId())
            && owner.equals(task.assignee());
      }

      @Override
      public String describe() {
        return "elementId: " + ITEM_TASK + ", assignee: " + owner;
      }
    };
  }

  /** Completes the next job of the type, which must be this review's at the element. */
  ActivatedJob job(
      String type, ProcessInstanceEvent review, String elementId, Map<String, Object> variables) {
    ActivatedJob job = engine.activateJob(type);
    Assertions.assertThat(job.getProcessInstanceKey())
        .as("instance of the %s job", type)
        .isEqualTo(review.getProcessInstanceKey());
    Assertions.assertThat(job.getElementId())
        .as("element of the %s job", type)
        .isEqualTo(elementId);
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    return job;
  }
}
