package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of TIMER records: a timer of a catch event, boundary event or timer start event. */
public record TimerValue(
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String targetElementId,
    long dueDate,
    int repetitions,
    String tenantId)
    implements RecordValue {

  /** Reads the value of a TIMER record; a field that is missing or of another type is an error. */
  public static TimerValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.TIMER, json);
    return new TimerValue(
        read.int64("elementInstanceKey"),
        read.int64("processInstanceKey"),
        read.int64("processDefinitionKey"),
        read.string("bpmnProcessId"),
        read.string("targetElementId"),
        read.int64("dueDate"),
        read.int32("repetitions"),
        read.string("tenantId"));
  }

  /** The typed value of a TIMER record. */
  public static TimerValue of(Record record) {
    if (record.typedValue() instanceof TimerValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a TIMER record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.TIMER;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("elementInstanceKey", elementInstanceKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("targetElementId", targetElementId);
    out.put("dueDate", dueDate);
    out.put("repetitions", repetitions);
    out.put("tenantId", tenantId);
  }
}
