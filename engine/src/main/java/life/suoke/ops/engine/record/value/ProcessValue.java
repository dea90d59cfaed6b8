package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of PROCESS records: a deployed process version and its BPMN resource (base64). */
public record ProcessValue(
    String bpmnProcessId,
    int version,
    String versionTag,
    long processDefinitionKey,
    String resourceName,
    String checksum,
    String resource,
    long deploymentKey,
    boolean duplicate,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a PROCESS record; a field that is missing or of another type is an error.
   */
  public static ProcessValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.PROCESS, json);
    return new ProcessValue(
        read.string("bpmnProcessId"),
        read.int32("version"),
        read.string("versionTag"),
        read.int64("processDefinitionKey"),
        read.string("resourceName"),
        read.string("checksum"),
        read.string("resource"),
        read.int64("deploymentKey"),
        read.bool("duplicate"),
        read.string("tenantId"));
  }

  /** The typed value of a PROCESS record. */
  public static ProcessValue of(Record record) {
    if (record.typedValue() instanceof ProcessValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a PROCESS record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("version", version);
    out.put("versionTag", versionTag);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("resourceName", resourceName);
    out.put("checksum", checksum);
    out.put("resource", resource);
    out.put("deploymentKey", deploymentKey);
    out.put("duplicate", duplicate);
    out.put("tenantId", tenantId);
  }
}
