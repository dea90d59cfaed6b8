package life.suoke.ops.backend.oncall.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.oncall.OnCall;
import life.suoke.ops.backend.oncall.OnCallLeaves;
import life.suoke.ops.backend.oncall.OnCallService;
import life.suoke.ops.backend.oncall.OnCallSwaps;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.Segment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * On-call schedules, layers, overrides, the final schedule and "who is on call now". Everyone
 * signed in reads; the team's managers and admins change (checked by {@link OnCallService}).
 */
@RestController
@Tag(name = "On-call")
class OnCallController {

  private final OnCallService oncall;
  private final OnCallSwaps swaps;
  private final OnCallLeaves leaves;

  OnCallController(OnCallService oncall, OnCallSwaps swaps, OnCallLeaves leaves) {
    this.oncall = oncall;
    this.swaps = swaps;
    this.leaves = leaves;
  }

  /** A schedule with whether the caller may change it. */
  record ScheduleJson(
      long id,
      String name,
      String team,
      String description,
      String timeZone,
      boolean swapApproval,
      int reminderLeadMinutes,
      List<OnCall.Layer> layers,
      boolean canEdit) {}

  private ScheduleJson json(OnCall.Schedule s, CurrentUser user) {
    return new ScheduleJson(
        s.id(),
        s.name(),
        s.team(),
        s.description(),
        s.timeZone(),
        s.swapApproval(),
        s.reminderLeadMinutes(),
        s.layers(),
        oncall.canEdit(user, s.team()));
  }

  @GetMapping("/api/oncall/now")
  @Operation(
      summary =
          "Who is on call now for a service's tier: the person of each schedule of the tier's group, "
              + "with the shift's end (the group's members when it has no schedule)")
  OnCallService.ServiceNow now(
      @RequestParam(required = false) String service,
      @RequestParam(required = false) Integer tier) {
    return oncall.now(service, tier);
  }

  @GetMapping("/api/oncall/schedules")
  @Operation(summary = "List the on-call schedules with their layers")
  List<ScheduleJson> list(CurrentUser user) {
    return oncall.schedules().stream().map(s -> json(s, user)).toList();
  }

  @PostMapping("/api/oncall/schedules")
  @Operation(summary = "Create a schedule (managers of its team, admins), optionally with layers")
  ResponseEntity<ScheduleJson> create(@RequestBody OnCall.ScheduleInput body, CurrentUser user) {
    OnCall.Schedule created = oncall.create(body, user);
    return ResponseEntity.created(URI.create("/api/oncall/schedules/" + created.id()))
        .body(json(created, user));
  }

  @GetMapping("/api/oncall/schedules/{id}")
  @Operation(summary = "Read a schedule with its layers")
  ScheduleJson get(@PathVariable long id, CurrentUser user) {
    return json(oncall.schedule(id), user);
  }

  @PutMapping("/api/oncall/schedules/{id}")
  @Operation(
      summary = "Change a schedule's name, team, time zone, swap approval and reminder lead time")
  ScheduleJson update(
      @PathVariable long id, @RequestBody OnCall.ScheduleInput body, CurrentUser user) {
    return json(oncall.update(id, body, user), user);
  }

