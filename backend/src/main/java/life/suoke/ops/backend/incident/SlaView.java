package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One SLA clock as the API shows it, in the shape of Jira Service Management's ongoing cycle.
 * Instants are ISO 8601 in UTC.
 *
 * @param target response or handling
 * @param goal ISO 8601: wall-clock time when {@code calendarId} is null, else {@code P<n>D} = n business days
 * @param calendarId the business calendar the clock counts on; null for 24x7
 * @param breachTime when it breaches if nothing changes; null while paused
 * @param breached the counted time exceeded the goal (when it stopped, or by now)
 * @param met it stopped within the goal
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
    boolean met,
    String stoppedAt,
    long elapsedMillis,
    long remainingMillis,
    boolean withinCalendarHours) {}
