package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of PROCESS_INSTANCE_MODIFICATION records: elements of a process instance activated and
 * terminated.
 */
public record ProcessInstanceModificationValue(
    long processInstanceKey,
    List<Object> activateInstructions,
    List<Object> terminateInstructions,
    List<Long> activatedElementInstanceKeys,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a PROCESS_INSTANCE_MODIFICATION record; a field that is missing or of
   * another type is an error.
   */
  public static ProcessInstanceModificationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS_INSTANCE_MODIFICATION, json);
    return new ProcessInstanceModificationValue(
        read.int64("processInstanceKey"),
        read.array("activateInstructions"),
        read.array("terminateInstructions"),
        read.longs("activatedElementInstanceKeys"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS_INSTANCE_MODIFICATION record. */
  public static ProcessInstanceModificationValue of(Record record) {
    if (record.typedValue() instanceof ProcessInstanceModificationValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a PROCESS_INSTANCE_MODIFICATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_MODIFICATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("processInstanceKey", processInstanceKey);
    out.put("activateInstructions", activateInstructions);
    out.put("terminateInstructions", terminateInstructions);
    out.put("activatedElementInstanceKeys", activatedElementInstanceKeys);
    out.put("tenantId", tenantId);
  }
}
