package life.suoke.ops.backend.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The incident API over HTTP against the whole application and its process: a report through to its
 * closing, and every action's happy path and refusals. Responders are members of {@code
 * tier1-oncall} (the first tier of services the catalog does not know).
 */
class IncidentApiTest extends IncidentTestSupport {

  private String report(String reporter, String severity) {
    deployProcess();
    ResponseEntity<JsonNode> created =
        post(
            reporter,
            "/api/incidents",
            Map.of(
                "title",
                "Payments page is blank for a patient",
                "description",
                "Since 10:02 the page shows nothing",
                "service",
                "web-api",
                "severity",
                severity,
                "affectedUsers",
                120,
                "dataOrSafetyImpact",
                false));
    assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
    String number = created.getBody().path("number").asText();
    assertThat(created.getHeaders().getLocation()).hasToString("/api/incidents/" + number);
    assertThat(created.getBody().path("reporter").asText()).isEqualTo(reporter);
    assertThat(created.getBody().path("source").asText()).isEqualTo("report");
    return number;
  }

  private JsonNode detail(String user, String number) {
    return getOk(user, "/api/incidents/" + number);
  }

  private JsonNode awaitAction(String user, String number, String action) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(150))
        .until(() -> detail(user, number), d -> actions(d).contains(action));
  }

  private static List<String> actions(JsonNode detail) {
    List<String> actions = new ArrayList<>();
    detail.path("actions").forEach(a -> actions.add(a.asText()));
    return actions;
  }

  private static JsonNode sla(JsonNode detail, String target) {
    for (JsonNode clock : detail.path("sla")) {
      if (target.equals(clock.path("target").asText())) {
        return clock;
      }
    }
    throw new AssertionError("no " + target + " clock in " + detail);
  }

  private static List<String> timelineActions(JsonNode detail) {
    List<String> actions = new ArrayList<>();
    detail.path("timeline").forEach(e -> actions.add(e.path("action").asText()));
    return actions;
  }

  private String acknowledgeAs(String responder, String number) {
    awaitAction(responder, number, "acknowledge");
    JsonNode acknowledged = postOk(responder, "/api/incidents/" + number + "/acknowledge", null);
    assertThat(acknowledged.path("status").asText()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(acknowledged.path("handler").asText()).isEqualTo(responder);
    return responder;
  }

  private void resolveAs(String handler, String number) {
    awaitAction(handler, number, "resolve");
    JsonNode resolved =
        postOk(
            handler,
            "/api/incidents/" + number + "/resolve",
            Map.of(
                "resolutionType",
                "workaround",
                "resolutionSummary",
                "Rolled back the release",
                "reviewRequested",
                false));
    assertThat(resolved.path("status").asText()).isEqualTo(IncidentStatus.RESOLVED);
  }

  // ---- the whole way

  @Test
  void aReportIsAcknowledgedResolvedAndClosedByItsReporter() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    String number = report(reporter, "critical");
    awaitStatus(number, IncidentStatus.TRIAGED);

    JsonNode triaged = awaitAction(responder, number, "acknowledge");
    assertThat(triaged.path("openTasks"))
        .anySatisfy(
            t -> {
              assertThat(t.path("elementId").asText()).isEqualTo(ACKNOWLEDGE_TASK);
              assertThat(t.path("candidateGroups").toString()).contains("tier1-oncall");
            });
    assertThat(sla(triaged, "response").path("paused").asBoolean()).isFalse();
    assertThat(sla(triaged, "response").path("breachTime").isTextual()).isTrue();
    assertThat(sla(triaged, "response").path("met").isNull()).isTrue();
    // the list carries the clocks too
    assertThat(getOk(responder, "/api/incidents?text=" + number).path("items").get(0).path("sla"))
        .hasSize(2);
    // and the process diagram shows where it stands
    JsonNode diagram = getOk(responder, "/api/incidents/" + number + "/diagram");
    assertThat(diagram.path("bpmnXml").asText()).contains("id=\"" + ACKNOWLEDGE_TASK + "\"");
    assertThat(diagram.path("activeElementIds").toString()).contains(ACKNOWLEDGE_TASK);
    assertThat(diagram.path("completedElementIds"))
        .isNotEmpty()
        .noneSatisfy(id -> assertThat(id.asText()).isEqualTo(ACKNOWLEDGE_TASK));
    assertThat(
            get(user("outsider"), "/api/incidents/" + number + "/diagram").getStatusCode().value())
        .isEqualTo(403);

    acknowledgeAs(responder, number);
    JsonNode acknowledged = detail(responder, number);
    assertThat(sla(acknowledged, "response").path("met").asBoolean()).isTrue();
    assertThat(sla(acknowledged, "response").path("stoppedAt").isTextual()).isTrue();
    assertThat(sla(acknowledged, "handling").path("stoppedAt").isNull()).isTrue();

    resolveAs(responder, number);
    JsonNode resolved = detail(responder, number);
    assertThat(resolved.path("resolutionType").asText()).isEqualTo("workaround");
    assertThat(resolved.path("resolutionSummary").asText()).isEqualTo("Rolled back the release");
    assertThat(sla(resolved, "handling").path("met").asBoolean()).isTrue();

    awaitAction(reporter, number, "close");
    assertThat(
            post(reporter, "/api/incidents/" + number + "/close", Map.of("satisfaction", 6))
                .getStatusCode()
                .value())
        .isEqualTo(400);
    JsonNode closed =
        postOk(
            reporter,
            "/api/incidents/" + number + "/close",
            Map.of(
                "comment",
                "Works again, thanks",
                "satisfaction",
                4,
                "satisfactionComment",
                "Quick and clear"));
    assertThat(closed.path("status").asText()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.path("closedAt").isTextual()).isTrue();
    // the reporter's rating is kept for the KPIs; the handler started handling when acknowledging
    assertThat(closed.path("satisfaction").path("rating").asInt()).isEqualTo(4);
    assertThat(closed.path("satisfaction").path("comment").asText()).isEqualTo("Quick and clear");
    assertThat(
            jdbc.queryForObject(
                "SELECT handling_started_at = acknowledged_at FROM incident WHERE number = ?",
                Boolean.class,
                number))
        .isTrue();
    // the handler records the outage it caused; a bad interval is refused naming the field
    assertThat(closed.path("actions").toString()).doesNotContain("outage");
    assertThat(detail(responder, number).path("actions").toString()).contains("outage");
    assertThat(
            put(
                    responder,
                    "/api/incidents/" + number + "/outage",
                    Map.of(
                        "start",
                        "2026-01-01T10:00:00Z",
                        "end",
                        "2026-01-01T09:00:00Z",
                        "kind",
                        "full"))
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("end");
    assertThat(
            put(
                    responder,
                    "/api/incidents/" + number + "/outage",
                    Map.of("start", "2026-01-01T10:00:00Z"))
                .getBody()
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("kind");
    assertThat(
            put(
                    reporter,
                    "/api/incidents/" + number + "/outage",
                    Map.of("start", "2026-01-01T10:00:00Z", "kind", "full"))
                .getStatusCode()
                .value())
        .isEqualTo(403);
    ResponseEntity<JsonNode> recorded =
        put(
            responder,
            "/api/incidents/" + number + "/outage",
            Map.of(
                "start", "2026-01-01T10:00:00Z", "end", "2026-01-01T10:45:00Z", "kind", "partial"));
    assertThat(recorded.getStatusCode().value()).as("%s", recorded.getBody()).isEqualTo(200);
    JsonNode outage = recorded.getBody().path("outage");
    assertThat(outage.path("start").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(outage.path("end").asText()).isEqualTo("2026-01-01T10:45:00Z");
    assertThat(outage.path("kind").asText()).isEqualTo("partial");

    JsonNode end = detail(reporter, number);
    assertThat(timelineActions(end))
        .containsSubsequence(
            IncidentAuditActions.OPEN,
            IncidentAuditActions.STATUS,
            IncidentAuditActions.ACKNOWLEDGE,
            IncidentAuditActions.RESOLVE,
            IncidentAuditActions.CLOSE);
    assertThat(timelineActions(end)).contains(IncidentAuditActions.PAGE, "task.complete");
    assertThat(end.path("timeline"))
        .anySatisfy(
            e -> {
              assertThat(e.path("action").asText()).isEqualTo(IncidentAuditActions.CLOSE);
              assertThat(e.path("actor").asText()).isEqualTo(reporter);
              assertThat(e.path("summary").asText()).contains("Works again, thanks");
            });
    List<String> times = new ArrayList<>();
    end.path("timeline").forEach(e -> times.add(e.path("at").asText()));
    assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
    // the process ends after it recorded the closing (and, for P0/P1, asked for the review)
    awaitProcessEnd(number);
    // whether the person's action or the process's status task moved the status first, each
    // transition is in the timeline exactly once
    List<String> transitions = new ArrayList<>();
    detail(reporter, number)
        .path("timeline")
        .forEach(
            e -> {
              if (IncidentAuditActions.STATUS.equals(e.path("action").asText())) {
                transitions.add(e.path("summary").asText());
              }
            });
    assertThat(transitions).filteredOn(t -> t.endsWith("-> acknowledged")).hasSize(1);
    assertThat(transitions).filteredOn(t -> t.endsWith("-> resolved")).hasSize(1);
    assertThat(transitions).filteredOn(t -> t.endsWith("-> closed")).hasSize(1);
  }

  @Test
  void theReporterReopensAndTheHandlingClockRunsOn() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    String number = report(reporter, "error");
    acknowledgeAs(responder, number);
    resolveAs(responder, number);

    awaitAction(reporter, number, "reopen");
    assertThat(
            post(reporter, "/api/incidents/" + number + "/reopen", Map.of())
                .getStatusCode()
                .value())
        .isEqualTo(400);
    JsonNode reopened =
        postOk(
            reporter,
            "/api/incidents/" + number + "/reopen",
            Map.of("reason", "Still blank on Android"));

    assertThat(reopened.path("status").asText()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(sla(reopened, "handling").path("stoppedAt").isNull()).isTrue();
    assertThat(sla(reopened, "handling").path("pausedMillis").asLong()).isPositive();
    assertThat(reopened.path("timeline"))
        .anySatisfy(
            e ->
                assertThat(e.path("summary").asText())
                    .isEqualTo("Reopened: Still blank on Android"));
    // back to its handler
    UserTask handle = awaitTask(number, HANDLE_TASK);
    assertThat(handle.getAssignee()).isEqualTo(responder);
    resolveAs(responder, number);
    awaitAction(reporter, number, "close");
    assertThat(
            postOk(reporter, "/api/incidents/" + number + "/close", null).path("status").asText())
        .isEqualTo(IncidentStatus.CLOSED);
  }

  @Test
  void taskActionsAreRefusedToOthersAndWhenNotPossibleNow() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    String auditor = user("auditor", "auditors");
    String number = report(reporter, "error");
    awaitAction(responder, number, "acknowledge");
    String path = "/api/incidents/" + number;

    assertThat(post(reporter, path + "/acknowledge", null).getStatusCode().value()).isEqualTo(403);
    assertThat(post(auditor, path + "/acknowledge", null).getStatusCode().value()).isEqualTo(403);
    assertThat(
            post(
                    responder,
                    path + "/resolve",
                    Map.of("resolutionType", "workaround", "resolutionSummary", "x"))
                .getStatusCode()
                .value())
        .isEqualTo(409);
    assertThat(post(responder, path + "/close", null).getStatusCode().value()).isEqualTo(409);
    assertThat(
            fields(
                post(responder, path + "/acknowledge", Map.of("handler", "someone-else"))
                    .getBody()))
        .containsExactly("handler");

    acknowledgeAs(responder, number);
    assertThat(post(responder, path + "/acknowledge", null).getStatusCode().value()).isEqualTo(409);
    String other = user("other-responder", "tier1-oncall");
    awaitAction(responder, number, "resolve");
    assertThat(
            post(
                    other,
                    path + "/resolve",
                    Map.of("resolutionType", "workaround", "resolutionSummary", "x"))
                .getStatusCode()
                .value())
        .isEqualTo(403);
    ResponseEntity<JsonNode> badResolution =
        post(
            responder,
            path + "/resolve",
            Map.of(
                "resolutionType",
                "magic",
                "resolutionSummary",
                "x".repeat(4001),
                "reviewRequested",
                "yes"));
    assertThat(badResolution.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(badResolution.getBody()))
        .containsExactlyInAnyOrder("resolutionType", "resolutionSummary", "reviewRequested");
    resolveAs(responder, number);
    awaitAction(reporter, number, "close");
    assertThat(post(responder, path + "/close", null).getStatusCode().value()).isEqualTo(403);
    assertThat(
            post(responder, path + "/reopen", Map.of("reason", "not mine to say"))
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(incident(number).status()).isEqualTo(IncidentStatus.RESOLVED);

    assertThat(get(responder, "/api/incidents/INC-19990101-0001").getStatusCode().value())
        .isEqualTo(404);
    assertThat(
            post(responder, "/api/incidents/INC-19990101-0001/acknowledge", null)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void theReporterConfirmsAndRatesInTheInboxForm() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    String number = report(reporter, "error");
    acknowledgeAs(responder, number);
    resolveAs(responder, number);
    UserTask confirm = awaitTask(number, CONFIRM_TASK);

    ResponseEntity<JsonNode> completed =
        post(
            reporter,
            "/api/tasks/" + confirm.getUserTaskKey() + "/complete",
            Map.of(
                "variables",
                Map.of(
                    VAR_CONFIRMED,
                    true,
                    VAR_SATISFACTION,
                    5,
                    VAR_SATISFACTION_COMMENT,
                    "Fixed fast")));

    assertThat(completed.getStatusCode().value()).as("%s", completed.getBody()).isEqualTo(204);
    awaitStatus(number, IncidentStatus.CLOSED);
    JsonNode closed =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(150))
            .until(
                () -> detail(reporter, number),
                d -> d.path("satisfaction").path("rating").asInt() > 0);
    assertThat(closed.path("satisfaction").path("rating").asInt()).isEqualTo(5);
    assertThat(closed.path("satisfaction").path("comment").asText()).isEqualTo("Fixed fast");
  }

  @Test
  void acknowledgingInTheTaskInboxMakesTheAcknowledgingUserTheHandler() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    String number = report(reporter, "error");
    UserTask acknowledge = awaitTask(number, ACKNOWLEDGE_TASK);

    ResponseEntity<JsonNode> completed =
        post(
            responder,
            "/api/tasks/" + acknowledge.getUserTaskKey() + "/complete",
            Map.of("variables", Map.of()));

    assertThat(completed.getStatusCode().value()).isEqualTo(204);
    Incident acknowledged = awaitStatus(number, IncidentStatus.ACKNOWLEDGED);
    assertThat(acknowledged.handler()).isEqualTo(responder);
    assertThat(acknowledged.acknowledgedAt()).isNotNull();
  }

  // ---- escalation, priority, SLA pause

  @Test
  void escalationOnRequestPagesTheNextTierAndOffersTheTaskToIt() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    // someone of tier 2 can be reached (other tests leave members without a phone in the group)
    String second = user("second-line", "tier2");
    String number = report(reporter, "error");
    awaitAction(responder, number, "acknowledge");

    assertThat(
            post(reporter, "/api/incidents/" + number + "/escalate", Map.of())
                .getStatusCode()
                .value())
        .isEqualTo(403);
    JsonNode asked =
        postOk(
            responder,
            "/api/incidents/" + number + "/escalate",
            Map.of("reason", "Database is involved"));
    assertThat(asked.path("timeline"))
        .anySatisfy(
            e ->
                assertThat(e.path("summary").asText())
                    .isEqualTo("Asked for the next tier: Database is involved"));

    await().atMost(Duration.ofSeconds(30)).until(() -> incident(number).tier() == 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(awaitTask(number, ACKNOWLEDGE_TASK).getCandidateGroups())
                    .contains("tier1-oncall", "tier2"));
    assertThat(incident(number).pagedGroups()).containsExactly("tier1-oncall", "tier2");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(timelineActions(detail(responder, number)))
                    .contains(IncidentAuditActions.ESCALATE, IncidentAuditActions.ESCALATED));
    // a tier-2 member may now acknowledge it
    awaitAction(second, number, "acknowledge");

    postOk(responder, "/api/incidents/" + number + "/escalate", null);
    await().atMost(Duration.ofSeconds(30)).until(() -> incident(number).tier() == 3);
    JsonNode atTop = detail(responder, number);
    assertThat(actions(atTop)).doesNotContain("escalate");
    assertThat(
            post(responder, "/api/incidents/" + number + "/escalate", null).getStatusCode().value())
        .isEqualTo(409);
  }

  @Test
  void reclassificationTakesTheNewGoalsKeepsTheTimeSpentAndTellsTheProcess() {
    String reporter = user("reporter");
    String responder = user("responder", "tier1-oncall");
    String manager = user("manager", "incident-managers");
    String number = report(reporter, "warning");
    awaitStatus(number, IncidentStatus.TRIAGED);
    String before = incident(number).priority();
    String target = "P1".equals(before) ? "P0" : "P1";
    String path = "/api/incidents/" + number + "/priority";

    assertThat(post(responder, path, Map.of("priority", target)).getStatusCode().value())
        .isEqualTo(403);
    ResponseEntity<JsonNode> invalid =
        post(manager, path, Map.of("priority", "P5", "urgency", "high"));
    assertThat(invalid.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(invalid.getBody())).containsExactlyInAnyOrder("priority", "urgency");

    JsonNode changed =
        postOk(
            manager, path, Map.of("priority", target, "reason", "Checkout is down for everyone"));

    assertThat(changed.path("priority").asText()).isEqualTo(target);
    JsonNode response = sla(changed, "response");
    Duration goal = SlaPolicy.goal(target, SlaPolicy.RESPONSE).wall();
    assertThat(response.path("goal").asText()).isEqualTo(goal.toString());
    assertThat(response.path("calendarId").isNull()).isTrue();
    Instant created = incident(number).createdAt();
    assertThat(Instant.parse(response.path("startTime").asText())).isEqualTo(created);
    assertThat(Instant.parse(response.path("breachTime").asText())).isEqualTo(created.plus(goal));
    assertThat(response.path("elapsedMillis").asLong() + response.path("remainingMillis").asLong())
        .isEqualTo(goal.toMillis());
    assertThat(changed.path("timeline"))
        .anySatisfy(
            e -> {
              assertThat(e.path("actor").asText()).isEqualTo(manager);
              assertThat(e.path("summary").asText())
                  .isEqualTo(
                      "Priority " + before + " -> " + target + ": Checkout is down for everyone");
            });
    // the process recomputed its deadlines with the new priority
    long instance = incident(number).processInstanceKey();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                variable(instance, VAR_RESPONSE_DUE)
                    .map(
                        v ->
                            Instant.parse(v.toString())
                                .equals(
                                    created
                                        .plus(goal)
                                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)))
                    .orElse(false));
    assertThat(variable(instance, VAR_PRIORITY)).contains(target);
    assertThat(post(manager, path, Map.of("priority", target)).getStatusCode().value())
        .isEqualTo(409);
  }

  @Test
  void pausingForTheReporterStopsTheClocksUntilTheReporterWritesAndMovesTheBreach()
      throws Exception {
    String reporter = user("reporter");
    String manager = user("manager", "incident-managers");
    String number = report(reporter, "error");
    awaitStatus(number, IncidentStatus.TRIAGED);
    String path = "/api/incidents/" + number;
    Instant breachBefore =
        Instant.parse(sla(detail(manager, number), "response").path("breachTime").asText());

    assertThat(post(reporter, path + "/sla/pause", null).getStatusCode().value()).isEqualTo(403);
    assertThat(
            fields(
                post(manager, path + "/sla/pause", Map.of("reason", "x".repeat(1001))).getBody()))
        .containsExactly("reason");
    assertThat(post(manager, path + "/sla/resume", null).getStatusCode().value()).isEqualTo(409);

    JsonNode paused =
        postOk(manager, path + "/sla/pause", Map.of("reason", "Asked for a screenshot"));
    assertThat(sla(paused, "response").path("paused").asBoolean()).isTrue();
    assertThat(sla(paused, "response").path("breachTime").isNull()).isTrue();
    assertThat(sla(paused, "handling").path("paused").asBoolean()).isTrue();
    assertThat(actions(paused)).contains("slaResume").doesNotContain("slaPause");
    assertThat(paused.path("timeline"))
        .anySatisfy(
            e ->
                assertThat(e.path("summary").asText())
                    .isEqualTo(
                        "SLA clocks paused, waiting for the reporter: Asked for a screenshot"));
    assertThat(post(manager, path + "/sla/pause", null).getStatusCode().value()).isEqualTo(409);
    long instance = incident(number).processInstanceKey();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                variable(instance, VAR_RESPONSE_DUE)
                    .map("9999-12-31T00:00:00Z"::equals)
                    .orElse(false));
    Thread.sleep(1200);

    JsonNode noted =
        postOk(reporter, path + "/notes", Map.of("text", "It happens on the second page only"));

    assertThat(sla(noted, "response").path("paused").asBoolean()).isFalse();
    Map<String, Object> pause =
        jdbc.queryForMap(
            "SELECT paused_at, resumed_at FROM incident_sla_pause"
                + " WHERE incident_number = ? AND target = 'response'",
            number);
    Duration stood =
        Duration.between(
            ((java.sql.Timestamp) pause.get("paused_at")).toInstant(),
            ((java.sql.Timestamp) pause.get("resumed_at")).toInstant());
    assertThat(stood).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    assertThat(Instant.parse(sla(noted, "response").path("breachTime").asText()))
        .isEqualTo(breachBefore.plus(stood));
    assertThat(sla(noted, "response").path("pausedMillis").asLong()).isEqualTo(stood.toMillis());
    assertThat(timelineActions(noted))
        .containsSubsequence(
            IncidentAuditActions.SLA_PAUSE,
            IncidentAuditActions.NOTE,
            IncidentAuditActions.SLA_RESUME);
    assertThat(noted.path("timeline"))
        .anySatisfy(
            e ->
                assertThat(e.path("summary").asText())
                    .isEqualTo("SLA clocks resumed (the reporter added a note)"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                variable(instance, VAR_RESPONSE_DUE)
                    .map(v -> !"9999-12-31T00:00:00Z".equals(v))
                    .orElse(false));

    // explicitly too
    postOk(manager, path + "/sla/pause", null);
    JsonNode resumed = postOk(manager, path + "/sla/resume", null);
    assertThat(sla(resumed, "response").path("paused").asBoolean()).isFalse();
  }

  // ---- roles, notes, cancellation

  @Test
  void rolesAreStaffedByLeadsWithKnownUsersAndTheCommanderLeadsThen() {
    String reporter = user("reporter");
    String manager = user("manager", "incident-managers");
    String commander = user("commander");
    String scribe = user("scribe");
    String number = report(reporter, "error");
    awaitStatus(number, IncidentStatus.TRIAGED);
    String path = "/api/incidents/" + number + "/roles";

    assertThat(put(reporter, path, Map.of("commander", commander)).getStatusCode().value())
        .isEqualTo(403);
    ResponseEntity<JsonNode> unknown =
        put(manager, path, Map.of("commander", "nobody-like-this", "scribe", 7));
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(unknown.getBody())).containsExactlyInAnyOrder("scribe");
    assertThat(fields(put(manager, path, Map.of("commander", "nobody-like-this")).getBody()))
        .containsExactly("commander");

    ResponseEntity<JsonNode> staffed =
        put(manager, path, Map.of("commander", commander, "scribe", scribe));
    assertThat(staffed.getStatusCode().value()).isEqualTo(200);
    assertThat(staffed.getBody().path("roles").path("commander").asText()).isEqualTo(commander);
    assertThat(staffed.getBody().path("roles").path("communicationsLead").isNull()).isTrue();
    assertThat(staffed.getBody().path("roles").path("scribe").asText()).isEqualTo(scribe);

    // the commander now sees and leads it, and lists it as theirs
    JsonNode asCommander = detail(commander, number);
    assertThat(actions(asCommander)).contains("priority", "cancel", "roles", "notes");
    assertThat(getOk(commander, "/api/incidents?assignee=" + commander).path("items"))
        .anySatisfy(i -> assertThat(i.path("number").asText()).isEqualTo(number));
  }

  @Test
  void notesNeedTextWithinLimitsAndAuditorsWriteNone() {
    String reporter = user("reporter");
    String auditor = user("auditor", "auditors");
    String number = report(reporter, "info");
    String path = "/api/incidents/" + number + "/notes";

    assertThat(fields(post(reporter, path, Map.of()).getBody())).containsExactly("text");
    assertThat(fields(post(reporter, path, Map.of("text", "x".repeat(5001))).getBody()))
        .containsExactly("text");
    assertThat(post(auditor, path, Map.of("text", "hello")).getStatusCode().value()).isEqualTo(403);
    JsonNode noted = postOk(reporter, path, Map.of("text", "Screenshot attached in the ticket"));
    assertThat(noted.path("timeline"))
        .anySatisfy(
            e -> {
              assertThat(e.path("action").asText()).isEqualTo(IncidentAuditActions.NOTE);
              assertThat(e.path("summary").asText()).isEqualTo("Screenshot attached in the ticket");
            });
    // the text is kept out of the audit trail
    assertThat(auditOf(number))
        .noneSatisfy(r -> assertThat((String) r.get("details")).contains("Screenshot"));
  }

  @Test
  void aDuplicateIsCancelledAndItsProcessEnds() {
    String reporter = user("reporter");
    String manager = user("manager", "incident-managers");
    String responder = user("responder", "tier1-oncall");
    String first = report(reporter, "error");
    String second = report(reporter, "error");
    awaitStatus(second, IncidentStatus.TRIAGED);
    String path = "/api/incidents/" + second + "/cancel";

    assertThat(post(responder, path, Map.of("duplicateOf", first)).getStatusCode().value())
        .isEqualTo(403);
    assertThat(fields(post(manager, path, Map.of()).getBody())).containsExactly("reason");
    assertThat(fields(post(manager, path, Map.of("duplicateOf", "INC-19990101-0001")).getBody()))
        .containsExactly("duplicateOf");
    assertThat(fields(post(manager, path, Map.of("duplicateOf", second)).getBody()))
        .containsExactly("duplicateOf");

    JsonNode cancelled =
        postOk(manager, path, Map.of("duplicateOf", first, "reason", "Same outage"));

    assertThat(cancelled.path("status").asText()).isEqualTo(IncidentStatus.CANCELLED);
    assertThat(cancelled.path("duplicateOf").asText()).isEqualTo(first);
    assertThat(cancelled.path("sla"))
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.path("stoppedAt").isTextual()).isTrue();
              assertThat(c.path("outcome").asText()).isEqualTo("cancelled");
              assertThat(c.path("met").isNull()).isTrue();
              assertThat(c.path("breached").asBoolean()).isFalse();
            });
    assertThat(cancelled.path("timeline"))
        .anySatisfy(
            e ->
                assertThat(e.path("summary").asText())
                    .isEqualTo("Cancelled as a duplicate of " + first + ": Same outage"));
    awaitProcessEnd(second);
    assertThat(post(manager, path, Map.of("reason", "again")).getStatusCode().value())
        .isEqualTo(409);
    assertThat(incident(first).status()).isNotEqualTo(IncidentStatus.CANCELLED);
  }

  // ---- alert sources

  @Test
  void alertSourcesAddToTheTimelineAndTheirResolutionReachesTheProcess() {
    String responder = user("responder", "tier1-oncall");
    deployProcess();
    String number =
        service.open(
            new IncidentIntake.NewIncident(
                "HighErrorRate on web-api",
                null,
                "web-api",
                "critical",
                0,
                false,
                "alert",
                null,
                "alertmanager",
                "{}:{alertname=\"HighErrorRate\"}",
                Map.of("alertname", "HighErrorRate"),
                Instant.now().minusSeconds(120)));
    awaitStatus(number, IncidentStatus.TRIAGED);

    service.alertActivity(
        number, "HighErrorRate fired again on pod web-api-7", Map.of("fingerprint", "abc123"));
    service.acknowledgedBySource(number, "pagerduty");
    service.alertResolved(number, Instant.now());

    JsonNode detail = detail(responder, number);
    assertThat(detail.path("source").asText()).isEqualTo("alert");
    assertThat(detail.path("integration").asText()).isEqualTo("alertmanager");
    assertThat(detail.path("alerts").isArray()).isTrue();
    assertThat(Instant.parse(detail.path("detectedAt").asText()))
        .isBefore(Instant.parse(detail.path("createdAt").asText()));
    assertThat(detail.path("timeline"))
        .anySatisfy(
            e -> {
              assertThat(e.path("actor").asText()).isEqualTo("alertmanager");
              assertThat(e.path("summary").asText())
                  .isEqualTo("Alert activity: HighErrorRate fired again on pod web-api-7");
            });
    assertThat(timelineActions(detail))
        .contains(IncidentAuditActions.SOURCE_ACKNOWLEDGED, IncidentAuditActions.ALERT_RESOLVED);
    long instance = incident(number).processInstanceKey();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> variable(instance, VAR_ALERT_RESOLVED).map(Boolean.TRUE::equals).orElse(false));
  }

  // ---- helpers

  private Optional<Object> variable(long processInstanceKey, String name) {
    List<Variable> found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.scopeKey(processInstanceKey).name(name))
            .withFullValues()
            .send()
            .join()
            .items();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readValue(found.get(0).getValue(), Object.class));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private void awaitProcessEnd(String number) {
    long instance = incident(number).processInstanceKey();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              ProcessInstanceState state =
                  client.newProcessInstanceGetRequest(instance).send().join().getState();
              return state == ProcessInstanceState.COMPLETED;
            });
  }
}
