package life.suoke.ops.backend.release;

import java.util.List;
import life.suoke.ops.backend.incident.IncidentPriorityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The freeze on incident for releases: when an incident on a service becomes P0/P1 (classified so
 * by the incident process, or re-classified), the service's running releases pause; new releases on
 * it are refused at their plan while it is open (the change port's check).
 */
@Component
class ReleaseFreeze {

  private static final Logger log = LoggerFactory.getLogger(ReleaseFreeze.class);

  private final ReleaseService releases;

  ReleaseFreeze(ReleaseService releases) {
    this.releases = releases;
  }

  @EventListener
  void priorityChanged(IncidentPriorityEvent event) {
    if (!event.becameMajor() || event.service() == null) {
      return;
    }
    List<String> paused =
        releases.pauseForIncident(event.service(), event.number(), event.priority());
    if (!paused.isEmpty()) {
      log.info("{} release(s) paused by incident {}", paused.size(), event.number());
    }
  }
}
