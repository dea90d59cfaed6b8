package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of PROCESS_EVENT records: an event that triggers an element of a scope, with its
 * variables.
 */
public record ProcessEventValue(
    long scopeKey,
    String targetElementId,
    Map<String, Object> variables,
    long processDefinitionKey,
    long processInstanceKey,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a PROCESS_EVENT record; a field that is missing or of another type is an
   * error.
   */
  public static ProcessEventValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS_EVENT, json);
    return new ProcessEventValue(
        read.int64("scopeKey"),
        read.string("targetElementId"),
        read.object("variables"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS_EVENT record. */
  public static ProcessEventValue of(Record record) {
    if (record.typedValue() instanceof ProcessEventValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a PROCESS_EVENT record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_EVENT;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("scopeKey", scopeKey);
    out.put("targetElementId", targetElementId);
    out.put("variables", variables);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("tenantId", tenantId);
  }
}
