package life.suoke.ops.backend.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import life.suoke.ops.backend.calendar.BusinessCalendar;
import life.suoke.ops.backend.calendar.CalendarRules;
import life.suoke.ops.backend.calendar.ICalendarFormat;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.LayerSpec;
import life.suoke.ops.backend.oncall.compute.ScheduleCalculator;
import life.suoke.ops.backend.oncall.compute.ScheduleSpec;
import life.suoke.ops.backend.oncall.compute.Segment;
import life.suoke.ops.backend.oncall.compute.Turn;
import org.junit.jupiter.api.Test;

/**
 * A tier-2 layer on the business hours of the product's default calendar with China's 2026 public
 * holidays (the calendar file the application ships): no coverage on the Mid-Autumn Festival and
 * the National Day week, coverage on the make-up Saturday after it.
 */
class CalendarWorkingDaysTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static CalendarRules china2026() throws Exception {
    try (InputStream in =
        CalendarWorkingDaysTest.class.getResourceAsStream(
            "/calendar/cn-public-holidays-2026.ics")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      BusinessCalendar calendar =
          new BusinessCalendar("default", "China", SHANGHAI, BusinessCalendar.defaultWeek());
      return new CalendarRules(calendar, ICalendarFormat.read(text).days());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @Test
  void tierTwoHasNoCoverageOnChinasHolidaysAndCoversTheMakeUpWorkingDays() throws Exception {
    LayerSpec tier2 =
        new LayerSpec(
            2,
            "tier-2",
            List.of("dev", "eve"),
            Turn.WEEKLY,
            LocalTime.of(9, 0),
            LocalDate.parse("2026-09-07"),
            SHANGHAI,
            List.of(),
            CalendarWorkingDays.of(china2026()),
            false);
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(tier2), List.of(), List.of()),
            at("2026-09-21T00:00"),
            at("2026-10-13T00:00"));

    // weekly turns from Monday 7 September: dev, eve, dev, eve, dev, ...
    assertThat(schedule.at(at("2026-09-24T10:00")).map(Segment::user)).contains("dev");
    assertThat(schedule.at(at("2026-09-29T10:00")).map(Segment::user)).contains("eve");
    // Friday 25 September: Mid-Autumn Festival
    assertThat(schedule.at(at("2026-09-25T10:00")).orElseThrow().isGap()).isTrue();
    // Monday 5 October: National Day week
    assertThat(schedule.at(at("2026-10-05T10:00")).orElseThrow().isGap()).isTrue();
    assertThat(schedule.at(at("2026-10-07T17:00")).orElseThrow().isGap()).isTrue();
    // Thursday 8 October: back to work; Saturday 10 October: a make-up working day, 09:00-18:00
    assertThat(schedule.at(at("2026-10-08T10:00")).map(Segment::user)).contains("dev");
    assertThat(schedule.at(at("2026-10-10T09:00")).map(Segment::user)).contains("dev");
    assertThat(schedule.at(at("2026-10-10T18:00")).orElseThrow().isGap()).isTrue();
    assertThat(schedule.at(at("2026-10-11T10:00")).orElseThrow().isGap()).isTrue();
    // working days in the range: 21-24 Sep (4), 28-30 Sep (3), 8-9 Oct (2), 10 Oct (1), 12 Oct (1)
    assertThat(schedule.entries().stream().filter(s -> !s.isGap()).count()).isEqualTo(11);
  }
}
