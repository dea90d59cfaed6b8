package life.suoke.ops.backend.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /api/calendars} for every signed-in user and {@code /api/admin/calendars} for admins:
 * every bad field named, nothing half-written, every change audited, roles enforced on the server.
 */
class CalendarApiTest extends ApplicationTest {

  static final String LUNCH_WEEK =
      """
      {"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"18:00"}],
       "TUESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"18:00"}],
       "WEDNESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"18:00"}],
       "THURSDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"18:00"}],
       "FRIDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],
       "SATURDAY":[],"SUNDAY":[]}""";

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;

  ApiClient admin;
  String adminName;
  String id;

  @BeforeEach
  void signInAsAdmin() {
    adminName = newUser(directory, "admin", "admins");
    admin = new ApiClient(port, adminName, PASSWORD);
    id = "api-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anAdministratorCreatesReadsUpdatesAndDeletesACalendar() {
    Browser.Response created =
        admin.post(
            "/api/admin/calendars",
            """
        {"id":"%s","name":"上海办公室"}"""
                .formatted(id));
    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(body.get("workingWeek").get("MONDAY").toString())
        .isEqualTo("[{\"start\":\"09:00\",\"end\":\"18:00\"}]");
    assertThat(body.get("workingWeek").get("SUNDAY").toString()).isEqualTo("[]");
    assertThat(body.get("businessDay").asText()).isEqualTo("PT9H");

    Browser.Response updated =
        admin.put(
            "/api/admin/calendars/" + id,
            """
        {"name":"Shanghai office","timeZone":"Asia/Shanghai","workingWeek":%s,
         "days":[{"date":"2026-10-01","kind":"HOLIDAY","name":"国庆节"},{"date":"2026-10-10","kind":"WORKDAY","name":"调休"}]}"""
                .formatted(LUNCH_WEEK));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("businessDay").asText()).isEqualTo("PT8H");
    assertThat(updated.json().get("days")).hasSize(2);
    assertThat(updated.json().get("years").toString()).isEqualTo("[2026]");

    JsonNode listed = admin.get("/api/calendars").json();
    assertThat(ids(listed)).contains("default", id);
    JsonNode read = admin.get("/api/calendars/" + id).json();
    assertThat(read.get("name").asText()).isEqualTo("Shanghai office");
    assertThat(read.get("workingWeek").get("FRIDAY").get(1).get("end").asText()).isEqualTo("17:00");
    assertThat(read.get("days").get(1).get("kind").asText()).isEqualTo("WORKDAY");
    assertThat(admin.get("/api/calendars/" + id + "?year=2025").json().get("days")).isEmpty();