  @DeleteMapping("/api/oncall/schedules/{id}")
  @Operation(summary = "Delete a schedule with its layers and overrides")
  ResponseEntity<Void> delete(@PathVariable long id, CurrentUser user) {
    oncall.delete(id, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/oncall/schedules/{id}/layers")
  @Operation(summary = "Add a layer (a rotation) at a position (on top when none is given)")
  ResponseEntity<ScheduleJson> addLayer(
      @PathVariable long id, @RequestBody OnCall.LayerInput body, CurrentUser user) {
    return ResponseEntity.status(201).body(json(oncall.addLayer(id, body, user), user));
  }

  @PutMapping("/api/oncall/schedules/{id}/layers/{layerId}")
  @Operation(summary = "Change a layer")
  ScheduleJson updateLayer(
      @PathVariable long id,
      @PathVariable long layerId,
      @RequestBody OnCall.LayerInput body,
      CurrentUser user) {
    return json(oncall.updateLayer(id, layerId, body, user), user);
  }

  @DeleteMapping("/api/oncall/schedules/{id}/layers/{layerId}")
  @Operation(summary = "Delete a layer")
  ScheduleJson deleteLayer(@PathVariable long id, @PathVariable long layerId, CurrentUser user) {
    return json(oncall.deleteLayer(id, layerId, user), user);
  }

  /** One stretch of a final schedule or of a layer. */
  record SegmentJson(
      Instant start, Instant end, String user, String source, Long layerId, Long overrideId) {
    static SegmentJson of(Segment s) {
      return new SegmentJson(
          s.start(),
          s.end(),
          s.user(),
          s.source().name().toLowerCase(java.util.Locale.ROOT),
          s.layerId(),
          s.overrideId());
    }
  }

  /** A layer's own rotation in the range. */
  record LayerJson(long id, String name, int position, List<SegmentJson> segments) {}

  /**
   * The final schedule of a range: entries cover it in order, gaps included (source {@code gap}, no
   * user).
   */
  record FinalJson(
      long scheduleId,
      String timeZone,
      Instant from,
      Instant to,
      List<SegmentJson> entries,
      List<SegmentJson> gaps,
      List<LayerJson> layers,
      List<OnCall.Override> overrides) {}

  @GetMapping("/api/oncall/schedules/{id}/final")
  @Operation(
      summary =
          "The final schedule of [from, to): who is on call when, with explicit gaps, each layer's "
              + "rotation and the overrides")
  FinalJson finalSchedule(
      @PathVariable long id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    FinalSchedule fs = oncall.finalSchedule(id, from, to);
    OnCall.Schedule schedule = oncall.schedule(id);
    List<LayerJson> layers = new ArrayList<>();
    for (OnCall.Layer layer : schedule.layers()) {
      layers.add(
          new LayerJson(
              layer.id(),
              layer.name(),
              layer.position(),
              fs.layers().getOrDefault(layer.id(), List.of()).stream()
                  .map(SegmentJson::of)
                  .toList()));
    }
    return new FinalJson(
        id,
        schedule.timeZone(),
        fs.from(),
        fs.to(),
        fs.entries().stream().map(SegmentJson::of).toList(),
        fs.gaps().stream().map(SegmentJson::of).toList(),
        layers,
        oncall.overrides(id, fs.from().toString(), fs.to().toString()));
  }

  @GetMapping("/api/oncall/schedules/{id}/handoffs")
  @Operation(
      summary =
          "The changes of shift of [from, to): when the person on call changes, who hands over and who "
              + "takes over (null in a gap)")
  List<FinalSchedule.Handoff> handoffs(
      @PathVariable long id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return oncall.handoffs(id, from, to);
  }

  @GetMapping("/api/oncall/schedules/{id}/overrides")
  @Operation(summary = "The schedule's overrides that overlap [from, to)")
  List<OnCall.Override> overrides(
      @PathVariable long id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return oncall.overrides(id, from, to);
  }

  @PostMapping("/api/oncall/schedules/{id}/overrides")
  @Operation(summary = "Put a team member on call for a range over every layer (managers, admins)")
  ResponseEntity<OnCall.Override> addOverride(
      @PathVariable long id, @RequestBody OnCall.OverrideInput body, CurrentUser user) {
    return ResponseEntity.status(201).body(oncall.addOverride(id, body, user));
  }

  @DeleteMapping("/api/oncall/schedules/{id}/overrides/{overrideId}")
  @Operation(summary = "Remove an override (managers, admins; a person their own taken shift)")
  ResponseEntity<Void> deleteOverride(
      @PathVariable long id, @PathVariable long overrideId, CurrentUser user) {
    oncall.deleteOverride(id, overrideId, user);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/oncall/schedules/{id}/take")
  @Operation(
      summary =
          "Take a range of the schedule for yourself (a team member): an override of kind take")
  ResponseEntity<OnCall.Override> take(
      @PathVariable long id, @RequestBody OnCall.TakeInput body, CurrentUser user) {
    return ResponseEntity.status(201).body(oncall.take(id, body, user));
  }

  @GetMapping("/api/oncall/schedules/{id}/swaps")
  @Operation(summary = "The schedule's swap requests, newest first")
  List<OnCall.Swap> scheduleSwaps(@PathVariable long id) {
    oncall.schedule(id);
    return swaps.swaps(id, null);
  }

  @PostMapping("/api/oncall/schedules/{id}/swaps")
  @Operation(
      summary = "Ask a team member to take your shift (and optionally give you one of theirs)")
  ResponseEntity<OnCall.Swap> requestSwap(
      @PathVariable long id, @RequestBody OnCall.SwapInput body, CurrentUser user) {
    return ResponseEntity.status(201).body(swaps.requestSwap(id, body, user));
  }

  @GetMapping("/api/oncall/swaps")
  @Operation(summary = "My swap requests, asked by me or of me, newest first")
  List<OnCall.Swap> mySwaps(CurrentUser user) {
    return swaps.swaps(null, user.username());
  }

  @PostMapping("/api/oncall/swaps/{swapId}/accept")
  @Operation(
      summary = "Accept a swap asked of you (in force at once, or after a manager's approval)")
  OnCall.Swap accept(@PathVariable long swapId, CurrentUser user) {
    return swaps.acceptSwap(swapId, user);
  }

  @PostMapping("/api/oncall/swaps/{swapId}/decline")
  @Operation(summary = "Decline a swap asked of you")
  OnCall.Swap decline(@PathVariable long swapId, CurrentUser user) {
    return swaps.declineSwap(swapId, user);
  }

  @PostMapping("/api/oncall/swaps/{swapId}/approve")
  @Operation(summary = "Approve an accepted swap (managers of the team, admins)")
  OnCall.Swap approve(@PathVariable long swapId, CurrentUser user) {
    return swaps.approveSwap(swapId, user);
  }

  @PostMapping("/api/oncall/swaps/{swapId}/reject")
  @Operation(summary = "Reject a swap (managers of the team, admins)")
  OnCall.Swap reject(@PathVariable long swapId, CurrentUser user) {
    return swaps.rejectSwap(swapId, user);
  }

  @PostMapping("/api/oncall/swaps/{swapId}/cancel")
  @Operation(summary = "Withdraw your swap request")
  OnCall.Swap cancel(@PathVariable long swapId, CurrentUser user) {
    return swaps.cancelSwap(swapId, user);
  }

  @GetMapping("/api/oncall/leaves")
  @Operation(
      summary =
          "Leave overlapping [from, to), of one person when user is given (notes only for the person, "
              + "their managers and admins)")
  List<OnCall.Leave> leaves(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      CurrentUser caller) {
    return leaves.leaves(user, from, to, caller);
  }

  @PostMapping("/api/oncall/leaves")
  @Operation(
      summary =
          "Record leave (your own; managers and admins anyone's): rotations that skip people on leave skip them")
  ResponseEntity<OnCall.Leave> addLeave(@RequestBody OnCall.LeaveInput body, CurrentUser user) {
    return ResponseEntity.status(201).body(leaves.addLeave(body, user));
  }

  @DeleteMapping("/api/oncall/leaves/{leaveId}")
  @Operation(summary = "Remove leave")
  ResponseEntity<Void> deleteLeave(@PathVariable long leaveId, CurrentUser user) {
    leaves.deleteLeave(leaveId, user);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/oncall/my-shifts")
  @Operation(summary = "My shifts in [from, to) over the schedules of my teams")
  Map<String, Object> myShifts(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      CurrentUser user) {
    return Map.of("user", user.username(), "shifts", oncall.shifts(user.username(), from, to));
  }
}
