package life.suoke.ops.engine.api;

import java.util.List;

/**
 * A migration plan (Zeebe's MigrateProcessInstance): the process definition to move a running
 * process instance to, and which element of the instance's process becomes which element of the
 * target. Every active element needs an instruction; catch events may have one (their subscriptions
 * are then kept, otherwise closed and opened anew from the target).
 */
public record ProcessInstanceMigration(
    long targetProcessDefinitionKey, List<MappingInstruction> mappingInstructions) {

  public ProcessInstanceMigration {
    mappingInstructions =
        mappingInstructions == null ? List.of() : List.copyOf(mappingInstructions);
  }

  /**
   * One instruction: the element {@code sourceElementId} of the instance's process becomes {@code
   * targetElementId}.
   */
  public record MappingInstruction(String sourceElementId, String targetElementId) {
    public MappingInstruction {
      sourceElementId = sourceElementId == null ? "" : sourceElementId;
      targetElementId = targetElementId == null ? "" : targetElementId;
    }
  }
}
