package life.suoke.ops.backend.incident;

import java.util.List;
import java.util.Optional;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.stereotype.Component;

/**
 * The on-call of a group are its enabled members, in name order. The on-call schedule replaces this
 * implementation when it lands.
 */
@Component
class GroupMembersOnCallResolver implements OnCallResolver {

  private final UserDirectory directory;

  GroupMembersOnCallResolver(UserDirectory directory) {
    this.directory = directory;
  }

  @Override
  public List<UserAccount> onCall(String group) {
    return directory.membersOf(group).stream()
        .map(directory::user)
        .flatMap(Optional::stream)
        .filter(UserAccount::enabled)
        .toList();
  }
}
