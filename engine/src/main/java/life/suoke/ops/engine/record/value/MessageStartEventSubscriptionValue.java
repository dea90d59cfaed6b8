package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of MESSAGE_START_EVENT_SUBSCRIPTION records: a message that started a process instance.
 */
public record MessageStartEventSubscriptionValue(
    long processDefinitionKey,
    String bpmnProcessId,
    String startEventId,
    String messageName,
    long messageKey,
    String correlationKey,
    long processInstanceKey,
    Map<String, Object> variables,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a MESSAGE_START_EVENT_SUBSCRIPTION record; a field that is missing or of
   * another type is an error.
   */
  public static MessageStartEventSubscriptionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, json);
    return new MessageStartEventSubscriptionValue(
        read.int64("processDefinitionKey"),
        read.string("bpmnProcessId"),
        read.string("startEventId"),
        read.string("messageName"),
        read.int64("messageKey"),
        read.string("correlationKey"),
        read.int64("processInstanceKey"),
        read.object("variables"),
        read.string("tenantId"));
  }

  /** The typed value of a MESSAGE_START_EVENT_SUBSCRIPTION record. */
  public static MessageStartEventSubscriptionValue of(Record record) {
    if (record.typedValue() instanceof MessageStartEventSubscriptionValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a MESSAGE_START_EVENT_SUBSCRIPTION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.MESSAGE_START_EVENT_SUBSCRIPTION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("startEventId", startEventId);
    out.put("messageName", messageName);
    out.put("messageKey", messageKey);
    out.put("correlationKey", correlationKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("variables", variables);
    out.put("tenantId", tenantId);
  }
}
