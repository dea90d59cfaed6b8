package life.suoke.ops.engine.timer;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.TimerDefinition;
import life.suoke.ops.engine.model.TimerDefinition.Kind;

/**
 * When a timer fires: a parsed {@code timeDate}, {@code timeDuration} or {@code timeCycle}, with
 * Zeebe's rules for its due dates (Camunda 8 docs, "Timer events"). Immutable and pure: every
 * computation takes the current time as an argument.
 *
 * <ul>
 *   <li><b>Date</b> ({@link Kind#DATE}): an ISO-8601 combined date and time that must carry an
 *       offset ({@code Z} or {@code +02:00}) and may add a zone id, e.g. {@code
 *       2026-12-01T09:00:00+08:00} or {@code 2026-12-01T09:00:00+08:00[Asia/Shanghai]}; a date-time
 *       with a zone id but no offset is rejected, as in Zeebe. Fires once, at that time (at once if
 *       it is past).
 *   <li><b>Duration</b> ({@link Kind#DURATION}): an ISO-8601 duration {@code PnYnMnWnDTnHnMnS},
 *       e.g. {@code PT15M}, {@code P3D}, {@code P1DT2H}; a leading {@code -} or {@code +} is
 *       allowed. Fires once, that long after the timer was created (at once if zero or negative).
 *       The date part (years, months, weeks, days) is calendar-aware: it is added to the local date
 *       in the schedule's zone ({@code P1M} from 31 January is the last day of February, {@code
 *       P1D} keeps the wall-clock time across a daylight-saving change); the time part is exact.
 *   <li><b>Cycle</b> ({@link Kind#CYCLE}), either an ISO-8601 repeating interval {@code
 *       Rn/duration} ({@code R} alone: unbounded), optionally with a start, {@code
 *       Rn/start/duration}, or, when it does not start with {@code R}, a cron expression ({@link
 *       Cron}: Spring's six fields, e.g. {@code 0 0 9-17 * * MON-FRI}), which repeats without
 *       bound.
 * </ul>
 *
 * <p>The zone of a schedule is where calendar arithmetic and cron expressions are evaluated when
 * the definition itself names none; it is {@link #DEFAULT_ZONE} (UTC, the zone of the docs' cron
 * example) unless given to {@link #parse(Kind, String, ZoneId)}.
 *
 * <p>Repetitions follow Zeebe's timer records: a date or a duration has 1, a repeating interval the
 * given count or {@link #UNBOUNDED}, a cron expression {@link #UNBOUNDED}. When a timer with
 * repetitions {@code n} fires, it is rescheduled if {@link #repeatsAfter(int) n is unbounded or
 * greater than 1}, with {@link #repetitionsAfterTrigger(int) n - 1} repetitions left and the due
 * date {@link #nextDueDate(long, long)}.
 */
public final class TimerSchedule {

  /** Repetitions of a timer that repeats without bound ({@code R/...} and cron expressions). */
  public static final int UNBOUNDED = -1;

  /** The zone used for calendar arithmetic and cron expressions unless another is given. */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  private static final Duration ONE_DAY = Duration.ofDays(1);

  private final Kind kind;
  private final String text;
  private final ZoneId zone;
  private final int repetitions;
  // DATE
  private final ZonedDateTime date;
  // DURATION and repeating intervals
  private final Period period;
  private final Duration duration;
  private final ZonedDateTime start;
  // cron cycles
  private final Cron cron;

  private TimerSchedule(
      Kind kind,
      String text,
      ZoneId zone,
      int repetitions,
      ZonedDateTime date,
      Period period,
      Duration duration,
      ZonedDateTime start,
      Cron cron) {
    this.kind = kind;
    this.text = text;
    this.zone = zone;
    this.repetitions = repetitions;
    this.date = date;
    this.period = period;
    this.duration = duration;
    this.start = start;
    this.cron = cron;
  }

  // ------------------------------------------------------------------ creating

  /** Parses static text in the {@link #DEFAULT_ZONE}; see {@link #parse(Kind, String, ZoneId)}. */
  public static FeelResult<TimerSchedule> parse(Kind kind, String text) {
    return parse(kind, text, DEFAULT_ZONE);
  }

