package life.suoke.ops.backend.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.incident.IncidentAuditActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The event review over HTTP against the whole application, its process and its job workers: a
 * review started by hand for a closed incident goes through its owner's start, the timeline
 * assembled from the incident's audit trail and edited, sections, action items, a refusal for an
 * empty required section, approval by the service owner group, publication to the knowledge base
 * (found by a Chinese word) and the follow-up of its items (one done, one accepted as not done) to
 * its close; every refusal names the field and changes nothing; roles are checked.
 */
class ReviewApiTest extends ReviewTestSupport {

  @Autowired JdbcServiceCatalog catalog;
  @Autowired AuditTrail audit;
  @Autowired BusinessCalendars calendars;

  String owners;
  String service;
  String commander;
  String approver;
  String manager;
  String alice;
  String bob;
  String auditor;
  String outsider;

  @BeforeEach
  void people() {
    owners = group("review-owners");
    String team = group("review-team");
    service = unique("review-svc");
    catalog.create(
        new ServiceDefinition(
            service,
            "Review test service",
            "core",
            owners,
            "tier1-oncall",
            "tier2",
            "tier3",
            "default",
            List.of()),
        new CurrentUser("review-tests", Set.of("admins")));
    commander = user("commander", team);
    approver = user("approver", owners);
    manager = user("manager", Set.of(team), Set.of(team));
    alice = user("alice", team);
    bob = user("bob", team);
    auditor = user("auditor", "auditors");
    outsider = user("outsider");
  }

