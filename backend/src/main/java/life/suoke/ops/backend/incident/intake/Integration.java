package life.suoke.ops.backend.incident.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert source: an Alertmanager webhook, an events API routing key or a heartbeat. Its token is
 * its credential and is never stored (only its SHA-256), so it is shown once, when created.
 *
 * @param tokenHint the token's first characters, to recognise it
 * @param heartbeatInterval for heartbeats: a heartbeat missing for longer opens an incident
 */
public record Integration(
    UUID id,
    String type,
    String name,
    String service,
    String tokenHint,
    Duration heartbeatInterval,
    Instant lastHeartbeatAt,
    String createdBy,
    Instant createdAt) {

  public static final String ALERTMANAGER = "alertmanager";
  public static final String EVENTS_V2 = "events-v2";
  public static final String HEARTBEAT = "heartbeat";
}
