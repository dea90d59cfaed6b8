package life.suoke.ops.backend.change;

import io.camunda.client.api.search.response.UserTask;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.tasks.CompletionVariables;
import life.suoke.ops.processes.change.ChangeProcess;
import org.springframework.stereotype.Component;

/**
 * Who decided, as the server knows it: completing an approval task of a change adds {@code
 * approver}, implementing it adds {@code implementer} (the form cannot set them).
 */
@Component
class ChangeCompletionVariables implements CompletionVariables {

  private static final Set<String> PROCESSES =
      Set.of(
          ChangeProcess.STANDARD_PROCESS_ID,
          ChangeProcess.NORMAL_PROCESS_ID,
          ChangeProcess.EMERGENCY_PROCESS_ID,
          ChangeProcess.IMPLEMENTATION_PROCESS_ID);
  private static final Set<String> APPROVALS =
      Set.of(
          ChangeProcess.CHANGE_MANAGER_APPROVAL,
          ChangeProcess.SERVICE_OWNER_APPROVAL,
          ChangeProcess.EMERGENCY_APPROVAL);

  @Override
  public Map<String, Object> on(UserTask task, CurrentUser user) {
    if (!PROCESSES.contains(task.getBpmnProcessId())) {
      return Map.of();
    }
    if (APPROVALS.contains(task.getElementId())) {
      return Map.of(ChangeProcess.VAR_APPROVER, user.username());
    }
    if (ChangeProcess.IMPLEMENT_TASK.equals(task.getElementId())) {
      return Map.of("implementer", user.username());
    }
    return Map.of();
  }
}
