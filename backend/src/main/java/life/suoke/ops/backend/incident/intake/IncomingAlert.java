package life.suoke.ops.backend.incident.intake;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as a source sent it, in the shape every source is reduced to.
 *
 * @param fingerprint the alert's identity within its group (Alertmanager {@code fingerprint},
 *     events API {@code dedup_key})
 * @param status firing or resolved
 */
record IncomingAlert(
    String fingerprint,
    String status,
    String summary,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl) {

  boolean firing() {
    return "firing".equals(status);
  }
}
