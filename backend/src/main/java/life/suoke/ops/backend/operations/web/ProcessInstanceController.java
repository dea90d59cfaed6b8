package life.suoke.ops.backend.operations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.operations.ProcessInstances;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starting and cancelling process instances: operators (and process designers, to try a model). */
@RestController
@RequestMapping("/api/process-instances")
@Tag(name = "Operations")
class ProcessInstanceController {

  /** What to start: the process id (its latest version) and the variables. */
  record StartRequest(String processDefinitionId, Map<String, Object> variables) {}

  private final ProcessInstances instances;

  ProcessInstanceController(ProcessInstances instances) {
    this.instances = instances;
  }

  @PostMapping
  @PreAuthorize("hasAnyRole('OPERATOR', 'DESIGNER')")
  @Operation(summary = "Start an instance of the latest version of a process")
  ResponseEntity<ProcessInstances.Started> start(
      @RequestBody StartRequest request, CurrentUser user) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(instances.start(request.processDefinitionId(), request.variables(), user));
  }

  @PostMapping("/{key}/cancellation")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(summary = "Cancel a process instance")
  ResponseEntity<Void> cancel(@PathVariable long key, CurrentUser user) {
    instances.cancel(key, user);
    return ResponseEntity.noContent().build();
  }
}
