package life.suoke.ops.backend.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.oncall.OnCall.Leave;
import life.suoke.ops.backend.oncall.OnCall.LeaveInput;
import org.springframework.stereotype.Service;

/**
 * Leave: people record their own, the managers of one of the person's groups and admins anyone's.
 * Layers that skip people on leave give the turns of a person away to the next member.
 */
@Service
public class OnCallLeaves {

  private final OnCallService oncall;
  private final OnCallStore store;
  private final OnCallSpecs specs;
  private final OnCallAudit audit;
  private final UserDirectory directory;

  OnCallLeaves(
      OnCallService oncall,
      OnCallStore store,
      OnCallSpecs specs,
      OnCallAudit audit,
      UserDirectory directory) {
    this.oncall = oncall;
    this.store = store;
    this.specs = specs;
    this.audit = audit;
    this.directory = directory;
  }

  /**
   * Leave overlapping {@code [from, to)}, of one person when {@code user} is given. Everyone signed
   * in sees when people are away (it decides who is on call); the note (a reason may be personal,
   * such as an illness) only the person, their managers and admins.
   */
  public List<Leave> leaves(String user, String from, String to, CurrentUser caller) {
    OnCallInputs check = oncall.inputs();
    Instant[] range = check.range("from", from, "to", to, 3660);
    check.check();
    return store.leaves(user, range[0], range[1]).stream()
        .map(
            l ->
                l.note() == null || mayManage(l.user(), caller)
                    ? l
                    : new Leave(l.id(), l.user(), l.start(), l.end(), null, l.createdBy()))
        .toList();
  }

  /**
   * People record their own leave; managers of one of the person's groups and admins record
   * anyone's.
   */
  public Leave addLeave(LeaveInput in, CurrentUser user) {
    OnCallInputs check = oncall.inputs();
    String person = in.user() == null || in.user().isBlank() ? user.username() : in.user();
    if (!directory.userExists(person)) {
      check.add("user", "no such user");
    }
    Instant[] range = check.range("start", in.start(), "end", in.end(), 366);
    String note = check.text("note", in.note(), 2000, false);
    check.check();
    requireLeaveRights(person, user);
    long id = store.insertLeave(person, range[0], range[1], note, user.username());
    specs.changed();
    Leave leave = store.leave(id).orElseThrow();
    audit.user(
        user.username(),
        OnCallAudit.LEAVE_CREATE,
        person,
        Map.of("leaveId", id, "start", leave.start().toString(), "end", leave.end().toString()));
    return leave;
  }

  public void deleteLeave(long id, CurrentUser user) {
    Leave leave = store.leave(id).orElseThrow(() -> ApiProblem.notFound("No leave " + id));
    requireLeaveRights(leave.user(), user);
    store.deleteLeave(id);
    specs.changed();
    audit.user(user.username(), OnCallAudit.LEAVE_DELETE, leave.user(), Map.of("leaveId", id));
  }

  private void requireLeaveRights(String person, CurrentUser user) {
    if (!mayManage(person, user)) {
      throw ApiProblem.forbidden(
          "Only the person, their managers and administrators record leave.");
    }
  }

  /** The person themselves, a manager of one of their groups, or an admin. */
  private boolean mayManage(String person, CurrentUser user) {
    if (person.equals(user.username()) || user.isAdmin()) {
      return true;
    }
    for (String group : directory.groupsOf(person)) {
      if (directory.group(group).map(g -> g.managers().contains(user.username())).orElse(false)) {
        return true;
      }
    }
    return false;
  }
}