  @Test
  void reviewFromItsStartToItsCloseWithEveryRefusal() {
    Instant closedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String number =
        closedIncident(service, "P1", commander, closedAt, "{\"alertname\": \"CheckoutErrors\"}");
    incidentHistory(number);
    String incidentManager = user("incident-manager", "incident-managers");

    // ---- started by hand: refusals first
    assertThat(post(incidentManager, "/api/reviews", Map.of()).fields())
        .containsExactly("incidentNumber");
    assertThat(
            post(incidentManager, "/api/reviews", Map.of("incidentNumber", "INC-20260101-0000"))
                .fields())
        .containsExactly("incidentNumber");
    assertThat(
            post(
                    incidentManager,
                    "/api/reviews",
                    Map.of("incidentNumber", number, "reviewOwner", "nobody-here"))
                .fields())
        .containsExactly("reviewOwner");
    assertThat(post(auditor, "/api/reviews", Map.of("incidentNumber", number)).status())
        .isEqualTo(403);
    assertThat(post(outsider, "/api/reviews", Map.of("incidentNumber", number)).status())
        .isEqualTo(403);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM review WHERE incident_number = ?", Long.class, number))
        .isZero();

    Response started = post(incidentManager, "/api/reviews", Map.of("incidentNumber", number));
    assertThat(started.status()).as("%s", started.body()).isEqualTo(201);
    JsonNode review =
        awaitDetail(
            commander,
            number,
            d -> "requested".equals(d.path("status").asText()) && hasTask(d, "StartReview"));
    assertThat(review.path("reviewOwner").asText()).isEqualTo(commander);
    assertThat(review.path("ownerGroup").asText()).isEqualTo(owners);
    assertThat(Instant.parse(review.path("startDue").asText()))
        .isEqualTo(calendars.addBusinessDays("default", closedAt, 5));
    assertThat(post(incidentManager, "/api/reviews", Map.of("incidentNumber", number)).status())
        .isEqualTo(409);
    assertThat(
            jdbc.queryForObject(
                "SELECT status FROM incident_review_request WHERE incident_number = ?",
                String.class,
                number))
        .as("the incident's close starts no second review")
        .isEqualTo("started");

    // ---- who sees it
    assertThat(get(outsider, "/api/reviews/" + number).status()).isEqualTo(403);
    assertThat(get(auditor, "/api/reviews/" + number).status()).isEqualTo(200);
    assertThat(getOk(approver, "/api/reviews").findValuesAsText("incidentNumber")).contains(number);
    assertThat(getOk(outsider, "/api/reviews").findValuesAsText("incidentNumber"))
        .doesNotContain(number);
    assertThat(get(commander, "/api/reviews?status=nonsense").fields()).containsExactly("status");

    // ---- the owner starts it: the timeline is assembled from the incident's audit trail
    complete(commander, number, "StartReview", Map.of());
    review =
        awaitDetail(
            commander,
            number,
            d ->
                "in-progress".equals(d.path("status").asText())
                    && d.path("timeline").size() >= 5
                    && hasTask(d, "AnalyseIncident"));
    List<String> summaries = review.path("timeline").findValuesAsText("summary");
    assertThat(summaries)
        .contains(
            "Acknowledged by " + commander,
            "Priority P2 -> P1: 影响所有支付用户",
            "Note by " + commander + ": 数据库连接池耗尽 suspected");
    assertThat(summaries)
        .anyMatch(s -> s.startsWith("Paged tier 1 (tier1-oncall): reached " + commander));
    assertThat(summaries).anyMatch(s -> s.startsWith("Alert fired (alertmanager)"));
    assertThat(actions(review))
        .contains("editSections", "editTimeline", "editActionItems")
        .doesNotContain("approve");
    assertThat(actions(getOk(auditor, "/api/reviews/" + number))).isEmpty();

    // ---- the timeline is edited: refusals change nothing
    int entries = review.path("timeline").size();
    assertThat(
            post(
                    commander,
                    "/api/reviews/" + number + "/timeline",
                    Map.of("at", "yesterday", "summary", "x"))
                .fields())
        .containsExactly("at");
    assertThat(
            post(
                    commander,
                    "/api/reviews/" + number + "/timeline",
                    Map.of("at", closedAt.toString()))
                .fields())
        .containsExactly("summary");
    assertThat(
            post(
                    auditor,
                    "/api/reviews/" + number + "/timeline",
                    Map.of("at", closedAt.toString(), "summary", "x"))
                .status())
        .isEqualTo(403);
    assertThat(getOk(commander, "/api/reviews/" + number).path("timeline").size())
        .isEqualTo(entries);
    review =
        post(
                commander,
                "/api/reviews/" + number + "/timeline",
                Map.of(
                    "at",
                    closedAt.minusSeconds(1800).toString(),
                    "summary",
                    "Rolled back release 2.4.1"))
            .body();
    assertThat(review.path("timeline").size()).isEqualTo(entries + 1);
    assertThat(review.path("timeline").get(0).path("summary").asText())
        .isEqualTo("Rolled back release 2.4.1");
    long ackId = entryId(review, "Acknowledged by " + commander);
    assertThat(
            put(commander, "/api/reviews/" + number + "/timeline/" + ackId, Map.of("summary", " "))
                .fields())
        .containsExactly("summary");
    assertThat(
            put(commander, "/api/reviews/" + number + "/timeline/999999999", Map.of("hidden", true))
                .status())
        .isEqualTo(404);
    review =
        put(approver, "/api/reviews/" + number + "/timeline/" + ackId, Map.of("hidden", true))
            .body();
    JsonNode hidden = entry(review, ackId);
    assertThat(hidden.path("hidden").asBoolean()).isTrue();
    assertThat(hidden.path("editedBy").asText()).isEqualTo(approver);

    // ---- sections and action items: refusals change nothing
    Response tooLong =
        put(
            commander,
            "/api/reviews/" + number + "/sections",
            Map.of("rootCause", "x".repeat(20001), "impactUsers", -1));
    assertThat(tooLong.fields()).containsExactlyInAnyOrder("rootCause", "impactUsers");
    assertThat(
            getOk(commander, "/api/reviews/" + number).path("sections").path("rootCause").isNull())
        .isTrue();
    review =
        put(
                commander,
                "/api/reviews/" + number + "/sections",
                Map.of(
                    "rootCause",
                    "数据库连接池耗尽 (connection pool exhausted)",
                    "contributingFactors",
                    "No alert on pool saturation",
                    "impactUsers",
                    1200,
                    "impactDurationMinutes",
                    35,
                    "impactData",
                    "none"))
            .body();
    assertThat(texts(review.path("missingSections"))).containsExactly("wentWell");
    assertThat(
            put(outsider, "/api/reviews/" + number + "/sections", Map.of("wentWell", "x")).status())
        .isEqualTo(403);

    String due = java.time.LocalDate.now(ReviewDueDates.ZONE).plusDays(20).toString();
    Response badItems =
        put(
            commander,
            "/api/reviews/" + number + "/action-items",
            Map.of(
                "items",
                List.of(
                    item("Alert on pool saturation", alice, due, "high", "detect"),
                    item("", "nobody-here", "soon", "urgent", "blame"))));
    assertThat(badItems.fields())
        .containsExactly(
            "items[1].title",
            "items[1].owner",
            "items[1].dueDate",
            "items[1].priority",
            "items[1].type");
    assertThat(getOk(commander, "/api/reviews/" + number).path("actionItems").size()).isZero();
    review =
        put(
                commander,
                "/api/reviews/" + number + "/action-items",
                Map.of(
                    "items",
                    List.of(
                        item("Alert on pool saturation", alice, due, "high", "detect"),
                        item("Raise the pool size", bob, due, "medium", "fix"))))
            .body();
    assertThat(review.path("actionItems").findValuesAsText("id"))
        .containsExactly(number + "-A1", number + "-A2");
    Instant dueAt = Instant.parse(review.path("actionItems").get(0).path("dueDate").asText());
    assertThat(dueAt)
        .isEqualTo(
            java.time.LocalDate.parse(due).atTime(18, 0).atZone(ReviewDueDates.ZONE).toInstant());
    Instant remindAt = Instant.parse(review.path("actionItems").get(0).path("remindAt").asText());
    assertThat(remindAt).isBefore(dueAt);
    assertThat(calendars.addBusinessDays("default", remindAt, 1)).isBeforeOrEqualTo(dueAt);

    // ---- a required section is empty: the check sends the review back to the analysis
    complete(commander, number, "AnalyseIncident", Map.of());
    complete(commander, number, "PlanActionItems", Map.of());
    review =
        awaitDetail(
            commander,
            number,
            d -> hasTask(d, "AnalyseIncident") && "in-progress".equals(d.path("status").asText()));
    assertThat(texts(review.path("missingSections"))).containsExactly("wentWell");
    assertThat(
            post(approver, "/api/reviews/" + number + "/approval", Map.of("approved", true))
                .status())
        .isEqualTo(409);
    assertThat(auditCount(number, "review.sections-checked")).isEqualTo(1);

    put(
        commander,
        "/api/reviews/" + number + "/sections",
        Map.of("wentWell", "Failover to the standby worked"));
    complete(commander, number, "AnalyseIncident", Map.of());
    complete(commander, number, "PlanActionItems", Map.of());
    review =
        awaitDetail(
            approver,
            number,
            d -> "in-approval".equals(d.path("status").asText()) && hasTask(d, "ApproveReview"));
    assertThat(actions(review)).contains("approve").doesNotContain("editActionItems");
    assertThat(actions(getOk(commander, "/api/reviews/" + number))).doesNotContain("approve");

    // ---- in approval: a required section cannot be emptied; only the owner group approves
    assertThat(
            put(commander, "/api/reviews/" + number + "/sections", Map.of("rootCause", ""))
                .fields())
        .containsExactly("rootCause");
    assertThat(
            getOk(commander, "/api/reviews/" + number).path("sections").path("rootCause").asText())
        .startsWith("数据库");
    assertThat(
            put(commander, "/api/reviews/" + number + "/action-items", Map.of("items", List.of()))
                .status())
        .isEqualTo(409);
    assertThat(
            post(commander, "/api/reviews/" + number + "/approval", Map.of("approved", true))
                .status())
        .isEqualTo(403);
    assertThat(
            post(auditor, "/api/reviews/" + number + "/approval", Map.of("approved", true))
                .status())
        .isEqualTo(403);
    assertThat(post(approver, "/api/reviews/" + number + "/approval", Map.of()).fields())
        .containsExactly("approved");
    assertThat(
            post(approver, "/api/reviews/" + number + "/approval", Map.of("approved", false))
                .fields())
        .containsExactly("comment");
    Response approved =
        post(approver, "/api/reviews/" + number + "/approval", Map.of("approved", true));
    assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);

