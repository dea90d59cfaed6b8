package life.suoke.ops.backend.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.notification.ContactRuleStore;
import life.suoke.ops.backend.notification.ContactRuleStore.Rule;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contact rules: each person keeps their own (how a page reaches them: channels in order, each
 * after a delay); administrators keep anyone's. An empty list means the default: SMS, then a call.
 */
@RestController
@Tag(name = "Notifications")
class ContactRuleController {

  /** The rules as the API takes and gives them. */
  record Rules(List<Rule> rules) {}

  private final ContactRuleStore store;
  private final UserDirectory directory;

  ContactRuleController(ContactRuleStore store, UserDirectory directory) {
    this.store = store;
    this.directory = directory;
  }

  @GetMapping("/api/me/contact-rules")
  @Operation(
      summary = "My contact rules: how a page reaches me (channels in order, each after a delay)")
  Rules mine(CurrentUser user) {
    return new Rules(store.rules(user.username()));
  }

  @PutMapping("/api/me/contact-rules")
  @Operation(
      summary = "Replace my contact rules (the first without delay; an empty list for the default)")
  Rules replaceMine(@RequestBody Rules body, CurrentUser user) {
    return new Rules(
        store.replace(user.username(), body == null ? null : body.rules(), user.username()));
  }

  @GetMapping("/api/admin/users/{username}/contact-rules")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "A user's contact rules (admins)")
  Rules of(@PathVariable String username) {
    requireUser(username);
    return new Rules(store.rules(username));
  }

  @PutMapping("/api/admin/users/{username}/contact-rules")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Replace a user's contact rules (admins)")
  Rules replace(@PathVariable String username, @RequestBody Rules body, CurrentUser user) {
    requireUser(username);
    return new Rules(store.replace(username, body == null ? null : body.rules(), user.username()));
  }

  private void requireUser(String username) {
    if (!directory.userExists(username)) {
      throw ApiProblem.notFound("There is no user " + username + ".");
    }
  }
}
