package life.suoke.ops.backend.oncall.handover;

import java.time.Instant;

/**
 * A change of shift of one schedule's tier, as the schedule reports it to {@link HandoverStarter}.
 *
 * @param scheduleId the schedule whose shift changes
 * @param team the team's group (its members are the rotation); the handover gathers the incidents,
 *     silences and alerts of the catalog's services whose tier group of {@code tier} it is (all
 *     services when it is the tier group of none)
 * @param tier 1, 2 or 3
 * @param outgoingUser who hands over (writes)
 * @param incomingUser who takes over (acknowledges)
 * @param shiftStart the instant of the change: the start of the incoming shift
 * @param shiftEnd the end of the incoming shift
 */
public record ShiftChange(
    String scheduleId,
    String team,
    int tier,
    String outgoingUser,
    String incomingUser,
    Instant shiftStart,
    Instant shiftEnd) {}
