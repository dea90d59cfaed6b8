package life.suoke.ops.backend.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.workers.notification.Notifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The incident process's job workers against the embedded engine: each job type in a process of its
 * own, completed (or failed) by the real {@code @JobWorker}s of module {@code workers}, which
 * delegate to the backend's records.
 */
class IncidentWorkersTest extends IncidentTestSupport {

  @Autowired SlaClocks clocks;
  @Autowired IncidentTimeline timeline;

  // ---- deadlines

  @Test
  void deadlinesAreTheSlaClocksBreachTimesAndTheCycleOfThePriority() {
    String number = recordOnly("deadline-svc", "P1", null);

    Map<String, Object> result =
        runJob(
            JOB_COMPUTE_DEADLINES, Map.of(), vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P1"));

    Instant created = incident(number).createdAt();
    assertThat(Instant.parse((String) result.get(VAR_RESPONSE_DUE)))
        .isEqualTo(created.plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS));
    assertThat(Instant.parse((String) result.get(VAR_HANDLING_DUE)))
        .isEqualTo(created.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS));
    assertThat(result).containsEntry(VAR_STATUS_UPDATE_CYCLE, "R/PT2H");
  }

  @Test
  void theTriageRecordsItsStatusAndComputesTheDeadlinesInOneJob() {
    String number = recordOnly("deadline-svc", "P2", null);
    jdbc.update("DELETE FROM incident_sla WHERE incident_number = ?", number);
    jdbc.update("UPDATE incident SET priority = NULL, status = 'open' WHERE number = ?", number);

    Map<String, Object> result =
        runJob(
            JOB_COMPUTE_DEADLINES,
            Map.of(HEADER_STATUS, STATUS_TRIAGED),
            vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P0"));

    assertThat(incident(number).status()).isEqualTo(IncidentStatus.TRIAGED);
    assertThat(incident(number).priority()).isEqualTo("P0");
    Instant created = incident(number).createdAt();
    assertThat(Instant.parse((String) result.get(VAR_RESPONSE_DUE)))
        .isEqualTo(created.plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS));
    assertThat(result).containsEntry(VAR_STATUS_UPDATE_CYCLE, "R/PT30M");
  }

  @Test
  void aPausedClockIsDueFarInTheFuture() {
    String number = recordOnly("deadline-svc", "P0", "someone");
    lifecycle.change(number, i -> clocks.pause(number, Instant.now(), "waiting-for-reporter"));

    Map<String, Object> result =
        runJob(
            JOB_COMPUTE_DEADLINES, Map.of(), vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P0"));

    assertThat(result)
        .containsEntry(VAR_RESPONSE_DUE, "9999-12-31T00:00:00Z")
        .containsEntry(VAR_HANDLING_DUE, "9999-12-31T00:00:00Z")
        .containsEntry(VAR_STATUS_UPDATE_CYCLE, "R/PT30M");
  }

  @Test
  void anIncidentWithoutPriorityTakesTheProcesssAndStartsItsClocks() {
    String number = recordOnly("deadline-svc", "P3", null);
    jdbc.update("DELETE FROM incident_sla WHERE incident_number = ?", number);
    jdbc.update("UPDATE incident SET priority = NULL WHERE number = ?", number);

    Map<String, Object> result =
        runJob(
            JOB_COMPUTE_DEADLINES, Map.of(), vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P0"));

    assertThat(incident(number).priority()).isEqualTo("P0");
    assertThat(Instant.parse((String) result.get(VAR_RESPONSE_DUE)))
        .isEqualTo(
            incident(number)
                .createdAt()
                .plus(Duration.ofMinutes(5))
                .truncatedTo(ChronoUnit.MILLIS));
    assertThat(result).containsEntry(VAR_STATUS_UPDATE_CYCLE, "R/PT30M");
  }

  @Test
  void jobsThatCannotSucceedFailAtOnceWithAClearMessage() {
    String number = recordOnly("deadline-svc", "P3", null);
    jdbc.update("DELETE FROM incident_sla WHERE incident_number = ?", number);
    jdbc.update("UPDATE incident SET priority = NULL WHERE number = ?", number);

    long badPriority =
        startJob(
            JOB_COMPUTE_DEADLINES,
            Map.of(),
            vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "urgent"));
    long unknown =
        startJob(
            JOB_COMPUTE_DEADLINES,
            Map.of(),
            vars(VAR_INCIDENT_NUMBER, "INC-19990101-0001", VAR_PRIORITY, "P1"));
    long badHeader =
        startJob(JOB_STATUS, Map.of(HEADER_STATUS, "exploded"), vars(VAR_INCIDENT_NUMBER, number));
    long noNumber =
        startJob(JOB_PAGE, Map.of(), vars(VAR_TIER, 1, VAR_TIER1_GROUP, "tier1-oncall"));

    assertThat(engineIncident(badPriority))
        .contains("variable priority must be P0, P1, P2 or P3, not urgent");
    assertThat(engineIncident(unknown)).contains("there is no incident INC-19990101-0001");
    assertThat(engineIncident(badHeader)).contains("task header status 'exploded' is not one of");
    assertThat(engineIncident(noNumber)).contains("variable incidentNumber is missing");
  }

  // ---- paging

  @Test
  void pagingReachesEveryOnCallMemberOfTheTierOnceWithTheAttemptInTheKey() {
    String tier2 = group("t2");
    String alice = user("alice", tier2);
    String bob = user("bob", tier2);
    String number = recordOnly("paging-svc", "P1", null);
    Map<String, Object> variables =
        vars(
            VAR_INCIDENT_NUMBER,
            number,
            VAR_TIER,
            2,
            VAR_TIER1_GROUP,
            "tier1-oncall",
            VAR_TIER2_GROUP,
            tier2,
            VAR_TIER3_GROUP,
            "tier3");

    runJob(JOB_PAGE, Map.of(), variables);
    runJob(JOB_PAGE, Map.of(), variables);

    assertThat(sentFor(number))
        .extracting(Sent::idempotencyKey)
        .containsExactlyInAnyOrder(
            number + ":page:2:" + alice + ":1", number + ":page:2:" + bob + ":1",
            number + ":page:2:" + alice + ":2", number + ":page:2:" + bob + ":2");
    assertThat(sentFor(number)).extracting(Sent::urgency).containsOnly(Notifier.Urgency.PAGE);
    // what reached alice's phone: the number, the priority and the link to acknowledge, never the
    // title
    assertThat(gateway().to(mobile(alice)))
        .isNotEmpty()
        .allSatisfy(
            page ->
                assertThat(page.text())
                    .contains(number)
                    .contains("P1")
                    .contains("/incidents/" + number + "?task=acknowledge")
                    .doesNotContain("Record only"));
    assertThat(incident(number).tier()).isEqualTo(2);
    assertThat(incident(number).pagedGroups()).contains(tier2);
    assertThat(auditOf(number))
        .filteredOn(r -> IncidentAuditActions.PAGE.equals(r.get("action")))
        .hasSize(2)
        .allSatisfy(r -> assertThat((String) r.get("details")).contains(alice).contains(bob));
  }

  @Test
  void aPageThatReachedNobodyIsRetriedWithBackOffAndSendsNothingTwice() {
    String tier1 = group("t1");
    String alice = user("alice", tier1);
    String bob = user("bob", tier1);
    String number = recordOnly("paging-svc", "P2", null);
    gateway().unreachable(mobile(alice));
    gateway().unreachable(mobile(bob));

    long instance =
        startJob(
            JOB_PAGE,
            Map.of(),
            vars(
                VAR_INCIDENT_NUMBER,
                number,
                VAR_TIER,
                1,
                VAR_TIER1_GROUP,
                tier1,
                VAR_TIER2_GROUP,
                "tier2",
                VAR_TIER3_GROUP,
                "tier3"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                auditOf(number).stream()
                    .anyMatch(r -> IncidentAuditActions.PAGE.equals(r.get("action"))));
    gateway().reachable(mobile(alice));
    gateway().reachable(mobile(bob));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client.newProcessInstanceGetRequest(instance).send().join().getState()
                    == ProcessInstanceState.COMPLETED);
    // the retry kept the job's attempt: one page per person, attempt 1
    assertThat(sentFor(number))
        .extracting(Sent::idempotencyKey)
        .containsExactlyInAnyOrder(
            number + ":page:1:" + alice + ":1", number + ":page:1:" + bob + ":1");
    List<Map<String, Object>> pages =
        auditOf(number).stream()
            .filter(r -> IncidentAuditActions.PAGE.equals(r.get("action")))
            .toList();
    assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
    assertThat((String) pages.get(0).get("details")).contains("\"reached\":[]");
  }

  @Test
  void aTierWithNobodyOnCallIsNotedAndTheProcessGoesOn() {
    String empty = group("empty");
    String number = recordOnly("paging-svc", "P3", null);

    runJob(
        JOB_PAGE,
        Map.of(),
        vars(
            VAR_INCIDENT_NUMBER,
            number,
            VAR_TIER,
            1,
            VAR_TIER1_GROUP,
            empty,
            VAR_TIER2_GROUP,
            "tier2",
            VAR_TIER3_GROUP,
            "tier3"));

    assertThat(sentFor(number)).isEmpty();
    assertThat(timeline.of(incident(number)))
        .extracting(TimelineEntry::summary)
        .contains("Paged tier 1 (" + empty + "): nobody is on call");
  }

  @Test
  void escalationPagesTheNextTierTellsTheManagersAndAnswersTheNewState() {
    String tier2 = group("t2");
    String tier3 = group("t3");
    String managers = group("mgrs");
    String carol = user("carol", tier2);
    String dave = user("dave", tier3);
    String boss = user("boss", Set.of(managers), Set.of(managers));
    String member = user("member", managers);
    String number = recordOnly("escalation-svc", "P1", null);
    Map<String, Object> variables =
        vars(
            VAR_INCIDENT_NUMBER,
            number,
            VAR_TIER,
            1,
            VAR_PAGED_GROUPS,
            List.of("tier1-oncall"),
            VAR_TIER1_GROUP,
            "tier1-oncall",
            VAR_TIER2_GROUP,
            tier2,
            VAR_TIER3_GROUP,
            tier3,
            VAR_MANAGER_GROUP,
            managers,
            VAR_PRIORITY,
            "P1");
    Instant before = Instant.now();

    Map<String, Object> result = runJob(JOB_ESCALATE, Map.of(), variables);

    assertThat(result)
        .containsEntry(VAR_TIER, 2)
        .containsEntry(VAR_PAGED_GROUPS, List.of("tier1-oncall", tier2));
    Instant next = Instant.parse((String) result.get(VAR_NEXT_ESCALATION_AT));
    assertThat(next)
        .isBetween(before.plus(Duration.ofMinutes(30)), Instant.now().plus(Duration.ofMinutes(30)));
    assertThat(sentFor(number))
        .extracting(Sent::idempotencyKey, Sent::urgency)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                number + ":page:2:" + carol + ":1", Notifier.Urgency.PAGE),
            org.assertj.core.groups.Tuple.tuple(
                number + ":escalation:2:" + boss + ":1", Notifier.Urgency.INFO));
    assertThat(member).isNotNull();
    assertThat(incident(number).tier()).isEqualTo(2);
    assertThat(incident(number).pagedGroups()).containsExactly("tier1-oncall", tier2);

    // from tier 3 there is no higher tier: tier 3 is paged again, and there is still a next time
    variables.put(VAR_TIER, 3);
    Map<String, Object> atTop = runJob(JOB_ESCALATE, Map.of(), variables);
    assertThat(atTop).containsEntry(VAR_TIER, 3);
    assertThat(atTop.get(VAR_NEXT_ESCALATION_AT)).isNotNull();
    assertThat(sentFor(number))
        .extracting(Sent::idempotencyKey)
        .contains(number + ":page:3:" + dave + ":1");
  }

  @Test
  void theStatusReminderGoesToTheCommanderElseTheHandler() {
    String commander = user("commander");
    String handler = user("handler");
    String number = recordOnly("reminder-svc", "P0", null);
    jdbc.update(
        "UPDATE incident SET commander = ?, handler = ? WHERE number = ?",
        commander,
        handler,
        number);

    runJob(JOB_REMIND_STATUS_UPDATE, Map.of(), vars(VAR_INCIDENT_NUMBER, number));
    jdbc.update("UPDATE incident SET commander = NULL WHERE number = ?", number);
    runJob(JOB_REMIND_STATUS_UPDATE, Map.of(), vars(VAR_INCIDENT_NUMBER, number));
    jdbc.update("UPDATE incident SET handler = NULL WHERE number = ?", number);
    runJob(JOB_REMIND_STATUS_UPDATE, Map.of(), vars(VAR_INCIDENT_NUMBER, number));

    assertThat(sentFor(number))
        .extracting(Sent::recipient, Sent::urgency)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(commander, Notifier.Urgency.INFO),
            org.assertj.core.groups.Tuple.tuple(handler, Notifier.Urgency.INFO));
    assertThat(auditOf(number))
        .filteredOn(r -> IncidentAuditActions.STATUS_REMINDER.equals(r.get("action")))
        .extracting(r -> (String) r.get("details"))
        .satisfiesExactly(
            d -> assertThat(d).contains("\"recipient\":\"" + commander + "\""),
            d -> assertThat(d).contains("\"recipient\":\"" + handler + "\""),
            d -> assertThat(d).contains("\"recipient\":null").contains("\"delivered\":false"));
  }

  // ---- status

  @Test
  void statusJobsMoveTheRecordAndItsClocksOnceEach() {
    String reporter = user("reporter");
    String handler = user("handler");
    String number = recordOnly("status-svc", "P1", reporter);

    runJob(
        JOB_STATUS,
        Map.of(HEADER_STATUS, STATUS_ACKNOWLEDGED),
        vars(VAR_INCIDENT_NUMBER, number, VAR_HANDLER, handler));
    runJob(
        JOB_STATUS,
        Map.of(HEADER_STATUS, STATUS_ACKNOWLEDGED),
        vars(VAR_INCIDENT_NUMBER, number, VAR_HANDLER, handler));
    assertThat(incident(number))
        .satisfies(
            i -> {
              assertThat(i.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
              assertThat(i.handler()).isEqualTo(handler);
              assertThat(i.acknowledgedAt()).isNotNull();
            });
    assertThat(outcome(number, SlaPolicy.RESPONSE)).isEqualTo("met");
    assertThat(outcome(number, SlaPolicy.HANDLING)).isNull();

    runJob(
        JOB_STATUS,
        Map.of(HEADER_STATUS, STATUS_RESOLVED),
        vars(
            VAR_INCIDENT_NUMBER,
            number,
            VAR_RESOLUTION_TYPE,
            "workaround",
            VAR_RESOLUTION_SUMMARY,
            "Restarted the pod",
            VAR_REVIEW_REQUESTED,
            true));
    assertThat(incident(number))
        .satisfies(
            i -> {
              assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
              assertThat(i.resolutionType()).isEqualTo("workaround");
              assertThat(i.resolutionSummary()).isEqualTo("Restarted the pod");
              assertThat(i.reviewRequested()).isTrue();
            });
    assertThat(outcome(number, SlaPolicy.HANDLING)).isEqualTo("met");

    runJob(JOB_STATUS, Map.of(HEADER_STATUS, STATUS_REOPENED), vars(VAR_INCIDENT_NUMBER, number));
    assertThat(incident(number).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(outcome(number, SlaPolicy.HANDLING)).isNull();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM incident_sla_pause WHERE incident_number = ? AND reason = 'resolved'",
                Integer.class,
                number))
        .isEqualTo(1);

    runJob(JOB_STATUS, Map.of(HEADER_STATUS, STATUS_RESOLVED), vars(VAR_INCIDENT_NUMBER, number));
    runJob(JOB_STATUS, Map.of(HEADER_STATUS, STATUS_CLOSED), vars(VAR_INCIDENT_NUMBER, number));
    assertThat(incident(number).status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(incident(number).closedAt()).isNotNull();

    assertThat(auditOf(number))
        .filteredOn(r -> IncidentAuditActions.STATUS.equals(r.get("action")))
        .allSatisfy(r -> assertThat(r.get("actor")).isEqualTo("system"))
        .extracting(r -> (String) r.get("details"))
        .hasSize(5) // acknowledged (once), resolved, reopened, resolved, closed
        .anySatisfy(d -> assertThat(d).contains("\"to\":\"closed\""));
  }

  @Test
  void triageTakesTheDecidedPriorityAndCancellationStopsTheClocks() {
    String original = recordOnly("status-svc", "P2", null);
    String number = recordOnly("status-svc", "P3", null);
    jdbc.update("DELETE FROM incident_sla WHERE incident_number = ?", number);
    jdbc.update("UPDATE incident SET priority = NULL, status = 'open' WHERE number = ?", number);

    runJob(
        JOB_STATUS,
        Map.of(HEADER_STATUS, STATUS_TRIAGED),
        vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P0"));
    assertThat(incident(number).status()).isEqualTo(IncidentStatus.TRIAGED);
    assertThat(incident(number).priority()).isEqualTo("P0");
    assertThat(
            jdbc.queryForList(
                "SELECT goal FROM incident_sla WHERE incident_number = ? ORDER BY target DESC",
                String.class,
                number))
        .containsExactly("PT5M", "PT15M");

    runJob(
        JOB_STATUS,
        Map.of(HEADER_STATUS, STATUS_CANCELLED),
        vars(VAR_INCIDENT_NUMBER, number, VAR_DUPLICATE_OF, original));
    assertThat(incident(number).status()).isEqualTo(IncidentStatus.CANCELLED);
    assertThat(incident(number).duplicateOf()).isEqualTo(original);
    assertThat(outcome(number, SlaPolicy.RESPONSE)).isEqualTo("cancelled");
    assertThat(outcome(number, SlaPolicy.HANDLING)).isEqualTo("cancelled");
  }

  // ---- review

  @Test
  void aReviewIsRecordedAndStartsOnceTheReviewProcessIsDeployed() {
    boolean reviewDeployed =
        !client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(IncidentJobService.EVENT_REVIEW_PROCESS_ID))
            .send()
            .join()
            .items()
            .isEmpty();
    if (!reviewDeployed) {
      String waiting = recordOnly("review-svc", "P1", null);
      runJob(JOB_START_REVIEW, Map.of(), vars(VAR_INCIDENT_NUMBER, waiting, VAR_PRIORITY, "P1"));
      assertThat(
              jdbc.queryForMap(
                  "SELECT status, process_instance_key FROM incident_review_request WHERE incident_number = ?",
                  waiting))
          .containsEntry("status", "requested")
          .containsEntry("process_instance_key", null);
      assertThat(incident(waiting).reviewRequested()).isTrue();
      assertThat(auditOf(waiting))
          .filteredOn(r -> IncidentAuditActions.REVIEW.equals(r.get("action")))
          .singleElement()
          .satisfies(r -> assertThat((String) r.get("details")).contains("not deployed"));
      // the review area's process arrives later; a stand-in with its id
      client
          .newDeployResourceCommand()
          .addProcessModel(
              io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess(
                      IncidentJobService.EVENT_REVIEW_PROCESS_ID)
                  .startEvent()
                  .endEvent()
                  .done(),
              "event-review-stand-in.bpmn")
          .send()
          .join();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !client
                      .newProcessDefinitionSearchRequest()
                      .filter(
                          f -> f.processDefinitionId(IncidentJobService.EVENT_REVIEW_PROCESS_ID))
                      .send()
                      .join()
                      .items()
                      .isEmpty());
    }
    String number = recordOnly("review-svc", "P2", null);

    runJob(
        JOB_START_REVIEW,
        Map.of(),
        vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P2", VAR_REVIEW_REQUESTED, true));
    runJob(
        JOB_START_REVIEW,
        Map.of(),
        vars(VAR_INCIDENT_NUMBER, number, VAR_PRIORITY, "P2", VAR_REVIEW_REQUESTED, true));

    Map<String, Object> request =
        jdbc.queryForMap("SELECT * FROM incident_review_request WHERE incident_number = ?", number);
    assertThat(request).containsEntry("status", "started").containsEntry("requested", true);
    assertThat(request.get("process_instance_key")).isNotNull();
    assertThat(auditOf(number))
        .filteredOn(r -> IncidentAuditActions.REVIEW.equals(r.get("action")))
        .hasSize(1);
  }

  // ---- helpers

  private String outcome(String number, String target) {
    return jdbc.queryForObject(
        "SELECT outcome FROM incident_sla WHERE incident_number = ? AND target = ?",
        String.class,
        number,
        target);
  }

  /** The error message of the engine incident the instance's job raised. */
  private String engineIncident(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<Incident> found =
                  client
                      .newIncidentSearchRequest()
                      .filter(f -> f.processInstanceKey(processInstanceKey))
                      .send()
                      .join()
                      .items();
              return found.isEmpty() ? null : found.get(0).getErrorMessage();
            },
            m -> m != null);
  }
}
