package life.suoke.ops.backend.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import life.suoke.ops.backend.review.ReviewTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The KPIs over HTTP on a known data set: six incidents of two services of one team in March 2025
 * (Asia/Shanghai) and one just after midnight of April 1st there, with SLA clocks, ratings, outages
 * (overlapping, across the month's end, of a cancelled incident), reviews, action items and pages.
 * Every expected figure is worked out by hand in the comments.
 */
class KpiApiTest extends ReviewTestSupport {

  @Autowired KpiMetrics metrics;
  @Autowired KpiService kpis;
  @Autowired KpiProperties properties;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  private String team;
  private String core;
  private String support;
  private String tierA;
  private String manager;
  private String alice;
  private String bob;
  private final List<String> numbers = new ArrayList<>();

  @BeforeEach
  void knownDataSet() {
    team = group("kpi-team");
    tierA = group("kpi-tier-a");
    core = unique("kpi-core");
    support = unique("kpi-support");
    manager = user("kpi-manager", "incident-managers");
    alice = unique("alice");
    bob = unique("bob");
    jdbc.update(
        "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group, tier2_group,"
            + " tier3_group) VALUES (?, 'Core', 'core', ?, ?, ?, ?)",
        core,
        team,
        tierA,
        team,
        team);
    jdbc.update(
        "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group, tier2_group,"
            + " tier3_group) VALUES (?, 'Support', 'support', ?, ?, ?, ?)",
        support,
        team,
        team,
        team,
        team);

    // A1 core P1: ack after 300 s (handling starts then), resolved after 3600 s, closed, rated 5;
    // full outage 10:00-10:30 (30 min); both clocks met; paged alice (day)
    String a1 =
        incident(
            core, "core", "P1", "closed", "2025-03-03T10:00:00+08:00", 300L, 300L, 3600L, 1, 5);
    outage(a1, "2025-03-03T10:00:00+08:00", "2025-03-03T10:30:00+08:00", "full");
    sla(a1, "response", "P1", "met");
    sla(a1, "handling", "P1", "met");
    page(a1, 1, alice, "2025-03-03T10:01:00+08:00", "PAGE", "SENT");
    // A2 core P0: ack after 600 s, handling after 900 s, resolved after 7200 s, escalated to tier
    // 2,
    // rated 2; partial outage 23:00-01:00 (120 min); response met, handling breached; paged alice
    // and bob at night; a failed page and an information are no pages
    String a2 =
        incident(
            core, "core", "P0", "closed", "2025-03-10T23:00:00+08:00", 600L, 900L, 7200L, 2, 2);
    outage(a2, "2025-03-10T23:00:00+08:00", "2025-03-11T01:00:00+08:00", "partial");
    sla(a2, "response", "P0", "met");
    sla(a2, "handling", "P0", "breached");
    page(a2, 1, alice, "2025-03-10T23:05:00+08:00", "PAGE", "SENT");
    page(a2, 2, bob, "2025-03-10T23:20:00+08:00", "PAGE", "SENT");
    page(a2, 3, bob, "2025-03-10T23:25:00+08:00", "PAGE", "FAILED");
    page(a2, 4, alice, "2025-03-10T23:30:00+08:00", "INFO", "SENT");
    // A3 core P2: ack after 1200 s (handling then), resolved after 1800 s, not closed; full outage
    // 00:30-00:50 inside A2's partial one (20 min full; the partial beyond full is 120 - 20 = 100);
    // response breached, handling met; paged bob at 07:00, the end of the night (day)
    String a3 =
        incident(
            core,
            "core",
            "P2",
            "resolved",
            "2025-03-11T00:30:00+08:00",
            1200L,
            1200L,
            1800L,
            1,
            null);
    outage(a3, "2025-03-11T00:30:00+08:00", "2025-03-11T00:50:00+08:00", "full");
    sla(a3, "response", "P2", "breached");
    sla(a3, "handling", "P2", "met");
    page(a3, 1, bob, "2025-03-11T07:00:00+08:00", "PAGE", "SENT");
    // B1 support P3: cancelled; its outage and clocks count nowhere
    String b1 =
        incident(
            support,
            "support",
            "P3",
            "cancelled",
            "2025-03-20T09:00:00+08:00",
            null,
            null,
            null,
            1,
            null);
    outage(b1, "2025-03-20T09:00:00+08:00", "2025-03-20T10:00:00+08:00", "full");
    sla(b1, "response", "P3", "cancelled");
    // B2 support P2: ack after 120 s (handling then), open, paged up to tier 3; response met,
    // handling running past its breach time (breached); paged alice at 23:31 (night)
    String b2 =
        incident(
            support,
            "support",
            "P2",
            "acknowledged",
            "2025-03-31T23:30:00+08:00",
            120L,
            120L,
            null,
            3,
            null);
    sla(b2, "response", "P2", "met");
    sla(b2, "handling", "P2", null);
    page(b2, 1, alice, "2025-03-31T23:31:00+08:00", "PAGE", "SENT");
    // B3 support P1: created 00:10 on April 1st in Shanghai (still March 31st in UTC): April's;
    // partial outage 23:00 (March) - 01:00 (April): 60 min in each month; paged alice in April
    String b3 =
        incident(
            support,
            "support",
            "P1",
            "triaged",
            "2025-04-01T00:10:00+08:00",
            null,
            null,
            null,
            1,
            null);
    outage(b3, "2025-03-31T23:00:00+08:00", "2025-04-01T01:00:00+08:00", "partial");
    page(b3, 1, alice, "2025-04-01T00:15:00+08:00", "PAGE", "SENT");
    // reviews: A1's closed, A2's in progress and started late; A2's items: one open and overdue,
    // one done, one open due in 2099
    review(a1, core, "closed", false);
    review(a2, core, "in-progress", true);
    item(a2, 1, "open", "2025-04-01T00:00:00Z");
    item(a2, 2, "done", "2025-04-01T00:00:00Z");
    item(a2, 3, "open", "2099-01-01T00:00:00Z");
  }

  @Test
  void everyFigureOfTheMonthIsTheOneWorkedOutByHand() {
    JsonNode summary = getOk(manager, "/api/kpi/summary?month=2025-03&team=" + team);
    assertThat(summary.path("period").path("zone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(summary.path("period").path("from").asText()).isEqualTo("2025-02-28T16:00:00Z");
    assertThat(summary.path("period").path("to").asText()).isEqualTo("2025-03-31T16:00:00Z");
    JsonNode t = summary.path("totals");
    // live: A1, A2, A3, B2; cancelled: B1; B3 is April's
    assertThat(t.path("incidents").asLong()).isEqualTo(4);
    assertThat(t.path("cancelled").asLong()).isEqualTo(1);
    assertThat(t.path("byPriority").toString()).isEqualTo("{\"P0\":1,\"P1\":1,\"P2\":2,\"P3\":0}");
    // MTTA (300 + 600 + 1200 + 120) / 4 = 555; MTTR (3600 + 7200 + 1800) / 3 = 4200;
    // time to start handling (300 + 900 + 1200 + 120) / 4 = 630
    assertThat(t.path("acknowledged").asLong()).isEqualTo(4);
    assertThat(t.path("mttaSeconds").asDouble()).isCloseTo(555, within(0.001));
    assertThat(t.path("resolved").asLong()).isEqualTo(3);
    assertThat(t.path("mttrSeconds").asDouble()).isCloseTo(4200, within(0.001));
    assertThat(t.path("timeToHandleSeconds").asDouble()).isCloseTo(630, within(0.001));
    // escalated: A2 (tier 2), B2 (tier 3): 2 of 4
    assertThat(t.path("escalated").asLong()).isEqualTo(2);
    assertThat(t.path("escalationRate").asDouble()).isEqualTo(0.5);
    // clocks: met A1r A1h A2r A3h B2r = 5, breached A2h A3r B2h = 3: 5 / 8
    assertThat(t.path("slaMet").asLong()).isEqualTo(5);
    assertThat(t.path("slaBreached").asLong()).isEqualTo(3);
    assertThat(t.path("slaAchievement").asDouble()).isEqualTo(0.625);
    // ratings 5 and 2: 3.5, one satisfied
    assertThat(t.path("rated").asLong()).isEqualTo(2);
    assertThat(t.path("csat").asDouble()).isEqualTo(3.5);
    assertThat(t.path("satisfied").asLong()).isEqualTo(1);

    List<String> sla = new ArrayList<>();
    summary
        .path("sla")
        .forEach(
            s ->
                sla.add(
                    s.path("priority").asText()
                        + " "
                        + s.path("target").asText()
                        + " "
                        + s.path("met").asLong()
                        + "/"
                        + s.path("breached").asLong()
                        + "/"
                        + s.path("running").asLong()
                        + " "
                        + s.path("achievement").asText()));
    assertThat(sla)
        .containsExactly(
            "P0 response 1/0/0 1.0",
            "P0 handling 0/1/0 0.0",
            "P1 response 1/0/0 1.0",
            "P1 handling 1/0/0 1.0",
            "P2 response 1/1/0 0.5",
            "P2 handling 1/1/0 0.5");

    JsonNode reviews = summary.path("reviews");
    assertThat(reviews.path("reviews").asLong()).isEqualTo(2);
    assertThat(reviews.path("closed").asLong()).isEqualTo(1);
    assertThat(reviews.path("completionRate").asDouble()).isEqualTo(0.5);
    assertThat(reviews.path("lateStarts").asLong()).isEqualTo(1);
    assertThat(reviews.path("actionItems").asLong()).isEqualTo(3);
    assertThat(reviews.path("actionItemsDone").asLong()).isEqualTo(1);
    assertThat(reviews.path("actionItemsOpen").asLong()).isEqualTo(2);
    assertThat(reviews.path("actionItemsOverdue").asLong()).isEqualTo(1);

    // pages sent in March: alice 10:01 (day), 23:05 (night), 23:31 (night); bob 23:20 (night),
    // 07:00 (day)
    assertThat(summary.path("pages").asLong()).isEqualTo(5);
    assertThat(summary.path("nightPages").asLong()).isEqualTo(3);
    JsonNode onCall = getOk(manager, "/api/kpi/oncall?month=2025-03&team=" + team);
    assertThat(onCall).hasSize(2);
    assertThat(onCall.get(0).path("person").asText()).isEqualTo(alice);
    assertThat(onCall.get(0).path("pages").asLong()).isEqualTo(3);
    assertThat(onCall.get(0).path("nightPages").asLong()).isEqualTo(2);
    assertThat(onCall.get(0).path("incidents").asLong()).isEqualTo(3);
    assertThat(onCall.get(1).path("person").asText()).isEqualTo(bob);
    assertThat(onCall.get(1).path("pages").asLong()).isEqualTo(2);
    assertThat(onCall.get(1).path("nightPages").asLong()).isEqualTo(1);

    // availability, March = 31 x 1440 = 44640 min. core: full 30 + 20, partial beyond full 100 x
    // 0.5:
    // 100 min down; 1 - 100 / 44640; budget 0.1 % = 44.64 min, left -55.36. support: B1 cancelled,
    // B3's partial 60 min in March x 0.5 = 30 min; budget 1 % = 446.4, left 416.4
    JsonNode availability = summary.path("availability");
    assertThat(availability).hasSize(2);
    JsonNode c = byService(availability, core);
    assertThat(c.path("month").asText()).isEqualTo("2025-03");
    assertThat(c.path("periodMinutes").asDouble()).isEqualTo(44640);
    assertThat(c.path("fullOutageMinutes").asDouble()).isEqualTo(50);
    assertThat(c.path("partialOutageMinutes").asDouble()).isEqualTo(100);
    assertThat(c.path("downtimeMinutes").asDouble()).isEqualTo(100);
    assertThat(c.path("availability").asDouble()).isCloseTo(1 - 100.0 / 44640, within(1e-9));
    assertThat(c.path("target").asDouble()).isEqualTo(0.999);
    assertThat(c.path("met").asBoolean()).isFalse();
    assertThat(c.path("budgetMinutes").asDouble()).isEqualTo(44.64);
    assertThat(c.path("budgetLeftMinutes").asDouble()).isEqualTo(-55.36);
    assertThat(c.path("incidents").asLong()).isEqualTo(3);
    JsonNode s = byService(availability, support);
    assertThat(s.path("downtimeMinutes").asDouble()).isEqualTo(30);
    assertThat(s.path("availability").asDouble()).isCloseTo(1 - 30.0 / 44640, within(1e-9));
    assertThat(s.path("met").asBoolean()).isTrue();
    assertThat(s.path("budgetMinutes").asDouble()).isEqualTo(446.4);
    assertThat(s.path("budgetLeftMinutes").asDouble()).isEqualTo(416.4);
    assertThat(s.path("budgetLeftRatio").asDouble()).isCloseTo(416.4 / 446.4, within(1e-9));
    // April: B3's other 60 partial minutes over 30 x 1440 = 43200
    JsonNode april =
        byService(
            getOk(manager, "/api/kpi/availability?month=2025-04&service=" + support), support);
    assertThat(april.path("downtimeMinutes").asDouble()).isEqualTo(30);
    assertThat(april.path("budgetMinutes").asDouble()).isEqualTo(432);
  }

  @Test
  void breakdownsTrendsAndTheIncidentsBehindAFigure() {
    JsonNode byService = getOk(manager, "/api/kpi/breakdown?by=service&month=2025-03&team=" + team);
    assertThat(byService).hasSize(2);
    assertThat(byService(byService, core).path("incidents").asLong()).isEqualTo(3);
    // core: MTTA (300 + 600 + 1200) / 3 = 700; CSAT (5 + 2) / 2
    assertThat(byService(byService, core).path("mttaSeconds").asDouble())
        .isCloseTo(700, within(0.001));
    assertThat(byService(byService, core).path("csat").asDouble()).isEqualTo(3.5);
    assertThat(byService(byService, support).path("incidents").asLong()).isEqualTo(1);
    assertThat(byService(byService, support).path("cancelled").asLong()).isEqualTo(1);
    assertThat(byService(byService, support).path("slaAchievement").asDouble()).isEqualTo(0.5);

    JsonNode byTeam = getOk(manager, "/api/kpi/breakdown?by=team&month=2025-03&team=" + team);
    assertThat(byTeam).hasSize(1);
    assertThat(byTeam.get(0).path("key").asText()).isEqualTo(team);
    assertThat(byTeam.get(0).path("csat").asDouble()).isEqualTo(3.5);

    JsonNode trend =
        getOk(manager, "/api/kpi/breakdown?by=month&from=2025-02-01&to=2025-04-30&team=" + team);
    assertThat(trend).hasSize(2);
    assertThat(trend.get(0).path("key").asText()).isEqualTo("2025-03");
    assertThat(trend.get(0).path("incidents").asLong()).isEqualTo(4);
    assertThat(trend.get(1).path("key").asText()).isEqualTo("2025-04");
    assertThat(trend.get(1).path("incidents").asLong()).isEqualTo(1);
    assertThat(trend.get(1).path("byPriority").path("P1").asLong()).isEqualTo(1);

    JsonNode byPriority =
        getOk(
            manager, "/api/kpi/breakdown?by=priority&month=2025-03&team=" + team + "&priority=P2");
    assertThat(byPriority).hasSize(1);
    assertThat(byPriority.get(0).path("incidents").asLong()).isEqualTo(2);

    assertThat(drill("escalated", "")).containsExactly(numbers.get(4), numbers.get(1));
    assertThat(drill("sla-breached", "&target=response")).containsExactly(numbers.get(2));
    assertThat(drill("sla-breached", ""))
        .containsExactly(numbers.get(4), numbers.get(2), numbers.get(1));
    assertThat(drill("dissatisfied", "")).containsExactly(numbers.get(1));
    assertThat(drill("actions-overdue", "")).containsExactly(numbers.get(1));
    assertThat(drill("cancelled", "")).containsExactly(numbers.get(3));
    // outages overlapping March: B3's started in March, though B3 is April's
    assertThat(drill("outage", ""))
        .containsExactly(numbers.get(5), numbers.get(2), numbers.get(1), numbers.get(0));
    JsonNode page =
        getOk(
            manager,
            "/api/kpi/incidents?figure=incidents&month=2025-03&size=2&page=1&team=" + team);
    assertThat(page.path("total").asLong()).isEqualTo(4);
    assertThat(page.path("items")).hasSize(2);
    JsonNode row = page.path("items").get(1);
    assertThat(row.path("number").asText()).isEqualTo(numbers.get(0));
    assertThat(row.path("ackSeconds").asLong()).isEqualTo(300);
    assertThat(row.path("resolveSeconds").asLong()).isEqualTo(3600);
    assertThat(row.path("satisfaction").asInt()).isEqualTo(5);
    assertThat(row.path("outageMinutes").asDouble()).isEqualTo(30);
  }

  @Test
  void theMonthlyReportIsCsvAndPdfWithChineseText() throws IOException {
    Http csv = download(manager, "/api/kpi/report?month=2025-03&format=csv&team=" + team);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.disposition()).contains("kpi-report-2025-03.csv");
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFsection,group,figure,value\r\n");
    assertThat(text)
        .contains(
            "total,all,incidents,4\r\n",
            "total,all,incidents_P2,2\r\n",
            "total,all,mtta_seconds,555\r\n",
            "total,all,mttr_seconds,4200\r\n",
            "total,all,time_to_handle_seconds,630\r\n",
            "total,all,escalation_rate,0.5000\r\n",
            "total,all,sla_achievement,0.6250\r\n",
            "total,all,csat,3.50\r\n",
            "sla,P2 response,achievement,0.5000\r\n",
            "reviews,all,action_items_overdue,1\r\n",
            "availability," + core + ",downtime_minutes,100.00\r\n",
            "availability," + support + ",budget_left_minutes,416.40\r\n",
            "service," + core + ",incidents,3\r\n",
            "team," + team + ",csat,3.50\r\n",
            "oncall," + alice + ",night_pages,2\r\n");

    Http pdf = download(manager, "/api/kpi/report?month=2025-03&format=pdf&team=" + team);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    PdfReader reader = new PdfReader(pdf.body());
    String page1 = new PdfTextExtractor(reader).getTextFromPage(1);
    assertThat(page1).contains("KPI report 2025-03").contains(core);
    // a font with Chinese glyphs is embedded when the machine has one (Noto Sans CJK here)
    if (new java.io.File("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists()) {
      assertThat(page1).contains("运维指标月报");
    }
    reader.close();
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    assertThat(problem("/api/kpi/summary?month=2025-13")).containsExactly("month");
    assertThat(problem("/api/kpi/summary?month=March")).containsExactly("month");
    assertThat(problem("/api/kpi/summary?month=2025-03&from=2025-03-01&to=2025-03-31"))
        .containsExactly("month");
    assertThat(problem("/api/kpi/summary?from=2025-03-01")).containsExactly("to");
    assertThat(problem("/api/kpi/summary?from=2025-03-31&to=2025-03-01")).containsExactly("to");
    assertThat(problem("/api/kpi/summary?from=2020-01-01&to=2025-03-01")).containsExactly("to");
    assertThat(problem("/api/kpi/summary?from=yesterday&to=2025-03-01")).containsExactly("from");
    assertThat(problem("/api/kpi/summary?service=" + unique("nowhere"))).containsExactly("service");
    assertThat(problem("/api/kpi/summary?service=Bad%20Name")).containsExactly("service");
    assertThat(problem("/api/kpi/summary?team=" + unique("no-team"))).containsExactly("team");
    assertThat(problem("/api/kpi/summary?priority=P9")).containsExactly("priority");
    assertThat(problem("/api/kpi/breakdown?by=day")).containsExactly("by");
    assertThat(problem("/api/kpi/breakdown")).containsExactly("by");
    assertThat(problem("/api/kpi/incidents?figure=everything")).containsExactly("figure");
    assertThat(problem("/api/kpi/incidents?target=resolution")).containsExactly("target");
    assertThat(problem("/api/kpi/incidents?size=1000")).containsExactly("size");
    assertThat(problem("/api/kpi/report?month=2025-03&format=xls")).containsExactly("format");
    assertThat(problem("/api/kpi/report?month=2025-03")).containsExactly("format");
    assertThat(problem("/api/kpi/report?month=2025-3&format=csv")).containsExactly("month");
    assertThat(problem("/api/kpi/summary?month=2025-13&priority=P7"))
        .containsExactly("month", "priority");
  }

  @Test
  void managersAuditorsAndAdminsReadAllTeamsTheirOwnServicesOthersNothing() {
    String auditor = user("kpi-auditor", "auditors");
    String admin = user("kpi-admin", "admins");
    String memberA = user("kpi-tier-member", tierA);
    String teamMember = user("kpi-team-member", team);
    String outsider = user("kpi-outsider");

    assertThat(get(auditor, "/api/kpi/summary?month=2025-03&team=" + team).status()).isEqualTo(200);
    assertThat(get(admin, "/api/kpi/summary?month=2025-03&service=" + core).status())
        .isEqualTo(200);
    assertThat(getOk(auditor, "/api/kpi/options").path("readsAll").asBoolean()).isTrue();

    // a member of core's tier-1 group: core's figures only, by default and asked for
    JsonNode own = getOk(memberA, "/api/kpi/summary?month=2025-03");
    assertThat(own.path("totals").path("incidents").asLong()).isEqualTo(3);
    assertThat(own.path("availability")).hasSize(1);
    assertThat(getOk(memberA, "/api/kpi/options").path("services").toString())
        .isEqualTo("[\"" + core + "\"]");
    assertThat(get(memberA, "/api/kpi/summary?month=2025-03&service=" + core).status())
        .isEqualTo(200);
    assertThat(get(memberA, "/api/kpi/summary?month=2025-03&service=" + support).status())
        .isEqualTo(403);
    assertThat(get(memberA, "/api/kpi/summary?month=2025-03&team=" + team).status()).isEqualTo(403);
    assertThat(
            get(memberA, "/api/kpi/incidents?figure=outage&month=2025-03&service=" + support)
                .status())
        .isEqualTo(403);
    assertThat(
            getOk(memberA, "/api/kpi/incidents?figure=incidents&month=2025-03")
                .path("total")
                .asLong())
        .isEqualTo(3);
    // the owner team: both services, its team filter allowed
    assertThat(
            getOk(teamMember, "/api/kpi/summary?month=2025-03&team=" + team)
                .path("totals")
                .path("incidents")
                .asLong())
        .isEqualTo(4);
    // nobody's team: nothing
    assertThat(get(outsider, "/api/kpi/summary?month=2025-03").status()).isEqualTo(403);
    assertThat(get(outsider, "/api/kpi/report?month=2025-03&format=csv").status()).isEqualTo(403);
    assertThat(get(outsider, "/api/kpi/options").status()).isEqualTo(403);
    assertThat(send(null, "GET", "/api/kpi/summary", null).status()).isEqualTo(401);
  }

  @Test
  void theFiguresArePrometheusGauges() {
    // one incident of this month: acknowledged after 60 s, rated 4
    incident(
        core,
        "core",
        "P2",
        "acknowledged",
        OffsetDateTime.now().minusMinutes(10).toString(),
        60L,
        60L,
        null,
        1,
        4);
    metrics.refresh();
    assertThat(
            registry
                .find("suoke.kpi.incidents")
                .tags("service", core, "team", team, "priority", "P2")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(registry.find("suoke.kpi.mtta").tags("service", core, "team", "").gauge().value())
        .isEqualTo(60.0);
    assertThat(registry.find("suoke.kpi.csat").tags("service", "", "team", team).gauge().value())
        .isEqualTo(4.0);
    // the current month's figures: the gauges exist with their labels (this data set is March
    // 2025's)
    assertThat(registry.find("suoke.kpi.availability.target.ratio").tag("service", core).gauge())
        .isNotNull();
    assertThat(
            registry
                .find("suoke.kpi.availability.target.ratio")
                .tag("service", core)
                .gauge()
                .value())
        .isEqualTo(0.999);
    assertThat(
            registry
                .find("suoke.kpi.error.budget.remaining.ratio")
                .tag("service", support)
                .gauge()
                .value())
        .isEqualTo(1.0);
    // in Prometheus's text format (the application's /actuator/prometheus; tests run without
    // exporters)
    io.micrometer.prometheusmetrics.PrometheusMeterRegistry prometheus =
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    new KpiMetrics(kpis, properties, prometheus).refresh();
    String scrape = prometheus.scrape();
    assertThat(scrape)
        .contains(
            "suoke_kpi_incidents{priority=\"P2\",service=\""
                + core
                + "\",team=\""
                + team
                + "\"} 1.0",
            "suoke_kpi_mtta_seconds{service=\"" + core + "\",team=\"\"} 60.0");
    assertThat(scrape)
        .contains(
            "suoke_kpi_availability_target_ratio{service=\""
                + core
                + "\",team=\""
                + team
                + "\"} 0.999");
  }

  // ---- the data set

  private String incident(
      String service,
      String serviceClass,
      String priority,
      String status,
      String created,
      Long ack,
      Long handling,
      Long resolved,
      int tier,
      Integer rating) {
    OffsetDateTime at = OffsetDateTime.parse(created);
    String number =
        "INC-"
            + at.toLocalDate().toString().replace("-", "")
            + "-"
            + (100000 + ThreadLocalRandom.current().nextInt(900000));
    boolean closed = "closed".equals(status) || "cancelled".equals(status);
    jdbc.update(
        "INSERT INTO incident (number, title, service, service_class, severity, priority, status, source,"
            + " tier, tier1_group, tier2_group, tier3_group, manager_group, calendar_id, detected_at, created_at,"
            + " acknowledged_at, handling_started_at, handler, resolved_at, closed_at, satisfaction, satisfaction_at)"
            + " VALUES (?, 'KPI test', ?, ?, 'error', ?, ?, 'alert', ?, ?, ?, ?, ?, 'default', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        number,
        service,
        serviceClass,
        priority,
        status,
        tier,
        service.equals(core) ? tierA : team,
        team,
        team,
        team,
        ts(at, 0L),
        ts(at, 0L),
        ts(at, ack),
        ts(at, handling),
        handling == null ? null : "kpi-handler",
        ts(at, resolved),
        closed ? ts(at, 9000L) : null,
        rating,
        rating == null ? null : ts(at, 9000L));
    numbers.add(number);
    return number;
  }

  private static Timestamp ts(OffsetDateTime at, Long seconds) {
    return seconds == null ? null : Timestamp.from(at.plusSeconds(seconds).toInstant());
  }

  private void outage(String number, String start, String end, String kind) {
    jdbc.update(
        "UPDATE incident SET outage_start = ?, outage_end = ?, outage_kind = ? WHERE number = ?",
        ts(OffsetDateTime.parse(start), 0L),
        ts(OffsetDateTime.parse(end), 0L),
        kind,
        number);
  }

  private void sla(String number, String target, String priority, String outcome) {
    Timestamp created =
        jdbc.queryForObject(
            "SELECT created_at FROM incident WHERE number = ?", Timestamp.class, number);
    Timestamp breach = Timestamp.from(created.toInstant().plusSeconds(3600));
    jdbc.update(
        "INSERT INTO incident_sla (incident_number, target, priority, goal, goal_millis, start_time,"
            + " breach_time, stopped_at, outcome) VALUES (?, ?, ?, 'PT1H', 3600000, ?, ?, ?, ?)",
        number,
        target,
        priority,
        created,
        breach,
        outcome == null ? null : breach,
        outcome);
  }

  private void page(
      String number, int tier, String person, String at, String urgency, String state) {
    jdbc.update(
        "INSERT INTO notification (idempotency_key, recipient, channel, urgency, state, title, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, 'page', ?, ?)",
        number + ":page:" + tier + ":" + person + ":1",
        person,
        "SENT".equals(state) ? "sms" : null,
        urgency,
        state,
        ts(OffsetDateTime.parse(at), 0L),
        ts(OffsetDateTime.parse(at), 0L));
  }

  private void review(String number, String service, String status, boolean late) {
    jdbc.update(
        "INSERT INTO review (incident_number, service, status, review_owner, late_start_escalated_at)"
            + " VALUES (?, ?, ?, 'kpi-owner', ?)",
        number,
        service,
        status,
        late ? new Timestamp(0) : null);
  }

  private void item(String number, int position, String state, String due) {
    Timestamp dueAt = Timestamp.from(OffsetDateTime.parse(due).toInstant());
    jdbc.update(
        "INSERT INTO review_action_item (id, incident_number, position, title, owner, due_date, remind_at,"
            + " priority, type, state) VALUES (?, ?, ?, 'Fix it', 'kpi-owner', ?, ?, 'high', 'fix', ?)",
        number + "-" + position,
        number,
        position,
        dueAt,
        dueAt,
        state);
  }

  // ---- helpers

  private List<String> drill(String figure, String extra) {
    JsonNode page =
        getOk(
            manager, "/api/kpi/incidents?figure=" + figure + "&month=2025-03&team=" + team + extra);
    List<String> found = new ArrayList<>();
    page.path("items").forEach(i -> found.add(i.path("number").asText()));
    assertThat(page.path("total").asLong()).isEqualTo(found.size());
    return found;
  }

  private static JsonNode byService(JsonNode rows, String service) {
    for (JsonNode row : rows) {
      if (service.equals(row.path("service").asText(row.path("key").asText()))) {
        return row;
      }
    }
    throw new AssertionError("no row of " + service + " in " + rows);
  }

  private List<String> problem(String path) {
    Response response = get(manager, path);
    assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(400);
    assertThat(response.body().path("status").asInt()).isEqualTo(400);
    return response.fields();
  }

  private record Http(int status, String contentType, String disposition, byte[] body) {}

  private Http download(String user, String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
              .GET()
              .build();
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Http(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Content-Disposition").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
