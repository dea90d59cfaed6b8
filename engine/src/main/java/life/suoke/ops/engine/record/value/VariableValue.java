package life.suoke.ops.engine.record.value;

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
  public void writeFields(ValueFields out) {
    out.put("name", name);
    out.put("value", value);
    out.put("scopeKey", scopeKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("tenantId", tenantId);
  }
}