  /**
   * Parses the text of a timer definition (surrounding white space is ignored). The failure is the
   * message of a Zeebe incident for the same text:
   *
   * <ul>
   *   <li>date: {@code Invalid date-time format 'x' for expression 'x'.}
   *   <li>duration: {@code Invalid duration format 'x' for expression 'x'.}
   *   <li>cycle: the parser's own message, e.g. {@code Cron expression contains 1 parts but we
   *       expect one of [6]}, {@code Text cannot be parsed to a Duration}, {@code No interval
   *       given} or {@code Cannot parse repetitions count}.
   * </ul>
   *
   * On deployment Zeebe wraps the message as {@code Invalid timer <kind> expression (<message>)},
   * see {@link #deploymentFailure(Kind, String)}.
   */
  public static FeelResult<TimerSchedule> parse(Kind kind, String text, ZoneId zone) {
    return parse(kind, text, text == null ? "" : text.strip(), zone);
  }

  private static FeelResult<TimerSchedule> parse(
      Kind kind, String text, String expressionSource, ZoneId zone) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    String value = text == null ? "" : text.strip();
    return switch (kind) {
      case DATE -> parseDate(value, expressionSource, zone);
      case DURATION -> parseDuration(value, expressionSource, zone);
      case CYCLE -> parseCycle(value, zone);
    };
  }

  /** A timer that fires once at the given time. */
  public static TimerSchedule date(ZonedDateTime date) {
    Objects.requireNonNull(date, "date");
    return new TimerSchedule(
        Kind.DATE, date.toString(), date.getZone(), 1, date, null, null, null, null);
  }

  /**
   * A timer that fires once, the given calendar period plus exact duration after it was created.
   */
  public static TimerSchedule duration(Period period, Duration duration, ZoneId zone) {
    return new TimerSchedule(
        Kind.DURATION,
        text(period, duration),
        zone,
        1,
        null,
        Objects.requireNonNull(period, "period"),
        Objects.requireNonNull(duration, "duration"),
        null,
        null);
  }

  /**
   * Evaluates a timer definition the way Zeebe does when it creates the timer (in the {@link
   * #DEFAULT_ZONE}); see {@link #evaluate(TimerDefinition, FeelEvaluator, Function, ZoneId)}.
   */
  public static FeelResult<TimerSchedule> evaluate(
      TimerDefinition definition, FeelEvaluator feel, Function<String, Object> variables) {
    return evaluate(definition, feel, variables, DEFAULT_ZONE);
  }

  /**
   * Evaluates a timer definition (static or FEEL) the way Zeebe does when it creates the timer. A
   * FEEL expression must give:
   *
   * <ul>
   *   <li>date: a date and time, or a string parsed as a static date; otherwise {@code Expected
   *       result of the expression 'x' to be one of '[DATE_TIME, STRING]', but was 'NULL'.}
   *   <li>duration: a days-time duration (exact), a years-months duration (calendar), or a string
   *       parsed as a static duration; otherwise {@code Expected result of the expression 'x' to be
   *       one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'.}
   *   <li>cycle: a string parsed as a static cycle; otherwise {@code Expected result of the
   *       expression 'x' to be 'STRING', but was 'NULL'.}
   * </ul>
   *
   * FEEL's warnings are appended to a type mismatch, as Zeebe does ({@code ... The evaluation
   * reported the following warnings: [NO_VARIABLE_FOUND] No variable found with name 'x'}). The
   * failure message is the incident message Zeebe raises (error type {@code EXTRACT_VALUE_ERROR}).
   */
  public static FeelResult<TimerSchedule> evaluate(
      TimerDefinition definition,
      FeelEvaluator feel,
      Function<String, Object> variables,
      ZoneId zone) {
    Expression expression = definition.expression();
    if (!expression.feel()) {
      return parse(definition.kind(), expression.source(), zone);
    }
    String source = expression.source();
    return feel.evaluateTyped(expression, variables)
        .<TimerSchedule>flatMap(
            result ->
                switch (definition.kind()) {
                  case DATE ->
                      switch (result.type()) {
                        case "DATE_TIME" ->
                            FeelResult.success(date((ZonedDateTime) result.value()));
                        case "STRING" ->
                            withWarnings(
                                parse(Kind.DATE, (String) result.value(), source, zone), result);
                        default ->
                            FeelResult.<TimerSchedule>failure(
                                result.withWarnings(
                                    String.format(
                                        "Expected result of the expression '%s' to be one of '[DATE_TIME, STRING]', but was '%s'.",
                                        source, result.type())));
                      };
                  case DURATION ->
                      switch (result.type()) {
                        case "DURATION" ->
                            FeelResult.success(
                                duration(Period.ZERO, (Duration) result.value(), zone));
                        case "PERIOD" ->
                            FeelResult.success(
                                duration((Period) result.value(), Duration.ZERO, zone));
                        case "STRING" ->
                            withWarnings(
                                parse(Kind.DURATION, (String) result.value(), source, zone),
                                result);
                        default ->
                            FeelResult.<TimerSchedule>failure(
                                result.withWarnings(
                                    String.format(
                                        "Expected result of the expression '%s' to be one of '[DURATION, PERIOD, STRING]', but was '%s'.",
                                        source, result.type())));
                      };
                  case CYCLE ->
                      "STRING".equals(result.type())
                          ? parse(Kind.CYCLE, (String) result.value(), source, zone)
                          : FeelResult.<TimerSchedule>failure(
                              result.withWarnings(
                                  String.format(
                                      "Expected result of the expression '%s' to be 'STRING', but was '%s'.",
                                      source, result.type())));
                });
  }

  /**
   * The message Zeebe rejects a deployment with when a timer expression that it evaluates on
   * deployment (a static one, or any of a process's timer start event) fails, e.g. {@code Invalid
   * timer duration expression (Invalid duration format 'foo' for expression 'foo'.)}.
   */
  public static String deploymentFailure(Kind kind, String failureMessage) {
    return String.format("Invalid timer %s expression (%s)", kind.word(), failureMessage);
  }

  /** Zeebe's deployment message for a timer whose due date cannot be computed (too far ahead). */
  public static final String OVERFLOW_MESSAGE =
      "Timer duration is too large and results in arithmetic overflow. Please use a smaller duration value.";

  // ------------------------------------------------------------------ parsing

  private static FeelResult<TimerSchedule> parseDate(
      String text, String expressionSource, ZoneId zone) {
    try {
      ZonedDateTime date = ZonedDateTime.parse(text);
      return FeelResult.success(
          new TimerSchedule(Kind.DATE, text, zone, 1, date, null, null, null, null));
    } catch (DateTimeParseException e) {
      return FeelResult.failure(
          String.format(
              "Invalid date-time format '%s' for expression '%s'.", text, expressionSource));
    }
  }

  private static FeelResult<TimerSchedule> parseDuration(
      String text, String expressionSource, ZoneId zone) {
    try {
      // Zeebe's interval syntax also takes "start/duration"; a start still in the future is then
      // the due date, as for a repeating interval
      Interval interval = Interval.parse(text);
      return FeelResult.success(
          new TimerSchedule(
              Kind.DURATION,
              text,
              zone,
              1,
              null,
              interval.period,
              interval.duration,
              interval.start,
              null));
    } catch (DateTimeParseException e) {
      return FeelResult.failure(
          String.format(
              "Invalid duration format '%s' for expression '%s'.", text, expressionSource));
    }
  }

  private static FeelResult<TimerSchedule> parseCycle(String text, ZoneId zone) {
    if (!text.startsWith("R")) {
      try {
        return FeelResult.success(
            new TimerSchedule(
                Kind.CYCLE, text, zone, UNBOUNDED, null, null, null, null, Cron.parse(text)));
      } catch (IllegalArgumentException e) {
        return FeelResult.failure(e.getMessage());
      }
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return FeelResult.failure("No interval given");
    }
    int repetitions;
    if (slash == 1) {
      repetitions = UNBOUNDED;
    } else {
      try {
        repetitions = Integer.parseInt(text.substring(1, slash));
      } catch (NumberFormatException e) {
        return FeelResult.failure("Cannot parse repetitions count");
      }
    }
    try {
      Interval interval = Interval.parse(text.substring(slash + 1));
      return FeelResult.success(
          new TimerSchedule(
              Kind.CYCLE,
              text,
              zone,
              repetitions,
              null,
              interval.period,
              interval.duration,
              interval.start,
              null));
    } catch (DateTimeParseException e) {
      return FeelResult.failure(e.getMessage());
    }
  }

  private static FeelResult<TimerSchedule> withWarnings(
      FeelResult<TimerSchedule> parsed, FeelEvaluator.Typed result) {
    return parsed.isFailure()
        ? FeelResult.failure(result.withWarnings(parsed.failureMessage()))
        : parsed;
  }

  /**
   * An ISO-8601 duration, optionally preceded by a start date-time and {@code /}: the date part
   * (years, months, weeks, days) as a {@link Period}, the time part as a {@link Duration}. The sign
   * may precede the {@code P} and applies to both parts.
   */
  private record Interval(ZonedDateTime start, Period period, Duration duration) {

    static Interval parse(String text) {
      ZonedDateTime start = null;
      int slash = text.lastIndexOf('/');
      if (slash > 0) {
        start = ZonedDateTime.parse(text.substring(0, slash));
      }
      String value = text.substring(slash + 1);
      String sign = value.startsWith("-") ? "-" : "";
      int signLength = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
      int time = value.indexOf('T');
      if (time < 0) {
        return new Interval(start, Period.parse(value), Duration.ZERO);
      } else if (time == signLength + 1) {
        return new Interval(start, Period.ZERO, Duration.parse(value));
      }
      return new Interval(
          start,
          Period.parse(value.substring(0, time)),
          Duration.parse(sign + "P" + value.substring(time)));
    }
  }

  // ------------------------------------------------------------------ due dates

  /**
   * The due date of the timer created at {@code fromEpochMillis} (Zeebe: the due date of the timer
   * record written when the timer is created):
   *
   * <ul>
   *   <li>date: the date (whatever {@code from} is);
   *   <li>duration: {@code from} plus the duration;
   *   <li>repeating interval: its start if that is after {@code from}, otherwise {@code from} plus
   *       the interval;
   *   <li>cron: the first matching second after {@code from}; {@code from} itself if the expression
   *       never matches again.
   * </ul>
   *
   * @throws ArithmeticException or {@link DateTimeException} if the due date is out of range (see
   *     {@link #OVERFLOW_MESSAGE})
   */
  public long dueDate(long fromEpochMillis) {
    if (kind == Kind.DATE) {
      return date.toInstant().toEpochMilli();
    } else if (cron != null) {
      return next(fromEpochMillis).orElse(fromEpochMillis);
    } else if (start != null) {
      long startMillis = start.toInstant().toEpochMilli();
      if (startMillis > fromEpochMillis) {
        return startMillis;
      }
    }
    return plusInterval(fromEpochMillis, zone);
  }

  /**
   * The next occurrence of a cycle strictly after {@code afterEpochMillis}: the next matching
   * second of a cron expression (empty if there is none), or {@code after} plus the interval of a
   * repeating interval. Empty for a date or a duration, which do not repeat.
   */
  public OptionalLong next(long afterEpochMillis) {
    if (cron != null) {
      Optional<ZonedDateTime> next = cron.next(Instant.ofEpochMilli(afterEpochMillis), zone);
      return next.isPresent()
          ? OptionalLong.of(next.get().toInstant().toEpochMilli())
          : OptionalLong.empty();
    } else if (kind == Kind.CYCLE) {
      return OptionalLong.of(
          plusInterval(afterEpochMillis, start != null ? start.getZone() : zone));
    }
    return OptionalLong.empty();
  }

  /**
   * The due date of a cycle rescheduled after it fired (Zeebe's rule): for a cron expression, the
   * first matching second after {@code now}; for a repeating interval, the last due date plus the
   * interval if that is still ahead of {@code now}, otherwise {@code now} plus the interval (missed
   * occurrences are not made up for).
   *
   * @throws IllegalStateException for a date or a duration, which do not repeat
   */
  public long nextDueDate(long lastDueDate, long nowEpochMillis) {
    if (kind != Kind.CYCLE) {
      throw new IllegalStateException("A timer " + kind.word() + " does not repeat: " + text);
    }
    if (cron != null) {
      return dueDate(nowEpochMillis);
    }
    long natural = plusInterval(lastDueDate, start != null ? start.getZone() : zone);
    return natural > nowEpochMillis ? natural : plusInterval(nowEpochMillis, zone);
  }

  /** Adds the interval (period in the zone's calendar, then the exact duration). */
  private long plusInterval(long fromEpochMillis, ZoneId calendarZone) {
    if (period.isZero() && duration.compareTo(ONE_DAY) < 0) {
      return Math.addExact(fromEpochMillis, duration.toMillis());
    }
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(fromEpochMillis), calendarZone)
        .plus(period)
        .plus(duration)
        .toInstant()
        .toEpochMilli();
  }

  // ------------------------------------------------------------------ repetitions

  /**
   * How many times the timer fires: 1 for a date or a duration; for a repeating interval its count
   * ({@code R3} gives 3) or {@link #UNBOUNDED}; {@link #UNBOUNDED} for a cron expression.
   */
  public int repetitions() {
    return repetitions;
  }

  /** This schedule with another count of repetitions left, e.g. for a rescheduled cycle. */
  public TimerSchedule withRepetitionsLeft(int repetitionsLeft) {
    return new TimerSchedule(
        kind, text, zone, repetitionsLeft, date, period, duration, start, cron);
  }

  /**
   * Whether a timer that fired with this many repetitions left is scheduled again (Zeebe's rule).
   */
  public static boolean repeatsAfter(int repetitionsLeft) {
    return repetitionsLeft == UNBOUNDED || repetitionsLeft > 1;
  }

  /** The repetitions left after a timer with this many fired: one less, or still unbounded. */
  public static int repetitionsAfterTrigger(int repetitionsLeft) {
    return repetitionsLeft == UNBOUNDED ? UNBOUNDED : repetitionsLeft - 1;
  }

  // ------------------------------------------------------------------ accessors

  public Kind kind() {
    return kind;
  }

  /** Whether this is a cycle given as a cron expression. */
  public boolean isCron() {
    return cron != null;
  }

  /** The zone in which calendar arithmetic and cron expressions are evaluated. */
  public ZoneId zone() {
    return zone;
  }

  /** The date of a date timer; null otherwise. */
  public ZonedDateTime date() {
    return date;
  }

  /** The calendar part of a duration or repeating interval; null otherwise. */
  public Period period() {
    return period;
  }

  /** The exact part of a duration or repeating interval; null otherwise. */
  public Duration duration() {
    return duration;
  }

  /** The start of a repeating interval {@code Rn/start/duration}, if it has one. */
  public Optional<ZonedDateTime> start() {
    return Optional.ofNullable(start);
  }

  /** The cron expression of a cron cycle; null otherwise. */
  public String cronExpression() {
    return cron == null ? null : cron.text();
  }

  /** The definition as text (the parsed text, or an ISO-8601 form of a FEEL value). */
  public String text() {
    return text;
  }

  private static String text(Period period, Duration duration) {
    if (period.isZero()) {
      return duration.toString();
    } else if (duration.isZero()) {
      return period.toString();
    }
    return period + duration.toString().substring(1);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TimerSchedule that
        && kind == that.kind
        && repetitions == that.repetitions
        && Objects.equals(zone, that.zone)
        && Objects.equals(date, that.date)
        && Objects.equals(period, that.period)
        && Objects.equals(duration, that.duration)
        && Objects.equals(start, that.start)
        && Objects.equals(cronExpression(), that.cronExpression());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, repetitions, zone, date, period, duration, start, cronExpression());
  }

  @Override
  public String toString() {
    return "TimerSchedule["
        + kind.word()
        + " "
        + text
        + (repetitions != 1 ? ", repetitions=" + repetitions : "")
        + ", zone="
        + zone
        + "]";
  }
}
