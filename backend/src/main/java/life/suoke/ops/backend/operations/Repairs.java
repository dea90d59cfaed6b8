package life.suoke.ops.backend.operations;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Operators' repairs of running instances, each through the Camunda client and each audited with
 * who did it and why (a reason is required): edit variables, retry a failed job (update its retries
 * and resolve the incident), resolve an incident, cancel an instance, modify an instance (activate
 * elements, terminate element instances), migrate an instance to another process version with a
 * mapping of its active elements. Batch operations over a filter are {@link BatchOperations}.
 */
@Service
public class Repairs {

  public static final String VARIABLES_SET = "operations.variables-set";
  public static final String JOB_RETRY = "operations.job-retry";
  public static final String INCIDENT_RESOLVE = "operations.incident-resolve";
  public static final String INSTANCE_CANCEL = "operations.instance-cancel";
  public static final String INSTANCE_MODIFY = "operations.instance-modify";
  public static final String INSTANCE_MIGRATE = "operations.instance-migrate";

  /** Where to put new variables: the instance (scope null) or one of its element instances. */
  public record VariablesChange(String scopeKey, Map<String, Object> variables, String reason) {}

  public record Retry(Integer retries, String reason) {}

  public record Reason(String reason) {}

  /** One element to activate, optionally inside a given ancestor element instance. */
  public record Activation(String elementId, String ancestorElementInstanceKey) {}

  public record Modification(List<Activation> activate, List<String> terminate, String reason) {}

  /** A source element mapped to a target element of the new version. */
  public record Mapping(String sourceElementId, String targetElementId) {}

  /** A migration plan: the target process version and the mapping of the active elements. */
  public record Migration(
      String targetProcessDefinitionKey, List<Mapping> mappingInstructions, String reason) {}

  private final CamundaClient client;
  private final AuditTrail audit;

  public Repairs(CamundaClient client, AuditTrail audit) {
    this.client = client;
    this.audit = audit;
  }

