package life.suoke.ops.backend.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * iCalendar in and out: import of holidays and make-up days (all or nothing) and the round trip
 * through export.
 */
class CalendarImportTest extends ApplicationTest {

  /**
   * A feed as a holiday calendar publishes it: multi-day holidays, make-up days named 班, and events
   * to skip.
   */
  static final String FEED =
      String.join(
          "\r\n",
          "BEGIN:VCALENDAR",
          "VERSION:2.0",
          "PRODID:-//Example//Holidays//ZH",
          "BEGIN:VEVENT",
          "UID:spring-2026@example",
          "DTSTAMP:20251104T000000Z",
          "DTSTART;VALUE=DATE:20260215",
          "DTEND;VALUE=DATE:20260224",
          "SUMMARY:春节 休",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:spring-makeup-1@example",
          "DTSTAMP:20251104T000000Z",
          "DTSTART;VALUE=DATE:20260214",
          "SUMMARY:春节 补班",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:spring-makeup-2@example",
          "DTSTAMP:20251104T000000Z",
          "DTSTART;VALUE=DATE:20260228",
          "DURATION:P1D",
          "SUMMARY:Spring Festival",
          "CATEGORIES:Workday",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:qingming-2026@example",
          "DTSTAMP:20251104T000000Z",
          "DTSTART;VALUE=DATE:20260404",
          "DURATION:P3D",
          "SUMMARY:清明节",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:party@example",
          "DTSTAMP:20251104T000000Z",
          "DTSTART:20260320T100000Z",
          "DTEND:20260320T120000Z",
          "SUMMARY:Team party",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:cancelled@example",
          "DTSTAMP:20251104T000000Z",
          "DTSTART;VALUE=DATE:20260601",
          "SUMMARY:Called off",
          "STATUS:CANCELLED",
          "END:VEVENT",
          "END:VCALENDAR",
          "");

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;

  ApiClient admin;
  CalendarHttp files;
  String id;

