package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of INCIDENT records: why an element instance (or a job) cannot go on. */
public record IncidentValue(
    String errorType,
    String errorMessage,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    long jobKey,
    long variableScopeKey,
    String tenantId,
    List<Object> elementInstancePath,
    List<Object> processDefinitionPath,
    List<Object> callingElementPath)
    implements RecordValue {

  /**
   * Reads the value of a INCIDENT record; a field that is missing or of another type is an error.
   */
  public static IncidentValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.INCIDENT, json);
    return new IncidentValue(
        read.string("errorType"),
        read.string("errorMessage"),
        read.string("bpmnProcessId"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.string("elementId"),
        read.int64("elementInstanceKey"),
        read.int64("jobKey"),
        read.int64("variableScopeKey"),
        read.string("tenantId"),
        read.array("elementInstancePath"),
        read.array("processDefinitionPath"),
        read.array("callingElementPath"));
  }

  /** The typed value of a INCIDENT record. */
  public static IncidentValue of(Record record) {
    if (record.typedValue() instanceof IncidentValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a INCIDENT record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.INCIDENT;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("errorType", errorType);
    out.put("errorMessage", errorMessage);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("elementId", elementId);
    out.put("elementInstanceKey", elementInstanceKey);
    out.put("jobKey", jobKey);
    out.put("variableScopeKey", variableScopeKey);
    out.put("tenantId", tenantId);
    out.put("elementInstancePath", elementInstancePath);
    out.put("processDefinitionPath", processDefinitionPath);
    out.put("callingElementPath", callingElementPath);
  }
}
