package life.suoke.ops.engine.record;

import java.util.Map;
import life.suoke.ops.engine.record.intent.Intent;

/**
 * One entry of the engine's append-only log, in the shape of a Zeebe record. {@code value} holds
 * the value-type specific fields (for a process instance: bpmnProcessId, elementId,
 * bpmnElementType, processInstanceKey, processDefinitionKey, flowScopeKey, version, tenantId, ...)
 * as plain JSON-compatible Java values (Map, List, String, Number, Boolean, null).
 *
 * @param position strictly increasing order of the record in the log
 * @param sourceRecordPosition position of the command this record was written for, -1 if none
 * @param key the key of the entity the record is about, -1 if none
 * @param timestamp engine clock, epoch milliseconds
 * @param intent what the record asks for or states, one of its value type's intents (such as {@link
 *     life.suoke.ops.engine.record.intent.ProcessInstanceIntent#ELEMENT_ACTIVATED}); the log stores
 *     and the exporters and gateways print its name
 */
public record Record(
    int partitionId,
    long position,
    long sourceRecordPosition,
    long key,
    long timestamp,
    RecordType recordType,
    ValueType valueType,
    Intent intent,
    RejectionType rejectionType,
    String rejectionReason,
    String brokerVersion,
    Map<String, Object> value) {

  public static final int PARTITION_ID = 1;
  public static final String BROKER_VERSION = "8.8.14";

  public Record {
    if (intent == null || intent.valueType() != valueType) {
      throw new IllegalArgumentException(
          "The intent of a " + valueType + " record must be one of its intents, not " + intent);
    }
  }
}
