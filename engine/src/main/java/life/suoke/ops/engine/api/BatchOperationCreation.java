package life.suoke.ops.engine.api;

import java.util.List;

/**
 * A batch operation to create (Camunda 8.8): its type, the process instance filter that finds its
 * items (JSON, as the search API takes it, with the overrides of the type already applied), and the
 * plan of a migration or the move instructions of a modification.
 *
 * @param type {@code CANCEL_PROCESS_INSTANCE}, {@code RESOLVE_INCIDENT}, {@code
 *     MIGRATE_PROCESS_INSTANCE} or {@code MODIFY_PROCESS_INSTANCE}
 * @param migrationPlan for a migration; null otherwise
 * @param moveInstructions for a modification (source element id to target element id); empty
 *     otherwise
 */
public record BatchOperationCreation(
    String type,
    String filter,
    ProcessInstanceMigration migrationPlan,
    List<ProcessInstanceMigration.MappingInstruction> moveInstructions) {

  public static final String CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE";
  public static final String RESOLVE_INCIDENT = "RESOLVE_INCIDENT";
  public static final String MIGRATE_PROCESS_INSTANCE = "MIGRATE_PROCESS_INSTANCE";
  public static final String MODIFY_PROCESS_INSTANCE = "MODIFY_PROCESS_INSTANCE";

  public BatchOperationCreation {
    moveInstructions = moveInstructions == null ? List.of() : List.copyOf(moveInstructions);
  }

  /** One item found by a batch operation's filter: a process instance, or an incident of one. */
  public record Item(long itemKey, long processInstanceKey) {}
}
