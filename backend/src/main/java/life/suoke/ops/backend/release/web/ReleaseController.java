package life.suoke.ops.backend.release.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.release.ReleaseAccess;
import life.suoke.ops.backend.release.ReleaseDetail;
import life.suoke.ops.backend.release.ReleasePage;
import life.suoke.ops.backend.release.ReleaseService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Releases: request one (from CI or a person), the list, one release, and the actions pause,
 * promote and roll back. Bodies are read strictly: unknown fields and wrong types are 400 problems
 * naming the field, and nothing is written.
 */
@RestController
@RequestMapping("/api/releases")
@Tag(name = "Releases")
public class ReleaseController {

  private static final Set<String> FIELDS =
      Set.of(
          "service",
          "title",
          "changeId",
          "stableVersion",
          "newVersion",
          "strategy",
          "target",
          "analysis",
          "probes");
  private static final List<String> STATUSES =
      List.of("requested", "running", "paused", "promoted", "backed-out", "refused");

  private final ReleaseService releases;
  private final ObjectMapper json;

  public ReleaseController(ReleaseService releases, ObjectMapper json) {
    this.releases = releases;
    this.json = json;
  }

  @Operation(
      summary =
          "Request a release of a new version (service, changeId or a matching standard change, stableVersion, newVersion, strategy, target, analysis, probes)")
  @PostMapping
  @PreAuthorize(ReleaseAccess.REQUEST)
  public ResponseEntity<ReleaseDetail> request(
      CurrentUser user, @RequestBody(required = false) JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiProblem.badRequest("body", "must be a JSON object");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(new ApiProblem.FieldError(name, "is not a field of a release request"));
              }
            });
    String service = text(body, "service", errors);
    String title = text(body, "title", errors);
    String changeId = text(body, "changeId", errors);
    String stable = text(body, "stableVersion", errors);
    String newVersion = text(body, "newVersion", errors);
    Map<String, Object> strategy = object(body, "strategy", true, errors);
    Map<String, Object> target = object(body, "target", true, errors);
    Map<String, Object> analysis = object(body, "analysis", false, errors);
    List<Map<String, Object>> probes = null;
    if (body.hasNonNull("probes")) {
      if (!body.get("probes").isArray()) {
        errors.add(new ApiProblem.FieldError("probes", "must be a list"));
      } else {
        probes =
            json.convertValue(
                body.get("probes"),
                json.getTypeFactory().constructCollectionType(List.class, Map.class));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    ReleaseDetail created =
        releases.request(
            user,
            new ReleaseService.NewRelease(
                service, title, changeId, stable, newVersion, strategy, target, analysis, probes));
    return ResponseEntity.created(URI.create("/api/releases/" + created.release().id()))
        .body(created);
  }

  @Operation(summary = "Releases, newest first, optionally of one service and status, paged")
  @GetMapping
  @PreAuthorize(ReleaseAccess.READ)
  public ReleasePage list(
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status", "must be one of " + STATUSES);
    }
    if (page < 0 || page > 100_000) {
      throw ApiProblem.badRequest("page", "must be from 0 to 100000");
    }
    if (size < 1 || size > 100) {
      throw ApiProblem.badRequest("size", "must be from 1 to 100");
    }
    return releases.list(service == null || service.isBlank() ? null : service, status, page, size);
  }

  @Operation(
      summary =
          "One release: its steps, traffic weights, analyses with the measured values, timeline and the actions allowed now")
  @GetMapping("/{id}")
  @PreAuthorize(ReleaseAccess.READ)
  public ReleaseDetail get(@PathVariable String id) {
    return releases.get(id);
  }

  @Operation(summary = "Pause the release: its step waits for a person's decision (audited)")
  @PostMapping("/{id}/pause")
  @PreAuthorize(ReleaseAccess.ACT)
  public ReleaseDetail pause(
      CurrentUser user, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    return releases.pause(user, id, reason(body));
  }

  @Operation(
      summary = "Promote the release: the waiting step goes on (a pause is cut short; audited)")
  @PostMapping("/{id}/promote")
  @PreAuthorize(ReleaseAccess.ACT)
  public ReleaseDetail promote(
      CurrentUser user, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    return releases.promote(user, id, reason(body));
  }

  @Operation(
      summary =
          "Roll the release back: every step taken is undone and the outcome is backed out (audited)")
  @PostMapping("/{id}/rollback")
  @PreAuthorize(ReleaseAccess.ACT)
  public ReleaseDetail rollback(
      CurrentUser user, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    return releases.rollback(user, id, reason(body));
  }

  private static String reason(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return null;
    }
    if (!body.isObject()) {
      throw ApiProblem.badRequest("body", "must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!"reason".equals(name)) {
                throw ApiProblem.badRequest(name, "is not a field: only reason");
              }
            });
    JsonNode reason = body.get("reason");
    if (reason == null || reason.isNull()) {
      return null;
    }
    if (!reason.isTextual() || reason.asText().length() > 1000) {
      throw ApiProblem.badRequest("reason", "must be a text of at most 1000 characters");
    }
    return reason.asText();
  }

  private static String text(JsonNode body, String field, List<ApiProblem.FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new ApiProblem.FieldError(field, "must be a text"));
      return null;
    }
    return node.asText();
  }

  private Map<String, Object> object(
      JsonNode body, String field, boolean required, List<ApiProblem.FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new ApiProblem.FieldError(field, "is required"));
      }
      return null;
    }
    if (!node.isObject()) {
      errors.add(new ApiProblem.FieldError(field, "must be an object"));
      return null;
    }
    return json.convertValue(
        node, json.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
  }
}
