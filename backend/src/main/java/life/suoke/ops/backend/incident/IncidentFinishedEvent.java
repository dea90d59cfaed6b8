package life.suoke.ops.backend.incident;

/**
 * Published (as a Spring application event) after an incident closed or was cancelled, once the
 * change is committed: other areas (change management's freeze) react to it.
 */
public record IncidentFinishedEvent(
    String number, String service, String priority, String status) {}
