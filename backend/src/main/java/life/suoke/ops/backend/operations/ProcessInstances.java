package life.suoke.ops.backend.operations;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditActions;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Starting and cancelling process instances through the Camunda client, audited. */
@Service
public class ProcessInstances {

  /** A started instance. */
  public record Started(
      String processInstanceKey,
      String processDefinitionId,
      int version,
      String processDefinitionKey) {}

  private final CamundaClient client;
  private final AuditTrail audit;

  public ProcessInstances(CamundaClient client, AuditTrail audit) {
    this.client = client;
    this.audit = audit;
  }

  public Started start(
      String processDefinitionId, Map<String, Object> variables, CurrentUser user) {
    if (processDefinitionId == null || processDefinitionId.isBlank()) {
      throw ApiProblem.badRequest("processDefinitionId", "is required");
    }
    Map<String, Object> values = variables == null ? Map.of() : variables;
    ProcessInstanceEvent event;
    try {
      event =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(processDefinitionId)
              .latestVersion()
              .variables(values)
              .send()
              .join();
    } catch (ProblemException e) {
      throw translate(e, "processDefinitionId");
    }
    Object businessKey = values.get("businessKey");
    audit.record(
        AuditEvent.of(
                user.username(),
                AuditActions.PROCESS_INSTANCE_START,
                "process-instance",
                Long.toString(event.getProcessInstanceKey()))
            .withProcessInstance(
                event.getProcessInstanceKey(), businessKey == null ? null : businessKey.toString())
            .withDetail("processDefinitionId", processDefinitionId)
            .withDetail("version", event.getVersion())
            .withDetail("variables", values.keySet().stream().sorted().toList()));
    return new Started(
        Long.toString(event.getProcessInstanceKey()),
        event.getBpmnProcessId(),
        event.getVersion(),
        Long.toString(event.getProcessDefinitionKey()));
  }

  public void cancel(long processInstanceKey, CurrentUser user) {
    try {
      client.newCancelInstanceCommand(processInstanceKey).send().join();
    } catch (ProblemException e) {
      throw translate(e, "processInstanceKey");
    }
    audit.record(
        AuditEvent.of(
                user.username(),
                AuditActions.PROCESS_INSTANCE_CANCEL,
                "process-instance",
                Long.toString(processInstanceKey))
            .withProcessInstance(processInstanceKey, null));
  }

  private static ApiProblem translate(ProblemException e, String field) {
    int status = e.code();
    String detail =
        e.details() != null && e.details().getDetail() != null
            ? e.details().getDetail()
            : e.getMessage();
    if (status == 404) {
      return new ApiProblem(
          HttpStatus.NOT_FOUND,
          detail,
          java.util.List.of(new ApiProblem.FieldError(field, detail)));
    }
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        detail,
        java.util.List.of(new ApiProblem.FieldError(field, detail)));
  }
}
