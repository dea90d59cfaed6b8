package life.suoke.ops.backend.change;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings of change management ({@code suoke.change.*}): the CAB's quorum ({@code all}, {@code
 * any} or {@code percentage} with {@code quorum-percent}) and how many rejections reject a change
 * ({@code rejection-limit}, 1 = any member vetoes), how long an emergency change's window lasts,
 * and the zone in which the risk rules read the time of day.
 */
@Component
public class ChangeProperties {

  final String cabQuorum;
  final int cabQuorumPercent;
  final int cabRejectionLimit;
  final Duration emergencyWindow;
  final ZoneId zone;

  ChangeProperties(
      @Value("${suoke.change.cab.quorum:percentage}") String cabQuorum,
      @Value("${suoke.change.cab.quorum-percent:60}") int cabQuorumPercent,
      @Value("${suoke.change.cab.rejection-limit:1}") int cabRejectionLimit,
      @Value("${suoke.change.emergency-window:PT4H}") Duration emergencyWindow,
      @Value("${suoke.change.zone:Asia/Shanghai}") String zone) {
    if (!java.util.List.of("all", "any", "percentage").contains(cabQuorum)) {
      throw new IllegalArgumentException("suoke.change.cab.quorum must be all, any or percentage");
    }
    this.cabQuorum = cabQuorum;
    this.cabQuorumPercent = Math.max(1, Math.min(100, cabQuorumPercent));
    this.cabRejectionLimit = Math.max(1, cabRejectionLimit);
    this.emergencyWindow = emergencyWindow;
    this.zone = ZoneId.of(zone);
  }
}
