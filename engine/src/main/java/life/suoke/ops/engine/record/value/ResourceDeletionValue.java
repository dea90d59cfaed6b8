package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of RESOURCE_DELETION records: a deployed resource being deleted. */
public record ResourceDeletionValue(long resourceKey, String tenantId) implements RecordValue {

  /**
   * Reads the value of a RESOURCE_DELETION record; a field that is missing or of another type is an
   * error.
   */
  public static ResourceDeletionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.RESOURCE_DELETION, json);
    return new ResourceDeletionValue(read.int64("resourceKey"), read.string("tenantId"));
  }

  /** The typed value of a RESOURCE_DELETION record. */
  public static ResourceDeletionValue of(Record record) {
    if (record.typedValue() instanceof ResourceDeletionValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a RESOURCE_DELETION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.RESOURCE_DELETION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("resourceKey", resourceKey);
    out.put("tenantId", tenantId);
  }
}
