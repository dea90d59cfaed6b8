package life.suoke.ops.backend.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camunda.client.api.search.response.UserTask;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An open user task as the inbox lists it. Keys are strings (JavaScript cannot hold 64-bit
 * integers); dates are ISO 8601 instants in UTC; absent values are {@code null}.
 *
 * @param businessKey the process instance's variable {@code businessKey}, if it has one
 * @param hasForm whether a Camunda form is linked to the task
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskSummary(
    String key,
    String name,
    String processDefinitionId,
    String processName,
    String processInstanceKey,
    String businessKey,
    String elementId,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    int priority,
    String creationDate,
    String dueDate,
    String followUpDate,
    String state,
    boolean hasForm) {

  static TaskSummary of(UserTask task, String businessKey) {
    return new TaskSummary(
        String.valueOf(task.getUserTaskKey()),
        task.getName(),
        task.getBpmnProcessId(),
        task.getProcessName(),
        task.getProcessInstanceKey() == null ? null : String.valueOf(task.getProcessInstanceKey()),
        businessKey,
        task.getElementId(),
        task.getAssignee(),
        task.getCandidateGroups() == null ? List.of() : List.copyOf(task.getCandidateGroups()),
        task.getCandidateUsers() == null ? List.of() : List.copyOf(task.getCandidateUsers()),
        task.getPriority() == null ? 0 : task.getPriority(),
        instant(task.getCreationDate()),
        instant(task.getDueDate()),
        instant(task.getFollowUpDate()),
        task.getState() == null ? null : task.getState().name(),
        task.getFormKey() != null && task.getFormKey() > 0);
  }

  static String instant(OffsetDateTime time) {
    return time == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
