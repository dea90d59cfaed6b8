package life.suoke.ops.backend.incident.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;

/**
 * An event in the shape of PagerDuty's Events API v2 ({@code /v2/enqueue}): {@code routing_key}
 * names the integration, {@code event_action} is trigger, acknowledge or resolve, {@code dedup_key}
 * ties the events of one alert together (generated on a trigger without one).
 */
record EventsV2Event(
    @JsonProperty("routing_key") String routingKey,
    @JsonProperty("event_action") String eventAction,
    @JsonProperty("dedup_key") String dedupKey,
    Payload payload,
    List<Map<String, Object>> links,
    List<Map<String, Object>> images,
    String client,
    @JsonProperty("client_url") String clientUrl) {

  record Payload(
      String summary,
      String source,
      String severity,
      String timestamp,
      String component,
      String group,
      @JsonProperty("class") String eventClass,
      @JsonProperty("custom_details") Object customDetails) {}

  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /**
   * Checks the fields every event needs, and a trigger's payload; every bad field named at once.
   */
  void validate() {
    List<FieldError> errors = new ArrayList<>();
    if (routingKey == null || routingKey.isBlank()) {
      errors.add(new FieldError("routing_key", "is required"));
    }
    if (eventAction == null || !ACTIONS.contains(eventAction)) {
      errors.add(new FieldError("event_action", "must be trigger, acknowledge or resolve"));
    }
    if (dedupKey != null && (dedupKey.isEmpty() || dedupKey.length() > 255)) {
      errors.add(new FieldError("dedup_key", "must be 1 to 255 characters"));
    }
    if (!"trigger".equals(eventAction)
        && eventAction != null
        && ACTIONS.contains(eventAction)
        && dedupKey == null) {
      errors.add(new FieldError("dedup_key", "is required to " + eventAction));
    }
    if ("trigger".equals(eventAction)) {
      if (payload == null) {
        errors.add(new FieldError("payload", "is required for a trigger"));
      } else {
        if (payload.summary() == null
            || payload.summary().isBlank()
            || payload.summary().length() > 1024) {
          errors.add(new FieldError("payload.summary", "is required, at most 1024 characters"));
        }
        if (payload.source() == null || payload.source().isBlank()) {
          errors.add(new FieldError("payload.source", "is required"));
        }
        if (payload.severity() == null || !SEVERITIES.contains(payload.severity())) {
          errors.add(
              new FieldError("payload.severity", "must be critical, error, warning or info"));
        }
        if (payload.timestamp() != null) {
          try {
            OffsetDateTime.parse(payload.timestamp());
          } catch (DateTimeParseException e) {
            errors.add(new FieldError("payload.timestamp", "is not an ISO 8601 time"));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  /** The trigger as a group send of one alert, keyed by the dedup key. */
  AlertIntake.GroupSend trigger(String key) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("source", payload.source());
    put(labels, "component", payload.component());
    put(labels, "group", payload.group());
    put(labels, "class", payload.eventClass());
    labels.put("severity", payload.severity());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", payload.summary());
    if (payload.customDetails() != null) {
      annotations.put(
          "custom_details",
          AlertmanagerWebhook.clip(String.valueOf(payload.customDetails()), 4_000));
    }
    Instant at =
        payload.timestamp() == null
            ? Instant.now()
            : OffsetDateTime.parse(payload.timestamp()).toInstant();
    IncomingAlert alert =
        new IncomingAlert(
            key,
            "firing",
            AlertmanagerWebhook.clip(payload.summary(), 500),
            labels,
            annotations,
            at,
            null,
            clientUrl);
    return new AlertIntake.GroupSend(
        key,
        false,
        AlertmanagerWebhook.clip(payload.summary(), 200),
        annotations.get("custom_details"),
        payload.severity(),
        labels,
        List.of(alert),
        at);
  }

  AlertIntake.GroupSend resolve() {
    return new AlertIntake.GroupSend(dedupKey, true, null, null, null, Map.of(), List.of(), null);
  }

  private static void put(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isBlank()) {
      labels.put(name, value);
    }
  }
}
