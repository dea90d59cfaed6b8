package life.suoke.ops.backend.operations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.operations.BatchOperations;
import life.suoke.ops.backend.operations.OperationsView;
import life.suoke.ops.backend.operations.Repairs;
import life.suoke.ops.backend.operations.VariableHistory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
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
 * Operate: see running and finished instances (operators, auditors) and repair them (operators).
 */
@RestController
@RequestMapping("/api/operations")
@Tag(name = "Operations")
class OperationsController {

  private static final String READERS = "hasAnyRole('OPERATOR', 'AUDITOR')";

  private final OperationsView view;
  private final Repairs repairs;
  private final BatchOperations batches;
  private final VariableHistory variableHistory;

  OperationsController(
      OperationsView view,
      Repairs repairs,
      BatchOperations batches,
      VariableHistory variableHistory) {
    this.view = view;
    this.variableHistory = variableHistory;
    this.repairs = repairs;
    this.batches = batches;
  }

  @GetMapping("/definitions")
  @PreAuthorize(READERS)
  @Operation(
      summary =
          "Process versions with counts of active instances, instances with an incident and completed ones")
  List<OperationsView.DefinitionStats> definitions() {
    return view.definitions();
  }

  @GetMapping("/definitions/{key}/xml")
  @PreAuthorize(READERS)
  @Operation(summary = "A process version's BPMN XML")
  ResponseEntity<String> xml(@PathVariable long key) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(view.xml(key));
  }

  @GetMapping("/definitions/{key}/heatmap")
  @PreAuthorize(READERS)
  @Operation(
      summary = "A process version's heat map: instances, incidents and average time per element")
  OperationsView.HeatMap heatMap(@PathVariable long key) {
    return view.heatMap(key);
  }

  @GetMapping("/instances")
  @PreAuthorize(READERS)
  @Operation(
      summary =
          "Process instances, newest first, filtered, in cursor pages (pass the answer's 'next' as 'after')")
  OperationsView.InstancePage instances(
      @RequestParam(required = false) String processDefinitionId,
      @RequestParam(required = false) Integer version,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) Boolean withIncident,
      @RequestParam(required = false) String businessKey,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime startedFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime startedTo,
      @RequestParam(required = false) String variableName,
      @RequestParam(required = false) String variableValue,
      @RequestParam(required = false) String after,
      @RequestParam(defaultValue = "50") int limit) {
    return view.instances(
        new OperationsView.InstanceFilter(
            processDefinitionId,
            version,
            state,
            withIncident,
            businessKey,
            startedFrom,
            startedTo,
            variableName,
            variableValue),
        after,
        limit);
  }

  @GetMapping("/instances/{key}")
  @PreAuthorize(READERS)
  @Operation(
      summary =
          "An instance with its element instances, incidents, variables and per-element counts")
  OperationsView.InstanceDetail instance(@PathVariable long key) {
    return view.instance(key);
  }

  @GetMapping("/instances/{key}/variable-history")
  @PreAuthorize(READERS)
  @Operation(summary = "The changes of an instance's variables, oldest first")
  List<OperationsView.VariableChange> variableHistory(@PathVariable long key) {
    return variableHistory.of(key);
  }

  @PostMapping("/instances/{key}/variables")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(summary = "Set variables of an instance or one of its scopes (reason required)")
  ResponseEntity<Void> setVariables(
      @PathVariable long key, @RequestBody Repairs.VariablesChange change, CurrentUser user) {
    repairs.setVariables(key, change, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/instances/{key}/cancellation")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(summary = "Cancel an instance (reason required)")
  ResponseEntity<Void> cancel(
      @PathVariable long key, @RequestBody Repairs.Reason reason, CurrentUser user) {
    repairs.cancel(key, reason, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/instances/{key}/modification")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(
      summary =
          "Modify an instance: activate elements, terminate element instances (reason required)")
  ResponseEntity<Void> modify(
      @PathVariable long key, @RequestBody Repairs.Modification modification, CurrentUser user) {
    repairs.modify(key, modification, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/incidents/{key}/retry")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(
      summary = "Give the incident's job new retries and resolve the incident (reason required)")
  ResponseEntity<Void> retry(
      @PathVariable long key, @RequestBody Repairs.Retry retry, CurrentUser user) {
    repairs.retry(key, retry, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/incidents/{key}/resolution")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(summary = "Resolve an incident (reason required)")
  ResponseEntity<Void> resolve(
      @PathVariable long key, @RequestBody Repairs.Reason reason, CurrentUser user) {
    repairs.resolve(key, reason, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/instances/{key}/migration")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(
      summary =
          "Migrate an instance to another version: targetProcessDefinitionKey, mappingInstructions [{sourceElementId, targetElementId}] (reason required)")
  ResponseEntity<Void> migrate(
      @PathVariable long key, @RequestBody Repairs.Migration migration, CurrentUser user) {
    repairs.migrate(key, migration, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/batches")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(
      summary =
          "Start a batch operation over the instance list's filter: type cancel, resolve-incidents or migrate (with migration), reason required")
  ResponseEntity<BatchOperations.Batch> startBatch(
      @RequestBody BatchOperations.BatchRequest request, CurrentUser user) {
    BatchOperations.Batch batch = batches.start(request, user);
    return ResponseEntity.accepted()
        .location(java.net.URI.create("/api/operations/batches/" + batch.key()))
        .body(batch);
  }

  @GetMapping("/batches")
  @PreAuthorize(READERS)
  @Operation(summary = "The newest batch operations with their progress")
  List<BatchOperations.Batch> batches() {
    return batches.recent();
  }

  @GetMapping("/batches/{key}")
  @PreAuthorize(READERS)
  @Operation(summary = "A batch operation's progress and its failed items")
  BatchOperations.Batch batch(@PathVariable String key) {
    return batches.get(key);
  }

  @PostMapping("/batches/{key}/cancellation")
  @PreAuthorize("hasRole('OPERATOR')")
  @Operation(summary = "Stop a batch operation (the items done stay done; reason required)")
  ResponseEntity<Void> cancelBatch(
      @PathVariable String key, @RequestBody Repairs.Reason reason, CurrentUser user) {
    batches.cancel(key, reason, user);
    return ResponseEntity.noContent().build();
  }
}
