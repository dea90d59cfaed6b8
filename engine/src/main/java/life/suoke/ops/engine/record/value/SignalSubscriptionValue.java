package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of SIGNAL_SUBSCRIPTION records: a catch or start event waiting for a signal. */
public record SignalSubscriptionValue(
    String signalName,
    String catchEventId,
    long catchEventInstanceKey,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    boolean interrupting,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a SIGNAL_SUBSCRIPTION record; a field that is missing or of another type is
   * an error.
   */
  public static SignalSubscriptionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.SIGNAL_SUBSCRIPTION, json);
    return new SignalSubscriptionValue(
        read.string("signalName"),
        read.string("catchEventId"),
        read.int64("catchEventInstanceKey"),
        read.string("bpmnProcessId"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.bool("interrupting"),
        read.string("tenantId"));
  }

  /** The typed value of a SIGNAL_SUBSCRIPTION record. */
  public static SignalSubscriptionValue of(Record record) {
    if (record.typedValue() instanceof SignalSubscriptionValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a SIGNAL_SUBSCRIPTION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.SIGNAL_SUBSCRIPTION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("signalName", signalName);
    out.put("catchEventId", catchEventId);
    out.put("catchEventInstanceKey", catchEventInstanceKey);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("interrupting", interrupting);
    out.put("tenantId", tenantId);
  }
}
