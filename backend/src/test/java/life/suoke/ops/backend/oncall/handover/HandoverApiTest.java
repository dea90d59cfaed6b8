package life.suoke.ops.backend.oncall.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.processes.oncall.OnCallHandoverProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shift handovers on the real application: a change of shift starts the handover process, the
 * prefill job fills the record, a handover not written in time tells the operations managers, the
 * outgoing and incoming persons work their tasks in the inbox, and the record shows who did what
 * when (API and audit trail). Bad changes of shift and bad searches are problems naming the field.
 */
class HandoverApiTest extends ApplicationTest {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

  @Autowired HandoverStarter starter;
  @Autowired UserDirectory directory;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aLateHandoverIsEscalatedWrittenAcknowledgedAndKept() {
    String manager = user("ops-manager", OnCallHandoverProcess.OPERATIONS_MANAGERS_GROUP);
    String team = "handover-team-" + RUN;
    String outgoing = user("outgoing");
    String incoming = user("incoming");
    String reader = user("reader");
    // the change was two hours ago: writing was due an hour ago
    Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    ShiftChange change =
        new ShiftChange(
            "schedule-" + RUN, team, 1, outgoing, incoming, start, start.plus(Duration.ofDays(7)));

    // a change booked into the coming shift, and one that ended before it
    String service = "handover-svc-" + RUN;
    String owners = user("owners");
    directory.createGroup(service + "-g", service);
    jdbc.update(
        "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group, tier2_group,"
            + " tier3_group) VALUES (?, ?, 'core', ?, ?, ?, ?)",
        service,
        service,
        service + "-g",
        service + "-g",
        service + "-g",
        service + "-g");
    String planned =
        "CHG-2026-" + (10_000 + NAMES.incrementAndGet() * 7 + Math.abs(RUN.hashCode() % 80_000));
    String past =
        "CHG-2026-" + (10_000 + NAMES.incrementAndGet() * 7 + Math.abs(RUN.hashCode() % 80_000));
    jdbc.update(
        "INSERT INTO change_request (number, change_type, title, service, status, risk, requester,"
            + " implementer_group, window_start, window_end) VALUES (?, 'normal', 'Upgrade', ?, 'scheduled', 'medium', ?, ?,"
            + " now() + interval '1 day', now() + interval '1 day 2 hours')",
        planned,
        service,
        owners,
        service + "-g");
    jdbc.update(
        "INSERT INTO change_request (number, change_type, title, service, status, risk, requester,"
            + " implementer_group, window_start, window_end) VALUES (?, 'normal', 'Old', ?, 'scheduled', 'low', ?, ?,"
            + " now() - interval '5 hours', now() - interval '4 hours')",
        past,
        service,
        owners,
        service + "-g");
    // a release shifting traffic on the service, and one that ended
    String running = "REL-HO-" + Math.abs(RUN.hashCode() % 100_000) + "A";
    String ended = "REL-HO-" + Math.abs(RUN.hashCode() % 100_000) + "B";
    for (String[] r : new String[][] {{running, "running", "50"}, {ended, "promoted", "100"}}) {
      jdbc.update(
          "INSERT INTO release (id, service, change_id, title, stable_version, new_version, strategy, target,"
              + " analysis, probes, status, current_weight, requested_by, created_at, updated_at) VALUES (?, ?, ?, 'Rollout',"
              + " '1.0', '1.1', '{\"type\":\"canary\"}'::jsonb, '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, ?, ?, ?, now(), now())",
          r[0],
          service,
          planned,
          r[1],
          Integer.parseInt(r[2]),
          owners);
    }

    HandoverRecord started = starter.start(change).orElseThrow();
    assertThat(started.processInstanceKey()).isNotNull();
    assertThat(started.writeDue()).isEqualTo(start.plus(Duration.ofHours(1)).toString());
    assertThat(starter.start(change).orElseThrow().id())
        .as("the same change starts no second handover")
        .isEqualTo(started.id());
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM handover WHERE schedule_id = ?",
                Long.class,
                "schedule-" + RUN))
        .isEqualTo(1);
    long id = started.id();

    JsonNode prefilled =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> getOk(reader, "/api/oncall/handovers/" + id),
                r -> !r.path("snapshot").isNull());
    assertThat(prefilled.path("snapshot").has("openIncidents")).isTrue();
    assertThat(prefilled.path("snapshot").has("silences")).isTrue();
    assertThat(prefilled.path("snapshot").has("recentAlerts")).isTrue();
    List<String> plannedChanges = new ArrayList<>();
    prefilled
        .path("snapshot")
        .path("plannedChanges")
        .forEach(
            c -> plannedChanges.add(c.path("number").asText() + " " + c.path("risk").asText()));
    assertThat(plannedChanges).contains(planned + " medium").noneMatch(c -> c.startsWith(past));
    List<String> releases = new ArrayList<>();
    prefilled
        .path("snapshot")
        .path("releases")
        .forEach(
            r ->
                releases.add(
                    r.path("id").asText()
                        + " "
                        + r.path("strategy").asText()
                        + " "
                        + r.path("weight").asInt()
                        + " "
                        + r.path("changeId").asText()));
    assertThat(releases).containsExactly(running + " canary 50 " + planned);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                getOk(reader, "/api/oncall/handovers/" + id).path("writeEscalatedAt").isTextual());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "SELECT recipient FROM notification WHERE idempotency_key = ? AND state = 'SENT'",
                            String.class,
                            "HO-" + id + ":late:write:" + manager))
                    .containsExactly(manager));

    JsonNode write = openTask(outgoing, OnCallHandoverProcess.WRITE_TASK);
    JsonNode form = getOk(outgoing, "/api/tasks/" + write.path("key").asText());
    assertThat(form.path("variables").path(OnCallHandoverProcess.VAR_SUMMARY).asText())
        .contains("Open incidents");
    assertThat(
            post(
                    incoming,
                    "/api/tasks/" + write.path("key").asText() + "/complete",
                    Map.of("variables", Map.of(OnCallHandoverProcess.VAR_NOTES, "x")))
                .getStatusCode()
                .value())
        .as("only the outgoing person writes")
        .isEqualTo(403);
    ResponseEntity<JsonNode> missingNotes =
        post(
            outgoing,
            "/api/tasks/" + write.path("key").asText() + "/complete",
            Map.of("variables", Map.of(OnCallHandoverProcess.VAR_RISKS, "disk")));
    assertThat(missingNotes.getStatusCode().value()).isEqualTo(400);
    assertThat(missingNotes.getBody().toString())
        .contains("variables." + OnCallHandoverProcess.VAR_NOTES);
    assertThat(
            post(
                    outgoing,
                    "/api/tasks/" + write.path("key").asText() + "/complete",
                    Map.of(
                        "variables",
                        Map.of(
                            OnCallHandoverProcess.VAR_NOTES,
                            "Payment gateway flaps at night",
                            OnCallHandoverProcess.VAR_RISKS,
                            "Disk on db-3 at 85 %",
                            OnCallHandoverProcess.VAR_PLANNED_CHANGES,
                            "Release 4.2 on Tuesday")))
                .getStatusCode()
                .value())
        .isEqualTo(204);

    JsonNode written =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> getOk(reader, "/api/oncall/handovers/" + id),
                r -> "written".equals(r.path("status").asText()));
    assertThat(written.path("writtenBy").asText()).isEqualTo(outgoing);
    assertThat(written.path("writeLate").asBoolean()).isTrue();
    assertThat(written.path("notes").asText()).isEqualTo("Payment gateway flaps at night");
    assertThat(written.path("plannedChanges").asText()).isEqualTo("Release 4.2 on Tuesday");

    JsonNode acknowledge = openTask(incoming, OnCallHandoverProcess.ACKNOWLEDGE_TASK);
    assertThat(
            post(
                    incoming,
                    "/api/tasks/" + acknowledge.path("key").asText() + "/complete",
                    Map.of(
                        "variables",
                        Map.of(OnCallHandoverProcess.VAR_ACKNOWLEDGEMENT_NOTE, "Got it")))
                .getStatusCode()
                .value())
        .isEqualTo(204);
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> getOk(reader, "/api/oncall/handovers/" + id),
                r -> "acknowledged".equals(r.path("status").asText()));
    assertThat(done.path("acknowledgedBy").asText()).isEqualTo(incoming);
    assertThat(done.path("acknowledgementNote").asText()).isEqualTo("Got it");
    assertThat(done.path("acknowledgedAt").asText()).isNotBlank();
    assertThat(done.path("acknowledgeEscalatedAt").isNull()).isTrue();

    JsonNode byPerson = getOk(reader, "/api/oncall/handovers?person=" + incoming);
    assertThat(byPerson.path("total").asLong()).isEqualTo(1);
    assertThat(byPerson.path("items").get(0).path("id").asLong()).isEqualTo(id);
    assertThat(byPerson.path("items").get(0).path("notes").isNull())
        .as("lists leave the texts out")
        .isTrue();
    assertThat(
            getOk(
                    reader,
                    "/api/oncall/handovers?team="
                        + team
                        + "&from="
                        + start
                        + "&to="
                        + start.plusSeconds(1))
                .path("total")
                .asLong())
        .isEqualTo(1);
    assertThat(
            getOk(reader, "/api/oncall/handovers?team=" + team + "&from=" + start.plusSeconds(1))
                .path("total")
                .asLong())
        .isZero();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "SELECT actor || ' ' || action FROM audit_event WHERE object_type = 'handover' AND object_id = ? ORDER BY seq",
                            String.class,
                            Long.toString(id)))
                    .containsSubsequence(
                        "system handover.start",
                        "system handover.prefill",
                        "system handover.escalate",
                        outgoing + " handover.write",
                        incoming + " handover.acknowledge"));
    assertThat(
            jdbc.queryForObject(
                "SELECT string_agg(details, ' ') FROM audit_event WHERE object_type = 'handover'"
                    + " AND object_id = ?",
                String.class,
                Long.toString(id)))
        .as("texts stay out of the audit details")
        .doesNotContain("Payment gateway", "db-3");
  }

  @Test
  void badChangesOfShiftAndSearchesAreRefusedNamingTheField() {
    String outgoing = user("outgoing");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThatThrownBy(
            () ->
                starter.start(
                    new ShiftChange(" ", "team", 4, outgoing, "nobody-" + RUN, start, start)))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem ->
                assertThat(problem.errors())
                    .extracting(ApiProblem.FieldError::field)
                    .containsExactlyInAnyOrder("scheduleId", "tier", "incomingUser", "shiftEnd"));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM handover WHERE outgoing_user = ?", Long.class, outgoing))
        .isZero();
    assertThat(
            starter.start(
                new ShiftChange(
                    "s-" + RUN, "team", 1, outgoing, outgoing, start, start.plusSeconds(60))))
        .as("nobody hands over to themselves")
        .isEmpty();

    ResponseEntity<JsonNode> bad =
        get(outgoing, "/api/oncall/handovers?from=yesterday&size=1000&status=lost");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.getBody().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("from", "size", "status");
    assertThat(get(outgoing, "/api/oncall/handovers/999999999").getStatusCode().value())
        .isEqualTo(404);
    assertThat(get(outgoing, "/api/oncall/handovers/abc").getStatusCode().value()).isEqualTo(400);
    assertThat(http.getForEntity("/api/oncall/handovers", String.class).getStatusCode().value())
        .isEqualTo(401);
  }

  // ---- helpers

  private JsonNode openTask(String user, String elementId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Optional<JsonNode> found = Optional.empty();
              for (JsonNode task : getOk(user, "/api/tasks?view=mine").path("items")) {
                if (elementId.equals(task.path("elementId").asText())) {
                  found = Optional.of(task);
                }
              }
              return found;
            },
            Optional::isPresent)
        .orElseThrow();
  }

  private String user(String prefix, String... groups) {
    String name = prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
    directory.createUser(
        new UserAccount(
            name,
            name,
            null,
            String.format("+86 138%08d", NAMES.get()),
            null,
            Set.of(groups),
            Set.of(),
            true),
        PASSWORD);
    return name;
  }

  private ResponseEntity<JsonNode> get(String user, String path) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
  }

  private JsonNode getOk(String user, String path) {
    ResponseEntity<JsonNode> response = get(user, path);
    assertThat(response.getStatusCode().value())
        .as("GET %s: %s", path, response.getBody())
        .isEqualTo(200);
    return response.getBody();
  }

  private ResponseEntity<JsonNode> post(String user, String path, Object body) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers()), JsonNode.class);
  }

  private static HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
