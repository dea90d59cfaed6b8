package life.suoke.ops.backend.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.incident.OnCallResolver;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import life.suoke.ops.backend.support.PagingGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The on-call API on the running application: schedules, layers, overrides, the final schedule,
 * "who is on call now", swaps, taking shifts, leave, rights, refusals that change nothing, the
 * calendar feed, reminders, gap tasks and the resolver that paging uses.
 */
class OnCallApiTest extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;
  @Autowired OnCallResolver resolver;
  @Autowired OnCallGapWatch gapWatch;
  @Autowired OnCallReminders reminders;
  @Autowired OnCallStore store;
  @Autowired OnCallHandovers handovers;

  /** A fresh team: a group with a manager and three members, each with a client. */
  String team;

  String manager;
  String ann;
  String bob;
  String outsider;
  ApiClient asManager;
  ApiClient asAnn;
  ApiClient asBob;
  ApiClient asOutsider;
  String annMobile;

  @BeforeEach
  void team() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    team = "oncall-team-" + suffix;
    directory.createGroup(team, "On-call team " + suffix);
    manager = user("mgr-" + suffix, Set.of(team), Set.of(team), null);
    annMobile = "+86 138 " + (10_000_000 + Math.abs(suffix.hashCode() % 89_999_999));
    ann = user("ann-" + suffix, Set.of(team), Set.of(), annMobile);
    bob = user("bob-" + suffix, Set.of(team), Set.of(), null);
    outsider = user("out-" + suffix, Set.of("tier3"), Set.of(), null);
    asManager = new ApiClient(port, manager, PASSWORD);
    asAnn = new ApiClient(port, ann, PASSWORD);
    asBob = new ApiClient(port, bob, PASSWORD);
    asOutsider = new ApiClient(port, outsider, PASSWORD);
  }

  String user(String name, Set<String> groups, Set<String> managed, String mobile) {
    directory.createUser(
        new UserAccount(name, name + " display", null, mobile, null, groups, managed, true),
        PASSWORD);
    return name;
  }

  static String today(int plusDays) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays).toString();
  }

  /**
   * A schedule in UTC with one all-day daily layer of {@code members} that started 10 days ago at
   * 00:00.
   */
  JsonNode schedule(String name, List<String> members, boolean swapApproval) {
    String body =
        """
        {"name":"%s","team":"%s","timeZone":"UTC","swapApproval":%s,"reminderLeadMinutes":30,
         "layers":[{"name":"primary","members":%s,"turn":"daily","handoffTime":"00:00","startDate":"%s"}]}"""
            .formatted(name, team, swapApproval, json(members), today(-10));
    Browser.Response created = asManager.post("/api/oncall/schedules", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  static String json(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v + "\"")
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  /**
   * The audit rows of what this test's manager and outsider did, sign-ins aside: other writers (the
   * gap watch, other tests' background work) append to the same trail meanwhile.
   */
  long auditRowsOfThisTeam() {
    return count(
        "SELECT count(*) FROM audit_event WHERE actor IN (?, ?) AND action NOT LIKE 'auth.%'",
        manager, outsider);
  }

  /** The final schedule's entries of [from, to). */
  JsonNode finalSchedule(long id, Instant from, Instant to) {
    Browser.Response response =
        asOutsider.get("/api/oncall/schedules/" + id + "/final?from=" + from + "&to=" + to);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  @Test
  void aRotationWithAnOverrideIsTheFinalScheduleAndAnswersWhoIsOnCallNow() {
    JsonNode schedule = schedule("Primary " + team, List.of(ann), false);
    long id = schedule.get("id").asLong();
    assertThat(schedule.get("canEdit").asBoolean()).isTrue();
    assertThat(schedule.get("layers").get(0).get("timeZone").asText()).isEqualTo("UTC");

    Instant now = Instant.now();
    Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    Instant to = from.plus(Duration.ofHours(6));
    Browser.Response override =
        asManager.post(
            "/api/oncall/schedules/" + id + "/overrides",
            "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(bob, from.plus(Duration.ofHours(1)), from.plus(Duration.ofHours(4))));
    assertThat(override.status()).as(override.body()).isEqualTo(201);
    assertThat(override.json().get("kind").asText()).isEqualTo("override");
    assertThat(override.json().get("replaces").asText()).isEqualTo(ann);

    JsonNode fs = finalSchedule(id, from, to);
    assertThat(fs.get("entries").findValuesAsText("user")).containsExactly(ann, bob, ann);
    assertThat(fs.get("entries").get(1).get("source").asText()).isEqualTo("override");
    assertThat(fs.get("gaps")).isEmpty();
    assertThat(fs.get("layers").get(0).get("segments").findValuesAsText("user")).containsOnly(ann);
    assertThat(fs.get("overrides")).hasSize(1);
    JsonNode handoffs =
        asOutsider
            .get("/api/oncall/schedules/" + id + "/handoffs?from=" + from + "&to=" + to)
            .json();
    assertThat(handoffs.findValuesAsText("incoming")).containsExactly(bob, ann);
    assertThat(Instant.parse(handoffs.get(0).get("at").asText()))
        .isEqualTo(from.plus(Duration.ofHours(1)));

    // the service's tier-1 group is the team: who is on call now is bob, until the override ends
    String service = "svc-" + team.substring(team.length() - 8);
    Browser.Response created =
        admin()
            .post(
                "/api/admin/services",
                """
        {"name":"%s","displayName":"svc","serviceClass":"core","ownerGroup":"%s",
         "tier1Group":"%s","tier2Group":"tier2","tier3Group":"tier3"}"""
                    .formatted(service, team, team));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode answer = asOutsider.get("/api/oncall/now?service=" + service + "&tier=1").json();
    assertThat(answer.get("group").asText()).isEqualTo(team);
    assertThat(answer.get("fallback").asBoolean()).isFalse();
    assertThat(answer.get("people").findValuesAsText("user")).containsExactly(bob);
    assertThat(Instant.parse(answer.get("people").get(0).get("shiftEnd").asText()))
        .isEqualTo(from.plus(Duration.ofHours(4)));
    assertThat(answer.get("schedules").get(0).get("scheduleId").asLong()).isEqualTo(id);
    // paging asks the same question
    assertThat(resolver.onCall(team)).extracting(UserAccount::username).containsExactly(bob);
    // tier 2 of the service has no schedule: its members, as before schedules existed
    JsonNode tier2 = asOutsider.get("/api/oncall/now?service=" + service + "&tier=2").json();
    assertThat(tier2.get("fallback").asBoolean()).isTrue();
    assertThat(resolver.onCall("tier2"))
        .extracting(UserAccount::username)
        .containsExactlyElementsOf(
            directory.membersOf("tier2").stream()
                .filter(n -> directory.user(n).map(UserAccount::enabled).orElse(false))
                .toList());

    Browser.Response badNow = asOutsider.get("/api/oncall/now?service=no-such-service&tier=7");
    assertThat(badNow.status()).isEqualTo(400);
    assertThat(badNow.json().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("service", "tier");
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE action = 'oncall.override-create' AND object_id = ?",
                Long.toString(id)))
        .isEqualTo(1);
  }

  ApiClient admin;

  ApiClient admin() {
    if (admin == null) {
      admin = new ApiClient(port, newUser(directory, "oncall-admin", "admins"), PASSWORD);
    }
    return admin;
  }

  @Test
  void badInputIsRefusedFieldByFieldAndChangesNothing() {
    long id = schedule("Refusals " + team, List.of(ann, bob), false).get("id").asLong();
    long schedules = count("SELECT count(*) FROM oncall_schedule");
    long layers = count("SELECT count(*) FROM oncall_layer");
    long audit = auditRowsOfThisTeam();

    Browser.Response badSchedule =
        asManager.post(
            "/api/oncall/schedules",
            """
        {"name":"","team":"%s","timeZone":"Mars/Olympus_Mons","reminderLeadMinutes":-5,
         "layers":[{"name":"l","members":[],"turn":"fortnightly","handoffTime":"25:00","startDate":"yesterday"},
                   {"name":"m","members":["%s"],"turn":"custom","turnHours":0,"startDate":"%s",
                    "restrictions":[{"days":["FUNDAY"],"start":"9","end":"18:00"}],"businessCalendar":"nope"}]}"""
                .formatted(team, outsider, today(0)));
    assertThat(badSchedule.status()).isEqualTo(400);
    assertThat(badSchedule.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(badSchedule.json().get("errors").findValuesAsText("field"))
        .contains(
            "name",
            "timeZone",
            "reminderLeadMinutes",
            "layers[0].members",
            "layers[0].turn",
            "layers[0].handoffTime",
            "layers[0].startDate",
            "layers[1].members[0]",
            "layers[1].turnHours",
            "layers[1].restrictions[0].days",
            "layers[1].restrictions[0].start",
            "layers[1].businessCalendar");

    Browser.Response emptyRotation =
        asManager.post(
            "/api/oncall/schedules/" + id + "/layers",
            "{\"name\":\"empty\",\"members\":[],\"turn\":\"weekly\",\"startDate\":\"%s\"}"
                .formatted(today(0)));
    assertThat(emptyRotation.status()).isEqualTo(400);
    assertThat(emptyRotation.json().get("errors").findValuesAsText("field"))
        .containsExactly("members");

    Browser.Response badZone =
        asManager.put(
            "/api/oncall/schedules/" + id,
            "{\"name\":\"x\",\"team\":\"%s\",\"timeZone\":\"Europe/Atlantis\"}".formatted(team));
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.json().get("errors").findValuesAsText("field")).containsExactly("timeZone");

    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));
    Browser.Response notInTeam =
        asManager.post(
            "/api/oncall/schedules/" + id + "/overrides",
            "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(outsider, start, start.plus(Duration.ofHours(2))));
    assertThat(notInTeam.status()).isEqualTo(400);
    assertThat(notInTeam.json().get("errors").findValuesAsText("field")).containsExactly("user");

    Browser.Response backwards =
        asManager.post(
            "/api/oncall/schedules/" + id + "/overrides",
            "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(bob, start, start.minus(Duration.ofHours(2))));
    assertThat(backwards.json().get("errors").findValuesAsText("field")).containsExactly("start");

    // an override that overlaps another is refused; the first stays
    assertThat(
            asManager
                .post(
                    "/api/oncall/schedules/" + id + "/overrides",
                    "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                        .formatted(bob, start, start.plus(Duration.ofHours(2))))
                .status())
        .isEqualTo(201);
    long overrides = count("SELECT count(*) FROM oncall_override WHERE schedule_id = ?", id);
    long auditAfterOverride = auditRowsOfThisTeam();
    Browser.Response overlapping =
        asManager.post(
            "/api/oncall/schedules/" + id + "/overrides",
            "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(ann, start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(3))));
    assertThat(overlapping.status()).isEqualTo(400);
    assertThat(overlapping.json().get("errors").findValuesAsText("field")).containsExactly("start");
    assertThat(count("SELECT count(*) FROM oncall_override WHERE schedule_id = ?", id))
        .isEqualTo(overrides);

    Browser.Response fromAfterTo =
        asOutsider.get(
            "/api/oncall/schedules/"
                + id
                + "/final?from="
                + start
                + "&to="
                + start.minus(Duration.ofDays(1)));
    assertThat(fromAfterTo.status()).isEqualTo(400);
    assertThat(fromAfterTo.json().get("errors").findValuesAsText("field")).containsExactly("from");
    Browser.Response tooLong =
        asOutsider.get(
            "/api/oncall/schedules/"
                + id
                + "/final?from="
                + start
                + "&to="
                + start.plus(Duration.ofDays(500)));
    assertThat(tooLong.json().get("errors").findValuesAsText("field")).containsExactly("to");
    assertThat(
            asOutsider
                .get("/api/oncall/schedules/" + id + "/final?from=soon&to=later")
                .json()
                .get("errors")
                .findValuesAsText("field"))
        .containsExactly("from", "to");
    assertThat(
            asOutsider
                .get(
                    "/api/oncall/schedules/999999999/final?from="
                        + start
                        + "&to="
                        + start.plus(Duration.ofDays(1)))
                .status())
        .isEqualTo(404);

    // nothing of the refused requests was written or audited (the one good override excepted)
    assertThat(count("SELECT count(*) FROM oncall_schedule")).isEqualTo(schedules);
    assertThat(count("SELECT count(*) FROM oncall_layer")).isEqualTo(layers);
    assertThat(asOutsider.get("/api/oncall/schedules/" + id).json().get("timeZone").asText())
        .isEqualTo("UTC");
    assertThat(auditAfterOverride).isEqualTo(audit + 1);
    assertThat(auditRowsOfThisTeam()).isEqualTo(audit + 1);
  }

  @Test
  void managersAndAdminsChangeSchedulesMembersTakeShiftsAndEveryoneReads() {
    long id = schedule("Rights " + team, List.of(ann, bob), false).get("id").asLong();
    String layerBody =
        "{\"name\":\"extra\",\"members\":[\"%s\"],\"turn\":\"weekly\",\"startDate\":\"%s\"}"
            .formatted(ann, today(0));
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2));
    String overrideBody =
        "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
            .formatted(ann, start, start.plus(Duration.ofHours(1)));

    // a member and an outsider read, and change nothing
    assertThat(asOutsider.get("/api/oncall/schedules").body()).contains("Rights " + team);
    assertThat(asAnn.get("/api/oncall/schedules/" + id).json().get("canEdit").asBoolean())
        .isFalse();
    assertThat(asAnn.post("/api/oncall/schedules/" + id + "/layers", layerBody).status())
        .isEqualTo(403);
    assertThat(asAnn.post("/api/oncall/schedules/" + id + "/overrides", overrideBody).status())
        .isEqualTo(403);
    assertThat(asOutsider.delete("/api/oncall/schedules/" + id).status()).isEqualTo(403);
    assertThat(
            asOutsider
                .post(
                    "/api/oncall/schedules",
                    """
        {"name":"mine","team":"%s","timeZone":"UTC"}"""
                        .formatted(team))
                .status())
        .isEqualTo(403);
    assertThat(count("SELECT count(*) FROM oncall_layer WHERE schedule_id = ?", id)).isEqualTo(1);

    // a member takes a shift for themselves; an outsider cannot
    Browser.Response taken =
        asAnn.post(
            "/api/oncall/schedules/" + id + "/take",
            "{\"start\":\"%s\",\"end\":\"%s\"}".formatted(start, start.plus(Duration.ofHours(3))));
    assertThat(taken.status()).as(taken.body()).isEqualTo(201);
    assertThat(taken.json().get("kind").asText()).isEqualTo("take");
    assertThat(taken.json().get("user").asText()).isEqualTo(ann);
    Browser.Response outsiderTakes =
        asOutsider.post(
            "/api/oncall/schedules/" + id + "/take",
            "{\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(2))));
    assertThat(outsiderTakes.status()).isEqualTo(400);
    assertThat(outsiderTakes.json().get("errors").findValuesAsText("field"))
        .containsExactly("user");
    // bob may not remove ann's taken shift; ann may
    String overridePath =
        "/api/oncall/schedules/" + id + "/overrides/" + taken.json().get("id").asLong();
    assertThat(asBob.delete(overridePath).status()).isEqualTo(403);
    assertThat(asAnn.delete(overridePath).status()).isEqualTo(204);

    // the manager and an admin change it
    assertThat(asManager.post("/api/oncall/schedules/" + id + "/layers", layerBody).status())
        .isEqualTo(201);
    assertThat(
            admin()
                .put(
                    "/api/oncall/schedules/" + id,
                    "{\"name\":\"Renamed %s\",\"team\":\"%s\",\"timeZone\":\"Asia/Shanghai\"}"
                        .formatted(team, team))
                .status())
        .isEqualTo(200);
    assertThat(asOutsider.get("/api/oncall/schedules/" + id).json().get("timeZone").asText())
        .isEqualTo("Asia/Shanghai");
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE object_type = 'oncall-schedule' AND object_id = ?"
                    + " AND action IN ('oncall.layer-create', 'oncall.schedule-update', 'oncall.take-shift', 'oncall.override-delete')",
                Long.toString(id)))
        .isEqualTo(4);
    assertThat(admin().delete("/api/oncall/schedules/" + id).status()).isEqualTo(204);
    assertThat(asOutsider.get("/api/oncall/schedules/" + id).status()).isEqualTo(404);
  }

  @Test
  void aSwapIsAskedAcceptedApprovedAndBecomesOverrides() {
    // ann and bob alternate daily; the schedule wants a manager's approval
    long id = schedule("Swaps " + team, List.of(ann, bob), true).get("id").asLong();
    Instant dayStart =
        LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
    JsonNode days = finalSchedule(id, dayStart, dayStart.plus(Duration.ofDays(2)));
    String first = days.get("entries").get(0).get("user").asText();
    ApiClient asFirst = first.equals(ann) ? asAnn : asBob;
    ApiClient asSecond = first.equals(ann) ? asBob : asAnn;
    String second = first.equals(ann) ? bob : ann;
    Instant mid = dayStart.plus(Duration.ofDays(1));
    Instant end = dayStart.plus(Duration.ofDays(2));

    // not on call for the range asked: refused
    Browser.Response notMine =
        asSecond.post(
            "/api/oncall/schedules/" + id + "/swaps",
            "{\"counterpart\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(first, dayStart, mid));
    assertThat(notMine.status()).isEqualTo(400);
    assertThat(notMine.json().get("errors").findValuesAsText("field")).containsExactly("start");

    Browser.Response asked =
        asFirst.post(
            "/api/oncall/schedules/" + id + "/swaps",
            "{\"counterpart\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"returnStart\":\"%s\",\"returnEnd\":\"%s\"}"
                .formatted(second, dayStart, mid, mid, end));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    long swap = asked.json().get("id").asLong();
    assertThat(asked.json().get("status").asText()).isEqualTo("requested");
    assertThat(asSecond.get("/api/oncall/swaps").body()).contains("\"id\":" + swap);

    // only the counterpart accepts; only a manager approves
    assertThat(asFirst.post("/api/oncall/swaps/" + swap + "/accept", "").status()).isEqualTo(403);
    assertThat(asSecond.post("/api/oncall/swaps/" + swap + "/approve", "").status()).isEqualTo(403);
    assertThat(
            asSecond
                .post("/api/oncall/swaps/" + swap + "/accept", "")
                .json()
                .get("status")
                .asText())
        .isEqualTo("accepted");
    assertThat(count("SELECT count(*) FROM oncall_override WHERE schedule_id = ?", id)).isZero();
    assertThat(asSecond.post("/api/oncall/swaps/" + swap + "/accept", "").status()).isEqualTo(409);
    JsonNode approved = asManager.post("/api/oncall/swaps/" + swap + "/approve", "").json();
    assertThat(approved.get("status").asText()).isEqualTo("approved");
    assertThat(approved.get("decidedBy").asText()).isEqualTo(manager);

    JsonNode after = finalSchedule(id, dayStart, end);
    assertThat(after.get("entries").findValuesAsText("user")).containsExactly(second, first);
    assertThat(after.get("entries").findValuesAsText("source")).containsOnly("override");
    assertThat(
            jdbc.queryForList(
                "SELECT kind FROM oncall_override WHERE schedule_id = ? AND swap_id = ?",
                String.class,
                id,
                swap))
        .containsExactly("swap", "swap");
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE object_id = ? AND action IN"
                    + " ('oncall.swap-request', 'oncall.swap-accept', 'oncall.swap-approve')",
                Long.toString(id)))
        .isEqualTo(3);
  }

  @Test
  void aPersonOnLeaveIsSkippedByARotationThatSkipsLeave() {
    long id = schedule("Leave " + team, List.of(ann), false).get("id").asLong();
    long layer =
        asOutsider
            .get("/api/oncall/schedules/" + id)
            .json()
            .get("layers")
            .get(0)
            .get("id")
            .asLong();
    assertThat(
            asManager
                .put(
                    "/api/oncall/schedules/" + id + "/layers/" + layer,
                    "{\"name\":\"primary\",\"members\":[\"%s\",\"%s\"],\"turn\":\"weekly\",\"handoffTime\":\"00:00\",\"startDate\":\"%s\",\"skipOnLeave\":true}"
                        .formatted(ann, bob, LocalDate.now(ZoneOffset.UTC).plusDays(1)))
                .status())
        .isEqualTo(200);
    Instant weekStart =
        LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    assertThat(
            finalSchedule(id, weekStart, weekStart.plus(Duration.ofDays(1)))
                .get("entries")
                .findValuesAsText("user"))
        .containsExactly(ann);
    // bob may not record ann's leave; ann and her manager may
    String leave =
        "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"note\":\"doctor\"}"
            .formatted(ann, weekStart.plus(Duration.ofDays(2)), weekStart.plus(Duration.ofDays(3)));
    assertThat(asBob.post("/api/oncall/leaves", leave).status()).isEqualTo(403);
    Browser.Response recorded = asAnn.post("/api/oncall/leaves", leave);
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    assertThat(
            finalSchedule(id, weekStart, weekStart.plus(Duration.ofDays(1)))
                .get("entries")
                .findValuesAsText("user"))
        .containsExactly(bob);
    // everyone sees when ann is away; the reason only she and her manager
    String leaves =
        "/api/oncall/leaves?user="
            + ann
            + "&from="
            + weekStart
            + "&to="
            + weekStart.plus(Duration.ofDays(7));
    assertThat(asBob.get(leaves).json().get(0).has("note")).isFalse();
    assertThat(asBob.get(leaves).json().get(0).get("start").asText()).isNotBlank();
    assertThat(asManager.get(leaves).json().get(0).get("note").asText()).isEqualTo("doctor");
    assertThat(asAnn.get(leaves).json().get(0).get("note").asText()).isEqualTo("doctor");
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE action = 'oncall.leave-create' AND details LIKE '%doctor%'"))
        .isZero();
    assertThat(
            asManager.delete("/api/oncall/leaves/" + recorded.json().get("id").asLong()).status())
        .isEqualTo(204);
    assertThat(
            finalSchedule(id, weekStart, weekStart.plus(Duration.ofDays(1)))
                .get("entries")
                .findValuesAsText("user"))
        .containsExactly(ann);
  }

  @Test
  void myShiftsAreACalendarFeedWhoseSecretAddressIsTheOnlyCredential() throws Exception {
    long id = schedule("Feed " + team, List.of(ann), false).get("id").asLong();
    JsonNode shifts =
        asAnn
            .get(
                "/api/oncall/my-shifts?from="
                    + Instant.now()
                    + "&to="
                    + Instant.now().plus(Duration.ofDays(3)))
            .json()
            .get("shifts");
    assertThat(shifts.findValuesAsText("scheduleId")).contains(Long.toString(id));

    assertThat(asAnn.get("/api/oncall/feed-token").json().get("exists").asBoolean()).isFalse();
    String url = asAnn.post("/api/oncall/feed-token", "").json().get("url").asText();
    assertThat(url).matches(".*/api/oncall/feed/[0-9a-f]{32}\\.ics");
    String token = url.substring(url.lastIndexOf('/') + 1, url.length() - 4);
    assertThat(count("SELECT count(*) FROM oncall_feed_token WHERE token_sha256 = ?", token))
        .isZero();
    assertThat(count("SELECT count(*) FROM audit_event WHERE details LIKE ?", "%" + token + "%"))
        .isZero();

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> feed =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/oncall/feed/" + token + ".ics"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
    assertThat(feed.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(feed.body())
        .contains("BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:On call: Feed " + team);

    // a new address ends the old one; a guessed one finds nothing
    asAnn.post("/api/oncall/feed-token", "");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://localhost:" + port + "/api/oncall/feed/" + token + ".ics"))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/oncall/feed-token"))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    assertThat(asAnn.get("/api/oncall/my-shifts.ics").body()).contains("BEGIN:VEVENT");
  }

  @Test
  void aShiftIsRemindedOnceBeforeItStarts() {
    long id = schedule("Remind " + team, List.of(bob), false).get("id").asLong();
    Instant now = Instant.now();
    Instant start = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(20));
    asManager.post(
        "/api/oncall/schedules/" + id + "/overrides",
        "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
            .formatted(ann, start, start.plus(Duration.ofHours(1))));
    OnCall.Schedule schedule = store.schedule(id).orElseThrow();

    // lead time 30 minutes: due now (the periodic check may have sent it already), once
    String key = "oncall:reminder:" + id + ":" + ann + ":" + start.getEpochSecond();
    List<String> sent = reminders.remind(schedule, now);
    assertThat(sent).isSubsetOf(key);
    assertThat(reminders.remind(schedule, now.plusSeconds(30))).isEmpty();
    assertThat(PagingGateway.shared().to(annMobile))
        .filteredOn(d -> d.text().contains("Remind " + team))
        .singleElement()
        .satisfies(d -> assertThat(d.channel()).isEqualTo("dingtalk"));
    // bob's shift after ann's is an hour and 20 minutes away: not yet
    assertThat(
            count(
                "SELECT count(*) FROM notification WHERE idempotency_key LIKE ?",
                "oncall:reminder:" + id + ":" + bob + ":%"))
        .isZero();
  }

  @Test
  void aChangeOfShiftOfATierOneTeamStartsOneHandoverAndOtherTeamsNone() {
    long id = schedule("Handover " + team, List.of(bob), false).get("id").asLong();
    Instant now = Instant.now();
    Instant change = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    asManager.post(
        "/api/oncall/schedules/" + id + "/overrides",
        "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
            .formatted(ann, change, change.plus(Duration.ofHours(2))));
    // Not yet a tier group of any service: nothing to hand over.
    handovers.handOver(now);
    assertThat(count("SELECT count(*) FROM handover WHERE schedule_id = ?", Long.toString(id)))
        .isZero();

    jdbc.update(
        "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group, tier2_group, tier3_group)"
            + " VALUES (?, ?, 'support', ?, ?, 'tier2', 'tier3')",
        "svc-" + team,
        "Service of " + team,
        team,
        team);
    assertThat(handovers.handOver(now))
        .anySatisfy(
            record -> {
              assertThat(record.scheduleId()).isEqualTo(Long.toString(id));
              assertThat(record.tier()).isEqualTo(1);
              assertThat(record.outgoingUser()).isEqualTo(bob);
              assertThat(record.incomingUser()).isEqualTo(ann);
              assertThat(Instant.parse(record.shiftStart())).isEqualTo(change);
              assertThat(Instant.parse(record.shiftEnd()))
                  .isEqualTo(change.plus(Duration.ofHours(2)));
            });
    // Seen again by the next check: still one handover, one process.
    handovers.handOver(now.plusSeconds(60));
    assertThat(count("SELECT count(*) FROM handover WHERE schedule_id = ?", Long.toString(id)))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM handover WHERE schedule_id = ? AND process_instance_key IS NOT NULL",
                Long.toString(id)))
        .isEqualTo(1);
  }

  @Test
  void aGapInTheNextDaysBecomesATaskForTheManagerThatEndsWhenItIsCovered() throws Exception {
    // the rotation starts in three days: nobody is on call until then
    Browser.Response created =
        asManager.post(
            "/api/oncall/schedules",
            """
        {"name":"Gap %s","team":"%s","timeZone":"Asia/Shanghai",
         "layers":[{"name":"primary","members":["%s"],"turn":"weekly","handoffTime":"09:00","startDate":"%s"}]}"""
                .formatted(team, team, ann, today(3)));
    long id = created.json().get("id").asLong();
    OnCall.Schedule schedule = store.schedule(id).orElseThrow();
    Instant now = Instant.now();
    // raised once, by this scan or by the periodic check
    gapWatch.scan(schedule, now);
    assertThat(count("SELECT count(*) FROM oncall_gap_alert WHERE schedule_id = ?", id))
        .isEqualTo(1);
    assertThat(gapWatch.scan(schedule, now.plusSeconds(60))).isEmpty();
    JsonNode task = awaitTask(asManager, id, true);
    assertThat(task.get("processDefinitionId").asText()).isEqualTo("on-call-gap");
    assertThat(asAnn.get("/api/tasks?process=on-call-gap").json().get("items").toString())
        .doesNotContain(task.get("key").asText());
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE action = 'oncall.gap-raised' AND object_id = ?",
                Long.toString(id)))
        .isEqualTo(1);

    // the manager covers the gap with an override: the next check ends the task
    JsonNode gap = finalSchedule(id, now, now.plus(Duration.ofDays(14))).get("gaps").get(0);
    Browser.Response cover =
        asManager.post(
            "/api/oncall/schedules/" + id + "/overrides",
            "{\"user\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(bob, now.minusSeconds(5), gap.get("end").asText()));
    assertThat(cover.status()).as(cover.body()).isEqualTo(201);
    assertThat(gapWatch.scan(schedule, Instant.now())).isEmpty();
    awaitTask(asManager, id, false);
  }

  /** Waits until the manager's inbox has (or no longer has) the gap task of the schedule. */
  JsonNode awaitTask(ApiClient client, long scheduleId, boolean present)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonNode items = client.get("/api/tasks?process=on-call-gap&view=all").json().get("items");
      JsonNode found = null;
      for (JsonNode item : items) {
        if (item.path("businessKey").asText().startsWith("oncall-gap:" + scheduleId + ":")) {
          found = item;
        }
      }
      if ((found != null) == present) {
        return found;
      }
      assertThat(System.nanoTime()).as("gap task present=" + present).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
