package life.suoke.ops.backend.incident.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;

/**
 * Prometheus Alertmanager's webhook payload, version 4: every send carries the whole group ({@code
 * groupKey}); alerts are identified by {@code fingerprint}; {@code endsAt} is {@code
 * 0001-01-01T00:00:00Z} while an alert fires.
 */
record AlertmanagerWebhook(
    String version,
    String groupKey,
    Integer truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    @JsonProperty("externalURL") String externalUrl,
    List<Alert> alerts) {

  record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String startsAt,
      String endsAt,
      @JsonProperty("generatorURL") String generatorUrl,
      String fingerprint) {}

  private static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");
  private static final int MAX_ALERTS = 1_000;

  /** Checks the payload and reduces it to a group send; every bad field named at once. */
  AlertIntake.GroupSend toGroupSend() {
    List<FieldError> errors = new ArrayList<>();
    if (!"4".equals(version)) {
      errors.add(new FieldError("version", "must be \"4\" (Alertmanager webhook version 4)"));
    }
    if (groupKey == null || groupKey.isBlank() || groupKey.length() > 1_000) {
      errors.add(new FieldError("groupKey", "is required, at most 1000 characters"));
    }
    if (!"firing".equals(status) && !"resolved".equals(status)) {
      errors.add(new FieldError("status", "must be firing or resolved"));
    }
    if (alerts == null || alerts.isEmpty()) {
      errors.add(new FieldError("alerts", "must hold at least one alert"));
    } else if (alerts.size() > MAX_ALERTS) {
      errors.add(new FieldError("alerts", "holds more than " + MAX_ALERTS + " alerts"));
    }
    List<IncomingAlert> incoming = new ArrayList<>();
    for (int i = 0; alerts != null && i < alerts.size() && i < MAX_ALERTS; i++) {
      Alert alert = alerts.get(i);
      String at = "alerts[" + i + "]";
      if (alert == null) {
        errors.add(new FieldError(at, "is null"));
        continue;
      }
      if (alert.fingerprint() == null
          || alert.fingerprint().isBlank()
          || alert.fingerprint().length() > 200) {
        errors.add(new FieldError(at + ".fingerprint", "is required, at most 200 characters"));
      }
      if (!"firing".equals(alert.status()) && !"resolved".equals(alert.status())) {
        errors.add(new FieldError(at + ".status", "must be firing or resolved"));
      }
      if (alert.labels() == null || alert.labels().isEmpty()) {
        errors.add(new FieldError(at + ".labels", "are required"));
      }
      Instant starts = time(alert.startsAt(), at + ".startsAt", errors);
      Instant ends = time(alert.endsAt(), at + ".endsAt", errors);
      incoming.add(
          new IncomingAlert(
              alert.fingerprint(),
              alert.status(),
              summary(alert),
              alert.labels() == null ? Map.of() : alert.labels(),
              alert.annotations() == null ? Map.of() : alert.annotations(),
              starts,
              ends == null || ends.equals(ZERO) ? null : ends,
              alert.generatorUrl()));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    Map<String, String> labels = commonLabels == null ? Map.of() : commonLabels;
    Instant detected =
        incoming.stream()
            .map(IncomingAlert::startsAt)
            .filter(s -> s != null && !s.equals(ZERO))
            .min(Instant::compareTo)
            .orElse(null);
    return new AlertIntake.GroupSend(
        groupKey,
        "resolved".equals(status),
        title(),
        description(),
        severity(labels.getOrDefault("severity", alerts.get(0).labels().get("severity"))),
        labels,
        incoming,
        detected);
  }

  private String title() {
    String summary = commonAnnotations == null ? null : commonAnnotations.get("summary");
    if (summary != null && !summary.isBlank()) {
      return clip(summary, 200);
    }
    Map<String, String> labels =
        groupLabels != null && !groupLabels.isEmpty() ? groupLabels : commonLabels;
    String name = labels == null ? null : labels.get("alertname");
    if (name == null) {
      name = alerts.get(0).labels().getOrDefault("alertname", "Alert");
    }
    String instance = commonLabels == null ? null : commonLabels.get("instance");
    return clip(instance == null ? name : name + " on " + instance, 200);
  }

  private String description() {
    String description = commonAnnotations == null ? null : commonAnnotations.get("description");
    return description == null ? null : clip(description, 4_000);
  }

  private static String summary(Alert alert) {
    Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
    String summary = annotations.get("summary");
    if (summary == null && alert.labels() != null) {
      summary = alert.labels().getOrDefault("alertname", "alert");
      String instance = alert.labels().get("instance");
      if (instance != null) {
        summary = summary + " on " + instance;
      }
    }
    return clip(summary == null ? "alert" : summary, 500);
  }

  /** Alertmanager's usual severity labels to ours. */
  static String severity(String label) {
    if (label == null) {
      return "warning";
    }
    return switch (label.toLowerCase(java.util.Locale.ROOT)) {
      case "critical", "page", "p0", "p1", "disaster", "fatal" -> "critical";
      case "error", "high", "major", "p2" -> "error";
      case "info", "informational", "low", "none" -> "info";
      default -> "warning";
    };
  }

  private static Instant time(String value, String field, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "is not an RFC 3339 time"));
      return null;
    }
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
