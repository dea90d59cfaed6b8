package life.suoke.ops.backend.oncall.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The final schedule's rules, instant by instant, in zones with and without daylight saving. */
class ScheduleCalculatorTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static LayerSpec layer(
      long id,
      List<String> members,
      Turn turn,
      String handoff,
      String start,
      ZoneId zone,
      List<Restriction> restrictions) {
    return new LayerSpec(
        id,
        "layer " + id,
        members,
        turn,
        LocalTime.parse(handoff),
        LocalDate.parse(start),
        zone,
        restrictions,
        null,
        false);
  }

  static String who(FinalSchedule schedule, Instant instant) {
    return schedule.at(instant).map(Segment::user).orElseThrow();
  }

  @Test
  void aWeeklyRotationHandsOffAtItsTimeInShanghai() {
    LayerSpec weekly =
        layer(
            1,
            List.of("ann", "bob", "cai"),
            Turn.WEEKLY,
            "09:00",
            "2026-11-30",
            SHANGHAI,
            List.of());
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(weekly), List.of(), List.of()),
            at("2026-11-30T00:00", SHANGHAI),
            at("2027-01-01T00:00", SHANGHAI));

    // nothing before the rotation starts: a gap
    assertThat(schedule.at(at("2026-11-30T08:59", SHANGHAI)).orElseThrow().isGap()).isTrue();
    assertThat(who(schedule, at("2026-11-30T09:00", SHANGHAI))).isEqualTo("ann");
    assertThat(who(schedule, at("2026-12-07T08:59", SHANGHAI))).isEqualTo("ann");
    assertThat(who(schedule, at("2026-12-07T09:00", SHANGHAI))).isEqualTo("bob");
    assertThat(who(schedule, at("2026-12-14T09:00", SHANGHAI))).isEqualTo("cai");
    assertThat(who(schedule, at("2026-12-21T09:00", SHANGHAI))).isEqualTo("ann");
    assertThat(schedule.shiftEnd(at("2026-12-08T12:00", SHANGHAI)))
        .contains(at("2026-12-14T09:00", SHANGHAI));
    assertThat(schedule.gaps()).hasSize(1);
    // the first hand-off is from nobody (the gap before the rotation started)
    assertThat(schedule.handoffs().get(0))
        .isEqualTo(new FinalSchedule.Handoff(at("2026-11-30T09:00", SHANGHAI), null, "ann"));
    assertThat(schedule.handoffs()).hasSize(5);
  }

  @Test
  void dailyHandOffsKeepTheirTimeOfDayAcrossTheSpringForwardChange() {
    // New York: 2026-03-08 02:00 EST becomes 03:00 EDT
    LayerSpec daily =
        layer(1, List.of("ann", "bob"), Turn.DAILY, "09:00", "2026-03-01", NEW_YORK, List.of());
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(daily), List.of(), List.of()),
            at("2026-03-06T00:00", NEW_YORK),
            at("2026-03-11T00:00", NEW_YORK));
    Segment shift = schedule.at(at("2026-03-07T12:00", NEW_YORK)).orElseThrow();
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-03-07T14:00:00Z"));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
    assertThat(Duration.between(shift.start(), shift.end())).isEqualTo(Duration.ofHours(23));
    Segment next = schedule.at(at("2026-03-08T12:00", NEW_YORK)).orElseThrow();
    assertThat(next.user()).isNotEqualTo(shift.user());
    assertThat(Duration.between(next.start(), next.end())).isEqualTo(Duration.ofHours(24));
    assertThat(schedule.gaps()).isEmpty();
  }

  @Test
  void dailyHandOffsKeepTheirTimeOfDayAcrossTheFallBackChange() {
    // Berlin: 2026-10-25 03:00 CEST becomes 02:00 CET
    LayerSpec daily =
        layer(1, List.of("ann", "bob"), Turn.DAILY, "08:00", "2026-10-01", BERLIN, List.of());
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(daily), List.of(), List.of()),
            at("2026-10-23T00:00", BERLIN),
            at("2026-10-28T00:00", BERLIN));
    Segment shift = schedule.at(at("2026-10-25T01:00", BERLIN)).orElseThrow();
    assertThat(shift.start()).isEqualTo(at("2026-10-24T08:00", BERLIN));
    assertThat(shift.end()).isEqualTo(at("2026-10-25T08:00", BERLIN));
    assertThat(Duration.between(shift.start(), shift.end())).isEqualTo(Duration.ofHours(25));
    assertThat(schedule.gaps()).isEmpty();
  }

  @Test
  void aHandOffInTheSkippedHourHappensAtTheJumpAndOneInTheRepeatedHourAtItsFirstOccurrence() {
    LayerSpec daily =
        layer(1, List.of("ann", "bob"), Turn.DAILY, "02:30", "2026-03-01", NEW_YORK, List.of());
    FinalSchedule spring =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(daily), List.of(), List.of()),
            at("2026-03-07T00:00", NEW_YORK),
            at("2026-03-10T00:00", NEW_YORK));
    // 02:30 does not exist on 2026-03-08: the hand-off is at the jump, 03:00 EDT = 07:00Z
    assertThat(spring.at(Instant.parse("2026-03-08T07:00:00Z")).orElseThrow().start())
        .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));

    LayerSpec fall =
        layer(1, List.of("ann", "bob"), Turn.DAILY, "01:30", "2026-10-01", NEW_YORK, List.of());
    FinalSchedule autumn =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(fall), List.of(), List.of()),
            at("2026-10-31T00:00", NEW_YORK),
            at("2026-11-03T00:00", NEW_YORK));
    // 01:30 happens twice on 2026-11-01: the hand-off is at the first, 01:30 EDT = 05:30Z
    Segment shift = autumn.at(Instant.parse("2026-11-01T05:30:00Z")).orElseThrow();
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(Duration.between(shift.start(), shift.end())).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void customTurnsOfTwelveWallClockHoursAlternateDayAndNight() {
    LayerSpec halfDays =
        layer(
            1,
            List.of("day", "night"),
            Turn.custom(Duration.ofHours(12)),
            "08:00",
            "2026-10-20",
            BERLIN,
            List.of());
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(halfDays), List.of(), List.of()),
            at("2026-10-24T00:00", BERLIN),
            at("2026-10-27T00:00", BERLIN));
    assertThat(who(schedule, at("2026-10-24T12:00", BERLIN))).isEqualTo("day");
    assertThat(who(schedule, at("2026-10-24T23:00", BERLIN))).isEqualTo("night");
    // the night of the fall-back change is 13 hours long, the day after 12
    Segment night = schedule.at(at("2026-10-25T03:00", BERLIN)).orElseThrow();
    assertThat(Duration.between(night.start(), night.end())).isEqualTo(Duration.ofHours(13));
    assertThat(who(schedule, at("2026-10-25T12:00", BERLIN))).isEqualTo("day");
  }

  @Test
  void restrictionsLimitALayerToTimeOfDayWindowsOnWeekdays() {
    Restriction nights =
        new Restriction(
            Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));
    LayerSpec layer =
        layer(1, List.of("ann"), Turn.WEEKLY, "00:00", "2026-11-01", SHANGHAI, List.of(nights));
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(layer), List.of(), List.of()),
            at("2026-12-03T00:00", SHANGHAI),
            at("2026-12-08T00:00", SHANGHAI));
    // 2026-12-04 is a Friday
    assertThat(schedule.at(at("2026-12-04T21:59", SHANGHAI)).orElseThrow().isGap()).isTrue();
    assertThat(who(schedule, at("2026-12-04T22:00", SHANGHAI))).isEqualTo("ann");
    assertThat(who(schedule, at("2026-12-05T05:59", SHANGHAI))).isEqualTo("ann");
    assertThat(schedule.at(at("2026-12-05T06:00", SHANGHAI)).orElseThrow().isGap()).isTrue();
    assertThat(who(schedule, at("2026-12-06T03:00", SHANGHAI))).isEqualTo("ann");
    // Sunday night is not in the restriction
    assertThat(schedule.at(at("2026-12-06T23:00", SHANGHAI)).orElseThrow().isGap()).isTrue();
    // the Saturday night window is cut in two by the weekly hand-off at Sunday 00:00
    assertThat(schedule.layers().get(1L)).hasSize(3);
  }

  @Test
  void aRestrictionWindowIsAsLongAsTheClocksSayOnChangeDays() {
    LayerSpec layer =
        layer(
            1,
            List.of("ann"),
            Turn.WEEKLY,
            "00:00",
            "2026-10-01",
            BERLIN,
            List.of(Restriction.daily(LocalTime.of(1, 0), LocalTime.of(5, 0))));
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(layer), List.of(), List.of()),
            at("2026-10-25T00:00", BERLIN),
            at("2026-10-25T12:00", BERLIN));
    Segment window = schedule.layers().get(1L).get(0);
    assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofHours(5));
  }

  /**
   * Shanghai business hours 09:00-18:00 Monday to Friday, National Day holidays and the make-up
   * Saturday.
   */
  static WorkingDays chinaBusinessHours() {
    Map<LocalDate, Boolean> exceptions =
        Map.of(
            LocalDate.parse("2026-10-01"),
            false,
            LocalDate.parse("2026-10-02"),
            false,
            LocalDate.parse("2026-10-05"),
            false,
            LocalDate.parse("2026-10-10"),
            true);
    return new WorkingDays() {
      @Override
      public ZoneId zone() {
        return SHANGHAI;
      }

      @Override
      public List<Window> windowsOn(LocalDate date) {
        boolean weekday = date.getDayOfWeek().getValue() <= 5;
        boolean works = exceptions.getOrDefault(date, weekday);
        return works ? List.of(new Window(9 * 60, 18 * 60)) : List.of();
      }
    };
  }

  @Test
  void aBusinessHoursLayerIsOffOnHolidaysAndOnOnMakeUpWorkingDays() {
    LayerSpec tier2 =
        new LayerSpec(
            2,
            "tier-2",
            List.of("dev", "eve"),
            Turn.WEEKLY,
            LocalTime.of(9, 0),
            LocalDate.parse("2026-09-28"),
            SHANGHAI,
            List.of(),
            chinaBusinessHours(),
            false);
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(tier2), List.of(), List.of()),
            at("2026-09-28T00:00", SHANGHAI),
            at("2026-10-13T00:00", SHANGHAI));
    assertThat(who(schedule, at("2026-09-30T10:00", SHANGHAI))).isEqualTo("dev");
    assertThat(schedule.at(at("2026-09-30T19:00", SHANGHAI)).orElseThrow().isGap()).isTrue();
    // Thursday 1 October: National Day, a holiday
    assertThat(schedule.at(at("2026-10-01T10:00", SHANGHAI)).orElseThrow().isGap()).isTrue();
    // Saturday 10 October: a make-up working day
    assertThat(who(schedule, at("2026-10-10T10:00", SHANGHAI))).isEqualTo("eve");
    assertThat(schedule.at(at("2026-10-11T10:00", SHANGHAI)).orElseThrow().isGap()).isTrue();
  }

  @Test
  void theHigherLayerWinsWhereItIsOnDutyAndTheLowerCoversTheRest() {
    LayerSpec allDay =
        layer(1, List.of("ann", "bob"), Turn.WEEKLY, "09:00", "2026-11-30", SHANGHAI, List.of());
    LayerSpec businessHours =
        new LayerSpec(
            2,
            "day",
            List.of("dev"),
            Turn.WEEKLY,
            LocalTime.of(9, 0),
            LocalDate.parse("2026-11-30"),
            SHANGHAI,
            List.of(),
            chinaBusinessHours(),
            false);
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(allDay, businessHours), List.of(), List.of()),
            at("2026-12-01T00:00", SHANGHAI),
            at("2026-12-03T00:00", SHANGHAI));
    assertThat(who(schedule, at("2026-12-01T08:00", SHANGHAI))).isEqualTo("ann");
    assertThat(schedule.at(at("2026-12-01T10:00", SHANGHAI)).orElseThrow().layerId()).isEqualTo(2L);
    assertThat(who(schedule, at("2026-12-01T10:00", SHANGHAI))).isEqualTo("dev");
    assertThat(who(schedule, at("2026-12-01T18:00", SHANGHAI))).isEqualTo("ann");
    assertThat(schedule.gaps()).isEmpty();
    assertThat(schedule.entries())
        .extracting(Segment::user)
        .containsExactly("ann", "dev", "ann", "dev", "ann");
  }

  @Test
  void overridesWinOverEveryLayerAndTheLaterOverTheEarlier() {
    LayerSpec allDay =
        layer(1, List.of("ann", "bob"), Turn.WEEKLY, "09:00", "2026-11-30", SHANGHAI, List.of());
    PersonRange cover =
        new PersonRange(
            10, "cai", at("2026-12-01T12:00", SHANGHAI), at("2026-12-01T20:00", SHANGHAI));
    PersonRange later =
        new PersonRange(
            11, "dev", at("2026-12-01T18:00", SHANGHAI), at("2026-12-01T19:00", SHANGHAI));
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(allDay), List.of(cover, later), List.of()),
            at("2026-12-01T00:00", SHANGHAI),
            at("2026-12-02T00:00", SHANGHAI));
    assertThat(schedule.entries())
        .extracting(Segment::user)
        .containsExactly("ann", "cai", "dev", "cai", "ann");
    Segment covered = schedule.at(at("2026-12-01T13:00", SHANGHAI)).orElseThrow();
    assertThat(covered.source()).isEqualTo(Segment.Source.OVERRIDE);
    assertThat(covered.overrideId()).isEqualTo(10L);
    assertThat(schedule.shiftEnd(at("2026-12-01T13:00", SHANGHAI)))
        .contains(at("2026-12-01T18:00", SHANGHAI));
    // the rotation itself is unchanged under the override
    assertThat(schedule.layers().get(1L)).extracting(Segment::user).containsExactly("ann");
    // changes of shift: at the override's start and end, and where the later one cuts in
    assertThat(schedule.handoffs())
        .containsExactly(
            new FinalSchedule.Handoff(at("2026-12-01T12:00", SHANGHAI), "ann", "cai"),
            new FinalSchedule.Handoff(at("2026-12-01T18:00", SHANGHAI), "cai", "dev"),
            new FinalSchedule.Handoff(at("2026-12-01T19:00", SHANGHAI), "dev", "cai"),
            new FinalSchedule.Handoff(at("2026-12-01T20:00", SHANGHAI), "cai", "ann"));
  }

  @Test
  void aSwapIsTwoOverridesThatExchangeShifts() {
    LayerSpec daily =
        layer(1, List.of("ann", "bob"), Turn.DAILY, "09:00", "2026-12-01", SHANGHAI, List.of());
    // ann (1 Dec) and bob (2 Dec) swap: bob takes ann's day and ann takes bob's
    PersonRange bobTakes =
        new PersonRange(
            1, "bob", at("2026-12-01T09:00", SHANGHAI), at("2026-12-02T09:00", SHANGHAI));
    PersonRange annTakes =
        new PersonRange(
            2, "ann", at("2026-12-02T09:00", SHANGHAI), at("2026-12-03T09:00", SHANGHAI));
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(daily), List.of(bobTakes, annTakes), List.of()),
            at("2026-12-01T09:00", SHANGHAI),
            at("2026-12-04T09:00", SHANGHAI));
    assertThat(who(schedule, at("2026-12-01T10:00", SHANGHAI))).isEqualTo("bob");
    assertThat(who(schedule, at("2026-12-02T10:00", SHANGHAI))).isEqualTo("ann");
    assertThat(who(schedule, at("2026-12-03T10:00", SHANGHAI))).isEqualTo("ann");
    // ann's taken day and her own following turn are one shift
    assertThat(schedule.shiftEnd(at("2026-12-02T10:00", SHANGHAI)))
        .contains(at("2026-12-04T09:00", SHANGHAI));
  }

  @Test
  void aRotationThatSkipsPeopleOnLeaveGivesTheTurnToTheNextMember() {
    PersonRange leave =
        new PersonRange(
            1, "bob", at("2026-12-08T00:00", SHANGHAI), at("2026-12-10T00:00", SHANGHAI));
    LayerSpec skipping =
        new LayerSpec(
            1,
            "weekly",
            List.of("ann", "bob", "cai"),
            Turn.WEEKLY,
            LocalTime.of(9, 0),
            LocalDate.parse("2026-11-30"),
            SHANGHAI,
            List.of(),
            null,
            true);
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(skipping), List.of(), List.of(leave)),
            at("2026-11-30T09:00", SHANGHAI),
            at("2026-12-21T09:00", SHANGHAI));
    assertThat(who(schedule, at("2026-12-01T10:00", SHANGHAI))).isEqualTo("ann");
    assertThat(who(schedule, at("2026-12-08T10:00", SHANGHAI))).isEqualTo("cai");
    // the order of the following turns stays
    assertThat(who(schedule, at("2026-12-15T10:00", SHANGHAI))).isEqualTo("cai");

    LayerSpec notSkipping =
        new LayerSpec(
            1,
            "weekly",
            List.of("ann", "bob", "cai"),
            Turn.WEEKLY,
            LocalTime.of(9, 0),
            LocalDate.parse("2026-11-30"),
            SHANGHAI,
            List.of(),
            null,
            false);
    assertThat(
            who(
                ScheduleCalculator.compute(
                    new ScheduleSpec(List.of(notSkipping), List.of(), List.of(leave)),
                    at("2026-11-30T09:00", SHANGHAI),
                    at("2026-12-21T09:00", SHANGHAI)),
                at("2026-12-08T10:00", SHANGHAI)))
        .isEqualTo("bob");

    PersonRange annAway =
        new PersonRange(
            2, "ann", at("2026-12-08T00:00", SHANGHAI), at("2026-12-10T00:00", SHANGHAI));
    PersonRange caiAway =
        new PersonRange(
            3, "cai", at("2026-12-08T00:00", SHANGHAI), at("2026-12-10T00:00", SHANGHAI));
    FinalSchedule allAway =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(skipping), List.of(), List.of(leave, annAway, caiAway)),
            at("2026-11-30T09:00", SHANGHAI),
            at("2026-12-21T09:00", SHANGHAI));
    assertThat(allAway.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.start()).isEqualTo(at("2026-12-07T09:00", SHANGHAI));
              assertThat(gap.end()).isEqualTo(at("2026-12-14T09:00", SHANGHAI));
            });
  }

  @Test
  void gapsAreExplicitAndTheEntriesCoverTheWholeRange() {
    LayerSpec business =
        new LayerSpec(
            1,
            "day",
            List.of("dev"),
            Turn.WEEKLY,
            LocalTime.of(9, 0),
            LocalDate.parse("2026-11-30"),
            SHANGHAI,
            List.of(),
            chinaBusinessHours(),
            false);
    Instant from = at("2026-12-01T00:00", SHANGHAI);
    Instant to = at("2026-12-02T00:00", SHANGHAI);
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(business), List.of(), List.of()), from, to);
    assertThat(schedule.gaps())
        .extracting(Segment::start)
        .containsExactly(from, at("2026-12-01T18:00", SHANGHAI));
    assertThat(schedule.entries().get(0).start()).isEqualTo(from);
    assertThat(schedule.entries().get(schedule.entries().size() - 1).end()).isEqualTo(to);
    assertThat(schedule.shiftEnd(at("2026-12-01T20:00", SHANGHAI))).isEmpty();

    FinalSchedule empty =
        ScheduleCalculator.compute(new ScheduleSpec(List.of(), List.of(), List.of()), from, to);
    assertThat(empty.entries()).singleElement().satisfies(gap -> assertThat(gap.isGap()).isTrue());
  }

  @Test
  void aYearOfAFourLayerScheduleHasNoGapAndEveryOverride() {
    List<LayerSpec> layers =
        List.of(
            layer(
                1,
                List.of("a", "b", "c", "d"),
                Turn.WEEKLY,
                "09:00",
                "2026-01-05",
                SHANGHAI,
                List.of()),
            layer(
                2,
                List.of("e", "f"),
                Turn.DAILY,
                "09:00",
                "2026-01-05",
                SHANGHAI,
                List.of(Restriction.daily(LocalTime.of(20, 0), LocalTime.of(8, 0)))),
            new LayerSpec(
                3,
                "day",
                List.of("g", "h"),
                Turn.WEEKLY,
                LocalTime.of(9, 0),
                LocalDate.parse("2026-01-05"),
                SHANGHAI,
                List.of(),
                chinaBusinessHours(),
                false),
            layer(
                4,
                List.of("i", "j", "k"),
                Turn.custom(Duration.ofHours(12)),
                "08:00",
                "2026-01-05",
                SHANGHAI,
                List.of(
                    new Restriction(
                        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        LocalTime.of(8, 0),
                        LocalTime.of(20, 0)))));
    List<PersonRange> overrides = new java.util.ArrayList<>();
    Instant start = at("2026-01-05T09:00", SHANGHAI);
    for (int day = 0; day < 365; day++) {
      overrides.add(
          new PersonRange(
              day,
              "o" + day % 5,
              start.plus(Duration.ofHours(24L * day + 3)),
              start.plus(Duration.ofHours(24L * day + 5))));
    }
    ScheduleSpec spec = new ScheduleSpec(layers, overrides, List.of());
    FinalSchedule year = ScheduleCalculator.compute(spec, start, start.plus(Duration.ofDays(365)));
    assertThat(year.gaps()).isEmpty();
    assertThat(year.entries().size()).isGreaterThan(1000);
    // Each override is in the final schedule as it was given, over whichever layer was on duty.
    assertThat(
            year.entries().stream()
                .filter(e -> e.source() == Segment.Source.OVERRIDE)
                .map(e -> e.overrideId() + " " + e.user() + " " + e.start() + " " + e.end())
                .toList())
        .containsExactlyElementsOf(
            overrides.stream()
                .map(o -> o.id() + " " + o.user() + " " + o.start() + " " + o.end())
                .toList());
  }

  @Test
  void theFirstTurnBeforeTheRangeIsFoundWithoutWalkingFromTheStart() {
    LayerSpec daily =
        layer(
            1,
            List.of("ann", "bob", "cai"),
            Turn.DAILY,
            "09:00",
            "2000-01-01",
            NEW_YORK,
            List.of());
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(daily), List.of(), List.of()),
            ZonedDateTime.parse("2026-12-03T12:00:00-05:00[America/New_York]").toInstant(),
            ZonedDateTime.parse("2026-12-04T12:00:00-05:00[America/New_York]").toInstant());
    long days =
        java.time.temporal.ChronoUnit.DAYS.between(
            LocalDate.parse("2000-01-01"), LocalDate.parse("2026-12-03"));
    assertThat(schedule.entries().get(0).user())
        .isEqualTo(List.of("ann", "bob", "cai").get((int) (days % 3)));
  }
}
