package life.suoke.ops.backend.oncall.compute;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One layer of a schedule: a rotation of members (in order) whose turns start at {@code handoff} on
 * {@code startDate} in {@code zone}, on duty only inside its restrictions (all the time when there
 * are none) and, when {@code businessHours} is given, only in that calendar's working hours.
 *
 * @param id the layer's id (segments name it)
 * @param skipOnLeave a member on leave at any time of their turn is skipped: the next member in
 *     order who is not on leave takes that turn (the order of the following turns stays)
 */
public record LayerSpec(
    long id,
    String name,
    List<String> members,
    Turn turn,
    LocalTime handoff,
    LocalDate startDate,
    ZoneId zone,
    List<Restriction> restrictions,
    WorkingDays businessHours,
    boolean skipOnLeave) {

  public LayerSpec {
    Objects.requireNonNull(turn, "turn");
    Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(zone, "zone");
    members = List.copyOf(members);
    restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
  }
}
