package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of BATCH_OPERATION_LIFECYCLE_MANAGEMENT records: a batch operation suspended, resumed,
 * canceled or completed, with its errors.
 */
public record BatchOperationLifecycleValue(long batchOperationKey, List<Object> errors)
    implements RecordValue {

  /**
   * Reads the value of a BATCH_OPERATION_LIFECYCLE_MANAGEMENT record; a field that is missing or of
   * another type is an error.
   */
  public static BatchOperationLifecycleValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT, json);
    return new BatchOperationLifecycleValue(read.int64("batchOperationKey"), read.array("errors"));
  }

  /** The typed value of a BATCH_OPERATION_LIFECYCLE_MANAGEMENT record. */
  public static BatchOperationLifecycleValue of(Record record) {
    if (record.typedValue() instanceof BatchOperationLifecycleValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a BATCH_OPERATION_LIFECYCLE_MANAGEMENT record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("batchOperationKey", batchOperationKey);
    out.put("errors", errors);
  }
}
