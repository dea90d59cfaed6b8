package life.suoke.ops.engine.model;

import java.util.Objects;

/**
 * The {@code bpmn:timerEventDefinition} of a timer event: which of {@code timeDate}, {@code
 * timeDuration} or {@code timeCycle} it has, and its text as an {@link Expression} (static text, or
 * FEEL when it starts with {@code =}).
 *
 * <p>Static definitions were checked on deployment (see {@code TimerSchedule.parse}); a FEEL one
 * parses, and for a timer start event of a process it was evaluated once (without variables). It is
 * evaluated again where Zeebe evaluates it: when the process is deployed for a timer start event,
 * when the catch event (or the activity of a boundary event) is activated otherwise, and when a
 * repeating timer is rescheduled (see {@code TimerSchedule.evaluate}).
 */
public record TimerDefinition(Kind kind, Expression expression) {

  /** The three forms of a timer definition, named after the BPMN elements. */
  public enum Kind {
    /** {@code timeDate}: an ISO-8601 date-time with offset (and optionally a zone id). */
    DATE,
    /** {@code timeDuration}: an ISO-8601 duration, counted from when the timer is created. */
    DURATION,
    /** {@code timeCycle}: an ISO-8601 repeating interval ({@code R3/PT1H}) or a cron expression. */
    CYCLE;

    /** The word Zeebe uses in its messages, e.g. "Invalid timer cycle expression (...)". */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TimerDefinition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expression, "expression");
  }

  /** Whether the definition is static text (not FEEL). */
  public boolean isStatic() {
    return !expression.feel();
  }
}
