package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of SIGNAL records: a broadcast signal and its variables. */
public record SignalValue(String signalName, Map<String, Object> variables, String tenantId)
    implements RecordValue {

  /** Reads the value of a SIGNAL record; a field that is missing or of another type is an error. */
  public static SignalValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.SIGNAL, json);
    return new SignalValue(
        read.string("signalName"), read.object("variables"), read.string("tenantId"));
  }

  /** The typed value of a SIGNAL record. */
  public static SignalValue of(Record record) {
    if (record.typedValue() instanceof SignalValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a SIGNAL record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.SIGNAL;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("signalName", signalName);
    out.put("variables", variables);
    out.put("tenantId", tenantId);
  }
}
