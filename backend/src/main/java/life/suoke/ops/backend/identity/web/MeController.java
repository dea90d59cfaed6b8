package life.suoke.ops.backend.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.Groups;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I: what the UI shows in its header and uses to show or hide actions. */
@RestController
@RequestMapping("/api/me")
@Tag(name = "Identity")
class MeController {

  /**
   * The signed-in user; roles are the groups that carry one (admin, auditor, designer, operator).
   */
  record Me(
      String username,
      String displayName,
      String email,
      Set<String> groups,
      Set<String> managedGroups,
      List<String> roles) {}

  private final UserDirectory directory;

  MeController(UserDirectory directory) {
    this.directory = directory;
  }

  @GetMapping
  @Operation(summary = "The signed-in user with groups and roles")
  Me me(CurrentUser user) {
    List<String> roles =
        user.groups().stream().map(Groups.ROLES::get).filter(r -> r != null).sorted().toList();
    return directory
        .user(user.username())
        .map(
            a ->
                new Me(
                    a.username(),
                    a.displayName(),
                    a.email(),
                    user.groups(),
                    a.managedGroups(),
                    roles))
        .orElseGet(
            () -> new Me(user.username(), user.username(), null, user.groups(), Set.of(), roles));
  }
}
