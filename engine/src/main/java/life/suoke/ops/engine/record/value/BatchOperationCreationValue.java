package life.suoke.ops.engine.record.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of BATCH_OPERATION_CREATION records: a batch operation's type, its filter (JSON text)
 * and the plans a migration or a modification follows (empty for the other types).
 */
public record BatchOperationCreationValue(
    long batchOperationKey,
    String batchOperationType,
    String entityFilter,
    MigrationPlan migrationPlan,
    ModificationPlan modificationPlan,
    List<Long> partitionIds)
    implements RecordValue {

  /** A source element and the target element it maps or moves to. */
  public record Instruction(String sourceElementId, String targetElementId) {}

  /** The process definition a migration moves to (-1 for none) and its element mappings. */
  public record MigrationPlan(
      long targetProcessDefinitionKey, List<Instruction> mappingInstructions) {}

  /** The moves of a modification. */
  public record ModificationPlan(List<Instruction> moveInstructions) {}

  /**
   * Reads the value of a BATCH_OPERATION_CREATION record; a field that is missing or of another
   * type is an error.
   */
  public static BatchOperationCreationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.BATCH_OPERATION_CREATION, json);
    ValueReader migration =
        new ValueReader(ValueType.BATCH_OPERATION_CREATION, read.object("migrationPlan"));
    ValueReader modification =
        new ValueReader(ValueType.BATCH_OPERATION_CREATION, read.object("modificationPlan"));
    return new BatchOperationCreationValue(
        read.int64("batchOperationKey"),
        read.string("batchOperationType"),
        read.string("entityFilter"),
        new MigrationPlan(
            migration.int64("targetProcessDefinitionKey"),
            instructions(migration.objects("mappingInstructions"))),
        new ModificationPlan(instructions(modification.objects("moveInstructions"))),
        read.longs("partitionIds"));
  }

  private static List<Instruction> instructions(List<Map<String, Object>> objects) {
    List<Instruction> instructions = new ArrayList<>(objects.size());
    for (Map<String, Object> object : objects) {
      ValueReader read = new ValueReader(ValueType.BATCH_OPERATION_CREATION, object);
      instructions.add(
          new Instruction(read.string("sourceElementId"), read.string("targetElementId")));
    }
    return instructions;
  }

  /** The typed value of a BATCH_OPERATION_CREATION record. */
  public static BatchOperationCreationValue of(Record record) {
    if (record.typedValue() instanceof BatchOperationCreationValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a BATCH_OPERATION_CREATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_CREATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("batchOperationKey", batchOperationKey);
    out.put("batchOperationType", batchOperationType);
    out.put("entityFilter", entityFilter);
    out.putObject("migrationPlan", migrationPlan, BatchOperationCreationValue::writeMigration);
    out.putObject(
        "modificationPlan", modificationPlan, BatchOperationCreationValue::writeModification);
    out.put("partitionIds", partitionIds);
  }

  private static void writeMigration(MigrationPlan plan, ValueFields out) {
    out.put("targetProcessDefinitionKey", plan.targetProcessDefinitionKey());
    out.putObjects(
        "mappingInstructions",
        plan.mappingInstructions(),
        BatchOperationCreationValue::writeInstruction);
  }

  private static void writeModification(ModificationPlan plan, ValueFields out) {
    out.putObjects(
        "moveInstructions", plan.moveInstructions(), BatchOperationCreationValue::writeInstruction);
  }

  private static void writeInstruction(Instruction instruction, ValueFields out) {
    out.put("sourceElementId", instruction.sourceElementId());
    out.put("targetElementId", instruction.targetElementId());
  }
}
