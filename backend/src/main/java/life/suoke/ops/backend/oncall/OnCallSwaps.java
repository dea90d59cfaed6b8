package life.suoke.ops.backend.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.oncall.OnCall.Override;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.OnCall.Swap;
import life.suoke.ops.backend.oncall.OnCall.SwapInput;
import life.suoke.ops.backend.oncall.compute.Segment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shift swaps: a team member asks another to take their shift (and optionally gives them one in
 * return); the counterpart accepts or declines; when the schedule wants it, a manager approves or
 * rejects. An approved swap becomes overrides (kind {@code swap}), all or none.
 */
@Service
public class OnCallSwaps {

  private final OnCallService oncall;
  private final OnCallStore store;
  private final OnCallSpecs specs;
  private final OnCallAudit audit;
  private final TransactionTemplate tx;

  OnCallSwaps(
      OnCallService oncall,
      OnCallStore store,
      OnCallSpecs specs,
      OnCallAudit audit,
      TransactionTemplate tx) {
    this.oncall = oncall;
    this.store = store;
    this.specs = specs;
    this.audit = audit;
    this.tx = tx;
  }

  public List<Swap> swaps(Long scheduleId, String user) {
    return store.swaps(scheduleId, user);
  }

  /**
   * The caller asks a team member to take their shift {@code [start, end)} (and, for an exchange,
   * to give them {@code [returnStart, returnEnd)}): the caller must be on call for the whole first
   * range, the counterpart for the whole second.
   */
  public Swap requestSwap(long scheduleId, SwapInput in, CurrentUser user) {
    Schedule schedule = oncall.schedule(scheduleId);
    OnCallInputs check = oncall.inputs();
    if (!oncall.isMember(user.username(), schedule.team())) {
      check.add("requester", "you are not a member of the team " + schedule.team());
    }
    String counterpart = check.text("counterpart", in.counterpart(), 200, true);
    if (counterpart != null
        && (!oncall.isMember(counterpart, schedule.team())
            || counterpart.equals(user.username()))) {
      check.add("counterpart", "another member of the team " + schedule.team());
    }
    Instant[] range = check.range("start", in.start(), "end", in.end(), 31);
    Instant[] back = null;
    if (in.returnStart() != null || in.returnEnd() != null) {
      back = check.range("returnStart", in.returnStart(), "returnEnd", in.returnEnd(), 31);
    }
    String note = check.text("note", in.note(), 2000, false);
    if (range[0] != null
        && range[1] != null
        && range[0].isBefore(range[1])
        && !onCallThroughout(schedule, user.username(), range[0], range[1])) {
      check.add("start", "you are not on call for the whole range");
    }
    if (back != null
        && back[0] != null
        && back[1] != null
        && back[0].isBefore(back[1])
        && counterpart != null
        && !onCallThroughout(schedule, counterpart, back[0], back[1])) {
      check.add("returnStart", counterpart + " is not on call for the whole return range");
    }
    check.check();
    Instant returnStart = back == null ? null : back[0];
    Instant returnEnd = back == null ? null : back[1];
    long id =
        store.insertSwap(
            scheduleId,
            user.username(),
            counterpart,
            range[0],
            range[1],
            returnStart,
            returnEnd,
            note);
    Swap swap = store.swap(id).orElseThrow();
    audit.schedule(user.username(), OnCallAudit.SWAP_REQUEST, scheduleId, swapDetails(swap));
    return swap;
  }

