package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of MESSAGE_CORRELATION records: a message correlated at once to a waiting instance or a
 * message start event.
 */
public record MessageCorrelationValue(
    String name,
    String correlationKey,
    Map<String, Object> variables,
    long processInstanceKey,
    long messageKey,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a MESSAGE_CORRELATION record; a field that is missing or of another type is
   * an error.
   */
  public static MessageCorrelationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.MESSAGE_CORRELATION, json);
    return new MessageCorrelationValue(
        read.string("name"),
        read.string("correlationKey"),
        read.object("variables"),
        read.int64("processInstanceKey"),
        read.int64("messageKey"),
        read.string("tenantId"));
  }

  /** The typed value of a MESSAGE_CORRELATION record. */
  public static MessageCorrelationValue of(Record record) {
    if (record.typedValue() instanceof MessageCorrelationValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a MESSAGE_CORRELATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.MESSAGE_CORRELATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("name", name);
    out.put("correlationKey", correlationKey);
    out.put("variables", variables);
    out.put("processInstanceKey", processInstanceKey);
    out.put("messageKey", messageKey);
    out.put("tenantId", tenantId);
  }
}
