package life.suoke.ops.engine.record.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of BATCH_OPERATION_CHUNK records: a chunk of a batch operation's items, each an item
 * key and the process instance it belongs to.
 */
public record BatchOperationChunkValue(long batchOperationKey, List<Item> items)
    implements RecordValue {

  /** One item of a batch operation: the key it acts on and its process instance. */
  public record Item(long itemKey, long processInstanceKey) {}

  /**
   * Reads the value of a BATCH_OPERATION_CHUNK record; a field that is missing or of another type
   * is an error.
   */
  public static BatchOperationChunkValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.BATCH_OPERATION_CHUNK, json);
    List<Map<String, Object>> objects = read.objects("items");
    List<Item> items = new ArrayList<>(objects.size());
    for (Map<String, Object> object : objects) {
      ValueReader item = new ValueReader(ValueType.BATCH_OPERATION_CHUNK, object);
      items.add(new Item(item.int64("itemKey"), item.int64("processInstanceKey")));
    }
    return new BatchOperationChunkValue(read.int64("batchOperationKey"), items);
  }

  /** The typed value of a BATCH_OPERATION_CHUNK record. */
  public static BatchOperationChunkValue of(Record record) {
    if (record.typedValue() instanceof BatchOperationChunkValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a BATCH_OPERATION_CHUNK record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_CHUNK;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("batchOperationKey", batchOperationKey);
    out.putObjects("items", items, BatchOperationChunkValue::writeItem);
  }

  private static void writeItem(Item item, ValueFields out) {
    out.put("itemKey", item.itemKey());
    out.put("processInstanceKey", item.processInstanceKey());
  }
}
