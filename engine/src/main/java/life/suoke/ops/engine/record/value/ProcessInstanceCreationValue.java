package life.suoke.ops.engine.record.value;

import java.util.LinkedHashMap;
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
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(11);
    json.put("bpmnProcessId", bpmnProcessId);
    json.put("version", version);
    json.put("processDefinitionKey", processDefinitionKey);
    json.put("processInstanceKey", processInstanceKey);
    json.put("variables", variables);
    json.put("startInstructions", startInstructions);
    json.put("tenantId", tenantId);
    return json;
  }
}
