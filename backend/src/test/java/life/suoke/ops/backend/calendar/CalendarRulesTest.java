package life.suoke.ops.backend.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The business-time arithmetic of one calendar, on its own (no database): the rules every deadline
 * follows.
 */
class CalendarRulesTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * Monday to Friday 09:00-12:00 and 13:00-18:00 (8 hours), with China's National Day 2026 and
   * Spring Festival 2026.
   */
  static final CalendarRules SPLIT_DAY =
      new CalendarRules(
          new BusinessCalendar(
              "split",
              "Split day",
              SHANGHAI,
              week(List.of(w("09:00", "12:00"), w("13:00", "18:00")))),
          List.of(
                  holiday("2026-02-15", "2026-02-23"),
                  workday("2026-02-14"),
                  workday("2026-02-28"),
                  workday("2026-09-20"),
                  holiday("2026-10-01", "2026-10-07"),
                  workday("2026-10-10"))
              .stream()
              .flatMap(List::stream)
              .toList());

  static final CalendarRules BERLIN_OFFICE =
      new CalendarRules(
          new BusinessCalendar(
              "berlin", "Berlin office", BERLIN, week(List.of(w("09:00", "17:00")))),
          List.of());

  @Test
  void inWorkingHoursTheTimeRunsOnTheClockAndSkipsTheLunchBreak() {
    Instant monday10 = at(SHANGHAI, "2026-03-02T10:00");
    assertThat(SPLIT_DAY.addBusinessTime(monday10, Duration.ofHours(2)))
        .isEqualTo(at(SHANGHAI, "2026-03-02T12:00"));
    assertThat(SPLIT_DAY.addBusinessTime(monday10, Duration.ofHours(3)))
        .isEqualTo(at(SHANGHAI, "2026-03-02T14:00"));
    assertThat(SPLIT_DAY.addBusinessTime(monday10, Duration.ofMinutes(150)))
        .isEqualTo(at(SHANGHAI, "2026-03-02T13:30"));
    // a full day from its start ends at its end, not at the next morning
    assertThat(SPLIT_DAY.addBusinessTime(at(SHANGHAI, "2026-03-02T09:00"), Duration.ofHours(8)))
        .isEqualTo(at(SHANGHAI, "2026-03-02T18:00"));
    assertThat(SPLIT_DAY.businessTimeBetween(monday10, at(SHANGHAI, "2026-03-02T14:00")))
        .isEqualTo(Duration.ofHours(3));
  }

  @Test
  void aStartOutsideWorkingHoursCountsFromTheNextWindow() {
    assertThat(SPLIT_DAY.addBusinessTime(at(SHANGHAI, "2026-03-02T07:00"), Duration.ofHours(1)))
        .isEqualTo(at(SHANGHAI, "2026-03-02T10:00"));
    assertThat(SPLIT_DAY.addBusinessTime(at(SHANGHAI, "2026-03-02T12:20"), Duration.ofMinutes(30)))
        .isEqualTo(at(SHANGHAI, "2026-03-02T13:30"));
    assertThat(SPLIT_DAY.addBusinessTime(at(SHANGHAI, "2026-03-02T19:00"), Duration.ofHours(1)))
        .isEqualTo(at(SHANGHAI, "2026-03-03T10:00"));
    // nothing to add: the start itself, even outside working hours
    assertThat(SPLIT_DAY.addBusinessTime(at(SHANGHAI, "2026-03-02T19:00"), Duration.ZERO))
        .isEqualTo(at(SHANGHAI, "2026-03-02T19:00"));
  }

  @Test
  void weekendsDoNotCount() {
    Instant friday17 = at(SHANGHAI, "2026-03-06T17:00");
    assertThat(SPLIT_DAY.addBusinessTime(friday17, Duration.ofHours(2)))
        .isEqualTo(at(SHANGHAI, "2026-03-09T10:00"));
    assertThat(SPLIT_DAY.businessTimeBetween(friday17, at(SHANGHAI, "2026-03-09T10:00")))
        .isEqualTo(Duration.ofHours(2));
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-03-07T10:00"))).isFalse();
  }

  @Test
  void holidaysDoNotCountEvenOnWeekdays() {
    // National Day 2026: Thursday 1 to Wednesday 7 October off
    Instant september30 = at(SHANGHAI, "2026-09-30T17:00");
    assertThat(SPLIT_DAY.addBusinessTime(september30, Duration.ofHours(2)))
        .isEqualTo(at(SHANGHAI, "2026-10-08T10:00"));
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-10-05T10:00"))).isFalse();
    assertThat(
            SPLIT_DAY.businessTimeBetween(
                at(SHANGHAI, "2026-10-01T00:00"), at(SHANGHAI, "2026-10-08T00:00")))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void aMakeUpSaturdayIsWorkedWithTheHoursOfANormalDay() {
    Instant friday = at(SHANGHAI, "2026-10-09T17:00");
    assertThat(SPLIT_DAY.addBusinessTime(friday, Duration.ofHours(2)))
        .isEqualTo(at(SHANGHAI, "2026-10-10T10:00"));
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-10-10T10:00"))).isTrue();
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-10-10T12:30"))).isFalse();
    assertThat(SPLIT_DAY.windowsOn(LocalDate.parse("2026-10-10")))
        .extracting(WorkingWindow::toString)
        .containsExactly("09:00-12:00", "13:00-18:00");
    assertThat(
            SPLIT_DAY.businessTimeBetween(
                at(SHANGHAI, "2026-10-10T00:00"), at(SHANGHAI, "2026-10-11T00:00")))
        .isEqualTo(Duration.ofHours(8));
    // and a make-up Sunday before the holiday
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-09-20T09:00"))).isTrue();
  }

  @Test
  void businessDaysAreWholeNormalDaysAcrossTheSpringFestival() {
    Instant friday = at(SHANGHAI, "2026-02-13T10:00");
    assertThat(SPLIT_DAY.normalDayTime()).isEqualTo(Duration.ofHours(8));
    // Saturday 14 February is a make-up working day, 15-23 February are off
    assertThat(SPLIT_DAY.addBusinessDays(friday, 1)).isEqualTo(at(SHANGHAI, "2026-02-14T10:00"));
    assertThat(SPLIT_DAY.addBusinessDays(friday, 2)).isEqualTo(at(SHANGHAI, "2026-02-24T10:00"));
    assertThat(SPLIT_DAY.addBusinessDays(friday, 0)).isEqualTo(friday);
    assertThatThrownBy(() -> SPLIT_DAY.addBusinessDays(friday, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SPLIT_DAY.addBusinessTime(friday, Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workingTimeIsHalfOpen() {
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-03-02T09:00"))).isTrue();
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-03-02T11:59:59"))).isTrue();
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-03-02T12:00"))).isFalse();
    assertThat(SPLIT_DAY.isWorkingTime(at(SHANGHAI, "2026-03-02T18:00"))).isFalse();
    assertThat(
            SPLIT_DAY.businessTimeBetween(
                at(SHANGHAI, "2026-03-02T14:00"), at(SHANGHAI, "2026-03-02T10:00")))
        .isZero();
  }

  @Test
  void springForwardInBerlinDoesNotShiftTheWorkingHours() {
    // last Sunday of March 2026: clocks go from 02:00 CET to 03:00 CEST
    Instant friday16 = at(BERLIN, "2026-03-27T16:00");
    assertThat(friday16).isEqualTo(Instant.parse("2026-03-27T15:00:00Z"));
    Instant due = BERLIN_OFFICE.addBusinessTime(friday16, Duration.ofHours(2));
    assertThat(due)
        .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"))
        .isEqualTo(at(BERLIN, "2026-03-30T10:00"));
    assertThat(BERLIN_OFFICE.isWorkingTime(Instant.parse("2026-03-30T07:00:00Z"))).isTrue();
    assertThat(BERLIN_OFFICE.isWorkingTime(Instant.parse("2026-03-30T15:00:00Z"))).isFalse();
    assertThat(BERLIN_OFFICE.businessTimeBetween(friday16, due)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void fallBackInBerlinDoesNotShiftTheWorkingHours() {
    // last Sunday of October 2026: clocks go from 03:00 CEST back to 02:00 CET
    Instant friday16 = at(BERLIN, "2026-10-23T16:00");
    assertThat(friday16).isEqualTo(Instant.parse("2026-10-23T14:00:00Z"));
    Instant due = BERLIN_OFFICE.addBusinessTime(friday16, Duration.ofHours(2));
    assertThat(due)
        .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"))
        .isEqualTo(at(BERLIN, "2026-10-26T10:00"));
    assertThat(
            BERLIN_OFFICE.businessTimeBetween(
                at(BERLIN, "2026-10-19T00:00"), at(BERLIN, "2026-11-02T00:00")))
        .isEqualTo(Duration.ofHours(80));
  }

  @Test
  void aWindowAcrossTheChangeIsAsLongAsTheClockSays() {
    Map<DayOfWeek, List<WorkingWindow>> sundayNights = new EnumMap<>(DayOfWeek.class);
    sundayNights.put(DayOfWeek.SUNDAY, List.of(w("01:00", "05:00")));
    CalendarRules nights =
        new CalendarRules(
            new BusinessCalendar("nights", "Nights", BERLIN, sundayNights), List.of());

    // 01:00 CET to 05:00 CEST: three real hours
    assertThat(
            nights.businessTimeBetween(
                at(BERLIN, "2026-03-28T12:00"), at(BERLIN, "2026-03-29T12:00")))
        .isEqualTo(Duration.ofHours(3));
    assertThat(nights.addBusinessTime(at(BERLIN, "2026-03-29T00:00"), Duration.ofHours(3)))
        .isEqualTo(Instant.parse("2026-03-29T03:00:00Z"));
    // 02:30 does not exist that night: an hour from 01:00 CET ends at 03:00 CEST
    assertThat(nights.addBusinessTime(at(BERLIN, "2026-03-29T00:00"), Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));

    // 01:00 CEST to 05:00 CET: five real hours, 02:30 happens twice and is working time both times
    assertThat(
            nights.businessTimeBetween(
                at(BERLIN, "2026-10-24T12:00"), at(BERLIN, "2026-10-25T12:00")))
        .isEqualTo(Duration.ofHours(5));
    assertThat(nights.addBusinessTime(at(BERLIN, "2026-10-25T00:00"), Duration.ofHours(5)))
        .isEqualTo(Instant.parse("2026-10-25T04:00:00Z"));
    assertThat(nights.isWorkingTime(Instant.parse("2026-10-25T00:30:00Z"))).isTrue();
    assertThat(nights.isWorkingTime(Instant.parse("2026-10-25T01:30:00Z"))).isTrue();
    // an ordinary Sunday: four hours
    assertThat(
            nights.businessTimeBetween(
                at(BERLIN, "2026-05-02T12:00"), at(BERLIN, "2026-05-03T12:00")))
        .isEqualTo(Duration.ofHours(4));
  }

  @Test
  void aWindowMayEndAtMidnight() {
    CalendarRules evenings =
        new CalendarRules(
            new BusinessCalendar("late", "Late", SHANGHAI, week(List.of(w("18:00", "24:00")))),
            List.of());
    assertThat(evenings.addBusinessTime(at(SHANGHAI, "2026-03-02T23:00"), Duration.ofHours(2)))
        .isEqualTo(at(SHANGHAI, "2026-03-03T19:00"));
    assertThat(evenings.isWorkingTime(at(SHANGHAI, "2026-03-02T23:59:59"))).isTrue();
    assertThat(evenings.isWorkingTime(at(SHANGHAI, "2026-03-03T00:00"))).isFalse();
  }

  @Test
  void yearsAheadTheDayWalkAgreesWithAMinuteByMinuteCount() {
    // 2025 to 2027 with 2026's holidays: the same answer as the slow way
    Instant start = at(SHANGHAI, "2025-12-31T15:17");
    Duration amount = Duration.ofHours(8 * 300).plusMinutes(7);
    Instant due = SPLIT_DAY.addBusinessTime(start, amount);
    assertThat(due).isEqualTo(minuteByMinute(SPLIT_DAY, start, amount));
    assertThat(due).isAfter(at(SHANGHAI, "2027-01-01T00:00"));
    assertThat(SPLIT_DAY.businessTimeBetween(start, due)).isEqualTo(amount);
  }

  @Test
  void randomStartsAndAmountsAgreeWithAMinuteByMinuteCount() {
    Random random = new Random(20260101);
    for (CalendarRules rules : List.of(SPLIT_DAY, BERLIN_OFFICE)) {
      for (int i = 0; i < 60; i++) {
        Instant start =
            Instant.parse("2026-01-01T00:00:00Z")
                .plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
        Duration amount = Duration.ofMinutes(random.nextInt(8 * 60 * 12));
        Instant due = rules.addBusinessTime(start, amount);
        assertThat(due)
            .as("%s + %s on %s", start, amount, rules.calendar().id())
            .isEqualTo(minuteByMinute(rules, start, amount));
        assertThat(rules.businessTimeBetween(start, due)).isEqualTo(amount);
      }
    }
  }

  @Test
  void aYearOfBusinessDaysIsComputedWithoutWalkingMinutes() {
    Instant start = at(SHANGHAI, "2026-01-05T09:00");
    long began = System.nanoTime();
    Instant due = null;
    for (int i = 0; i < 1000; i++) {
      due = SPLIT_DAY.addBusinessDays(start.plus(Duration.ofMinutes(i)), 300);
    }
    // a minute-by-minute walk would take half a million steps per call
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    assertThat(due).isAfter(at(SHANGHAI, "2027-01-01T00:00"));
  }

  @Test
  void aWeekWithoutWorkingHoursIsRefused() {
    assertThatThrownBy(
            () ->
                new CalendarRules(
                    new BusinessCalendar("none", "None", SHANGHAI, Map.of()), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no working hours");
  }

  /**
   * The slow, obvious way: one minute at a time, asking the wall clock whether it is in a window of
   * its date.
   */
  static Instant minuteByMinute(CalendarRules rules, Instant start, Duration amount) {
    long remaining = amount.toMinutes();
    Instant t = start;
    if (remaining == 0) {
      return start;
    }
    while (true) {
      ZonedDateTime local = t.atZone(rules.zone());
      int minute = local.getHour() * 60 + local.getMinute();
      boolean working =
          rules.windowsOn(local.toLocalDate()).stream()
              .anyMatch(window -> minute >= window.startMinute() && minute < window.endMinute());
      t = t.plus(Duration.ofMinutes(1));
      if (working && --remaining == 0) {
        return t;
      }
    }
  }

  static Map<DayOfWeek, List<WorkingWindow>> week(List<WorkingWindow> weekdays) {
    Map<DayOfWeek, List<WorkingWindow>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, day.getValue() <= 5 ? weekdays : List.of());
    }
    return week;
  }

  static WorkingWindow w(String start, String end) {
    return new WorkingWindow(WorkingWindow.parseMinute(start), WorkingWindow.parseMinute(end));
  }

  static Instant at(ZoneId zone, String local) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static List<CalendarDay> holiday(String first, String last) {
    List<CalendarDay> days = new ArrayList<>();
    for (LocalDate d = LocalDate.parse(first);
        !d.isAfter(LocalDate.parse(last));
        d = d.plusDays(1)) {
      days.add(new CalendarDay(d, DayKind.HOLIDAY, "holiday"));
    }
    return days;
  }

  static List<CalendarDay> workday(String date) {
    return List.of(new CalendarDay(LocalDate.parse(date), DayKind.WORKDAY, "make-up day"));
  }
}
