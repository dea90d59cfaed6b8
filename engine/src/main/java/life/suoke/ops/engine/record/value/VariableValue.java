package life.suoke.ops.engine.record.value;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of VARIABLE records: a variable of a scope, its value as JSON text. */
public record VariableValue(
    String name,
    String value,
    long scopeKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a VARIABLE record; a field that is missing or of another type is an error.
   */
  public static VariableValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.VARIABLE, json);
    return new VariableValue(
        read.string("name"),
        read.string("value"),
        read.int64("scopeKey"),
        read.int64("processInstanceKey"),
        read.int64("processDefinitionKey"),
        read.string("bpmnProcessId"),
        read.string("tenantId"));
  }

  /** The typed value of a VARIABLE record. */
  public static VariableValue of(Record record) {
    if (record.typedValue() instanceof VariableValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a VARIABLE record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.VARIABLE;
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(11);
    json.put("name", name);
    json.put("value", value);
    json.put("scopeKey", scopeKey);
    json.put("processInstanceKey", processInstanceKey);
    json.put("processDefinitionKey", processDefinitionKey);
    json.put("bpmnProcessId", bpmnProcessId);
    json.put("tenantId", tenantId);
    return json;
  }
}
