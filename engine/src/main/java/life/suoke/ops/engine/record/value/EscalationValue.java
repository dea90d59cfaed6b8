package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of ESCALATION records: an escalation thrown, and the event that caught it (if any). */
public record EscalationValue(
    long processInstanceKey,
    String escalationCode,
    String throwElementId,
    String catchElementId,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a ESCALATION record; a field that is missing or of another type is an error.
   */
  public static EscalationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.ESCALATION, json);
    return new EscalationValue(
        read.int64("processInstanceKey"),
        read.string("escalationCode"),
        read.string("throwElementId"),
        read.string("catchElementId"),
        read.string("tenantId"));
  }

  /** The typed value of a ESCALATION record. */
  public static EscalationValue of(Record record) {
    if (record.typedValue() instanceof EscalationValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a ESCALATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.ESCALATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("processInstanceKey", processInstanceKey);
    out.put("escalationCode", escalationCode);
    out.put("throwElementId", throwElementId);
    out.put("catchElementId", catchElementId);
    out.put("tenantId", tenantId);
  }
}
