package life.suoke.ops.backend.operations;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.MigrationPlan;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.BatchOperationItemState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.BatchOperation;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * Operators' batch operations over the instance list's filter, run by the engine in the background:
 * cancel the instances, resolve their incidents, or migrate them with one plan. Each is audited
 * with who started it, why, the filter and the batch's key; its progress (items total, completed,
 * failed, and the failed items' messages) is read back from the engine.
 */
@Service
public class BatchOperations {

  public static final String BATCH_START = "operations.batch-start";
  public static final String BATCH_CANCEL = "operations.batch-cancel";
  static final List<String> TYPES = List.of("cancel", "resolve-incidents", "migrate");

  /**
   * A batch to start: {@code type} one of {@link #TYPES}, over {@code filter}; {@code migration}
   * for migrate.
   */
  public record BatchRequest(
      String type,
      OperationsView.InstanceFilter filter,
      Repairs.Migration migration,
      String reason) {}

  /** A failed item of a batch. */
  public record FailedItem(String processInstanceKey, String message) {}

  /** A batch and its progress. */
  public record Batch(
      String key,
      String type,
      String state,
      Integer total,
      Integer completed,
      Integer failed,
      OffsetDateTime startDate,
      OffsetDateTime endDate,
      List<FailedItem> failures) {}

  private final CamundaClient client;
  private final AuditTrail audit;

  public BatchOperations(CamundaClient client, AuditTrail audit) {
    this.client = client;
    this.audit = audit;
  }

  public Batch start(BatchRequest request, CurrentUser user) {
    if (request == null || request.type() == null || !TYPES.contains(request.type())) {
      throw ApiProblem.badRequest("type", "is one of " + String.join(", ", TYPES));
    }
    String reason = Repairs.reason(request.reason());
    OperationsView.InstanceFilter filter = request.filter();
    if (filter == null || empty(filter)) {
      throw ApiProblem.badRequest(
          "filter", "name at least the process: a batch over every instance is refused");
    }
    Consumer<ProcessInstanceFilter> apply = OperationsView.filter(filter);
    String key;
    try {
      key =
          switch (request.type()) {
            case "cancel" ->
                client
                    .newCreateBatchOperationCommand()
                    .processInstanceCancel()
                    .filter(apply)
                    .send()
                    .join()
                    .getBatchOperationKey();
            case "resolve-incidents" ->
                client
                    .newCreateBatchOperationCommand()
                    .resolveIncident()
                    .filter(apply)
                    .send()
                    .join()
                    .getBatchOperationKey();
            default -> {
              long target = Repairs.plan(request.migration());
              MigrationPlan.MigrationPlanBuilderFinalStep plan = null;
              for (Repairs.Mapping m : request.migration().mappingInstructions()) {
                plan =
                    plan == null
                        ? MigrationPlan.newBuilder()
                            .withTargetProcessDefinitionKey(target)
                            .addMappingInstruction(m.sourceElementId(), m.targetElementId())
                        : plan.addMappingInstruction(m.sourceElementId(), m.targetElementId());
              }
              yield client
                  .newCreateBatchOperationCommand()
                  .migrateProcessInstance()
                  .migrationPlan(plan.build())
                  .filter(apply)
                  .send()
                  .join()
                  .getBatchOperationKey();
            }
          };
    } catch (ProblemException e) {
      throw Repairs.translate(e, "filter");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    details.put("type", request.type());
    details.put("filter", filter);
    if (request.migration() != null && "migrate".equals(request.type())) {
      details.put("to", request.migration().targetProcessDefinitionKey());
      details.put("mappings", Repairs.mappings(request.migration()));
    }
    audit.record(
        AuditEvent.of(user.username(), BATCH_START, "batch-operation", key).withDetails(details));
    return new Batch(key, request.type(), "CREATED", null, 0, 0, null, null, List.of());
  }

  private static boolean empty(OperationsView.InstanceFilter f) {
    return blank(f.processDefinitionId())
        && f.version() == null
        && blank(f.state())
        && f.withIncident() == null
        && blank(f.businessKey())
        && f.startedFrom() == null
        && f.startedTo() == null
        && blank(f.variableName());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** A batch's progress; a batch the engine does not show yet (just created) is a 404. */
  public Batch get(String key) {
    BatchOperation batch;
    try {
      batch = client.newBatchOperationGetRequest(key).send().join();
    } catch (ProblemException e) {
      throw Repairs.translate(e, "key");
    }
    List<FailedItem> failures =
        client
            .newBatchOperationItemsSearchRequest()
            .filter(f -> f.batchOperationKey(key).state(BatchOperationItemState.FAILED))
            .page(p -> p.limit(50))
            .send()
            .join()
            .items()
            .stream()
            .map(
                i ->
                    new FailedItem(
                        OperationsView.str(i.getProcessInstanceKey()), i.getErrorMessage()))
            .toList();
    return batch(batch, failures);
  }

  /** The newest batches. */
  public List<Batch> recent() {
    return client
        .newBatchOperationSearchRequest()
        .page(p -> p.limit(50))
        .send()
        .join()
        .items()
        .stream()
        .map(b -> batch(b, List.of()))
        .toList();
  }

  /** Stops a running batch (the items done stay done). */
  public void cancel(String key, Repairs.Reason body, CurrentUser user) {
    String reason = Repairs.reason(body == null ? null : body.reason());
    try {
      client.newCancelBatchOperationCommand(key).send().join();
    } catch (ProblemException e) {
      throw Repairs.translate(e, "key");
    }
    audit.record(
        AuditEvent.of(user.username(), BATCH_CANCEL, "batch-operation", key)
            .withDetail("reason", reason));
  }

  private static Batch batch(BatchOperation b, List<FailedItem> failures) {
    return new Batch(
        b.getBatchOperationKey(),
        type(b),
        b.getStatus() == null ? null : b.getStatus().name(),
        b.getOperationsTotalCount(),
        b.getOperationsCompletedCount(),
        b.getOperationsFailedCount(),
        b.getStartDate(),
        b.getEndDate(),
        failures);
  }

  private static String type(BatchOperation b) {
    if (b.getType() == null) {
      return null;
    }
    return switch (b.getType().name()) {
      case "CANCEL_PROCESS_INSTANCE" -> "cancel";
      case "RESOLVE_INCIDENT" -> "resolve-incidents";
      case "MIGRATE_PROCESS_INSTANCE" -> "migrate";
      default -> b.getType().name().toLowerCase();
    };
  }
}