    // ---- published to the knowledge base, found by a Chinese word
    review =
        awaitDetail(
            commander,
            number,
            d ->
                "following-up".equals(d.path("status").asText()) && !d.path("documentId").isNull());
    assertThat(review.path("approvedBy").asText()).isEqualTo(approver);
    long documentId = review.path("documentId").asLong();
    JsonNode document = getOk(outsider, "/api/knowledge/documents/" + documentId);
    assertThat(document.path("type").asText()).isEqualTo("post-incident-review");
    assertThat(document.path("incidentNumber").asText()).isEqualTo(number);
    assertThat(document.path("body").asText())
        .contains(
            "## Root cause",
            "数据库连接池耗尽",
            "Rolled back release 2.4.1",
            "- [ ] Alert on pool saturation")
        .doesNotContain("Acknowledged by");
    JsonNode found = getOk(outsider, "/api/knowledge/documents?q=连接池&service=" + service);
    assertThat(found.path("items").findValuesAsText("incidentNumber")).containsExactly(number);
    assertThat(found.path("items").get(0).path("highlights").path("body").get(0).asText())
        .contains("<mark>");
    assertThat(
            put(commander, "/api/reviews/" + number + "/sections", Map.of("wentWell", "x"))
                .status())
        .isEqualTo(409);

