package life.suoke.ops.backend.incident;

import java.util.List;
import life.suoke.ops.backend.identity.UserAccount;

/**
 * Who is on call for a group now: the people a page of that group reaches. The application's bean
 * answers from the group's on-call schedules (package {@code oncall}: rotations, overrides, swaps)
 * and, for a group without a schedule or in a gap, every enabled member of the group ({@link
 * GroupMembersOnCallResolver}).
 */
public interface OnCallResolver {

  /** The people to page for {@code group}, in a stable order; empty when nobody is. */
  List<UserAccount> onCall(String group);
}
