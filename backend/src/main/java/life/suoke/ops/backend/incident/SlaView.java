package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One SLA clock as the API shows it, in the shape of Jira Service Management's ongoing cycle.
 * Instants are ISO 8601 in UTC.
 *
 * @param target response or handling
 * @param goal an ISO 8601 duration of wall-clock time ({@code PT30M}, {@code calendarId} null), or
 *     {@code <n>BD}: n business days on the calendar {@code calendarId}
 * @param calendarId the business calendar the clock counts on; null for 24x7
 * @param breachTime when it breaches if nothing changes; null while paused
 * @param breached the counted time exceeded the goal (when it stopped, or by now)
 * @param met null while it runs; once stopped, whether it stopped within the goal (null for a
 *     cancelled incident)
 * @param outcome null while it runs; met, breached or cancelled once stopped
 * @param elapsedMillis counted time so far (or until it stopped), pauses left out
 * @param remainingMillis goal minus elapsed; negative once breached
 * @param withinCalendarHours whether the clock counts right now (always for 24x7 clocks)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SlaView(
    String target,
    String priority,
    String goal,
    String calendarId,
    long goalMillis,
    String startTime,
    String breachTime,
    boolean breached,
    boolean paused,
    String pausedSince,
    long pausedMillis,
    Boolean met,
    String outcome,
    String stoppedAt,
    long elapsedMillis,
    long remainingMillis,
    boolean withinCalendarHours) {}
