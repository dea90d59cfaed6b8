package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of PROCESS_INSTANCE_CREATION records: a process instance created, with its variables
 * and start instructions.
 */
public record ProcessInstanceCreationValue(
    String bpmnProcessId,
    int version,
    long processDefinitionKey,
    long processInstanceKey,
    Map<String, Object> variables,
    List<Object> startInstructions,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a PROCESS_INSTANCE_CREATION record; a field that is missing or of another
   * type is an error.
   */
  public static ProcessInstanceCreationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS_INSTANCE_CREATION, json);
    return new ProcessInstanceCreationValue(
        read.string("bpmnProcessId"),
        read.int32("version"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.object("variables"),
        read.array("startInstructions"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS_INSTANCE_CREATION record. */
  public static ProcessInstanceCreationValue of(Record record) {
    if (record.typedValue() instanceof ProcessInstanceCreationValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a PROCESS_INSTANCE_CREATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_CREATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("version", version);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("variables", variables);
    out.put("startInstructions", startInstructions);
    out.put("tenantId", tenantId);
  }
}
