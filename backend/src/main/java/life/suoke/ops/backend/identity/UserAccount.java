package life.suoke.ops.backend.identity;

import java.util.Set;

/**
 * A user as the directory keeps it (never with the password or its hash).
 *
 * @param groups the groups the user belongs to
 * @param managedGroups the groups whose tasks the user may assign to others (a subset of groups)
 */
public record UserAccount(
    String username,
    String displayName,
    String email,
    String mobile,
    String dingtalkUserId,
    Set<String> groups,
    Set<String> managedGroups,
    boolean enabled) {

  public UserAccount {
    groups = Set.copyOf(groups);
    managedGroups = Set.copyOf(managedGroups);
  }
}
