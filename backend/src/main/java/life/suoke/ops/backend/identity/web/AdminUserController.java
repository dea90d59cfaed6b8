package life.suoke.ops.backend.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
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

/** User administration, for the group {@code admins} only. Passwords are write-only. */
@RestController
@RequestMapping("/api/admin/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration")
class AdminUserController {

  private final UserAdministration administration;

  AdminUserController(UserAdministration administration) {
    this.administration = administration;
  }

  @GetMapping
  @Operation(summary = "List all users with their groups")
  List<UserJson> list() {
    return administration.users().stream().map(UserJson::of).toList();
  }

  @GetMapping("/{username}")
  @Operation(summary = "Read one user")
  UserJson get(@PathVariable String username) {
    return UserJson.of(administration.user(username));
  }

  @PostMapping
  @Operation(summary = "Create a user (password required)")
  ResponseEntity<UserJson> create(@RequestBody UserJson body, CurrentUser admin) {
    UserAccount created = administration.create(body, admin);
    return ResponseEntity.status(HttpStatus.CREATED).body(UserJson.of(created));
  }

  @PutMapping("/{username}")
  @Operation(summary = "Replace a user's fields and groups; the password only when given")
  UserJson update(@PathVariable String username, @RequestBody UserJson body, CurrentUser admin) {
    return UserJson.of(administration.update(username, body, admin));
  }

  @DeleteMapping("/{username}")
  @Operation(summary = "Delete a user")
  ResponseEntity<Void> delete(@PathVariable String username, CurrentUser admin) {
    administration.delete(username, admin);
    return ResponseEntity.noContent().build();
  }
}