  private boolean onCallThroughout(Schedule schedule, String person, Instant start, Instant end) {
    for (Segment segment : specs.compute(schedule, start, end).entries()) {
      if (!person.equals(segment.user())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The counterpart accepts: the swap is in force at once, or waits for a manager when the schedule
   * wants approval.
   */
  public Swap acceptSwap(long swapId, CurrentUser user) {
    Swap swap = swap(swapId);
    if (!swap.counterpart().equals(user.username())) {
      throw ApiProblem.forbidden("Only " + swap.counterpart() + " accepts this swap.");
    }
    requireStatus(swap, "requested");
    Schedule schedule = oncall.schedule(swap.scheduleId());
    if (schedule.swapApproval()) {
      store.swapStatus(swapId, "accepted", null);
    } else {
      enact(schedule, swap, user.username());
    }
    Swap now = swap(swapId);
    audit.schedule(user.username(), OnCallAudit.SWAP_ACCEPT, swap.scheduleId(), swapDetails(now));
    return now;
  }

  public Swap declineSwap(long swapId, CurrentUser user) {
    Swap swap = swap(swapId);
    if (!swap.counterpart().equals(user.username())) {
      throw ApiProblem.forbidden("Only " + swap.counterpart() + " declines this swap.");
    }
    requireStatus(swap, "requested");
    store.swapStatus(swapId, "declined", user.username());
    Swap now = swap(swapId);
    audit.schedule(user.username(), OnCallAudit.SWAP_DECLINE, swap.scheduleId(), swapDetails(now));
    return now;
  }

  /** A manager of the team approves an accepted swap: it is in force. */
  public Swap approveSwap(long swapId, CurrentUser user) {
    Swap swap = swap(swapId);
    Schedule schedule = oncall.schedule(swap.scheduleId());
    oncall.requireEdit(user, schedule.team());
    requireStatus(swap, "accepted");
    enact(schedule, swap, user.username());
    Swap now = swap(swapId);
    audit.schedule(user.username(), OnCallAudit.SWAP_APPROVE, swap.scheduleId(), swapDetails(now));
    return now;
  }

  public Swap rejectSwap(long swapId, CurrentUser user) {
    Swap swap = swap(swapId);
    Schedule schedule = oncall.schedule(swap.scheduleId());
    oncall.requireEdit(user, schedule.team());
    if (!swap.status().equals("accepted") && !swap.status().equals("requested")) {
      throw ApiProblem.conflict("The swap is " + swap.status() + ".");
    }
    store.swapStatus(swapId, "declined", user.username());
    Swap now = swap(swapId);
    audit.schedule(user.username(), OnCallAudit.SWAP_REJECT, swap.scheduleId(), swapDetails(now));
    return now;
  }

  public Swap cancelSwap(long swapId, CurrentUser user) {
    Swap swap = swap(swapId);
    if (!swap.requester().equals(user.username())) {
      throw ApiProblem.forbidden("Only " + swap.requester() + " cancels this swap.");
    }
    if (!swap.status().equals("accepted") && !swap.status().equals("requested")) {
      throw ApiProblem.conflict("The swap is " + swap.status() + ".");
    }
    store.swapStatus(swapId, "cancelled", user.username());
    Swap now = swap(swapId);
    audit.schedule(user.username(), OnCallAudit.SWAP_CANCEL, swap.scheduleId(), swapDetails(now));
    return now;
  }

  private Swap swap(long swapId) {
    return store.swap(swapId).orElseThrow(() -> ApiProblem.notFound("No swap " + swapId));
  }

  private static void requireStatus(Swap swap, String status) {
    if (!swap.status().equals(status)) {
      throw ApiProblem.conflict("The swap is " + swap.status() + ", not " + status + ".");
    }
  }

  /**
   * The swap's overrides (the counterpart takes the range; the requester the return range), all or
   * none.
   */
  private void enact(Schedule schedule, Swap swap, String actor) {
    tx.executeWithoutResult(
        status -> {
          store.lock(schedule.id());
          List<Instant[]> ranges = new ArrayList<>();
          ranges.add(new Instant[] {swap.start(), swap.end()});
          if (swap.returnStart() != null) {
            ranges.add(new Instant[] {swap.returnStart(), swap.returnEnd()});
          }
          for (Instant[] range : ranges) {
            List<Override> overlapping = store.overrides(schedule.id(), range[0], range[1]);
            if (!overlapping.isEmpty()) {
              throw new ApiProblem(
                  HttpStatus.CONFLICT,
                  "The swap overlaps override "
                      + overlapping.get(0).id()
                      + " made since it was requested.",
                  List.of(new ApiProblem.FieldError("start", "overlaps an override")));
            }
          }
          store.insertOverride(
              schedule.id(),
              swap.counterpart(),
              swap.start(),
              swap.end(),
              "swap",
              swap.requester(),
              swap.id(),
              null,
              actor);
          if (swap.returnStart() != null) {
            store.insertOverride(
                schedule.id(),
                swap.requester(),
                swap.returnStart(),
                swap.returnEnd(),
                "swap",
                swap.counterpart(),
                swap.id(),
                null,
                actor);
          }
          store.swapStatus(swap.id(), "approved", actor);
        });
    specs.changed();
  }

  private static Map<String, Object> swapDetails(Swap s) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("swapId", s.id());
    details.put("requester", s.requester());
    details.put("counterpart", s.counterpart());
    details.put("start", s.start().toString());
    details.put("end", s.end().toString());
    details.put("returnStart", s.returnStart() == null ? null : s.returnStart().toString());
    details.put("returnEnd", s.returnEnd() == null ? null : s.returnEnd().toString());
    details.put("status", s.status());
    return details;
  }
}
