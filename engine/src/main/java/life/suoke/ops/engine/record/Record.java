package life.suoke.ops.engine.record;

import java.util.Map;

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
 * @param intent Zeebe's intent name, such as {@code ELEMENT_ACTIVATED} or {@code CREATED}
 */
public record Record(
    int partitionId,
    long position,
    long sourceRecordPosition,
    long key,
    long timestamp,
    RecordType recordType,
    ValueType valueType,
    String intent,
    RejectionType rejectionType,
    String rejectionReason,
    String brokerVersion,
    Map<String, Object> value) {

  public static final int PARTITION_ID = 1;
  public static final String BROKER_VERSION = "8.8.14";
}
