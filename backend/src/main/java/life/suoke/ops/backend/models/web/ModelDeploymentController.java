package life.suoke.ops.backend.models.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.models.ProcessModels;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Deploying process models, for process designers (a CI job signs in as one too). */
@RestController
@RequestMapping("/api/models")
@Tag(name = "Models")
class ModelDeploymentController {

  private final ProcessModels models;
  private final life.suoke.ops.backend.models.ModelDrafts drafts;

  ModelDeploymentController(
      ProcessModels models, life.suoke.ops.backend.models.ModelDrafts drafts) {
    this.models = models;
    this.drafts = drafts;
  }

  @PostMapping(path = "/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasRole('DESIGNER')")
  @Operation(
      summary =
          "Validate BPMN, DMN and form files with the deploy-time rules without deploying them (part 'resources')")
  life.suoke.ops.backend.models.ModelDrafts.Validation validate(
      @RequestPart("resources") List<MultipartFile> resources) {
    List<life.suoke.ops.backend.models.ModelProblem> problems = new ArrayList<>();
    for (MultipartFile file : resources) {
      try {
        problems.addAll(
            drafts
                .validate(String.valueOf(file.getOriginalFilename()), file.getBytes())
                .problems());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new life.suoke.ops.backend.models.ModelDrafts.Validation(problems.isEmpty(), problems);
  }

  @PostMapping(path = "/deploy", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasRole('DESIGNER')")
  @Operation(
      summary =
          "Deploy BPMN, DMN and form files (multipart part 'resources', one or more), all or nothing")
  ProcessModels.Deployed deploy(
      @RequestPart("resources") List<MultipartFile> resources, CurrentUser user) {
    List<ProcessModels.ModelFile> files = new ArrayList<>();
    for (MultipartFile file : resources) {
      try {
        files.add(new ProcessModels.ModelFile(file.getOriginalFilename(), file.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return models.deploy(files, user);
  }
}
