package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of PROCESS_INSTANCE records: an element instance, or a sequence flow taken, of a
 * process instance.
 */
public record ProcessInstanceValue(
    String bpmnProcessId,
    int version,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long flowScopeKey,
    String bpmnElementType,
    String bpmnEventType,
    long parentProcessInstanceKey,
    long parentElementInstanceKey,
    String tenantId)
    implements RecordValue {

  /** The same element instance, called by an element instance of another process instance. */
  public ProcessInstanceValue withParent(
      long parentProcessInstanceKey, long parentElementInstanceKey) {
    return new ProcessInstanceValue(
        bpmnProcessId,
        version,
        processDefinitionKey,
        processInstanceKey,
        elementId,
        flowScopeKey,
        bpmnElementType,
        bpmnEventType,
        parentProcessInstanceKey,
        parentElementInstanceKey,
        tenantId);
  }

  /** The same element instance, migrated to an element of another process definition. */
  public ProcessInstanceValue migratedTo(
      String bpmnProcessId, int version, long processDefinitionKey, String elementId) {
    return new ProcessInstanceValue(
        bpmnProcessId,
        version,
        processDefinitionKey,
        processInstanceKey,
        elementId,
        flowScopeKey,
        bpmnElementType,
        bpmnEventType,
        parentProcessInstanceKey,
        parentElementInstanceKey,
        tenantId);
  }

  /**
   * Reads the value of a PROCESS_INSTANCE record; a field that is missing or of another type is an
   * error.
   */
  public static ProcessInstanceValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS_INSTANCE, json);
    return new ProcessInstanceValue(
        read.string("bpmnProcessId"),
        read.int32("version"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.string("elementId"),
        read.int64("flowScopeKey"),
        read.string("bpmnElementType"),
        read.string("bpmnEventType"),
        read.int64("parentProcessInstanceKey"),
        read.int64("parentElementInstanceKey"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS_INSTANCE record. */
  public static ProcessInstanceValue of(Record record) {
    if (record.typedValue() instanceof ProcessInstanceValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a PROCESS_INSTANCE record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("version", version);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("elementId", elementId);
    out.put("flowScopeKey", flowScopeKey);
    out.put("bpmnElementType", bpmnElementType);
    out.put("bpmnEventType", bpmnEventType);
    out.put("parentProcessInstanceKey", parentProcessInstanceKey);
    out.put("parentElementInstanceKey", parentElementInstanceKey);
    out.put("tenantId", tenantId);
  }
}
