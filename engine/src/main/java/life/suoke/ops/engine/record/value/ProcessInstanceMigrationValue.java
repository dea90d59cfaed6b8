package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of PROCESS_INSTANCE_MIGRATION records: a process instance moved to another process
 * definition by its mapping instructions.
 */
public record ProcessInstanceMigrationValue(
    long processInstanceKey,
    long targetProcessDefinitionKey,
    List<Object> mappingInstructions,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a PROCESS_INSTANCE_MIGRATION record; a field that is missing or of another
   * type is an error.
   */
  public static ProcessInstanceMigrationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS_INSTANCE_MIGRATION, json);
    return new ProcessInstanceMigrationValue(
        read.int64("processInstanceKey"),
        read.int64("targetProcessDefinitionKey"),
        read.array("mappingInstructions"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS_INSTANCE_MIGRATION record. */
  public static ProcessInstanceMigrationValue of(Record record) {
    if (record.typedValue() instanceof ProcessInstanceMigrationValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a PROCESS_INSTANCE_MIGRATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_MIGRATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("processInstanceKey", processInstanceKey);
    out.put("targetProcessDefinitionKey", targetProcessDefinitionKey);
    out.put("mappingInstructions", mappingInstructions);
    out.put("tenantId", tenantId);
  }
}
