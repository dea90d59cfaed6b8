package life.suoke.ops.backend.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.processes.incident.IncidentProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What the escalation policy's paging means for an incident: the page is on its timeline, and the
 * people paged see it and become candidate users of its open acknowledge task, so that whoever the
 * policy reached (a user, a group's member, another schedule's on-call) can take it from their
 * inbox, not only the tier-1 group.
 */
@Service
public class IncidentResponders {

  private final IncidentStore store;
  private final CamundaClient client;
  private final IncidentAudit audit;
  private final IncidentEvents events;
  private final JdbcTemplate jdbc;

  IncidentResponders(
      IncidentStore store,
      CamundaClient client,
      IncidentAudit audit,
      IncidentEvents events,
      JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.store = store;
    this.client = client;
    this.audit = audit;
    this.events = events;
  }

  /**
   * Records a page of the policy's level on the incident and makes the paged people candidates of
   * its acknowledge task. Does nothing for an unknown incident (an escalation started by hand).
   */
  public void paged(
      String incidentNumber, String policyId, int level, List<String> paged, List<String> reached) {
    Incident incident = incidentNumber == null ? null : store.find(incidentNumber).orElse(null);
    if (incident == null) {
      return;
    }
    for (String user : paged) {
      jdbc.update(
          "INSERT INTO incident_paged_user (incident_number, username) VALUES (?, ?)"
              + " ON CONFLICT DO NOTHING",
          incidentNumber,
          user);
    }
    if (incident.processInstanceKey() != null && !paged.isEmpty()) {
      for (UserTask task :
          client
              .newUserTaskSearchRequest()
              .filter(
                  f ->
                      f.processInstanceKey(incident.processInstanceKey())
                          .elementId(IncidentProcess.ACKNOWLEDGE_TASK)
                          .state(UserTaskState.CREATED))
              .send()
              .join()
              .items()) {
        Set<String> candidates =
            new LinkedHashSet<>(
                task.getCandidateUsers() == null ? List.of() : task.getCandidateUsers());
        if (candidates.addAll(paged)) {
          client
              .newUpdateUserTaskCommand(task.getUserTaskKey())
              .candidateUsers(new ArrayList<>(candidates))
              .send()
              .join();
        }
      }
    }
    List<String> unreachable = new ArrayList<>(paged);
    unreachable.removeAll(reached);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy", policyId);
    details.put("level", level);
    details.put("reached", reached);
    details.put("unreachable", unreachable);
    audit.record(IncidentAuditActions.SYSTEM, IncidentAuditActions.PAGE, incident, details);
    store.find(incidentNumber).ifPresent(events::publish);
  }
}
