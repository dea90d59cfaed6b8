package life.suoke.ops.backend.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link BusinessCalendars} as the rest of the application uses it: the seeded default calendar,
 * caching, changes.
 */
class BusinessCalendarServiceTest extends ApplicationTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final CurrentUser ADMIN = new CurrentUser("calendar-admin", java.util.Set.of("admins"));

  @Autowired BusinessCalendars calendars;
  @Autowired BusinessCalendarService service;
  @Autowired CalendarAdministration administration;
  @Autowired CalendarRepository repository;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theDefaultCalendarIsShanghaiOfficeHoursWithChinas2026Holidays() {
    BusinessCalendar calendar = repository.calendar(BusinessCalendars.DEFAULT).orElseThrow();
    assertThat(calendar.timeZone()).isEqualTo(SHANGHAI);
    assertThat(calendar.workingWeek().get(DayOfWeek.MONDAY))
        .extracting(WorkingWindow::toString)
        .containsExactly("09:00-18:00");
    assertThat(calendar.workingWeek().get(DayOfWeek.SATURDAY)).isEmpty();
    List<CalendarDay> days = repository.days(BusinessCalendars.DEFAULT, 2026);
    assertThat(days.stream().filter(d -> d.kind() == DayKind.HOLIDAY)).hasSize(33);
    assertThat(days.stream().filter(d -> d.kind() == DayKind.WORKDAY).map(d -> d.date().toString()))
        .containsExactly(
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
    // every make-up day is a weekend day, as the published notice says
    assertThat(days.stream().filter(d -> d.kind() == DayKind.WORKDAY))
        .allMatch(d -> d.date().getDayOfWeek().getValue() >= 6);

    assertThat(calendars).isSameAs(service);
    assertThat(calendars.addBusinessDays(BusinessCalendars.DEFAULT, at("2026-09-30T10:00"), 1))
        .isEqualTo(at("2026-10-08T10:00"));
    assertThat(
            calendars.addBusinessTime(
                BusinessCalendars.DEFAULT, at("2026-10-09T17:00"), Duration.ofHours(2)))
        .isEqualTo(at("2026-10-10T10:00"));
    assertThat(
            calendars.businessTimeBetween(
                BusinessCalendars.DEFAULT, at("2026-02-13T09:00"), at("2026-02-25T09:00")))
        .isEqualTo(Duration.ofHours(9 * 3));
    assertThat(calendars.isWorkingTime(BusinessCalendars.DEFAULT, at("2026-01-04T10:00"))).isTrue();
    assertThat(calendars.isWorkingTime(BusinessCalendars.DEFAULT, at("2026-01-02T10:00")))
        .isFalse();
  }

  @Test
  void theShippedICalendarFileHoldsExactlyTheSeededDays() throws IOException {
    String ics;
    try (InputStream in = getClass().getResourceAsStream("/calendar/cn-public-holidays-2026.ics")) {
      ics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ics).contains("\r\n");
    ICalendarFormat.Parsed parsed;
    try {
      parsed = ICalendarFormat.read(ics);
    } catch (ICalendarFormat.FormatException e) {
      throw new AssertionError(e);
    }
    assertThat(parsed.skipped()).isZero();
    assertThat(parsed.days())
        .containsExactlyInAnyOrderElementsOf(repository.days(BusinessCalendars.DEFAULT, 2026));
  }

  @Test
  void anUnknownCalendarIsRefusedWithItsName() {
    assertThatThrownBy(() -> calendars.addBusinessDays("no-such-calendar", Instant.now(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'no-such-calendar'");
    assertThatThrownBy(() -> calendars.isWorkingTime("no-such-calendar", Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theParsedCalendarIsCachedAndDroppedWhenItChanges() {
    String id = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    administration.create(new CalendarInput(id, "Cache test", null, null, null), ADMIN);
    CalendarRules first = service.rules(id);
    assertThat(service.rules(id)).isSameAs(first);
    Instant monday = at("2026-03-02T17:00");
    assertThat(calendars.addBusinessTime(id, monday, Duration.ofHours(2)))
        .isEqualTo(at("2026-03-03T10:00"));

    // a holiday on Tuesday moves the deadline to Wednesday at once
    administration.saveDays(
        id, List.of(new CalendarInput.DayInput("2026-03-03", "HOLIDAY", "Closed")), false, ADMIN);
    assertThat(service.rules(id)).isNotSameAs(first);
    assertThat(calendars.addBusinessTime(id, monday, Duration.ofHours(2)))
        .isEqualTo(at("2026-03-04T10:00"));

    // a lunch break on the working week: a day of 8 hours, and 2 hours from 11:00 end at 14:00
    administration.update(
        id,
        new CalendarInput(
            null,
            "Cache test",
            null,
            Map.of(
                "MONDAY",
                    List.of(
                        new CalendarInput.WindowInput("09:00", "12:00"),
                        new CalendarInput.WindowInput("13:00", "18:00")),
                "TUESDAY",
                    List.of(
                        new CalendarInput.WindowInput("09:00", "12:00"),
                        new CalendarInput.WindowInput("13:00", "18:00"))),
            null),
        ADMIN);
    assertThat(service.businessDay(id)).isEqualTo(Duration.ofHours(8));
    assertThat(calendars.addBusinessTime(id, at("2026-03-09T11:00"), Duration.ofHours(2)))
        .isEqualTo(at("2026-03-09T14:00"));
    // Wednesday is now a day off: from Monday 17:00 the next working time is the next Monday
    assertThat(calendars.addBusinessTime(id, monday, Duration.ofHours(2)))
        .isEqualTo(at("2026-03-09T10:00"));

    administration.delete(id, ADMIN);
    assertThatThrownBy(() -> calendars.addBusinessTime(id, monday, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(id);
  }

  @Test
  void aCalendarInBerlinCountsRealHoursAcrossDaylightSaving() {
    String id = "berlin-" + UUID.randomUUID().toString().substring(0, 8);
    administration.create(
        new CalendarInput(
            id,
            "Berlin",
            "Europe/Berlin",
            Map.of(
                "MONDAY", List.of(new CalendarInput.WindowInput("09:00", "17:00")),
                "FRIDAY", List.of(new CalendarInput.WindowInput("09:00", "17:00"))),
            null),
        ADMIN);
    // Friday 16:00 CET + 2 h = Monday 10:00 CEST = 08:00 UTC (clocks went forward on Sunday 29
    // March)
    assertThat(
            calendars.addBusinessTime(
                id, Instant.parse("2026-03-27T15:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    // Friday 16:00 CEST + 2 h = Monday 10:00 CET = 09:00 UTC (clocks went back on Sunday 25
    // October)
    assertThat(
            calendars.addBusinessTime(
                id, Instant.parse("2026-10-23T14:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
    assertThat(calendars.isWorkingTime(id, Instant.parse("2026-03-30T07:30:00Z"))).isTrue();
    assertThat(calendars.isWorkingTime(id, Instant.parse("2026-10-26T07:30:00Z"))).isFalse();
    administration.delete(id, ADMIN);
  }

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }
}
