package life.suoke.ops.engine.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.OptionalLong;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.model.TimerDefinition.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates, durations and repeating intervals; cron expressions are in {@link TimerScheduleCronTest}.
 */
class TimerScheduleTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static long millis(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  static TimerSchedule parsed(Kind kind, String text) {
    return parsed(kind, text, TimerSchedule.DEFAULT_ZONE);
  }

  static TimerSchedule parsed(Kind kind, String text, ZoneId zone) {
    FeelResult<TimerSchedule> result = TimerSchedule.parse(kind, text, zone);
    assertThat(result.isSuccess()).as("parse %s %s: %s", kind, text, result).isTrue();
    return result.value();
  }

  static String failure(Kind kind, String text) {
    FeelResult<TimerSchedule> result = TimerSchedule.parse(kind, text);
    assertThat(result.isFailure()).as("parse %s %s: %s", kind, text, result).isTrue();
    return result.failureMessage();
  }

  // ------------------------------------------------------------------ time date

  @Nested
  class TimeDate {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "2026-12-01T09:00:00+08:00, 2026-12-01T01:00:00Z",
      "2026-12-01T09:00:00Z, 2026-12-01T09:00:00Z",
      "2026-12-01T09:00+08:00, 2026-12-01T01:00:00Z",
      "2026-12-01T09:00:00.250-05:00, 2026-12-01T14:00:00.250Z",
      "2026-12-01T09:00:00+08:00[Asia/Shanghai], 2026-12-01T01:00:00Z",
      // the offset wins over the zone's rules: the instant is kept
      "2026-07-01T12:00:00+00:00[Europe/Berlin], 2026-07-01T12:00:00Z",
      // a wall-clock time inside the spring-forward gap: the offset makes it an instant
      "2026-03-29T02:30:00+01:00[Europe/Berlin], 2026-03-29T01:30:00Z",
    })
    void isAnIso8601DateTimeWithOffset(String text, String instant) {
      TimerSchedule schedule = parsed(Kind.DATE, text);
      assertThat(schedule.kind()).isEqualTo(Kind.DATE);
      assertThat(schedule.repetitions()).isEqualTo(1);
      assertThat(iso(schedule.dueDate(millis("2020-01-01T00:00:00Z")))).isEqualTo(instant);
      assertThat(schedule.isCron()).isFalse();
    }

    @Test
    void dueDateIgnoresWhenTheTimerIsCreatedEvenIfThePastIsGiven() {
      TimerSchedule schedule = parsed(Kind.DATE, "2020-01-01T00:00:00Z");
      assertThat(schedule.dueDate(millis("2026-01-01T00:00:00Z")))
          .isEqualTo(millis("2020-01-01T00:00:00Z"));
      assertThat(schedule.next(0)).isEmpty();
      assertThat(schedule.date()).isEqualTo(ZonedDateTime.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void keepsTheZoneIdOfTheDefinition() {
      TimerSchedule schedule = parsed(Kind.DATE, "2026-12-01T09:00:00+08:00[Asia/Shanghai]");
      assertThat(schedule.date().getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(
        strings = {
          "2026-12-01T09:00:00[Asia/Shanghai]", // a zone id needs an offset too (Camunda docs)
          "2026-12-01T09:00:00",
          "2026-12-01",
          "tomorrow",
          "2026-02-30T09:00:00Z",
          "",
        })
    void rejectsTextThatIsNotADateTimeWithOffset(String text) {
      assertThat(failure(Kind.DATE, text))
          .isEqualTo("Invalid date-time format '" + text + "' for expression '" + text + "'.");
    }

    @Test
    void ignoresSurroundingWhiteSpace() {
      assertThat(parsed(Kind.DATE, "\n  2026-12-01T09:00:00Z \n").dueDate(0))
          .isEqualTo(millis("2026-12-01T09:00:00Z"));
    }
  }

  // ------------------------------------------------------------------ time duration

  @Nested
  class TimeDuration {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "PT15M, 2026-01-15T10:15:00Z",
      "PT15S, 2026-01-15T10:00:15Z",
      "PT0.5S, 2026-01-15T10:00:00.500Z",
      "PT1H30M, 2026-01-15T11:30:00Z",
      "P3D, 2026-01-18T10:00:00Z",
      "P1DT2H, 2026-01-16T12:00:00Z",
      "P2W, 2026-01-29T10:00:00Z",
      "P1M, 2026-02-15T10:00:00Z",
      "P1Y, 2027-01-15T10:00:00Z",
      "P3Y6M4DT12H30M5S, 2029-07-19T22:30:05Z",
      "PT36H, 2026-01-16T22:00:00Z",
      "+PT1H, 2026-01-15T11:00:00Z",
      "-PT1H, 2026-01-15T09:00:00Z",
      "-P1DT1H, 2026-01-14T09:00:00Z",
      "PT0S, 2026-01-15T10:00:00Z",
    })
    void isCountedFromWhenTheTimerIsCreated(String text, String due) {
      TimerSchedule schedule = parsed(Kind.DURATION, text);
      assertThat(schedule.kind()).isEqualTo(Kind.DURATION);
      assertThat(schedule.repetitions()).isEqualTo(1);
      assertThat(iso(schedule.dueDate(millis("2026-01-15T10:00:00Z")))).isEqualTo(due);
    }

    @Test
    void splitsTheCalendarPartFromTheExactPart() {
      TimerSchedule schedule = parsed(Kind.DURATION, "P1DT2H");
      assertThat(schedule.period()).isEqualTo(Period.ofDays(1));
      assertThat(schedule.duration()).isEqualTo(Duration.ofHours(2));
      assertThat(parsed(Kind.DURATION, "PT2H").period()).isEqualTo(Period.ZERO);
      assertThat(parsed(Kind.DURATION, "P2M").duration()).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
      "2026-01-31T10:00:00Z, P1M, 2026-02-28T10:00:00Z",
      "2028-01-31T10:00:00Z, P1M, 2028-02-29T10:00:00Z",
      "2026-03-31T10:00:00Z, P1M, 2026-04-30T10:00:00Z",
      "2028-02-29T10:00:00Z, P1Y, 2029-02-28T10:00:00Z",
      "2026-12-31T23:30:00Z, PT1H, 2027-01-01T00:30:00Z",
    })
    void monthsAndYearsFollowTheCalendar(String from, String text, String due) {
      assertThat(iso(parsed(Kind.DURATION, text).dueDate(millis(from)))).isEqualTo(due);
    }

    @Test
    void daysKeepTheWallClockTimeAcrossDaylightSavingButHoursAreExact() {
      // 2026-03-28T12:00+01:00 in Berlin; clocks go forward on the 29th at 02:00
      long from = millis("2026-03-28T11:00:00Z");
      assertThat(iso(parsed(Kind.DURATION, "P1D", BERLIN).dueDate(from)))
          .isEqualTo("2026-03-29T10:00:00Z"); // 12:00+02:00
      assertThat(iso(parsed(Kind.DURATION, "PT24H", BERLIN).dueDate(from)))
          .isEqualTo("2026-03-29T11:00:00Z"); // 13:00+02:00
      // in UTC, the default zone, a day is 24 hours
      assertThat(iso(parsed(Kind.DURATION, "P1D").dueDate(from))).isEqualTo("2026-03-29T11:00:00Z");
      assertThat(parsed(Kind.DURATION, "P1D").zone()).isEqualTo(TimerSchedule.DEFAULT_ZONE);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(
        strings = {"foo", "", "P", "PT", "1H", "P1H", "PT1D", "P1.5D", "PT1H2", "R3/PT1H", "P1DT"})
    void rejectsTextThatIsNotAnIso8601Duration(String text) {
      assertThat(failure(Kind.DURATION, text))
          .isEqualTo("Invalid duration format '" + text + "' for expression '" + text + "'.");
    }

    @Test
    void aDurationTooLargeParsesButItsDueDateOverflows() {
      TimerSchedule schedule = parsed(Kind.DURATION, "PT2562047788015215H");
      assertThatThrownBy(() -> schedule.dueDate(System.currentTimeMillis()))
          .isInstanceOfAny(ArithmeticException.class, java.time.DateTimeException.class);
      TimerSchedule millis = parsed(Kind.DURATION, "PT23H").withRepetitionsLeft(1);
      assertThatThrownBy(() -> millis.dueDate(Long.MAX_VALUE - 1000))
          .isInstanceOf(ArithmeticException.class);
      TimerSchedule years = parsed(Kind.DURATION, "P999999999Y");
      assertThatThrownBy(() -> years.dueDate(System.currentTimeMillis()))
          .isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void doesNotRepeat() {
      TimerSchedule schedule = parsed(Kind.DURATION, "PT1H");
      assertThat(schedule.next(0)).isEmpty();
      assertThatThrownBy(() -> schedule.nextDueDate(0, 0))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  // ------------------------------------------------------------------ time cycle: repeating
  // intervals

  @Nested
  class RepeatingInterval {

    @Test
    void repeatsTheGivenNumberOfTimes() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R3/PT1H");
      assertThat(schedule.kind()).isEqualTo(Kind.CYCLE);
      assertThat(schedule.isCron()).isFalse();
      assertThat(schedule.repetitions()).isEqualTo(3);
      assertThat(schedule.start()).isEmpty();
      assertThat(schedule.duration()).isEqualTo(Duration.ofHours(1));
      long created = millis("2026-01-15T10:00:00Z");
      assertThat(iso(schedule.dueDate(created))).isEqualTo("2026-01-15T11:00:00Z");
      assertThat(schedule.next(created)).isEqualTo(OptionalLong.of(millis("2026-01-15T11:00:00Z")));
    }

    @Test
    void withoutACountRepeatsWithoutBound() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R/P1D");
      assertThat(schedule.repetitions()).isEqualTo(TimerSchedule.UNBOUNDED).isEqualTo(-1);
      assertThat(iso(schedule.dueDate(millis("2026-01-15T10:00:00Z"))))
          .isEqualTo("2026-01-16T10:00:00Z");
    }

    @Test
    void countsFollowZeebesParsing() {
      assertThat(parsed(Kind.CYCLE, "R0/PT1H").repetitions()).isZero();
      assertThat(parsed(Kind.CYCLE, "R1/PT1H").repetitions()).isEqualTo(1);
      assertThat(parsed(Kind.CYCLE, "R10/PT10S").repetitions()).isEqualTo(10);
    }

    @Test
    void aStartStillAheadIsTheFirstDueDate() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R5/2026-01-01T00:00:00Z/PT1H");
      assertThat(schedule.start()).contains(ZonedDateTime.parse("2026-01-01T00:00:00Z"));
      assertThat(schedule.repetitions()).isEqualTo(5);
      assertThat(iso(schedule.dueDate(millis("2025-12-24T08:00:00Z"))))
          .isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aStartInThePastIsIgnoredForTheFirstDueDate() {
      // Zeebe 8.8: a start not after the creation time schedules one interval after creation
      TimerSchedule schedule = parsed(Kind.CYCLE, "R3/2022-04-27T17:20:00Z/P1D");
      assertThat(iso(schedule.dueDate(millis("2026-01-15T10:00:00Z"))))
          .isEqualTo("2026-01-16T10:00:00Z");
      TimerSchedule exactlyNow = parsed(Kind.CYCLE, "R3/2026-01-15T10:00:00Z/PT1M");
      assertThat(iso(exactlyNow.dueDate(millis("2026-01-15T10:00:00Z"))))
          .isEqualTo("2026-01-15T10:01:00Z");
    }

    @Test
    void isRescheduledOneIntervalAfterTheLastDueDate() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R3/PT1H");
      long lastDue = millis("2026-01-15T11:00:00Z");
      // the trigger is processed a little after the due date; the next one keeps the rhythm
      assertThat(iso(schedule.nextDueDate(lastDue, lastDue + 250)))
          .isEqualTo("2026-01-15T12:00:00Z");
    }

    @Test
    void missedOccurrencesAreNotMadeUpFor() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R/PT1H");
      long lastDue = millis("2026-01-15T11:00:00Z");
      long now = millis("2026-01-15T15:20:00Z"); // e.g. the engine was down
      assertThat(iso(schedule.nextDueDate(lastDue, now))).isEqualTo("2026-01-15T16:20:00Z");
      // exactly one interval late is late too: the natural next would not be after now
      assertThat(iso(schedule.nextDueDate(lastDue, millis("2026-01-15T12:00:00Z"))))
          .isEqualTo("2026-01-15T13:00:00Z");
    }

    @Test
    void monthlyFromTheEndOfAMonthFollowsTheShorterMonths() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R/2026-01-31T10:00:00Z/P1M");
      long first = schedule.dueDate(millis("2026-01-01T00:00:00Z"));
      assertThat(iso(first)).isEqualTo("2026-01-31T10:00:00Z");
      long second = schedule.nextDueDate(first, first + 1);
      assertThat(iso(second)).isEqualTo("2026-02-28T10:00:00Z");
      long third = schedule.nextDueDate(second, second + 1);
      assertThat(iso(third)).isEqualTo("2026-03-28T10:00:00Z"); // one month after the last due date
    }

    @Test
    void aZonedStartKeepsItsWallClockTimeAcrossDaylightSaving() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R/2026-03-27T10:00:00+01:00[Europe/Berlin]/P1D");
      long first = schedule.dueDate(millis("2026-03-01T00:00:00Z"));
      assertThat(iso(first)).isEqualTo("2026-03-27T09:00:00Z");
      long second = schedule.nextDueDate(first, first + 1);
      assertThat(iso(second)).isEqualTo("2026-03-28T09:00:00Z");
      long third = schedule.nextDueDate(second, second + 1);
      assertThat(iso(third)).isEqualTo("2026-03-29T08:00:00Z"); // 10:00+02:00, 23 hours later
      assertThat(schedule.next(second)).isEqualTo(OptionalLong.of(third));
    }

    @Test
    void aStartWithAnOffsetOnlyCountsDaysIn24Hours() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R/2026-03-27T10:00:00+01:00/P1D", BERLIN);
      long second = millis("2026-03-28T09:00:00Z");
      assertThat(iso(schedule.nextDueDate(second, second + 1))).isEqualTo("2026-03-29T09:00:00Z");
    }

    @Test
    void hoursAreExactAcrossDaylightSaving() {
      TimerSchedule schedule =
          parsed(Kind.CYCLE, "R/2026-03-28T12:00:00+01:00[Europe/Berlin]/PT24H");
      long due = millis("2026-03-28T11:00:00Z");
      assertThat(iso(schedule.nextDueDate(due, due + 1)))
          .isEqualTo("2026-03-29T11:00:00Z"); // 13:00+02:00
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "R| No interval given",
          "R3| No interval given",
          "Rx/PT1H| Cannot parse repetitions count",
          "R3.5/PT1H| Cannot parse repetitions count",
          "R3/foo| Text cannot be parsed to a Period",
          "R3/| Text cannot be parsed to a Period",
          "R3/PTfoo| Text cannot be parsed to a Duration",
          "R3/P1DTfoo| Text cannot be parsed to a Duration",
          "R/notadate/PT1H| Text 'notadate' could not be parsed at index 0",
          "R/2026-01-01T00:00:00/PT1H| Text '2026-01-01T00:00:00' could not be parsed at index 19",
        })
    void rejectsMalformedIntervalsWithTheParsersMessage(String text, String message) {
      assertThat(failure(Kind.CYCLE, text)).isEqualTo(message);
    }

    @Test
    void theRepetitionsLeftDecideWhetherATimerFiresAgain() {
      assertThat(TimerSchedule.repeatsAfter(TimerSchedule.UNBOUNDED)).isTrue();
      assertThat(TimerSchedule.repeatsAfter(3)).isTrue();
      assertThat(TimerSchedule.repeatsAfter(2)).isTrue();
      assertThat(TimerSchedule.repeatsAfter(1)).isFalse();
      assertThat(TimerSchedule.repeatsAfter(0)).isFalse();
      assertThat(TimerSchedule.repetitionsAfterTrigger(3)).isEqualTo(2);
      assertThat(TimerSchedule.repetitionsAfterTrigger(TimerSchedule.UNBOUNDED))
          .isEqualTo(TimerSchedule.UNBOUNDED);
    }

    @Test
    void r3FiresThreeTimes() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R3/PT10S");
      int left = schedule.repetitions();
      long due = schedule.dueDate(0);
      int fired = 0;
      while (true) {
        fired++;
        if (!TimerSchedule.repeatsAfter(left)) {
          break;
        }
        left = TimerSchedule.repetitionsAfterTrigger(left);
        due = schedule.withRepetitionsLeft(left).nextDueDate(due, due);
      }
      assertThat(fired).isEqualTo(3);
      assertThat(due).isEqualTo(30_000);
    }

    @Test
    void withRepetitionsLeftKeepsEverythingElse() {
      TimerSchedule schedule = parsed(Kind.CYCLE, "R5/2026-01-01T00:00:00Z/PT1H");
      TimerSchedule rescheduled = schedule.withRepetitionsLeft(4);
      assertThat(rescheduled.repetitions()).isEqualTo(4);
      assertThat(rescheduled.start()).isEqualTo(schedule.start());
      assertThat(rescheduled.duration()).isEqualTo(schedule.duration());
      assertThat(rescheduled).isNotEqualTo(schedule).isEqualTo(schedule.withRepetitionsLeft(4));
      assertThat(schedule.withRepetitionsLeft(5)).isEqualTo(schedule).hasSameHashCodeAs(schedule);
    }
  }

  @Test
  void deploymentFailuresAreWordedLikeZeebes() {
    assertThat(TimerSchedule.deploymentFailure(Kind.DURATION, failure(Kind.DURATION, "foo")))
        .isEqualTo(
            "Invalid timer duration expression (Invalid duration format 'foo' for expression 'foo'.)");
    assertThat(TimerSchedule.deploymentFailure(Kind.DATE, failure(Kind.DATE, "foo")))
        .isEqualTo(
            "Invalid timer date expression (Invalid date-time format 'foo' for expression 'foo'.)");
    assertThat(TimerSchedule.deploymentFailure(Kind.CYCLE, failure(Kind.CYCLE, "foo")))
        .isEqualTo(
            "Invalid timer cycle expression (Cron expression contains 1 parts but we expect one of [6])");
  }
}
