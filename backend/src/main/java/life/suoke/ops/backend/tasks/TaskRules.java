package life.suoke.ops.backend.tasks;

import java.util.Collection;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;

/**
 * Who may see and work a task. A user sees a task assigned to them, offered to them as a candidate
 * user, or offered to one of their groups; auditors see every task and change none.
 */
final class TaskRules {

  private TaskRules() {}

  /** The facts about a task the rules need. */
  record Parties(
      String assignee, Collection<String> candidateGroups, Collection<String> candidateUsers) {
    Parties {
      candidateGroups = candidateGroups == null ? List.of() : candidateGroups;
      candidateUsers = candidateUsers == null ? List.of() : candidateUsers;
    }
  }

  static boolean visible(CurrentUser user, Parties task) {
    return user.isAuditor() || user.username().equals(task.assignee()) || candidate(user, task);
  }

  /** Offered to the user, by name or through one of their groups. */
  static boolean candidate(CurrentUser user, Parties task) {
    return task.candidateUsers().contains(user.username())
        || user.inAnyGroup(task.candidateGroups());
  }
}
