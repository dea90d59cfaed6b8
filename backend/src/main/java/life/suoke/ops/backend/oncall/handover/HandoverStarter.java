package life.suoke.ops.backend.oncall.handover;

import java.util.Optional;

/**
 * Starts the handover of a change of shift: the schedule calls it at each change of a tier's shift.
 * It records the handover and starts process {@code on-call-handover} for it (outgoing person
 * writes by {@code shiftStart + suoke.oncall.handover.write-within}, incoming person acknowledges
 * within {@code suoke.oncall.handover.acknowledge-within}).
 *
 * <p>Idempotent per schedule, tier and shift start: calling it again for the same change answers
 * the same record and starts no second process (it starts the process if an earlier call recorded
 * the handover but could not start it). When the outgoing and the incoming person are the same,
 * nothing is handed over and the answer is empty.
 */
public interface HandoverStarter {

  /**
   * @throws life.suoke.ops.backend.api.ApiProblem (400) naming each bad field of the change
   */
  Optional<HandoverRecord> start(ShiftChange change);
}
