package life.suoke.ops.engine.record.value;

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
  public void writeFields(ValueFields out) {
    out.put("decisionId", decisionId);
    out.put("decisionName", decisionName);
    out.put("version", version);
    out.put("versionTag", versionTag);
    out.put("decisionKey", decisionKey);
    out.put("decisionRequirementsId", decisionRequirementsId);
    out.put("decisionRequirementsKey", decisionRequirementsKey);
    out.put("resourceName", resourceName);
    out.put("checksum", checksum);
    if (resource != null) {
      out.put("resource", resource);
    }
    out.put("deploymentKey", deploymentKey);
    out.put("duplicate", duplicate);
    out.put("tenantId", tenantId);
  }
}
