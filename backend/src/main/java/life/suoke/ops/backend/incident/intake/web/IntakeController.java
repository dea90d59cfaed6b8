package life.suoke.ops.backend.incident.intake.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import life.suoke.ops.backend.incident.intake.AlertSources;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where alert sources send. These endpoints take no session and no CSRF token: the integration's
 * secret token (in the path, or the events API's {@code routing_key}) is the credential; a wrong
 * one is refused and writes nothing.
 */
@RestController
@RequestMapping("/api/integrations")
@Tag(name = "Alert intake")
class IntakeController {

  private final AlertSources sources;

  IntakeController(AlertSources sources) {
    this.sources = sources;
  }

  @PostMapping(path = "/alertmanager/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Prometheus Alertmanager webhook (payload version 4): one incident per alert group")
  ResponseEntity<Map<String, Object>> alertmanager(
      @PathVariable String token, HttpServletRequest request) throws IOException {
    return ResponseEntity.ok(sources.alertmanager(token, request));
  }

  @PostMapping(path = "/events/v2/enqueue", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Events in the shape of PagerDuty's Events API v2: trigger, acknowledge, resolve by dedup_key")
  ResponseEntity<Map<String, Object>> enqueue(HttpServletRequest request) throws IOException {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(sources.enqueue(request));
  }

  @RequestMapping(
      path = "/heartbeat/{token}",
      method = {RequestMethod.POST, RequestMethod.GET},
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "A heartbeat of a monitor (dead-man's switch): a missed heartbeat opens an incident")
  ResponseEntity<Map<String, Object>> heartbeat(@PathVariable String token) {
    return ResponseEntity.ok(sources.heartbeat(token));
  }
}
