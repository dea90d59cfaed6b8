package life.suoke.ops.backend.incident.intake.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.incident.intake.Integration;
import life.suoke.ops.backend.incident.intake.Integrations;
import life.suoke.ops.backend.incident.intake.Silences;
import life.suoke.ops.backend.incident.intake.Silences.Silence;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert integrations (administrators) and maintenance windows and silences (administrators and
 * operators; auditors read them).
 */
@RestController
@Tag(name = "Alert intake")
class IntegrationAdminController {

  private final Integrations integrations;
  private final Silences silences;

  IntegrationAdminController(Integrations integrations, Silences silences) {
    this.integrations = integrations;
    this.silences = silences;
  }

  /**
   * A new integration.
   *
   * @param heartbeatInterval heartbeats only: ISO 8601 duration such as PT5M
   */
  record NewIntegration(String type, String name, String service, String heartbeatInterval) {}

  /** An integration as listed: never its token. */
  record IntegrationJson(
      UUID id,
      String type,
      String name,
      String service,
      String tokenHint,
      String heartbeatInterval,
      String lastHeartbeatAt,
      String createdBy,
      String createdAt) {
    static IntegrationJson of(Integration i) {
      return new IntegrationJson(
          i.id(),
          i.type(),
          i.name(),
          i.service(),
          i.tokenHint(),
          i.heartbeatInterval() == null ? null : i.heartbeatInterval().toString(),
          i.lastHeartbeatAt() == null ? null : i.lastHeartbeatAt().toString(),
          i.createdBy(),
          i.createdAt().toString());
    }
  }

  /** The answer to a creation: the only time the token is shown. */
  record CreatedIntegrationJson(
      UUID id,
      String type,
      String name,
      String service,
      String tokenHint,
      String heartbeatInterval,
      String token,
      String url) {}

  @GetMapping("/api/admin/integrations")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "List the alert integrations (without their tokens)")
  List<IntegrationJson> list() {
    return integrations.list().stream().map(IntegrationJson::of).toList();
  }

  @PostMapping("/api/admin/integrations")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(
      summary =
          "Create an alert integration (alertmanager, events-v2 or heartbeat); answers its token once")
  ResponseEntity<CreatedIntegrationJson> create(
      @RequestBody NewIntegration body, CurrentUser admin) {
    if (body == null) {
      throw ApiProblem.badRequest("", "the request body is required");
    }
    Integrations.Created created =
        integrations.create(
            body.type(), body.name(), body.service(), body.heartbeatInterval(), admin);
    Integration i = created.integration();
    return ResponseEntity.created(URI.create("/api/admin/integrations/" + i.id()))
        .body(
            new CreatedIntegrationJson(
                i.id(),
                i.type(),
                i.name(),
                i.service(),
                i.tokenHint(),
                i.heartbeatInterval() == null ? null : i.heartbeatInterval().toString(),
                created.token(),
                created.url()));
  }

  @DeleteMapping("/api/admin/integrations/{id}")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Delete an alert integration: its token stops working at once")
  ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser admin) {
    integrations.delete(id, admin);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/admin/silences")
  @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'AUDITOR')")
  @Operation(summary = "List the maintenance windows and silences that have not ended")
  List<Silence> silences() {
    return silences.current();
  }

  @PostMapping("/api/admin/silences")
  @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
  @Operation(
      summary =
          "Create a maintenance window or silence: alerts of the service inside it page nobody")
  ResponseEntity<Silence> createSilence(@RequestBody Silence body, CurrentUser user) {
    if (body == null) {
      throw ApiProblem.badRequest("", "the request body is required");
    }
    Silence created = silences.create(body, user);
    return ResponseEntity.created(URI.create("/api/admin/silences/" + created.id())).body(created);
  }

  @DeleteMapping("/api/admin/silences/{id}")
  @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
  @Operation(summary = "End a maintenance window or silence now")
  ResponseEntity<Void> deleteSilence(@PathVariable long id, CurrentUser user) {
    silences.delete(id, user);
    return ResponseEntity.noContent().build();
  }
}
