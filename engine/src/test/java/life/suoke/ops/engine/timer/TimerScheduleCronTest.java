package life.suoke.ops.engine.timer;

import static life.suoke.ops.engine.timer.TimerScheduleTest.BERLIN;
import static life.suoke.ops.engine.timer.TimerScheduleTest.iso;
import static life.suoke.ops.engine.timer.TimerScheduleTest.millis;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.model.TimerDefinition.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time cycles given as cron expressions (Spring's six-field syntax, as Zeebe documents). */
class TimerScheduleCronTest {

  private static TimerSchedule cron(String text) {
    return cron(text, TimerSchedule.DEFAULT_ZONE);
  }

  private static TimerSchedule cron(String text, ZoneId zone) {
    FeelResult<TimerSchedule> result = TimerSchedule.parse(Kind.CYCLE, text, zone);
    assertThat(result.isSuccess()).as("parse %s: %s", text, result).isTrue();
    assertThat(result.value().isCron()).isTrue();
    return result.value();
  }

  /** The next due date after the given instant, as an ISO instant, or "never". */
  private static String next(String text, String after) {
    return next(cron(text), after);
  }

  private static String next(TimerSchedule schedule, String after) {
    var next = schedule.next(millis(after));
    return next.isPresent() ? iso(next.getAsLong()) : "never";
  }

  @Test
  void theDocsExampleFiresHourlyFromNineToFiveOnWeekdaysInUtc() {
    TimerSchedule schedule = cron("0 0 9-17 * * MON-FRI");
    assertThat(schedule.kind()).isEqualTo(Kind.CYCLE);
    assertThat(schedule.repetitions()).isEqualTo(TimerSchedule.UNBOUNDED);
    assertThat(schedule.cronExpression()).isEqualTo("0 0 9-17 * * MON-FRI");
    assertThat(schedule.zone()).isEqualTo(ZoneId.of("Z"));
    // 2026-05-01 is a Friday
    assertThat(next(schedule, "2026-05-01T08:59:59Z")).isEqualTo("2026-05-01T09:00:00Z");
    assertThat(next(schedule, "2026-05-01T09:00:00Z")).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(next(schedule, "2026-05-01T09:00:00.500Z")).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(next(schedule, "2026-05-01T16:59:59.999Z")).isEqualTo("2026-05-01T17:00:00Z");
    assertThat(next(schedule, "2026-05-01T17:00:00Z")).isEqualTo("2026-05-04T09:00:00Z");
    assertThat(iso(schedule.dueDate(millis("2026-05-02T12:00:00Z"))))
        .isEqualTo("2026-05-04T09:00:00Z");
  }

  @Test
  void isRescheduledToTheFirstMatchAfterTheTriggerIsProcessed() {
    TimerSchedule schedule = cron("0 */10 * * * *");
    long due = millis("2026-05-01T10:10:00Z");
    assertThat(iso(schedule.nextDueDate(due, due + 40))).isEqualTo("2026-05-01T10:20:00Z");
    // late by more than a period: the next match after now, missed ones are skipped
    assertThat(iso(schedule.nextDueDate(due, millis("2026-05-01T10:43:00Z"))))
        .isEqualTo("2026-05-01T10:50:00Z");
    assertThat(schedule.withRepetitionsLeft(TimerSchedule.UNBOUNDED)).isEqualTo(schedule);
  }

  @Test
  void isEvaluatedInTheScheduleZone() {
    TimerSchedule schedule = cron("0 0 9 * * *", BERLIN);
    // 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer (from 2026-03-29)
    assertThat(next(schedule, "2026-03-27T12:00:00Z")).isEqualTo("2026-03-28T08:00:00Z");
    assertThat(next(schedule, "2026-03-28T08:00:00Z")).isEqualTo("2026-03-29T07:00:00Z");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // from Friday 2026-05-01T10:15:30Z
    "@hourly, 2026-05-01T11:00:00Z",
    "@daily, 2026-05-02T00:00:00Z",
    "@midnight, 2026-05-02T00:00:00Z",
    "@weekly, 2026-05-03T00:00:00Z",
    "@monthly, 2026-06-01T00:00:00Z",
    "@yearly, 2027-01-01T00:00:00Z",
    "@annually, 2027-01-01T00:00:00Z",
  })
  void acceptsSpringsMacros(String macro, String expected) {
    assertThat(next(macro, "2026-05-01T10:15:30Z")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // from Friday 2026-05-01T10:00:07Z
        "*/15 * * * * *| 2026-05-01T10:00:15Z",
        "0 5/20 * * * *| 2026-05-01T10:05:00Z",
        "0 10-30/10 * * * *| 2026-05-01T10:10:00Z",
        "0 0 0-12/6 * * *| 2026-05-01T12:00:00Z",
        "0 0 8,12,18 * * *| 2026-05-01T12:00:00Z",
        "0 0 8-9,12 * * *| 2026-05-01T12:00:00Z",
        "0 0 0 1 JAN,jul *| 2026-07-01T00:00:00Z",
        "0 0 0 1 1-3 *| 2027-01-01T00:00:00Z",
        "0 0 12 * * 0| 2026-05-03T12:00:00Z",
        "0 0 12 * * 7| 2026-05-03T12:00:00Z",
        "0 0 12 * * SUN| 2026-05-03T12:00:00Z",
        "0 0 12 * * sun| 2026-05-03T12:00:00Z",
        "0 0 12 * * mon-wed| 2026-05-04T12:00:00Z",
        "0 0 12 ? * SAT,SUN| 2026-05-02T12:00:00Z",
        "0 0 12 15 * ?| 2026-05-15T12:00:00Z",
        "0 0 0 * * *| 2026-05-02T00:00:00Z",
        "* * * * * *| 2026-05-01T10:00:08Z",
      })
  void fieldsTakeValuesRangesStepsListsAndNames(String expression, String expected) {
    assertThat(next(expression, "2026-05-01T10:00:07Z")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 0 12 L * *| 2026-02-10T00:00:00Z| 2026-02-28T12:00:00Z",
        "0 0 12 L * *| 2028-02-10T00:00:00Z| 2028-02-29T12:00:00Z",
        "0 0 12 L * *| 2026-02-28T12:00:00Z| 2026-03-31T12:00:00Z",
        "0 0 12 L-2 * *| 2026-02-01T00:00:00Z| 2026-02-26T12:00:00Z",
        // 2026-08-15 is a Saturday, 2026-02-15 a Sunday, 2026-08-01 a Saturday
        "0 0 12 15W * *| 2026-08-01T00:00:00Z| 2026-08-14T12:00:00Z",
        "0 0 12 15W * *| 2026-02-01T00:00:00Z| 2026-02-16T12:00:00Z",
        "0 0 12 15W * *| 2026-05-01T00:00:00Z| 2026-05-15T12:00:00Z",
        "0 0 12 1W * *| 2026-07-31T13:00:00Z| 2026-08-03T12:00:00Z",
        // 2026-05-31 is a Sunday
        "0 0 12 LW * *| 2026-05-01T00:00:00Z| 2026-05-29T12:00:00Z",
        "0 0 10 ? * FRI#3| 2026-05-01T00:00:00Z| 2026-05-15T10:00:00Z",
        "0 0 10 ? * 5#3| 2026-05-01T00:00:00Z| 2026-05-15T10:00:00Z",
        "0 0 10 ? * MON#1| 2026-05-01T00:00:00Z| 2026-05-04T10:00:00Z",
        "0 0 10 ? * 5L| 2026-05-01T00:00:00Z| 2026-05-29T10:00:00Z",
        "0 0 10 ? * FRIL| 2026-05-01T00:00:00Z| 2026-05-29T10:00:00Z",
        "0 0 10 ? * FRIL| 2026-05-29T10:00:00Z| 2026-06-26T10:00:00Z",
      })
  void dayFieldsTakeSpringsSpecialCharacters(String expression, String after, String expected) {
    assertThat(next(expression, after)).isEqualTo(expected);
  }

  @Test
  void bothDayFieldsMustMatchAsInSpring() {
    TimerSchedule friday13th = cron("0 0 0 13 * FRI");
    assertThat(next(friday13th, "2026-01-01T00:00:00Z")).isEqualTo("2026-02-13T00:00:00Z");
    assertThat(next(friday13th, "2026-02-13T00:00:00Z")).isEqualTo("2026-03-13T00:00:00Z");
    assertThat(next(friday13th, "2026-03-13T00:00:00Z")).isEqualTo("2026-11-13T00:00:00Z");
  }

  @Test
  void anExpressionThatNeverMatchesHasNoNextTime() {
    TimerSchedule february30th = cron("0 0 0 30 2 *");
    assertThat(february30th.next(millis("2026-01-01T00:00:00Z"))).isEmpty();
    // Zeebe then takes the creation time as the due date (and does not repeat the timer)
    assertThat(february30th.dueDate(12345L)).isEqualTo(12345L);
    assertThat(next("0 0 0 31 4 *", "2026-01-01T00:00:00Z")).isEqualTo("never");
    assertThat(next("0 0 0 29 2 *", "2026-01-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
    assertThat(next("0 0 0 29 2 MON", "2026-01-01T00:00:00Z")).isEqualTo("2044-02-29T00:00:00Z");
  }

  @Test
  void aTimeInTheSpringForwardGapFiresWhenTheClockPassesIt() {
    TimerSchedule schedule = cron("0 30 2 * * *", BERLIN);
    // 2026-03-29 02:00 -> 03:00 in Berlin: 02:30 does not exist, fires at 03:30+02:00
    assertThat(next(schedule, "2026-03-28T12:00:00Z")).isEqualTo("2026-03-29T01:30:00Z");
    assertThat(next(schedule, "2026-03-29T01:30:00Z")).isEqualTo("2026-03-30T00:30:00Z");
  }

  @Test
  void aTimeThatOccursTwiceWhenClocksGoBackFiresOnce() {
    TimerSchedule schedule = cron("0 30 2 * * *", BERLIN);
    // 2026-10-25 03:00+02:00 -> 02:00+01:00: 02:30 occurs at 00:30Z and at 01:30Z
    assertThat(next(schedule, "2026-10-24T12:00:00Z")).isEqualTo("2026-10-25T00:30:00Z");
    assertThat(next(schedule, "2026-10-25T00:30:00Z")).isEqualTo("2026-10-26T01:30:00Z");
    TimerSchedule hourly = cron("0 0 * * * *", BERLIN);
    assertThat(next(hourly, "2026-10-25T00:30:00Z"))
        .isEqualTo("2026-10-25T02:00:00Z"); // 03:00+01:00
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "foo| Cron expression contains 1 parts but we expect one of [6]",
        "0 9 * * 1-5| Cron expression contains 5 parts but we expect one of [6]",
        "0 0 0 * * * 2026| Cron expression contains 7 parts but we expect one of [6]",
        "@every| Cron expression contains 1 parts but we expect one of [6]",
        "60 * * * * *| Failed to parse '60' as second: value 60 not in range [0, 59]",
        "0 60 * * * *| Failed to parse '60' as minute: value 60 not in range [0, 59]",
        "0 0 24 * * *| Failed to parse '24' as hour: value 24 not in range [0, 23]",
        "0 0 0 0 * *| Failed to parse '0' as day of month: value 0 not in range [1, 31]",
        "0 0 0 32 * *| Failed to parse '32' as day of month: value 32 not in range [1, 31]",
        "0 0 0 * 13 *| Failed to parse '13' as month: value 13 not in range [1, 12]",
        "0 0 0 * * 8| Failed to parse '8' as day of week: value 8 not in range [0, 7]",
        "0 0 0 * * MOX| Failed to parse 'MOX' as day of week: 'MOX' is not a number nor a name",
        "0 0 0 * FOO *| Failed to parse 'FOO' as month: 'FOO' is not a number nor a name",
        "*/0 * * * * *| Failed to parse '*/0' as second: value 0 not in range [1, 60]",
        "0 0 5-3 * * *| Failed to parse '5-3' as hour: the range 5-3 ends before it starts",
        "? * * * * *| Failed to parse '?' as second: '?' is not a number",
        "0 0 0 L-31 * *| Failed to parse 'L-31' as day of month: value 31 not in range [0, 30]",
        "0 0 0 ? * MON#6| Failed to parse 'MON#6' as day of week: value 6 not in range [1, 5]",
        "0 0 0 ? * L| Failed to parse 'L' as day of week: 'L' is not a number nor a name",
        "0 0 0 W * *| Failed to parse 'W' as day of month: '' is not a number",
      })
  void rejectsMalformedExpressions(String expression, String message) {
    FeelResult<TimerSchedule> result = TimerSchedule.parse(Kind.CYCLE, expression);
    assertThat(result.failureMessage()).isEqualTo(message);
  }

  @Test
  void rejectsAnEmptyListItemAndAnEmptyCycle() {
    assertThat(TimerSchedule.parse(Kind.CYCLE, "0 0 0 1,,2 * *").failureMessage())
        .isEqualTo("Failed to parse '1,,2' as day of month: empty list item");
    assertThat(TimerSchedule.parse(Kind.CYCLE, "  ").failureMessage())
        .isEqualTo("Cron expression must not be empty");
  }

  @Test
  void aCycleNotStartingWithRIsACronExpression() {
    // Zeebe tells the two forms apart by the leading 'R' (case matters)
    assertThat(TimerSchedule.parse(Kind.CYCLE, "r3/PT1H").failureMessage())
        .isEqualTo("Cron expression contains 1 parts but we expect one of [6]");
    assertThat(TimerSchedule.parse(Kind.CYCLE, "PT1H").failureMessage())
        .isEqualTo("Cron expression contains 1 parts but we expect one of [6]");
  }
}
