package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of BATCH_OPERATION_INITIALIZATION records: how far a batch operation's search for its
 * items went.
 *
 * <p>{@code operationsTotalCount} is null when the record does not carry it; every other field is
 * required.
 */
public record BatchOperationInitializationValue(
    long batchOperationKey,
    String searchResultCursor,
    int searchQueryPageSize,
    Integer operationsTotalCount)
    implements RecordValue {

  /**
   * Reads the value of a BATCH_OPERATION_INITIALIZATION record; a field that is missing or of
   * another type is an error.
   */
  public static BatchOperationInitializationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.BATCH_OPERATION_INITIALIZATION, json);
    return new BatchOperationInitializationValue(
        read.int64("batchOperationKey"),
        read.string("searchResultCursor"),
        read.int32("searchQueryPageSize"),
        read.optionalInt32("operationsTotalCount"));
  }

  /** The typed value of a BATCH_OPERATION_INITIALIZATION record. */
  public static BatchOperationInitializationValue of(Record record) {
    if (record.typedValue() instanceof BatchOperationInitializationValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a BATCH_OPERATION_INITIALIZATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_INITIALIZATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("batchOperationKey", batchOperationKey);
    out.put("searchResultCursor", searchResultCursor);
    out.put("searchQueryPageSize", searchQueryPageSize);
    if (operationsTotalCount != null) {
      out.put("operationsTotalCount", operationsTotalCount);
    }
  }
}
