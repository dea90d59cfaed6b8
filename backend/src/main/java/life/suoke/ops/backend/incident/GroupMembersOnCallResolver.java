package life.suoke.ops.backend.incident;

import java.util.List;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;

/**
 * The on-call of a group are its enabled members, in name order. Not a bean: the on-call schedule's
 * resolver ({@code oncall.ScheduleOnCallResolver}) is the application's {@link OnCallResolver} and
 * falls back to this for a group without a schedule (or in a gap of its schedules).
 */
public class GroupMembersOnCallResolver implements OnCallResolver {

  private final UserDirectory directory;

  public GroupMembersOnCallResolver(UserDirectory directory) {
    this.directory = directory;
  }

  @Override
  public List<UserAccount> onCall(String group) {
    return directory.members(group).stream().filter(UserAccount::enabled).toList();
  }
}
