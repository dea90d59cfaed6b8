package life.suoke.ops.engine.record.value;

import java.util.LinkedHashMap;
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
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(15);
    json.put("formId", formId);
    json.put("version", version);
    json.put("versionTag", versionTag);
    json.put("formKey", formKey);
    json.put("resourceName", resourceName);
    json.put("checksum", checksum);
    json.put("resource", resource);
    json.put("deploymentKey", deploymentKey);
    json.put("duplicate", duplicate);
    json.put("tenantId", tenantId);
    return json;
  }
}
