package life.suoke.ops.backend.change;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.List;
import life.suoke.ops.backend.incident.IncidentFinishedEvent;
import life.suoke.ops.processes.change.ChangeProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The freeze on incident: while a P0/P1 incident is open on a service, changes on it wait before
 * implementation (emergency changes linked to that incident excepted). The incident store is read
 * when a change reaches implementation; when such an incident finishes, every change frozen on the
 * service is told ({@code change-freeze-lifted}) and checks again.
 */
@Component
class IncidentFreeze {

  private static final Logger log = LoggerFactory.getLogger(IncidentFreeze.class);

  private final JdbcTemplate jdbc;
  private final ChangeStore store;
  private final CamundaClient client;

  IncidentFreeze(JdbcTemplate jdbc, ChangeStore store, CamundaClient client) {
    this.jdbc = jdbc;
    this.store = store;
    this.client = client;
  }

  /** The open P0/P1 incidents of the service, other than {@code except}. */
  List<String> freezingIncidents(String service, String except) {
    return jdbc.queryForList(
        "SELECT number FROM incident WHERE service = ? AND priority IN ('P0', 'P1')"
            + " AND status NOT IN ('closed', 'cancelled') AND number <> ? ORDER BY created_at",
        String.class,
        service,
        except == null ? "" : except);
  }

  @EventListener
  void incidentFinished(IncidentFinishedEvent event) {
    if (!freezingIncidents(event.service(), null).isEmpty()) {
      return;
    }
    for (String number : store.frozenOn(event.service())) {
      try {
        client
            .newPublishMessageCommand()
            .messageName(ChangeProcess.MESSAGE_FREEZE_LIFTED)
            .correlationKey(number)
            .timeToLive(Duration.ofMinutes(10))
            .send()
            .join();
        store.event(
            number,
            null,
            "freeze-lifted",
            "Freeze lifted: incident " + event.number() + " finished",
            java.util.Map.of("incident", event.number()),
            null);
      } catch (RuntimeException e) {
        log.warn("The freeze of a change could not be lifted: {}", e.getClass().getSimpleName());
      }
    }
  }
}
