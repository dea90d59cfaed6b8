package life.suoke.ops.backend.models.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.models.ModelDrafts;
import life.suoke.ops.backend.models.ProcessModels;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Process designers' drafts: save, validate, download, deploy. */
@RestController
@RequestMapping("/api/models/drafts")
@Tag(name = "Models")
@PreAuthorize("hasRole('DESIGNER')")
class ModelDraftController {

  private final ModelDrafts drafts;

  ModelDraftController(ModelDrafts drafts) {
    this.drafts = drafts;
  }

  @GetMapping
  @Operation(summary = "The drafts, last changed first")
  List<ModelDrafts.Draft> list() {
    return drafts.list();
  }

  @PostMapping
  @Operation(summary = "Save a new draft (not deployed)")
  ResponseEntity<ModelDrafts.Draft> create(
      @RequestBody ModelDrafts.DraftInput input, CurrentUser user) {
    return ResponseEntity.status(HttpStatus.CREATED).body(drafts.create(input, user));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A draft with its content")
  ModelDrafts.Draft get(@PathVariable UUID id) {
    return drafts.get(id);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Save a draft's new content")
  ModelDrafts.Draft update(
      @PathVariable UUID id, @RequestBody ModelDrafts.DraftInput input, CurrentUser user) {
    return drafts.update(id, input, user);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a draft")
  ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
    drafts.delete(id, user);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/file")
  @Operation(summary = "Download a draft as the file to commit under processes/")
  ResponseEntity<byte[]> download(@PathVariable UUID id) {
    ModelDrafts.Draft draft = drafts.get(id);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(draft.resourceName()).build().toString())
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(draft.content().getBytes(StandardCharsets.UTF_8));
  }

  @PostMapping("/{id}/validation")
  @Operation(summary = "Validate a draft with the deploy-time rules, without deploying it")
  ModelDrafts.Validation validate(@PathVariable UUID id) {
    return drafts.validate(id);
  }

  @PostMapping("/{id}/deployment")
  @Operation(summary = "Deploy a draft as the next version")
  ProcessModels.Deployed deploy(@PathVariable UUID id, CurrentUser user) {
    return drafts.deploy(id, user);
  }
}
