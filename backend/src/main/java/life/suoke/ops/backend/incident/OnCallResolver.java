package life.suoke.ops.backend.incident;

import java.util.List;
import life.suoke.ops.backend.identity.UserAccount;

/**
 * Who is on call for a group now: the people a page of that group reaches. Today every enabled
 * member of the group ({@link GroupMembersOnCallResolver}); the on-call schedule (rotations,
 * overrides) replaces it by providing another bean of this type.
 */
public interface OnCallResolver {

  /** The people to page for {@code group}, in a stable order; empty when nobody is. */
  List<UserAccount> onCall(String group);
}