    assertThat(admin.delete("/api/admin/calendars/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/api/calendars/" + id).status()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM business_calendar_day WHERE calendar_id = ?", Long.class, id))
        .isZero();
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_type = 'calendar' AND object_id = ? ORDER BY id",
                String.class,
                id))
        .containsExactly("calendar.create", "calendar.update", "calendar.delete");
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM audit_event WHERE action = 'calendar.update' AND object_id = ?",
                String.class,
                id))
        .isEqualTo(adminName);
  }

  @Test
  void badInputNamesEveryFieldAndWritesNothing() {
    long calendarsBefore =
        jdbc.queryForObject("SELECT count(*) FROM business_calendar", Long.class);
    Browser.Response refused =
        admin.post(
            "/api/admin/calendars",
            """
        {"id":"Not A Slug!","name":" ","timeZone":"Mars/Olympus",
         "workingWeek":{"MONDAY":[{"start":"18:00","end":"09:00"}],
                        "TUESDAY":[{"start":"09:00","end":"13:00"},{"start":"12:00","end":"18:00"}],
                        "WEDNESDAY":[{"start":"9am","end":"25:00"}],
                        "FUNDAY":[{"start":"09:00","end":"10:00"}]},
         "days":[{"date":"2026-10-01","kind":"HOLIDAY"},{"date":"2026-10-01","kind":"HOLIDAY"},
                 {"date":"2026-10-08","kind":"WORKDAY"},{"date":"2026-13-01","kind":"HOLIDAY"},
                 {"date":"2026-10-11","kind":"VACATION"}]}""");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(fields(refused))
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "timeZone",
            "workingWeek.MONDAY[0].end",
            "workingWeek.TUESDAY",
            "workingWeek.WEDNESDAY[0].start",
            "workingWeek.WEDNESDAY[0].end",
            "workingWeek.FUNDAY",
            "days[1].date",
            "days[3].date",
            "days[4].kind");
    assertThat(reason(refused, "workingWeek.TUESDAY")).contains("overlap");
    assertThat(reason(refused, "days[1].date")).contains("duplicates days[0]");

    // a WORKDAY on a normal working day, and a week without any working hours
    Browser.Response second =
        admin.post(
            "/api/admin/calendars",
            """
        {"id":"%s","name":"x","days":[{"date":"2026-10-08","kind":"WORKDAY"}]}"""
                .formatted(id));
    assertThat(fields(second)).containsExactly("days[0].kind");
    assertThat(reason(second, "days[0].kind")).contains("Thursday");
    Browser.Response empty =
        admin.post(
            "/api/admin/calendars",
            """
        {"id":"%s","name":"x","workingWeek":{"SATURDAY":[]}}"""
                .formatted(id));
    assertThat(fields(empty)).containsExactly("workingWeek");
    Browser.Response wrongType =
        admin.post(
            "/api/admin/calendars",
            """
        {"id":"%s","name":"x","workingWeek":"weekdays"}"""
                .formatted(id));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(fields(wrongType)).containsExactly("workingWeek");

    assertThat(jdbc.queryForObject("SELECT count(*) FROM business_calendar", Long.class))
        .isEqualTo(calendarsBefore);
    assertThat(
            admin
                .post(
                    "/api/admin/calendars",
                    """
        {"id":"default","name":"again"}""")
                .json()
                .get("errors")
                .get(0)
                .get("reason")
                .asText())
        .isEqualTo("is taken");
  }

  @Test
  void theDefaultCalendarCannotBeDeleted() {
    Browser.Response refused = admin.delete("/api/admin/calendars/default");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).contains("default");
    assertThat(admin.get("/api/calendars/default").status()).isEqualTo(200);
    assertThat(admin.delete("/api/admin/calendars/no-such-calendar").status()).isEqualTo(404);
  }

  @Test
  void holidaysAndMakeUpDaysAreAddedChangedAndRemoved() {
    admin.post(
        "/api/admin/calendars",
        """
        {"id":"%s","name":"Days"}"""
            .formatted(id));
    String days = "/api/admin/calendars/" + id + "/days";

    JsonNode one =
        admin
            .post(
                days,
                """
        {"date":"2026-05-01","kind":"HOLIDAY","name":"劳动节"}""")
            .json();
    assertThat(one.get("added").asInt()).isEqualTo(1);
    JsonNode many =
        admin
            .post(
                days,
                """
        [{"date":"2026-05-01","kind":"HOLIDAY","name":"Labour Day"},{"date":"2026-05-09","kind":"WORKDAY","name":"调休"},
         {"date":"2027-01-01","kind":"HOLIDAY","name":"元旦"}]""")
            .json();
    assertThat(many.get("added").asInt()).isEqualTo(2);
    assertThat(many.get("updated").asInt()).isEqualTo(1);
    assertThat(admin.get(days + "?year=2026").json().toString())
        .isEqualTo(
            "[{\"date\":\"2026-05-01\",\"kind\":\"HOLIDAY\",\"name\":\"Labour Day\"},"
                + "{\"date\":\"2026-05-09\",\"kind\":\"WORKDAY\",\"name\":\"调休\"}]");

    Browser.Response bad =
        admin.post(
            days,
            """
        [{"date":"2026-05-04","kind":"WORKDAY"},{"date":"someday","kind":"HOLIDAY"},{"kind":"HOLIDAY"}]""");
    assertThat(fields(bad)).containsExactlyInAnyOrder("[0].kind", "[1].date", "[2].date");
    Browser.Response badOne =
        admin.post(
            days,
            """
        {"date":"2026-05-04","kind":"sometimes","name":"%s"}"""
                .formatted("x".repeat(201)));
    assertThat(fields(badOne)).containsExactlyInAnyOrder("kind", "name");
    assertThat(admin.get(days).json()).hasSize(3);

    assertThat(admin.delete(days + "/2026-05-09").status()).isEqualTo(204);
    assertThat(admin.delete(days + "/2026-05-09").status()).isEqualTo(404);
    assertThat(fields(admin.delete(days + "/not-a-date"))).containsExactly("date");
    assertThat(admin.delete(days + "?year=2027").json().get("deleted").asInt()).isEqualTo(1);
    assertThat(fields(admin.delete(days))).containsExactly("year");
    assertThat(admin.get(days).json()).hasSize(1);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_type = 'calendar' AND object_id = ? ORDER BY id",
                String.class,
                id))
        .containsExactly(
            "calendar.create",
            "calendar.days-save",
            "calendar.days-save",
            "calendar.days-delete",
            "calendar.days-delete");
  }

  @Test
  void aWorkingWeekThatSwallowsAMakeUpDayIsRefused() {
    admin.post(
        "/api/admin/calendars",
        """
        {"id":"%s","name":"Week","days":[{"date":"2026-10-10","kind":"WORKDAY"}]}"""
            .formatted(id));
    Browser.Response refused =
        admin.put(
            "/api/admin/calendars/" + id,
            """
        {"name":"Week","workingWeek":{"MONDAY":[{"start":"09:00","end":"18:00"}],"SATURDAY":[{"start":"10:00","end":"16:00"}]}}""");
    assertThat(fields(refused)).containsExactly("workingWeek");
    assertThat(reason(refused, "workingWeek")).contains("2026-10-10");
    assertThat(
            fields(
                admin.put(
                    "/api/admin/calendars/" + id,
                    """
        {"id":"other","name":"Week"}""")))
        .containsExactly("id");
    assertThat(admin.get("/api/calendars/" + id).json().get("workingWeek").get("SATURDAY"))
        .isEmpty();
  }

  @Test
  void deadlinesAndBusinessTimeAreComputedOnTheDefaultCalendar() {
    // National Day 2026: 30 September 17:00 Beijing time plus 2 business hours is 8 October 10:00
    JsonNode due =
        admin
            .get("/api/calendars/default/due?start=2026-09-30T17:00:00%2B08:00&businessTime=PT2H")
            .json();
    assertThat(due.get("due").asText()).isEqualTo("2026-10-08T02:00:00Z");
    assertThat(due.get("businessTime").asText()).isEqualTo("PT2H");
    JsonNode days =
        admin.get("/api/calendars/default/due?start=2026-02-13T02:00:00Z&businessDays=2").json();
    assertThat(days.get("due").asText()).isEqualTo("2026-02-24T02:00:00Z");
    assertThat(days.get("businessTime").asText()).isEqualTo("PT18H");
    JsonNode between =
        admin
            .get(
                "/api/calendars/default/business-time?from=2026-09-30T00:00:00Z&to=2026-10-09T00:00:00Z")
            .json();
    // 30 September and 8 October, nine hours each; 1-7 October are the holiday
    assertThat(between.get("businessTime").asText()).isEqualTo("PT18H");
    assertThat(between.get("seconds").asLong()).isEqualTo(18 * 3600);

    assertThat(fields(admin.get("/api/calendars/default/due?businessTime=PT1H")))
        .containsExactly("start");
    assertThat(fields(admin.get("/api/calendars/default/due?start=yesterday&businessTime=PT1H")))
        .containsExactly("start");
    assertThat(
            fields(
                admin.get(
                    "/api/calendars/default/due?start=2026-01-05T01:00:00Z&businessTime=8%20hours")))
        .containsExactly("businessTime");
    assertThat(
            fields(
                admin.get(
                    "/api/calendars/default/due?start=2026-01-05T01:00:00Z&businessTime=-PT1H")))
        .containsExactly("businessTime");
    assertThat(fields(admin.get("/api/calendars/default/due?start=2026-01-05T01:00:00Z")))
        .containsExactly("businessTime");
    assertThat(
            fields(
                admin.get("/api/calendars/default/due?start=2026-01-05T01:00:00Z&businessDays=-1")))
        .containsExactly("businessDays");
    assertThat(
            fields(
                admin.get(
                    "/api/calendars/default/business-time?from=2026-01-05T01:00:00Z&to=2026-01-04T01:00:00Z")))
        .containsExactly("to");
    assertThat(
            admin
                .get("/api/calendars/no-such/due?start=2026-01-05T01:00:00Z&businessTime=PT1H")
                .status())
        .isEqualTo(404);
  }

  @Test
  void everySignedInUserReadsButOnlyAdministratorsChange() {
    admin.post(
        "/api/admin/calendars",
        """
        {"id":"%s","name":"Roles"}"""
            .formatted(id));
    ApiClient responder =
        new ApiClient(port, newUser(directory, "responder", "tier1-oncall"), PASSWORD);
    String auditorName = newUser(directory, "auditor", "auditors");
    ApiClient auditor = new ApiClient(port, auditorName, PASSWORD);

    for (ApiClient reader : List.of(responder, auditor)) {
      assertThat(reader.get("/api/calendars").status()).isEqualTo(200);
      assertThat(reader.get("/api/calendars/" + id).status()).isEqualTo(200);
      assertThat(
              reader
                  .get("/api/calendars/" + id + "/due?start=2026-01-05T01:00:00Z&businessDays=1")
                  .status())
          .isEqualTo(200);
      assertThat(reader.post("/api/admin/calendars", "{\"id\":\"sneaky\",\"name\":\"x\"}").status())
          .isEqualTo(403);
      assertThat(reader.put("/api/admin/calendars/" + id, "{\"name\":\"changed\"}").status())
          .isEqualTo(403);
      assertThat(reader.delete("/api/admin/calendars/" + id).status()).isEqualTo(403);
      assertThat(
              reader
                  .post(
                      "/api/admin/calendars/" + id + "/days",
                      "{\"date\":\"2026-05-01\",\"kind\":\"HOLIDAY\"}")
                  .status())
          .isEqualTo(403);
      assertThat(reader.delete("/api/admin/calendars/" + id + "/days?year=2026").status())
          .isEqualTo(403);
    }
    assertThat(auditor.get("/api/admin/calendars/" + id + "/days").status()).isEqualTo(200);
    assertThat(responder.get("/api/admin/calendars/" + id + "/days").status()).isEqualTo(403);
    assertThat(new Browser(port).get("/api/calendars").status()).isEqualTo(401);

    CalendarHttp auditorFiles = new CalendarHttp(port, auditorName, PASSWORD);
    assertThat(
            auditorFiles
                .postCalendar(
                    "/api/admin/calendars/" + id + "/import",
                    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
                .status())
        .isEqualTo(403);
    assertThat(admin.get("/api/calendars/" + id).json().get("name").asText()).isEqualTo("Roles");
    assertThat(admin.get("/api/calendars/" + id).json().get("days")).isEmpty();
  }

  static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(calendar -> ids.add(calendar.get("id").asText()));
    return ids;
  }

  static List<String> fields(Browser.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    response.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
    return fields;
  }

  static String reason(Browser.Response response, String field) {
    for (JsonNode error : response.json().get("errors")) {
      if (error.get("field").asText().equals(field)) {
        return error.get("reason").asText();
      }
    }
    throw new AssertionError("no error for " + field + " in " + response.body());
  }
}
