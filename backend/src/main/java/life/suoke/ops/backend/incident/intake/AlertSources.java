package life.suoke.ops.backend.incident.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.incident.IncidentIntake;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The alert sources' side of the intake: checks the integration's token, reads the body (at most
 * {@code suoke.intake.max-body-bytes}, unknown fields refused), and hands the send to {@link
 * AlertIntake}. Nothing is written for a refused send.
 */
@Service
public class AlertSources {

  private final Integrations integrations;
  private final AlertIntake intake;
  private final IncidentIntake incidents;
  private final ObjectMapper strict;
  private final int maxBodyBytes;

  AlertSources(
      Integrations integrations,
      AlertIntake intake,
      IncidentIntake incidents,
      ObjectMapper json,
      @Value("${suoke.intake.max-body-bytes:1048576}") int maxBodyBytes) {
    this.integrations = integrations;
    this.intake = intake;
    this.incidents = incidents;
    this.strict =
        json.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    this.maxBodyBytes = maxBodyBytes;
  }

  public Map<String, Object> alertmanager(String token, HttpServletRequest request)
      throws IOException {
    Integration integration =
        integrations
            .byToken(Integration.ALERTMANAGER, token)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.UNAUTHORIZED, "Unknown integration token", List.of()));
    AlertmanagerWebhook webhook = read(request, AlertmanagerWebhook.class);
    AlertIntake.Outcome outcome = intake.receive(integration, webhook.toGroupSend());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", outcome.outcome());
    if (outcome.incidentNumber() != null) {
      answer.put("incident", outcome.incidentNumber());
    }
    return answer;
  }

  public Map<String, Object> enqueue(HttpServletRequest request) throws IOException {
    EventsV2Event event = read(request, EventsV2Event.class);
    event.validate();
    Integration integration =
        integrations
            .byToken(Integration.EVENTS_V2, event.routingKey())
            .orElseThrow(
                () ->
                    ApiProblem.badRequest(
                        "routing_key", "is not the key of an events integration"));
    String key =
        event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString().replace("-", "");
    switch (event.eventAction()) {
      case "trigger" -> intake.receive(integration, event.trigger(key));
      case "resolve" -> intake.receive(integration, event.resolve());
      default ->
          intake
              .openIncident(integration, key)
              .ifPresent(number -> incidents.acknowledgedBySource(number, integration.name()));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "success");
    answer.put("message", "Event processed");
    answer.put("dedup_key", key);
    return answer;
  }

  public Map<String, Object> heartbeat(String token) {
    Integration integration =
        integrations
            .byToken(Integration.HEARTBEAT, token)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.UNAUTHORIZED, "Unknown integration token", List.of()));
    Instant now = Instant.now();
    integrations.heartbeat(integration.id(), now);
    AlertIntake.Outcome outcome = intake.receive(integration, HeartbeatMonitor.recovered());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "ok");
    answer.put("nextExpectedBefore", now.plus(integration.heartbeatInterval()).toString());
    if ("resolved".equals(outcome.outcome())) {
      answer.put("resolved", outcome.incidentNumber());
    }
    return answer;
  }

  private <T> T read(HttpServletRequest request, Class<T> type) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    String contentType = request.getContentType();
    if (contentType == null
        || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiProblem(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json", List.of());
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(maxBodyBytes + 1);
    }
    if (body.length > maxBodyBytes) {
      throw tooLarge();
    }
    if (body.length == 0) {
      throw ApiProblem.badRequest("", "the request body is empty");
    }
    try {
      return strict.readValue(body, type);
    } catch (UnrecognizedPropertyException unknown) {
      throw ApiProblem.badRequest(path(unknown), "is not a known field");
    } catch (JsonParseException malformed) {
      throw ApiProblem.badRequest("", "the request body is not valid JSON");
    } catch (JsonMappingException mapping) {
      throw ApiProblem.badRequest(path(mapping), "has the wrong type or format");
    }
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "The body is larger than " + maxBodyBytes + " bytes",
        List.of());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
