package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of CLOCK records: the engine clock's pinned time (epoch milliseconds), -1 when reset.
 */
public record ClockValue(long time) implements RecordValue {

  /** Reads the value of a CLOCK record; a field that is missing or of another type is an error. */
  public static ClockValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.CLOCK, json);
    return new ClockValue(read.int64("time"));
  }

  /** The typed value of a CLOCK record. */
  public static ClockValue of(Record record) {
    if (record.typedValue() instanceof ClockValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a CLOCK record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.CLOCK;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("time", time);
  }
}
