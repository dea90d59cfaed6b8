package life.suoke.ops.backend.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.catalog.ServiceDependencies;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service catalog: everyone signed in reads it (to report an incident); administrators change
 * it.
 */
@RestController
@Tag(name = "Services")
class ServiceController {

  private final JdbcServiceCatalog catalog;
  private final ServiceDependencies dependencies;

  ServiceController(JdbcServiceCatalog catalog, ServiceDependencies dependencies) {
    this.catalog = catalog;
    this.dependencies = dependencies;
  }

  /** What a service depends on. */
  record Dependencies(List<String> dependsOn) {}

  @GetMapping("/api/services/{name}/dependencies")
  @Operation(summary = "The services this service depends on")
  Dependencies dependencies(@PathVariable String name) {
    catalog.get(name);
    return new Dependencies(dependencies.dependenciesOf(name));
  }

  @PutMapping("/api/admin/services/{name}/dependencies")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Replace the services this service depends on")
  Dependencies replaceDependencies(
      @PathVariable String name, @RequestBody Dependencies body, CurrentUser admin) {
    return new Dependencies(
        dependencies.replace(name, body == null ? List.of() : body.dependsOn(), admin));
  }

  @GetMapping("/api/services")
  @Operation(summary = "List the services with class, owner group, on-call tiers and label rules")
  List<ServiceDefinition> list() {
    return catalog.list();
  }

  @GetMapping("/api/admin/services")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "List the services (administration)")
  List<ServiceDefinition> adminList() {
    return catalog.list();
  }

  @GetMapping("/api/admin/services/{name}")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Read one service")
  ServiceDefinition get(@PathVariable String name) {
    return catalog.get(name);
  }

  @PostMapping("/api/admin/services")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Create a service")
  ResponseEntity<ServiceDefinition> create(@RequestBody ServiceDefinition body, CurrentUser admin) {
    ServiceDefinition created = catalog.create(body, admin);
    return ResponseEntity.created(URI.create("/api/admin/services/" + created.name()))
        .body(created);
  }

  @PutMapping("/api/admin/services/{name}")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Change a service (its name stays)")
  ServiceDefinition update(
      @PathVariable String name, @RequestBody ServiceDefinition body, CurrentUser admin) {
    return catalog.update(name, body, admin);
  }

  @DeleteMapping("/api/admin/services/{name}")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Delete a service without integrations")
  ResponseEntity<Void> delete(@PathVariable String name, CurrentUser admin) {
    catalog.delete(name, admin);
    return ResponseEntity.noContent().build();
  }
}
