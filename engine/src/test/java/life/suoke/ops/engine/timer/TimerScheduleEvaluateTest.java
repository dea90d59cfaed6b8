package life.suoke.ops.engine.timer;

import static life.suoke.ops.engine.timer.TimerScheduleTest.BERLIN;
import static life.suoke.ops.engine.timer.TimerScheduleTest.iso;
import static life.suoke.ops.engine.timer.TimerScheduleTest.millis;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.TimerDefinition;
import life.suoke.ops.engine.model.TimerDefinition.Kind;
import org.junit.jupiter.api.Test;

/** Timer definitions evaluated as Zeebe does when it creates a timer: static text or FEEL. */
class TimerScheduleEvaluateTest {

  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final FeelEvaluator feel = new FeelEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));
  private final Map<String, Object> variables = new HashMap<>();

  private FeelResult<TimerSchedule> evaluate(Kind kind, String attribute) {
    return evaluate(kind, attribute, TimerSchedule.DEFAULT_ZONE);
  }

  private FeelResult<TimerSchedule> evaluate(Kind kind, String attribute, ZoneId zone) {
    Function<String, Object> lookup = FeelEvaluator.lookup(variables);
    return TimerSchedule.evaluate(
        new TimerDefinition(kind, Expression.parse(attribute)), feel, lookup, zone);
  }

  private TimerSchedule schedule(Kind kind, String attribute) {
    FeelResult<TimerSchedule> result = evaluate(kind, attribute);
    assertThat(result.isSuccess()).as("%s %s: %s", kind, attribute, result).isTrue();
    return result.value();
  }

  private String failure(Kind kind, String attribute) {
    FeelResult<TimerSchedule> result = evaluate(kind, attribute);
    assertThat(result.isFailure()).as("%s %s: %s", kind, attribute, result).isTrue();
    return result.failureMessage();
  }

  @Test
  void staticTextIsParsed() {
    assertThat(schedule(Kind.DURATION, "PT1H"))
        .isEqualTo(TimerSchedule.parse(Kind.DURATION, "PT1H").value());
    assertThat(schedule(Kind.CYCLE, "R3/PT1H").repetitions()).isEqualTo(3);
    assertThat(failure(Kind.DURATION, "soon"))
        .isEqualTo("Invalid duration format 'soon' for expression 'soon'.");
  }

  // ------------------------------------------------------------------ durations

  @Test
  void aDurationMayBeADaysTimeDurationAnExactAmount() {
    TimerSchedule schedule = schedule(Kind.DURATION, "=duration(\"PT1H30M\")");
    assertThat(schedule.period()).isEqualTo(Period.ZERO);
    assertThat(schedule.duration()).isEqualTo(Duration.ofMinutes(90));
    assertThat(iso(schedule.dueDate(NOW.toEpochMilli()))).isEqualTo("2026-05-01T11:30:00Z");
  }

  @Test
  void aFeelDayIs24HoursWhereStaticTextIsACalendarDay() {
    long from = millis("2026-03-28T11:00:00Z"); // 12:00 in Berlin, the day before clocks go forward
    TimerSchedule feelDay = evaluate(Kind.DURATION, "=duration(\"P1D\")", BERLIN).value();
    TimerSchedule staticDay = evaluate(Kind.DURATION, "P1D", BERLIN).value();
    assertThat(iso(feelDay.dueDate(from))).isEqualTo("2026-03-29T11:00:00Z");
    assertThat(iso(staticDay.dueDate(from))).isEqualTo("2026-03-29T10:00:00Z");
  }

  @Test
  void aDurationMayBeAYearsMonthsDurationACalendarAmount() {
    TimerSchedule schedule = schedule(Kind.DURATION, "=duration(\"P1M\")");
    assertThat(schedule.period()).isEqualTo(Period.ofMonths(1));
    assertThat(iso(schedule.dueDate(millis("2026-01-31T08:00:00Z"))))
        .isEqualTo("2026-02-28T08:00:00Z");
  }

  @Test
  void aDurationMayBeComputedFromDates() {
    variables.put("created", "2026-05-01T08:00:00Z");
    variables.put("expires", "2026-05-01T09:15:00Z");
    TimerSchedule schedule =
        schedule(Kind.DURATION, "= date and time(expires) - date and time(created)");
    assertThat(schedule.duration()).isEqualTo(Duration.ofMinutes(75));
  }

  @Test
  void aDurationMayBeAStringInTheStaticForm() {
    variables.put("remainingTime", "PT5M");
    assertThat(schedule(Kind.DURATION, "= remainingTime").duration())
        .isEqualTo(Duration.ofMinutes(5));
    variables.put("remainingTime", "five minutes");
    assertThat(failure(Kind.DURATION, "= remainingTime"))
        .isEqualTo("Invalid duration format 'five minutes' for expression 'remainingTime'.");
  }

  @Test
  void aDurationOfAnotherTypeIsAFailureWithFeelsWarnings() {
    variables.put("timeout", 5L);
    assertThat(failure(Kind.DURATION, "=timeout"))
        .isEqualTo(
            "Expected result of the expression 'timeout' to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'.");
    assertThat(failure(Kind.DURATION, "=remaining"))
        .isEqualTo(
            "Expected result of the expression 'remaining' to be one of '[DURATION, PERIOD, STRING]', but was 'NULL'."
                + " The evaluation reported the following warnings:\n"
                + "[NO_VARIABLE_FOUND] No variable found with name 'remaining'");
  }

  // ------------------------------------------------------------------ dates

  @Test
  void aDateMayBeADateAndTime() {
    TimerSchedule schedule =
        schedule(Kind.DATE, "=date and time(\"2026-12-01T09:00:00@Asia/Shanghai\")");
    assertThat(schedule.kind()).isEqualTo(Kind.DATE);
    assertThat(iso(schedule.dueDate(0))).isEqualTo("2026-12-01T01:00:00Z");
    assertThat(schedule.date().getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void aDateMayBeComputedFromNow() {
    TimerSchedule schedule = schedule(Kind.DATE, "=now() + duration(\"PT2H\")");
    assertThat(iso(schedule.dueDate(0))).isEqualTo("2026-05-01T12:00:00Z");
  }

  @Test
  void aDateMayBeAStringInTheStaticForm() {
    variables.put("due", "2026-12-01T09:00:00+08:00");
    assertThat(schedule(Kind.DATE, "=due").date())
        .isEqualTo(ZonedDateTime.parse("2026-12-01T09:00:00+08:00"));
    variables.put("due", "next week");
    assertThat(failure(Kind.DATE, "=due"))
        .isEqualTo("Invalid date-time format 'next week' for expression 'due'.");
  }

  @Test
  void aDateMustNotBeNullOrOfAnotherType() {
    variables.put("due", null);
    assertThat(failure(Kind.DATE, "=due"))
        .isEqualTo(
            "Expected result of the expression 'due' to be one of '[DATE_TIME, STRING]', but was 'NULL'.");
    assertThat(failure(Kind.DATE, "=date(\"2026-12-01\")"))
        .isEqualTo(
            "Expected result of the expression 'date(\"2026-12-01\")' to be one of '[DATE_TIME, STRING]', but was 'DATE'.");
  }

  // ------------------------------------------------------------------ cycles

  @Test
  void aCycleMustBeAString() {
    variables.put("every", 15L);
    TimerSchedule schedule = schedule(Kind.CYCLE, "=\"R/PT\" + string(every) + \"M\"");
    assertThat(schedule.repetitions()).isEqualTo(TimerSchedule.UNBOUNDED);
    assertThat(schedule.duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(schedule(Kind.CYCLE, "=\"0 0 9 * * MON\"").isCron()).isTrue();
    assertThat(failure(Kind.CYCLE, "=duration(\"PT1H\")"))
        .isEqualTo(
            "Expected result of the expression 'duration(\"PT1H\")' to be 'STRING', but was 'DURATION'.");
  }

  @Test
  void aMissingCycleVariableIsReportedWithFeelsWarning() {
    assertThat(failure(Kind.CYCLE, "=INVALID_CYCLE_EXPRESSION"))
        .isEqualTo(
            "Expected result of the expression 'INVALID_CYCLE_EXPRESSION' to be 'STRING', but was 'NULL'."
                + " The evaluation reported the following warnings:\n"
                + "[NO_VARIABLE_FOUND] No variable found with name 'INVALID_CYCLE_EXPRESSION'");
  }

  @Test
  void anInvalidCycleStringGivesTheParsersMessage() {
    variables.put("cycle", "every hour");
    assertThat(failure(Kind.CYCLE, "=cycle"))
        .isEqualTo("Cron expression contains 2 parts but we expect one of [6]");
  }

  @Test
  void aFailingExpressionGivesFeelsFailure() {
    assertThat(failure(Kind.DURATION, "=assert(1, false)")).contains("assert");
  }
}
