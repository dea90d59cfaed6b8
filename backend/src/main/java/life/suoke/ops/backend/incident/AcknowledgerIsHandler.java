package life.suoke.ops.backend.incident;

import io.camunda.client.api.search.response.UserTask;
import java.util.Map;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.tasks.CompletionVariables;
import life.suoke.ops.processes.incident.IncidentProcess;
import org.springframework.stereotype.Component;

/**
 * Whoever completes an incident's Acknowledge task, from the inbox or the incident page, becomes
 * its handler: the process assigns the Handle task to {@code handler}.
 */
@Component
class AcknowledgerIsHandler implements CompletionVariables {

  @Override
  public Map<String, Object> on(UserTask task, CurrentUser user) {
    if (IncidentProcess.PROCESS_ID.equals(task.getBpmnProcessId())
        && IncidentProcess.ACKNOWLEDGE_TASK.equals(task.getElementId())) {
      return Map.of(IncidentProcess.VAR_HANDLER, user.username());
    }
    return Map.of();
  }
}
