package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of PROCESS_MESSAGE_SUBSCRIPTION records: an element instance waiting for a message. */
public record ProcessMessageSubscriptionValue(
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String elementId,
    String messageName,
    String correlationKey,
    long messageKey,
    Map<String, Object> variables,
    boolean interrupting,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a PROCESS_MESSAGE_SUBSCRIPTION record; a field that is missing or of another
   * type is an error.
   */
  public static ProcessMessageSubscriptionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS_MESSAGE_SUBSCRIPTION, json);
    return new ProcessMessageSubscriptionValue(
        read.int64("elementInstanceKey"),
        read.int64("processInstanceKey"),
        read.int64("processDefinitionKey"),
        read.string("bpmnProcessId"),
        read.string("elementId"),
        read.string("messageName"),
        read.string("correlationKey"),
        read.int64("messageKey"),
        read.object("variables"),
        read.bool("interrupting"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS_MESSAGE_SUBSCRIPTION record. */
  public static ProcessMessageSubscriptionValue of(Record record) {
    if (record.typedValue() instanceof ProcessMessageSubscriptionValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a PROCESS_MESSAGE_SUBSCRIPTION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_MESSAGE_SUBSCRIPTION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("elementInstanceKey", elementInstanceKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("elementId", elementId);
    out.put("messageName", messageName);
    out.put("correlationKey", correlationKey);
    out.put("messageKey", messageKey);
    out.put("variables", variables);
    out.put("interrupting", interrupting);
    out.put("tenantId", tenantId);
  }
}
