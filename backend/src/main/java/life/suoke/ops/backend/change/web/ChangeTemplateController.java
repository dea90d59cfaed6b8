package life.suoke.ops.backend.change.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.change.ChangeTemplates;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pre-approved standard change templates: everyone reads them; change managers maintain them.
 */
@RestController
@RequestMapping("/api/changes/templates")
@Tag(name = "Changes")
public class ChangeTemplateController {

  private final ChangeTemplates templates;

  public ChangeTemplateController(ChangeTemplates templates) {
    this.templates = templates;
  }

  @Operation(summary = "The newest version of every standard change template")
  @GetMapping
  public List<ChangeTemplates.Template> list() {
    return templates.latest();
  }

  @Operation(summary = "Every version of one template, newest first")
  @GetMapping("/{key}")
  public List<ChangeTemplates.Template> versions(@PathVariable String key) {
    return templates.versions(key);
  }

  @Operation(summary = "Create a template (version 1)")
  @PostMapping
  @PreAuthorize("hasAuthority('GROUP_change-managers')")
  public ResponseEntity<ChangeTemplates.Template> create(
      CurrentUser user, @RequestBody(required = false) ChangeTemplates.TemplateInput body) {
    if (body == null) {
      throw ApiProblem.badRequest("key", "is required");
    }
    ChangeTemplates.Template created = templates.create(body, user);
    return ResponseEntity.created(URI.create("/api/changes/templates/" + created.key()))
        .body(created);
  }

  @Operation(summary = "Edit a template: writes its next version")
  @PutMapping("/{key}")
  @PreAuthorize("hasAuthority('GROUP_change-managers')")
  public ChangeTemplates.Template update(
      CurrentUser user,
      @PathVariable String key,
      @RequestBody(required = false) ChangeTemplates.TemplateInput body) {
    if (body == null) {
      throw ApiProblem.badRequest("title", "is required");
    }
    return templates.update(key, body, user);
  }

  @Operation(summary = "Retire a template: no new change can be requested from it")
  @PostMapping("/{key}/retire")
  @PreAuthorize("hasAuthority('GROUP_change-managers')")
  public ChangeTemplates.Template retire(CurrentUser user, @PathVariable String key) {
    return templates.retire(key, user);
  }
}
