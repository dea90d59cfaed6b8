package life.suoke.ops.backend.models.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import life.suoke.ops.backend.models.ModelLibrary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model library: designers (and operators and auditors, read only) see every deployed model.
 */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Models")
class ModelLibraryController {

  private final ModelLibrary library;

  ModelLibraryController(ModelLibrary library) {
    this.library = library;
  }

  @GetMapping
  @PreAuthorize("hasAnyRole('DESIGNER', 'OPERATOR', 'AUDITOR')")
  @Operation(
      summary =
          "Every deployed process, decision and form with its versions, who deployed each and when")
  List<ModelLibrary.Model> models() {
    return library.models();
  }

  @GetMapping("/{kind}/{id}/versions/{version}/content")
  @PreAuthorize("hasAnyRole('DESIGNER', 'OPERATOR', 'AUDITOR')")
  @Operation(summary = "The file of one deployed version (BPMN or DMN XML, form JSON)")
  ResponseEntity<String> content(
      @PathVariable String kind, @PathVariable String id, @PathVariable int version) {
    MediaType type = "form".equals(kind) ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_XML;
    return ResponseEntity.ok().contentType(type).body(library.content(kind, id, version));
  }
}
