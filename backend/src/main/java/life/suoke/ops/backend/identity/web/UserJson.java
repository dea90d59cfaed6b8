package life.suoke.ops.backend.identity.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserAdministration;

/**
 * A user as the administration API reads and writes it; the password is accepted, never returned.
 */
record UserJson(
    String username,
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String password,
    String displayName,
    String email,
    String mobile,
    String dingtalkUserId,
    List<String> groups,
    List<String> managedGroups,
    Boolean enabled)
    implements UserAdministration.UserInput {

  static UserJson of(UserAccount user) {
    return new UserJson(
        user.username(),
        null,
        user.displayName(),
        user.email(),
        user.mobile(),
        user.dingtalkUserId(),
        user.groups().stream().sorted().toList(),
        user.managedGroups().stream().sorted().toList(),
        user.enabled());
  }
}