  public void setVariables(long processInstanceKey, VariablesChange change, CurrentUser user) {
    String reason = reason(change == null ? null : change.reason());
    if (change.variables() == null || change.variables().isEmpty()) {
      throw ApiProblem.badRequest("variables", "at least one variable is required");
    }
    for (String name : change.variables().keySet()) {
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw ApiProblem.badRequest("variables", "'" + name + "' is not a variable name");
      }
    }
    activeInstance(processInstanceKey);
    long scope = processInstanceKey;
    if (change.scopeKey() != null && !change.scopeKey().isBlank()) {
      scope = parseKey("scopeKey", change.scopeKey());
      if (scope != processInstanceKey) {
        long scopeKey = scope;
        boolean belongs =
            !client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(processInstanceKey).elementInstanceKey(scopeKey))
                .page(p -> p.limit(1))
                .send()
                .join()
                .items()
                .isEmpty();
        if (!belongs) {
          throw ApiProblem.badRequest(
              "scopeKey", "is not an element instance of process instance " + processInstanceKey);
        }
      }
    }
    try {
      client
          .newSetVariablesCommand(scope)
          .variables(change.variables())
          .local(scope != processInstanceKey)
          .send()
          .join();
    } catch (ProblemException e) {
      throw translate(e, "variables");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    details.put("scopeKey", Long.toString(scope));
    details.put("variables", change.variables());
    record(user, VARIABLES_SET, processInstanceKey, details);
  }

  /**
   * Gives the incident's job new retries (default 1) and resolves the incident, so the job runs
   * again.
   */
  public void retry(long incidentKey, Retry retry, CurrentUser user) {
    String reason = reason(retry == null ? null : retry.reason());
    int retries = retry.retries() == null ? 1 : retry.retries();
    if (retries < 1 || retries > 100) {
      throw ApiProblem.badRequest("retries", "is between 1 and 100");
    }
    Incident incident = activeIncident(incidentKey);
    try {
      if (incident.getJobKey() != null) {
        client.newUpdateRetriesCommand(incident.getJobKey()).retries(retries).send().join();
      }
      client.newResolveIncidentCommand(incidentKey).send().join();
    } catch (ProblemException e) {
      throw translate(e, "incidentKey");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    details.put("incidentKey", Long.toString(incidentKey));
    details.put("jobKey", OperationsView.str(incident.getJobKey()));
    details.put("retries", retries);
    details.put("elementId", incident.getElementId());
    record(user, JOB_RETRY, incident.getProcessInstanceKey(), details);
  }

  /**
   * Resolves an incident (for one that is not a job's, e.g. an expression, after the variable was
   * fixed).
   */
  public void resolve(long incidentKey, Reason body, CurrentUser user) {
    String reason = reason(body == null ? null : body.reason());
    Incident incident = activeIncident(incidentKey);
    try {
      client.newResolveIncidentCommand(incidentKey).send().join();
    } catch (ProblemException e) {
      throw translate(e, "incidentKey");
    }
    record(
        user,
        INCIDENT_RESOLVE,
        incident.getProcessInstanceKey(),
        Map.of(
            "reason",
            reason,
            "incidentKey",
            Long.toString(incidentKey),
            "elementId",
            String.valueOf(incident.getElementId())));
  }

  public void cancel(long processInstanceKey, Reason body, CurrentUser user) {
    String reason = reason(body == null ? null : body.reason());
    activeInstance(processInstanceKey);
    try {
      client.newCancelInstanceCommand(processInstanceKey).send().join();
    } catch (ProblemException e) {
      throw translate(e, "processInstanceKey");
    }
    record(user, INSTANCE_CANCEL, processInstanceKey, Map.of("reason", reason));
  }

  /**
   * Moves tokens: activates the given elements and terminates the given element instances, in one
   * command.
   */
  public void modify(long processInstanceKey, Modification modification, CurrentUser user) {
    String reason = reason(modification == null ? null : modification.reason());
    List<Activation> activate =
        modification.activate() == null ? List.of() : modification.activate();
    List<String> terminate =
        modification.terminate() == null ? List.of() : modification.terminate();
    if (activate.isEmpty() && terminate.isEmpty()) {
      throw ApiProblem.badRequest(
          "activate", "activate an element or terminate an element instance");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < activate.size(); i++) {
      if (activate.get(i) == null
          || activate.get(i).elementId() == null
          || activate.get(i).elementId().isBlank()) {
        errors.add(new ApiProblem.FieldError("activate[" + i + "].elementId", "is required"));
      }
    }
    List<Long> terminateKeys = new ArrayList<>();
    for (int i = 0; i < terminate.size(); i++) {
      try {
        terminateKeys.add(Long.parseLong(terminate.get(i)));
      } catch (NumberFormatException e) {
        errors.add(
            new ApiProblem.FieldError("terminate[" + i + "]", "is not an element instance key"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    activeInstance(processInstanceKey);
    var first = client.newModifyProcessInstanceCommand(processInstanceKey);
    io.camunda.client.api.command.ModifyProcessInstanceCommandStep1
            .ModifyProcessInstanceCommandStep2
        step = null;
    for (Activation a : activate) {
      var start = step == null ? first : step.and();
      step =
          a.ancestorElementInstanceKey() == null || a.ancestorElementInstanceKey().isBlank()
              ? start.activateElement(a.elementId())
              : start.activateElement(
                  a.elementId(),
                  parseKey("ancestorElementInstanceKey", a.ancestorElementInstanceKey()));
    }
    for (long key : terminateKeys) {
      step = (step == null ? first : step.and()).terminateElement(key);
    }
    try {
      step.send().join();
    } catch (ProblemException e) {
      throw translate(e, "activate");
    } catch (ClientException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          e.getMessage(),
          List.of(new ApiProblem.FieldError("activate", e.getMessage())));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    details.put("activate", activate.stream().map(Activation::elementId).toList());
    details.put("terminate", terminate);
    record(user, INSTANCE_MODIFY, processInstanceKey, details);
  }

  /**
   * Migrates an instance to another version: every active element must be mapped to an element of
   * the same type (the engine's rules); a refused plan is a 400 or 409 naming the mapping and
   * changes nothing.
   */
  public void migrate(long processInstanceKey, Migration migration, CurrentUser user) {
    String reason = reason(migration == null ? null : migration.reason());
    long target = plan(migration);
    ProcessInstance instance = activeInstance(processInstanceKey);
    var step = client.newMigrateProcessInstanceCommand(processInstanceKey).migrationPlan(target);
    io.camunda.client.api.command.MigrateProcessInstanceCommandStep1
            .MigrateProcessInstanceCommandFinalStep
        last = null;
    for (Mapping m : migration.mappingInstructions()) {
      last =
          last == null
              ? step.addMappingInstruction(m.sourceElementId(), m.targetElementId())
              : last.addMappingInstruction(m.sourceElementId(), m.targetElementId());
    }
    try {
      last.send().join();
    } catch (ProblemException e) {
      throw translate(e, "mappingInstructions");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    details.put("from", OperationsView.str(instance.getProcessDefinitionKey()));
    details.put("to", Long.toString(target));
    details.put("mappings", mappings(migration));
    record(user, INSTANCE_MIGRATE, processInstanceKey, details);
  }

  /** The plan's target key, checked; every mapping names a source and a target. */
  static long plan(Migration migration) {
    if (migration == null
        || migration.targetProcessDefinitionKey() == null
        || migration.targetProcessDefinitionKey().isBlank()) {
      throw ApiProblem.badRequest("targetProcessDefinitionKey", "is required");
    }
    long target = parseKey("targetProcessDefinitionKey", migration.targetProcessDefinitionKey());
    List<Mapping> mappings =
        migration.mappingInstructions() == null ? List.of() : migration.mappingInstructions();
    if (mappings.isEmpty()) {
      throw ApiProblem.badRequest("mappingInstructions", "map at least one active element");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < mappings.size(); i++) {
      Mapping m = mappings.get(i);
      if (m == null || m.sourceElementId() == null || m.sourceElementId().isBlank()) {
        errors.add(
            new ApiProblem.FieldError(
                "mappingInstructions[" + i + "].sourceElementId", "is required"));
      }
      if (m == null || m.targetElementId() == null || m.targetElementId().isBlank()) {
        errors.add(
            new ApiProblem.FieldError(
                "mappingInstructions[" + i + "].targetElementId", "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return target;
  }

  static List<String> mappings(Migration migration) {
    return migration.mappingInstructions().stream()
        .map(m -> m.sourceElementId() + " -> " + m.targetElementId())
        .toList();
  }

  private ProcessInstance activeInstance(long processInstanceKey) {
    ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    } catch (ProblemException e) {
      throw translate(e, "processInstanceKey");
    }
    if (instance.getState() != ProcessInstanceState.ACTIVE) {
      throw ApiProblem.conflict(
          "process instance " + processInstanceKey + " is " + instance.getState());
    }
    return instance;
  }

  private Incident activeIncident(long incidentKey) {
    Incident incident;
    try {
      incident = client.newIncidentGetRequest(incidentKey).send().join();
    } catch (ProblemException e) {
      throw translate(e, "incidentKey");
    }
    if (!"ACTIVE".equals(String.valueOf(incident.getState()))) {
      throw ApiProblem.conflict("incident " + incidentKey + " is " + incident.getState());
    }
    return incident;
  }

  private void record(
      CurrentUser user, String action, Long processInstanceKey, Map<String, Object> details) {
    audit.record(
        AuditEvent.of(
                user.username(), action, "process-instance", String.valueOf(processInstanceKey))
            .withProcessInstance(processInstanceKey, null)
            .withDetails(details));
  }

  static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw ApiProblem.badRequest("reason", "say why (it goes into the audit trail)");
    }
    if (reason.length() > 1000) {
      throw ApiProblem.badRequest("reason", "at most 1000 characters");
    }
    return reason.strip();
  }

  static long parseKey(String field, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(field, "is not a key");
    }
  }

  static ApiProblem translate(ProblemException e, String field) {
    String detail = OperationsView.detail(e);
    HttpStatus status =
        e.code() == 404
            ? HttpStatus.NOT_FOUND
            : e.code() == 409 ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    return new ApiProblem(status, detail, List.of(new ApiProblem.FieldError(field, detail)));
  }
}
