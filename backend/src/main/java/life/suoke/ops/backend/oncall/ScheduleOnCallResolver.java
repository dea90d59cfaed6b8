package life.suoke.ops.backend.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.incident.GroupMembersOnCallResolver;
import life.suoke.ops.backend.incident.OnCallResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who a page of a group reaches: the people on call now in the group's schedules (the final
 * schedule: layers, overrides, swaps). A page must always reach someone, so a group without a
 * schedule, or whose schedules all have a gap now, or whose schedule cannot be computed, falls back
 * to the group's enabled members (and the gap is logged; gaps of the next days are raised to the
 * managers ahead by {@link OnCallGapWatch}).
 */
@Component
class ScheduleOnCallResolver implements OnCallResolver {

  private static final Logger log = LoggerFactory.getLogger(ScheduleOnCallResolver.class);

  private final OnCallService oncall;
  private final UserDirectory directory;
  private final GroupMembersOnCallResolver members;

  ScheduleOnCallResolver(OnCallService oncall, UserDirectory directory) {
    this.oncall = oncall;
    this.directory = directory;
    this.members = new GroupMembersOnCallResolver(directory);
  }

  @Override
  public List<UserAccount> onCall(String group) {
    OnCallService.GroupNow now;
    try {
      List<Long> schedules = oncall.scheduleIdsOf(group);
      if (schedules.isEmpty()) {
        return members.onCall(group);
      }
      now = oncall.groupNow(group, Instant.now(), schedules);
    } catch (RuntimeException e) {
      log.warn("On-call schedule of group {} could not be computed; paging its members", group, e);
      return members.onCall(group);
    }
    if (now.fallback()) {
      return members.onCall(group);
    }
    List<UserAccount> people = new ArrayList<>();
    for (OnCallService.OnCallPerson person : now.people()) {
      Optional<UserAccount> account = directory.user(person.user()).filter(UserAccount::enabled);
      account.ifPresent(people::add);
    }
    if (people.isEmpty()) {
      log.warn(
          "Nobody is on call in the schedules of group {} now (a gap); paging its members", group);
      return members.onCall(group);
    }
    return people;
  }
}