  @BeforeEach
  void aFreshCalendar() {
    String name = newUser(directory, "admin", "admins");
    admin = new ApiClient(port, name, PASSWORD);
    files = new CalendarHttp(port, name, PASSWORD);
    id = "ics-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            admin
                .post("/api/admin/calendars", "{\"id\":\"" + id + "\",\"name\":\"Import\"}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void anUploadedFileBecomesHolidaysAndMakeUpDays() {
    Browser.Response imported =
        files.upload("/api/admin/calendars/" + id + "/import", "file", "holidays.ics", FEED);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("added").asInt()).isEqualTo(9 + 2 + 3);
    assertThat(imported.json().get("updated").asInt()).isZero();
    assertThat(imported.json().get("skipped").asInt()).isEqualTo(2);

    JsonNode days = admin.get("/api/admin/calendars/" + id + "/days?year=2026").json();
    assertThat(days).hasSize(14);
    assertThat(day(days, "2026-02-15")).isEqualTo("HOLIDAY 春节 休");
    assertThat(day(days, "2026-02-23")).isEqualTo("HOLIDAY 春节 休");
    assertThat(day(days, "2026-02-24")).isNull();
    assertThat(day(days, "2026-02-14")).isEqualTo("WORKDAY 春节 补班");
    assertThat(day(days, "2026-02-28")).isEqualTo("WORKDAY Spring Festival");
    assertThat(day(days, "2026-04-06")).isEqualTo("HOLIDAY 清明节");
    assertThat(day(days, "2026-04-07")).isNull();
    assertThat(day(days, "2026-03-20")).isNull();

    // the deadline follows at once: Friday 13 February 17:00 + 2 h is the make-up Saturday
    assertThat(
            admin
                .get(
                    "/api/calendars/"
                        + id
                        + "/due?start=2026-02-13T17:00:00%2B08:00&businessTime=PT2H")
                .json()
                .get("due")
                .asText())
        .isEqualTo("2026-02-14T02:00:00Z");

    // the same file again changes nothing; a renamed day is an update
    Browser.Response again =
        files.postCalendar(
            "/api/admin/calendars/" + id + "/import", FEED.replace("清明节", "Qingming"));
    assertThat(again.json().get("added").asInt()).isZero();
    assertThat(again.json().get("updated").asInt()).isEqualTo(3);
    assertThat(again.json().get("unchanged").asInt()).isEqualTo(11);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_type = 'calendar' AND object_id = ? ORDER BY id",
                String.class,
                id))
        .containsExactly("calendar.create", "calendar.import", "calendar.import");
    assertThat(
            jdbc.queryForObject(
                "SELECT details::text FROM audit_event WHERE action = 'calendar.import' AND object_id = ?"
                    + " ORDER BY id LIMIT 1",
                String.class,
                id))
        .contains("holidays.ics")
        .contains("\"added\":14");
  }

  @Test
  void aFileWithAnyBadDayImportsNothing() {
    // Monday 16 February as a make-up day is wrong on a Monday-to-Friday calendar
    String bad = FEED.replace("DTSTART;VALUE=DATE:20260228", "DTSTART;VALUE=DATE:20260216");
    Browser.Response refused =
        files.upload("/api/admin/calendars/" + id + "/import", "file", "bad.ics", bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("file");
    assertThat(refused.json().get("errors").get(0).get("reason").asText()).contains("2026-02-16");
    assertThat(admin.get("/api/admin/calendars/" + id + "/days").json()).isEmpty();

    String recurring = FEED.replace("SUMMARY:清明节", "SUMMARY:清明节\r\nRRULE:FREQ=YEARLY");
    assertThat(reason(files.postCalendar("/api/admin/calendars/" + id + "/import", recurring)))
        .contains("recurring");
    assertThat(
            reason(
                files.postCalendar(
                    "/api/admin/calendars/" + id + "/import", "this is not a calendar")))
        .contains("not an iCalendar file");
    assertThat(reason(files.postCalendar("/api/admin/calendars/" + id + "/import", "")))
        .contains("is required");
    assertThat(
            reason(
                files.upload(
                    "/api/admin/calendars/" + id + "/import", "attachment", "x.ics", FEED)))
        .contains("is required");
    assertThat(admin.get("/api/admin/calendars/" + id + "/days").json()).isEmpty();
    assertThat(files.postCalendar("/api/admin/calendars/no-such-calendar/import", FEED).status())
        .isEqualTo(404);
  }

  @Test
  void anExportImportsBackToTheSameDays() {
    admin.post(
        "/api/admin/calendars/" + id + "/days",
        """
        [{"date":"2026-10-01","kind":"HOLIDAY","name":"国庆节, 第一天; \\"黄金周\\""},
         {"date":"2026-10-02","kind":"HOLIDAY","name":"国庆节"},
         {"date":"2026-10-10","kind":"WORKDAY","name":"国庆节调休上班"},
         {"date":"2027-01-01","kind":"HOLIDAY","name":"元旦"}]""");
    Browser.Response exported = files.getText("/api/calendars/" + id + "/export.ics");
    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/calendar");
    assertThat(exported.headers().firstValue("Content-Disposition").orElse(""))
        .contains(id + ".ics");
    assertThat(exported.body())
        .startsWith("BEGIN:VCALENDAR\r\n")
        .contains("DTSTART;VALUE=DATE:20261001")
        .contains("DTEND;VALUE=DATE:20261002")
        .contains("CATEGORIES:WORKDAY")
        .contains("X-WR-TIMEZONE:Asia/Shanghai");

    String copy = id + "-copy";
    admin.post("/api/admin/calendars", "{\"id\":\"" + copy + "\",\"name\":\"Copy\"}");
    Browser.Response imported =
        files.upload(
            "/api/admin/calendars/" + copy + "/import", "file", id + ".ics", exported.body());
    assertThat(imported.json().get("added").asInt()).isEqualTo(4);
    assertThat(admin.get("/api/admin/calendars/" + copy + "/days").json())
        .isEqualTo(admin.get("/api/admin/calendars/" + id + "/days").json());
    // exporting again gives the same file, but for the calendar's name and ids
    assertThat(files.getText("/api/calendars/" + id + "/export.ics").body())
        .isEqualTo(exported.body());
  }

  @Test
  void theShippedChinaHolidayFileMatchesTheDefaultCalendar() throws IOException {
    String ics;
    try (InputStream in = getClass().getResourceAsStream("/calendar/cn-public-holidays-2026.ics")) {
      ics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Browser.Response imported =
        files.upload("/api/admin/calendars/" + id + "/import", "file", "cn.ics", ics);
    assertThat(imported.json().get("added").asInt()).isEqualTo(39);
    assertThat(admin.get("/api/admin/calendars/" + id + "/days").json())
        .isEqualTo(admin.get("/api/admin/calendars/default/days?year=2026").json());
  }

  static String day(JsonNode days, String date) {
    for (JsonNode day : days) {
      if (day.get("date").asText().equals(date)) {
        return day.get("kind").asText() + " " + day.get("name").asText();
      }
    }
    return null;
  }

  static String reason(Browser.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("file");
    return response.json().get("errors").get(0).get("reason").asText();
  }
}
