package life.suoke.ops.backend.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.GroupInfo;
import life.suoke.ops.backend.identity.UserAdministration;
import org.springframework.http.HttpStatus;
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

/** Group administration, for the group {@code admins} only. Members are managed on the users. */
@RestController
@RequestMapping("/api/admin/groups")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration")
class AdminGroupController {

  private final UserAdministration administration;

  AdminGroupController(UserAdministration administration) {
    this.administration = administration;
  }

  @GetMapping
  @Operation(summary = "List all groups with members and managers")
  List<GroupInfo> list() {
    return administration.groups();
  }

  @GetMapping("/{name}")
  @Operation(summary = "Read one group")
  GroupInfo get(@PathVariable String name) {
    return administration.group(name);
  }

  @PostMapping
  @Operation(summary = "Create a group")
  ResponseEntity<GroupInfo> create(@RequestBody GroupJson body, CurrentUser admin) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(administration.createGroup(body.name(), body.displayName(), admin));
  }

  @PutMapping("/{name}")
  @Operation(summary = "Rename a group's display name")
  GroupInfo update(@PathVariable String name, @RequestBody GroupJson body, CurrentUser admin) {
    return administration.updateGroup(name, body.name(), body.displayName(), admin);
  }

  @DeleteMapping("/{name}")
  @Operation(summary = "Delete a group (its memberships go with it)")
  ResponseEntity<Void> delete(@PathVariable String name, CurrentUser admin) {
    administration.deleteGroup(name, admin);
    return ResponseEntity.noContent().build();
  }

  /** A group as written: its name (immutable once created) and display name. */
  record GroupJson(String name, String displayName) {}
}
