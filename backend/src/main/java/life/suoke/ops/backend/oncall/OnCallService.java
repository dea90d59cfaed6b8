package life.suoke.ops.backend.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.calendar.BusinessCalendarService;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.GroupInfo;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.oncall.OnCall.Layer;
import life.suoke.ops.backend.oncall.OnCall.LayerInput;
import life.suoke.ops.backend.oncall.OnCall.Override;
import life.suoke.ops.backend.oncall.OnCall.OverrideInput;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.OnCall.ScheduleInput;
import life.suoke.ops.backend.oncall.OnCall.TakeInput;
import life.suoke.ops.backend.oncall.compute.FinalSchedule;
import life.suoke.ops.backend.oncall.compute.Segment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On-call schedules: reading (everyone signed in), changing (the team's managers and admins),
 * overrides, "take this shift", and the answers computed from the final schedule (swaps: {@link
 * OnCallSwaps}; leave: {@link OnCallLeaves}). Every change is checked completely before it is
 * written (one transaction, the schedule's row locked) and audited after it committed.
 */
@Service
public class OnCallService {

  /** The longest range a final schedule is computed for. */
  public static final int MAX_RANGE_DAYS = 400;

  private final OnCallStore store;
  private final OnCallSpecs specs;
  private final OnCallAudit audit;
  private final UserDirectory directory;
  private final ServiceCatalog catalog;
  private final BusinessCalendarService calendars;
  private final TransactionTemplate tx;

  OnCallService(
      OnCallStore store,
      OnCallSpecs specs,
      OnCallAudit audit,
      UserDirectory directory,
      ServiceCatalog catalog,
      BusinessCalendarService calendars,
      TransactionTemplate tx) {
    this.store = store;
    this.specs = specs;
    this.audit = audit;
    this.directory = directory;
    this.catalog = catalog;
    this.calendars = calendars;
    this.tx = tx;
  }

  OnCallInputs inputs() {
    return new OnCallInputs(
        new OnCallInputs.Context() {
          @java.lang.Override
          public boolean groupExists(String group) {
            return directory.group(group).isPresent();
          }

          @java.lang.Override
          public Set<String> membersOf(String group) {
            return directory.group(group).map(g -> Set.copyOf(g.members())).orElse(Set.of());
          }

          @java.lang.Override
          public boolean calendarExists(String calendarId) {
            return calendars.find(calendarId).isPresent();
          }
        });
  }

  // rights

  /** Admins and the managers of the team's group change its schedules. */
  public boolean canEdit(CurrentUser user, String team) {
    if (user.isAdmin()) {
      return true;
    }
    return directory.group(team).map(g -> g.managers().contains(user.username())).orElse(false);
  }

  void requireEdit(CurrentUser user, String team) {
    if (!canEdit(user, team)) {
      throw ApiProblem.forbidden(
          "Only the managers of " + team + " and administrators change its schedules.");
    }
  }

  boolean isMember(String user, String team) {
    return directory.group(team).map(g -> g.members().contains(user)).orElse(false);
  }

  // schedules

  public List<Schedule> schedules() {
    return store.schedules();
  }

  public Schedule schedule(long id) {
    return store.schedule(id).orElseThrow(() -> ApiProblem.notFound("No on-call schedule " + id));
  }

  public Schedule create(ScheduleInput in, CurrentUser user) {
    OnCallInputs check = inputs();
    Schedule schedule = check.schedule(0, in, List.of());
    List<Layer> layers = new ArrayList<>();
    List<LayerInput> given = in.layers() == null ? List.of() : in.layers();
    for (int i = 0; i < given.size(); i++) {
      layers.add(
          check.layer(
              "layers[" + i + "].", 0, i, given.get(i), schedule.team(), schedule.timeZone()));
    }
    check.check();
    requireEdit(user, schedule.team());
    long id =
        tx.execute(
            status -> {
              long created = store.insertSchedule(schedule, user.username());
              layers.forEach(layer -> store.insertLayer(created, layer));
              return created;
            });
    specs.changed();
    audit.schedule(
        user.username(), OnCallAudit.SCHEDULE_CREATE, id, details(schedule, layers.size()));
    return schedule(id);
  }

  public Schedule update(long id, ScheduleInput in, CurrentUser user) {
    Schedule existing = schedule(id);
    OnCallInputs check = inputs();
    Schedule changed = check.schedule(id, in, existing.layers());
    if (changed.team() != null && !changed.team().equals(existing.team())) {
      Set<String> members =
          directory.group(changed.team()).map(g -> Set.copyOf(g.members())).orElse(Set.of());
      for (Layer layer : existing.layers()) {
        for (String member : layer.members()) {
          if (!members.contains(member)) {
            check.add(
                "team",
                "'"
                    + member
                    + "' of layer '"
                    + layer.name()
                    + "' is not a member of "
                    + changed.team());
          }
        }
      }
    }
    check.check();
    requireEdit(user, existing.team());
    requireEdit(user, changed.team());
    tx.executeWithoutResult(
        status -> {
          store.lock(id);
          store.updateSchedule(changed);
        });
    specs.changed();
    audit.schedule(
        user.username(),
        OnCallAudit.SCHEDULE_UPDATE,
        id,
        details(changed, existing.layers().size()));
    return schedule(id);
  }

  public void delete(long id, CurrentUser user) {
    Schedule existing = schedule(id);
    requireEdit(user, existing.team());
    tx.executeWithoutResult(status -> store.deleteSchedule(id));
    specs.changed();
    audit.schedule(
        user.username(),
        OnCallAudit.SCHEDULE_DELETE,
        id,
        Map.of("name", existing.name(), "team", existing.team()));
  }

  private static Map<String, Object> details(Schedule s, int layers) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", s.name());
    details.put("team", s.team());
    details.put("timeZone", s.timeZone());
    details.put("swapApproval", s.swapApproval());
    details.put("reminderLeadMinutes", s.reminderLeadMinutes());
    details.put("layers", layers);
    return details;
  }

  // layers

  public Schedule addLayer(long scheduleId, LayerInput in, CurrentUser user) {
    Schedule schedule = schedule(scheduleId);
    int top = schedule.layers().size();
    int position = in.position() == null ? top : in.position();
    OnCallInputs check = inputs();
    if (position < 0 || position > top) {
      check.add("position", "between 0 and " + top);
    }
    Layer layer = check.layer("", 0, position, in, schedule.team(), schedule.timeZone());
    check.check();
    requireEdit(user, schedule.team());
    long id =
        tx.execute(
            status -> {
              store.lock(scheduleId);
              store.shiftLayersUp(scheduleId, position);
              return store.insertLayer(scheduleId, layer);
            });
    specs.changed();
    audit.schedule(user.username(), OnCallAudit.LAYER_CREATE, scheduleId, layerDetails(id, layer));
    return schedule(scheduleId);
  }

  public Schedule updateLayer(long scheduleId, long layerId, LayerInput in, CurrentUser user) {
    Schedule schedule = schedule(scheduleId);
    Layer existing =
        schedule.layers().stream()
            .filter(l -> l.id() == layerId)
            .findFirst()
            .orElseThrow(
                () -> ApiProblem.notFound("No layer " + layerId + " in schedule " + scheduleId));
    OnCallInputs check = inputs();
    if (in.position() != null && in.position() != existing.position()) {
      check.add("position", "layers are reordered by deleting and adding them");
    }
    Layer layer =
        check.layer("", layerId, existing.position(), in, schedule.team(), schedule.timeZone());
    check.check();
    requireEdit(user, schedule.team());
    tx.executeWithoutResult(
        status -> {
          store.lock(scheduleId);
          store.updateLayer(layer);
        });
    specs.changed();
    audit.schedule(
        user.username(), OnCallAudit.LAYER_UPDATE, scheduleId, layerDetails(layerId, layer));
    return schedule(scheduleId);
  }

  public Schedule deleteLayer(long scheduleId, long layerId, CurrentUser user) {
    Schedule schedule = schedule(scheduleId);
    Layer existing =
        schedule.layers().stream()
            .filter(l -> l.id() == layerId)
            .findFirst()
            .orElseThrow(
                () -> ApiProblem.notFound("No layer " + layerId + " in schedule " + scheduleId));
    requireEdit(user, schedule.team());
    tx.executeWithoutResult(
        status -> {
          store.lock(scheduleId);
          store.deleteLayer(layerId);
        });
    specs.changed();
    audit.schedule(
        user.username(),
        OnCallAudit.LAYER_DELETE,
        scheduleId,
        Map.of("layerId", layerId, "name", existing.name()));
    return schedule(scheduleId);
  }

  private static Map<String, Object> layerDetails(long id, Layer layer) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("layerId", id);
    details.put("name", layer.name());
    details.put("position", layer.position());
    details.put("members", layer.members());
    details.put("turn", layer.turn());
    details.put("turnHours", layer.turnHours());
    details.put("handoffTime", layer.handoffTime());
    details.put("startDate", layer.startDate().toString());
    details.put("timeZone", layer.timeZone());
    details.put("restrictions", layer.restrictions().size());
    details.put("businessCalendar", layer.businessCalendar());
    details.put("skipOnLeave", layer.skipOnLeave());
    return details;
  }

  // final schedule

  /** The final schedule of {@code [from, to)} (ISO date-times). */
  public FinalSchedule finalSchedule(long scheduleId, String from, String to) {
    OnCallInputs check = inputs();
    Instant[] range = check.range("from", from, "to", to, MAX_RANGE_DAYS);
    check.check();
    return specs.compute(schedule(scheduleId), range[0], range[1]);
  }

  // overrides

  public List<Override> overrides(long scheduleId, String from, String to) {
    schedule(scheduleId);
    OnCallInputs check = inputs();
    Instant[] range = check.range("from", from, "to", to, MAX_RANGE_DAYS);
    check.check();
    return store.overrides(scheduleId, range[0], range[1]);
  }

  /** A manager puts a team member on call for a range. */
  public Override addOverride(long scheduleId, OverrideInput in, CurrentUser user) {
    Schedule schedule = schedule(scheduleId);
    OnCallInputs check = inputs();
    String person = check.text("user", in.user(), 200, true);
    if (person != null && !isMember(person, schedule.team())) {
      check.add("user", "'" + person + "' is not a member of the team " + schedule.team());
    }
    Instant[] range = check.range("start", in.start(), "end", in.end(), MAX_RANGE_DAYS);
    String note = check.text("note", in.note(), 2000, false);
    check.check();
    requireEdit(user, schedule.team());
    Override created =
        writeOverride(
            schedule, person, range[0], range[1], "override", null, note, user.username());
    audit.schedule(
        user.username(), OnCallAudit.OVERRIDE_CREATE, scheduleId, overrideDetails(created));
    return created;
  }

  /** The caller takes a range of the schedule for themselves ("take this shift"). */
  public Override take(long scheduleId, TakeInput in, CurrentUser user) {
    Schedule schedule = schedule(scheduleId);
    OnCallInputs check = inputs();
    if (!isMember(user.username(), schedule.team())) {
      check.add("user", "you are not a member of the team " + schedule.team());
    }
    Instant[] range = check.range("start", in.start(), "end", in.end(), 31);
    String note = check.text("note", in.note(), 2000, false);
    check.check();
    Override created =
        writeOverride(
            schedule, user.username(), range[0], range[1], "take", null, note, user.username());
    audit.schedule(user.username(), OnCallAudit.TAKE, scheduleId, overrideDetails(created));
    return created;
  }

  public void deleteOverride(long scheduleId, long overrideId, CurrentUser user) {
    Schedule schedule = schedule(scheduleId);
    Override existing =
        store
            .override(overrideId)
            .filter(o -> o.scheduleId() == scheduleId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "No override " + overrideId + " in schedule " + scheduleId));
    boolean ownTake = existing.kind().equals("take") && existing.user().equals(user.username());
    if (!ownTake) {
      requireEdit(user, schedule.team());
    }
    tx.executeWithoutResult(
        status -> {
          store.lock(scheduleId);
          store.deleteOverride(overrideId);
        });
    specs.changed();
    audit.schedule(
        user.username(), OnCallAudit.OVERRIDE_DELETE, scheduleId, overrideDetails(existing));
  }

  /** Writes an override unless it overlaps another of the schedule (400 naming {@code start}). */
  private Override writeOverride(
      Schedule schedule,
      String person,
      Instant start,
      Instant end,
      String kind,
      Long swapId,
      String note,
      String actor) {
    long id =
        tx.execute(
            status -> {
              store.lock(schedule.id());
              List<Override> overlapping = store.overrides(schedule.id(), start, end);
              if (!overlapping.isEmpty()) {
                throw ApiProblem.badRequest(
                    "start",
                    "the range overlaps override "
                        + overlapping.get(0).id()
                        + " of "
                        + overlapping.get(0).user()
                        + " ("
                        + overlapping.get(0).start()
                        + " to "
                        + overlapping.get(0).end()
                        + ")");
              }
              String replaces = whoIsOnCall(schedule, start, end);
              return store.insertOverride(
                  schedule.id(), person, start, end, kind, replaces, swapId, note, actor);
            });
    specs.changed();
    return store.override(id).orElseThrow();
  }

  /**
   * The one person on call for the whole range before an override, or null (a gap, or several
   * people).
   */
  private String whoIsOnCall(Schedule schedule, Instant start, Instant end) {
    FinalSchedule before = specs.compute(schedule, start, end);
    String person = null;
    for (Segment segment : before.entries()) {
      if (segment.isGap() || (person != null && !person.equals(segment.user()))) {
        return null;
      }
      person = segment.user();
    }
    return person;
  }

  private static Map<String, Object> overrideDetails(Override o) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("overrideId", o.id());
    details.put("user", o.user());
    details.put("start", o.start().toString());
    details.put("end", o.end().toString());
    details.put("kind", o.kind());
    details.put("replaces", o.replaces());
    details.put("swapId", o.swapId());
    return details;
  }

  // answers

  /** Who is on call for one schedule at an instant, with the end of their shift. */
  public record OnCallPerson(
      String user,
      String displayName,
      long scheduleId,
      String scheduleName,
      Instant shiftEnd,
      String source) {}

  /** Per schedule of a group: the person on call (null in a gap). */
  public record ScheduleNow(
      long scheduleId, String scheduleName, String timeZone, OnCallPerson onCall, Instant gapEnd) {}

  /**
   * Who is on call for a group.
   *
   * @param fallback the group has no schedule: its enabled members are on call
   */
  public record GroupNow(
      String group,
      Instant at,
      List<OnCallPerson> people,
      List<ScheduleNow> schedules,
      boolean fallback) {}

  /** The answer of {@code /api/oncall/now}. */
  public record ServiceNow(
      String service,
      int tier,
      String group,
      Instant at,
      List<OnCallPerson> people,
      List<ScheduleNow> schedules,
      boolean fallback) {}

  public ServiceNow now(String service, Integer tier) {
    OnCallInputs check = inputs();
    Optional<ServiceCatalog.ServiceInfo> info = Optional.empty();
    if (service == null || service.isBlank()) {
      check.add("service", "required: a service of the catalog");
    } else {
      info = catalog.find(service);
      if (info.isEmpty()) {
        check.add("service", "no such service in the catalog");
      }
    }
    int t = tier == null ? 1 : tier;
    if (t < 1 || t > 3) {
      check.add("tier", "1, 2 or 3");
    }
    check.check();
    ServiceCatalog.ServiceInfo s = info.orElseThrow();
    String group =
        switch (t) {
          case 1 -> s.tier1Group();
          case 2 -> s.tier2Group();
          default -> s.tier3Group();
        };
    GroupNow now = groupNow(group, Instant.now());
    return new ServiceNow(
        s.name(), t, group, now.at(), now.people(), now.schedules(), now.fallback());
  }

  /** How far ahead a shift's end is looked for. */
  static final Duration SHIFT_HORIZON = Duration.ofDays(15);

  /**
   * Who is on call for a group at an instant near now: its schedules' people, or its members
   * without a schedule.
   */
  public GroupNow groupNow(String group, Instant at) {
    return groupNow(group, at, scheduleIdsOf(group));
  }

  /** The ids of the group's schedules (empty: the group has none). */
  public List<Long> scheduleIdsOf(String group) {
    return store.scheduleIdsOfTeam(group);
  }

  /** {@link #groupNow(String, Instant)} for the group's schedules read already. */
  public GroupNow groupNow(String group, Instant at, List<Long> ids) {
    if (ids.isEmpty()) {
      List<OnCallPerson> members =
          directory.group(group).map(GroupInfo::members).orElse(List.of()).stream()
              .map(directory::user)
              .flatMap(Optional::stream)
              .filter(UserAccount::enabled)
              .map(u -> new OnCallPerson(u.username(), u.displayName(), 0, null, null, "members"))
              .toList();
      return new GroupNow(group, at, members, List.of(), true);
    }
    List<OnCallPerson> people = new ArrayList<>();
    List<ScheduleNow> schedules = new ArrayList<>();
    for (long id : ids) {
      Schedule schedule = specs.schedule(id);
      if (schedule == null) {
        continue;
      }
      FinalSchedule fs = specs.near(id, at, at.plus(SHIFT_HORIZON));
      Segment segment = fs.at(at).orElseThrow();
      if (segment.isGap()) {
        schedules.add(
            new ScheduleNow(id, schedule.name(), schedule.timeZone(), null, segment.end()));
        continue;
      }
      String displayName =
          directory.user(segment.user()).map(UserAccount::displayName).orElse(segment.user());
      OnCallPerson person =
          new OnCallPerson(
              segment.user(),
              displayName,
              id,
              schedule.name(),
              fs.shiftEnd(at).orElse(segment.end()),
              segment.source().name().toLowerCase(java.util.Locale.ROOT));
      schedules.add(new ScheduleNow(id, schedule.name(), schedule.timeZone(), person, null));
      if (people.stream().noneMatch(p -> p.user().equals(person.user()))) {
        people.add(person);
      }
    }
    return new GroupNow(group, at, people, schedules, false);
  }

  /**
   * The changes of shift of a schedule in {@code [from, to)} (ISO date-times): when the person on
   * call changes, who hands over and who takes over (null for a gap). The shift handover starts
   * from these.
   */
  public List<FinalSchedule.Handoff> handoffs(long scheduleId, String from, String to) {
    return finalSchedule(scheduleId, from, to).handoffs();
  }

  /** A stretch of a person's time on call in one schedule. */
  public record Shift(
      long scheduleId,
      String scheduleName,
      String team,
      Instant start,
      Instant end,
      String source) {}

  /** A person's shifts in {@code [from, to)} over the schedules of their teams, in order. */
  public List<Shift> shifts(String person, Instant from, Instant to) {
    List<Shift> shifts = new ArrayList<>();
    Set<String> teams = directory.groupsOf(person);
    for (Schedule schedule : store.schedules()) {
      if (!teams.contains(schedule.team())) {
        continue;
      }
      FinalSchedule fs = specs.compute(schedule, from, to);
      Shift open = null;
      for (Segment segment : fs.entries()) {
        if (person.equals(segment.user())) {
          String source = segment.source().name().toLowerCase(java.util.Locale.ROOT);
          if (open != null && open.end().equals(segment.start())) {
            open =
                new Shift(
                    open.scheduleId(),
                    open.scheduleName(),
                    open.team(),
                    open.start(),
                    segment.end(),
                    open.source().equals(source) ? source : "mixed");
          } else {
            if (open != null) {
              shifts.add(open);
            }
            open =
                new Shift(
                    schedule.id(),
                    schedule.name(),
                    schedule.team(),
                    segment.start(),
                    segment.end(),
                    source);
          }
        }
      }
      if (open != null) {
        shifts.add(open);
      }
    }
    shifts.sort(java.util.Comparator.comparing(Shift::start));
    return shifts;
  }

  public List<Shift> shifts(String person, String from, String to) {
    OnCallInputs check = inputs();
    Instant[] range = check.range("from", from, "to", to, MAX_RANGE_DAYS);
    check.check();
    return shifts(person, range[0], range[1]);
  }
}
