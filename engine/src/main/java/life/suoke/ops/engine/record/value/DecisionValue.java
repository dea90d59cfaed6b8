package life.suoke.ops.engine.record.value;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of DECISION records: a deployed decision; its resource (base64) only when created.
 *
 * <p>{@code resource} is null when the record does not carry it; every other field is required.
 */
public record DecisionValue(
    String decisionId,
    String decisionName,
    int version,
    String versionTag,
    long decisionKey,
    String decisionRequirementsId,
    long decisionRequirementsKey,
    String resourceName,
    String checksum,
    String resource,
    long deploymentKey,
    boolean duplicate,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a DECISION record; a field that is missing or of another type is an error.
   */
  public static DecisionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.DECISION, json);
    return new DecisionValue(
        read.string("decisionId"),
        read.string("decisionName"),
        read.int32("version"),
        read.string("versionTag"),
        read.int64("decisionKey"),
        read.string("decisionRequirementsId"),
        read.int64("decisionRequirementsKey"),
        read.string("resourceName"),
        read.string("checksum"),
        read.optionalString("resource"),
        read.int64("deploymentKey"),
        read.bool("duplicate"),
        read.string("tenantId"));
  }

  /** The typed value of a DECISION record. */
  public static DecisionValue of(Record record) {
    if (record.typedValue() instanceof DecisionValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a DECISION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.DECISION;
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(19);
    json.put("decisionId", decisionId);
    json.put("decisionName", decisionName);
    json.put("version", version);
    json.put("versionTag", versionTag);
    json.put("decisionKey", decisionKey);
    json.put("decisionRequirementsId", decisionRequirementsId);
    json.put("decisionRequirementsKey", decisionRequirementsKey);
    json.put("resourceName", resourceName);
    json.put("checksum", checksum);
    if (resource != null) {
      json.put("resource", resource);
    }
    json.put("deploymentKey", deploymentKey);
    json.put("duplicate", duplicate);
    json.put("tenantId", tenantId);
    return json;
  }
}