    // ---- the items are followed up: one done, one accepted as not done after a reason
    JsonNode aliceTask = awaitTask(alice, number, "CompleteActionItem", alice);
    JsonNode bobTask = awaitTask(bob, number, "CompleteActionItem", bob);
    assertThat(get(bob, "/api/reviews/" + number).status()).isEqualTo(200);
    completeKey(alice, aliceTask.path("key").asText(), Map.of("itemOutcome", "done"));
    completeKey(
        bob,
        bobTask.path("key").asText(),
        Map.of("itemOutcome", "not-done", "itemReason", "The pool is replaced next month"));
    JsonNode accept = awaitTask(commander, number, "AcceptNotDone", commander);
    completeKey(commander, accept.path("key").asText(), Map.of("accepted", true));

    review = awaitDetail(commander, number, d -> "closed".equals(d.path("status").asText()));
    assertThat(review.path("actionItems").findValuesAsText("state"))
        .containsExactly("done", "not-done");
    assertThat(review.path("actionItems").get(1).path("reason").asText())
        .isEqualTo("The pool is replaced next month");
    assertThat(auditCount(number, "review.approve")).isEqualTo(1);
    assertThat(auditCount(number, "review.published")).isEqualTo(1);
    assertThat(auditCount(number, "review.closed")).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE business_key = ? AND action LIKE 'review.%'"
                    + " AND details::text LIKE '%连接池%'",
                Long.class, number))
        .as("no texts in the audit trail")
        .isZero();
  }

  @Test
  void followUpJobsRemindEscalateAndRedateOnTheBusinessCalendar() {
    String ownerManager = user("owners-manager", Set.of(owners), Set.of(owners));
    Instant closedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String number = closedIncident(service, "P0", commander, closedAt, "{}");
    String incidentManager = user("incident-manager", "incident-managers");
    assertThat(
            post(
                    incidentManager,
                    "/api/reviews",
                    Map.of("incidentNumber", number, "reviewOwner", approver))
                .status())
        .isEqualTo(201);
    JsonNode review = awaitDetail(approver, number, d -> hasTask(d, "StartReview"));
    assertThat(review.path("reviewOwner").asText())
        .as("the owner given wins over the commander")
        .isEqualTo(approver);
    String due = java.time.LocalDate.now(ReviewDueDates.ZONE).plusDays(20).toString();
    put(
        approver,
        "/api/reviews/" + number + "/action-items",
        Map.of("items", List.of(item("Alert on pool saturation", alice, due, "high", "detect"))));
    String id = number + "-A1";
    Map<String, Object> item = Map.of("id", id, "owner", alice);
    long dueMillis =
        java.time.LocalDate.parse(due)
            .atTime(18, 0)
            .atZone(ReviewDueDates.ZONE)
            .toInstant()
            .toEpochMilli();

    // the reminder goes to the owner, the escalation to the managers of the owner's groups
    runJob(
        "review.remind-action-item", Map.of(), map("incidentNumber", number, "actionItem", item));
    runJob(
        "review.remind-action-item", Map.of(), map("incidentNumber", number, "actionItem", item));
    assertThat(sent(id + ":"))
        .containsExactly(List.of(id + ":remind:" + dueMillis + ":" + alice, alice, "INFO"));
    runJob(
        "review.escalate-action-item", Map.of(), map("incidentNumber", number, "actionItem", item));
    assertThat(sent(id + ":overdue:"))
        .containsExactly(List.of(id + ":overdue:" + dueMillis + ":" + manager, manager, "INFO"));
    JsonNode stored = getOk(approver, "/api/reviews/" + number).path("actionItems").get(0);
    assertThat(stored.path("remindedAt").isNull()).isFalse();
    assertThat(stored.path("escalatedAt").isNull()).isFalse();

    // a new due date: the end of that working day, the reminder one business day before
    String later = java.time.LocalDate.now(ReviewDueDates.ZONE).plusDays(40).toString();
    Map<String, Object> redated =
        runJob(
            "review.action-item",
            Map.of("state", "redated"),
            map(
                "incidentNumber",
                number,
                "actionItem",
                item,
                "newDueDate",
                later,
                "itemReason",
                "waits for the upgrade"));
    Instant newDue =
        java.time.LocalDate.parse(later).atTime(18, 0).atZone(ReviewDueDates.ZONE).toInstant();
    assertThat(Instant.parse((String) redated.get("itemDue"))).isEqualTo(newDue);
    Instant newRemind = Instant.parse((String) redated.get("itemRemindAt"));
    assertThat(newRemind).isBefore(newDue).isAfter(newDue.minus(Duration.ofDays(5)));
    assertThat(calendars.addBusinessDays("default", newRemind, 1)).isBeforeOrEqualTo(newDue);
    stored = getOk(approver, "/api/reviews/" + number).path("actionItems").get(0);
    assertThat(Instant.parse(stored.path("dueDate").asText())).isEqualTo(newDue);
    assertThat(stored.path("redated").asInt()).isEqualTo(1);
    assertThat(stored.path("remindedAt").isNull())
        .as("a new due date gets a new reminder")
        .isTrue();
    Map<String, Object> kept =
        runJob(
            "review.action-item",
            Map.of("state", "redated"),
            map("incidentNumber", number, "actionItem", item, "newDueDate", "soon"));
    assertThat(Instant.parse((String) kept.get("itemDue"))).isEqualTo(newDue);
    assertThat(
            getOk(approver, "/api/reviews/" + number)
                .path("actionItems")
                .get(0)
                .path("redated")
                .asInt())
        .isEqualTo(1);

    // not started in time: the owner group's managers and the owner are told
    runJob("review.escalate-late-start", Map.of(), map("incidentNumber", number));
    assertThat(sent(number + ":review:late-start:"))
        .extracting(row -> row.get(1))
        .containsExactlyInAnyOrder(ownerManager, approver);
    assertThat(getOk(approver, "/api/reviews/" + number).path("lateStartEscalatedAt").isNull())
        .isFalse();
    assertThat(auditCount(number, "review.item-reminded")).isEqualTo(2);
    assertThat(auditCount(number, "review.item-escalated")).isEqualTo(1);
    assertThat(auditCount(number, "review.late-start-escalated")).isEqualTo(1);

    // a job for an item of another review is refused without retries: the engine shows why
    long wrong =
        startJob(
            "review.action-item",
            Map.of("state", "done"),
            map("incidentNumber", number, "actionItem", Map.of("id", "INC-20260101-0000-A1")));
    String message =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  var found =
                      client
                          .newIncidentSearchRequest()
                          .filter(f -> f.processInstanceKey(wrong))
                          .send()
                          .join()
                          .items();
                  return found.isEmpty() ? null : found.get(0).getErrorMessage();
                },
                m -> m != null);
    assertThat(message).contains("review " + number + " has no action item INC-20260101-0000-A1");
  }

  // ----------------------------------------------------------------------------------------
  // helpers

  /**
   * The incident's history as its audit trail has it: alert, page, acknowledgement, note, priority
   * change.
   */
  void incidentHistory(String number) {
    long note =
        jdbc.queryForObject(
            "INSERT INTO incident_note (incident_number, author, kind, text)"
                + " VALUES (?, ?, 'note', '数据库连接池耗尽 suspected') RETURNING id",
            Long.class,
            number,
            commander);
    long reason =
        jdbc.queryForObject(
            "INSERT INTO incident_note (incident_number, author, kind, text)"
                + " VALUES (?, ?, 'reason', '影响所有支付用户') RETURNING id",
            Long.class,
            number,
            commander);
    incidentEvent(
        "alertmanager",
        IncidentAuditActions.OPEN,
        Map.of(
            "source",
            "alert",
            "integration",
            "alertmanager",
            "service",
            service,
            "severity",
            "critical"),
        number);
    incidentEvent(
        "system",
        IncidentAuditActions.PAGE,
        Map.of(
            "tier",
            1,
            "group",
            "tier1-oncall",
            "reached",
            List.of(commander),
            "unreachable",
            List.of()),
        number);
    incidentEvent(commander, IncidentAuditActions.ACKNOWLEDGE, Map.of(), number);
    incidentEvent(commander, IncidentAuditActions.NOTE, Map.of("noteId", note), number);
    incidentEvent(
        commander,
        IncidentAuditActions.PRIORITY,
        Map.of("from", "P2", "to", "P1", "noteId", reason),
        number);
  }

  void incidentEvent(String actor, String action, Map<String, Object> details, String number) {
    audit.record(
        AuditEvent.of(actor, action, IncidentAuditActions.OBJECT_TYPE, number)
            .withProcessInstance(null, number)
            .withDetails(details));
  }

  JsonNode awaitDetail(
      String user, String number, java.util.function.Predicate<JsonNode> condition) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> getOk(user, "/api/reviews/" + number), condition::test);
  }

  static long entryId(JsonNode detail, String summary) {
    for (JsonNode entry : detail.path("timeline")) {
      if (summary.equals(entry.path("summary").asText())) {
        return entry.path("id").asLong();
      }
    }
    throw new AssertionError("no timeline entry " + summary);
  }

  static JsonNode entry(JsonNode detail, long id) {
    for (JsonNode entry : detail.path("timeline")) {
      if (entry.path("id").asLong() == id) {
        return entry;
      }
    }
    throw new AssertionError("no timeline entry " + id);
  }

  static boolean hasTask(JsonNode detail, String elementId) {
    return detail.path("openTasks").findValuesAsText("elementId").contains(elementId);
  }

  JsonNode awaitTask(String user, String number, String elementId, String assignee) {
    JsonNode detail = awaitDetail(user, number, d -> task(d, elementId, assignee) != null);
    return task(detail, elementId, assignee);
  }

  static JsonNode task(JsonNode detail, String elementId, String assignee) {
    for (JsonNode task : detail.path("openTasks")) {
      if (elementId.equals(task.path("elementId").asText())
          && assignee.equals(task.path("assignee").asText())) {
        return task;
      }
    }
    return null;
  }

  void complete(String user, String number, String elementId, Map<String, Object> variables) {
    JsonNode task = awaitTask(user, number, elementId, user);
    completeKey(user, task.path("key").asText(), variables);
  }

  void completeKey(String user, String key, Map<String, Object> variables) {
    Response done = post(user, "/api/tasks/" + key + "/complete", completion(variables));
    assertThat(done.status()).as("complete %s: %s", key, done.body()).isEqualTo(204);
  }

  static List<String> actions(JsonNode detail) {
    return texts(detail.path("actions"));
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  long auditCount(String number, String action) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_event WHERE business_key = ? AND action = ?",
        Long.class,
        number,
        action);
  }

  static Map<String, Object> item(
      String title, String owner, String dueDate, String priority, String type) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("title", title);
    item.put("owner", owner);
    item.put("dueDate", dueDate);
    item.put("priority", priority);
    item.put("type", type);
    return item;
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
