package life.suoke.ops.engine.record.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of BATCH_OPERATION_EXECUTION records: the items of a batch operation executed in one
 * step and, once executed (EXECUTED), the batch's counts and each item's result.
 *
 * <p>{@code operationsCompletedCount}, {@code operationsFailedCount} and {@code itemResults} are
 * null when the record does not carry them (EXECUTING); every other field is required.
 */
public record BatchOperationExecutionValue(
    long batchOperationKey,
    List<Long> itemKeys,
    Integer operationsCompletedCount,
    Integer operationsFailedCount,
    List<ItemResult> itemResults)
    implements RecordValue {

  /** What happened to one item: COMPLETED, or FAILED with the reason ("" when completed). */
  public record ItemResult(
      long itemKey, long processInstanceKey, String state, String errorMessage) {}

  /**
   * Reads the value of a BATCH_OPERATION_EXECUTION record; a field that is missing or of another
   * type is an error.
   */
  public static BatchOperationExecutionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.BATCH_OPERATION_EXECUTION, json);
    List<Map<String, Object>> objects = read.optionalObjects("itemResults");
    List<ItemResult> results = null;
    if (objects != null) {
      results = new ArrayList<>(objects.size());
      for (Map<String, Object> object : objects) {
        ValueReader item = new ValueReader(ValueType.BATCH_OPERATION_EXECUTION, object);
        results.add(
            new ItemResult(
                item.int64("itemKey"),
                item.int64("processInstanceKey"),
                item.string("state"),
                item.string("errorMessage")));
      }
    }
    return new BatchOperationExecutionValue(
        read.int64("batchOperationKey"),
        read.longs("itemKeys"),
        read.optionalInt32("operationsCompletedCount"),
        read.optionalInt32("operationsFailedCount"),
        results);
  }

  /** The typed value of a BATCH_OPERATION_EXECUTION record. */
  public static BatchOperationExecutionValue of(Record record) {
    if (record.typedValue() instanceof BatchOperationExecutionValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a BATCH_OPERATION_EXECUTION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_EXECUTION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("batchOperationKey", batchOperationKey);
    out.put("itemKeys", itemKeys);
    if (operationsCompletedCount != null) {
      out.put("operationsCompletedCount", operationsCompletedCount);
    }
    if (operationsFailedCount != null) {
      out.put("operationsFailedCount", operationsFailedCount);
    }
    if (itemResults != null) {
      out.putObjects("itemResults", itemResults, BatchOperationExecutionValue::writeResult);
    }
  }

  private static void writeResult(ItemResult result, ValueFields out) {
    out.put("itemKey", result.itemKey());
    out.put("processInstanceKey", result.processInstanceKey());
    out.put("state", result.state());
    out.put("errorMessage", result.errorMessage());
  }
}
