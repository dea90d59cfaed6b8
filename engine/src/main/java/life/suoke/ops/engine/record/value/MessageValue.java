package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of MESSAGE records: a published message. */
public record MessageValue(
    String name,
    String correlationKey,
    String messageId,
    long timeToLive,
    Map<String, Object> variables,
    long deadline,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a MESSAGE record; a field that is missing or of another type is an error.
   */
  public static MessageValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.MESSAGE, json);
    return new MessageValue(
        read.string("name"),
        read.string("correlationKey"),
        read.string("messageId"),
        read.int64("timeToLive"),
        read.object("variables"),
        read.int64("deadline"),
        read.string("tenantId"));
  }

  /** The typed value of a MESSAGE record. */
  public static MessageValue of(Record record) {
    if (record.typedValue() instanceof MessageValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a MESSAGE record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.MESSAGE;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("name", name);
    out.put("correlationKey", correlationKey);
    out.put("messageId", messageId);
    out.put("timeToLive", timeToLive);
    out.put("variables", variables);
    out.put("deadline", deadline);
    out.put("tenantId", tenantId);
  }
}
