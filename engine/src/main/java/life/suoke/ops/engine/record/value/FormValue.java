package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of FORM records: a deployed form and its resource (base64). */
public record FormValue(
    String formId,
    int version,
    String versionTag,
    long formKey,
    String resourceName,
    String checksum,
    String resource,
    long deploymentKey,
    boolean duplicate,
    String tenantId)
    implements RecordValue {

  /** Reads the value of a FORM record; a field that is missing or of another type is an error. */
  public static FormValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.FORM, json);
    return new FormValue(
        read.string("formId"),
        read.int32("version"),
        read.string("versionTag"),
        read.int64("formKey"),
        read.string("resourceName"),
        read.string("checksum"),
        read.string("resource"),
        read.int64("deploymentKey"),
        read.bool("duplicate"),
        read.string("tenantId"));
  }

  /** The typed value of a FORM record. */
  public static FormValue of(Record record) {
    if (record.typedValue() instanceof FormValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a FORM record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.FORM;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("formId", formId);
    out.put("version", version);
    out.put("versionTag", versionTag);
    out.put("formKey", formKey);
    out.put("resourceName", resourceName);
    out.put("checksum", checksum);
    out.put("resource", resource);
    out.put("deploymentKey", deploymentKey);
    out.put("duplicate", duplicate);
    out.put("tenantId", tenantId);
  }
}
