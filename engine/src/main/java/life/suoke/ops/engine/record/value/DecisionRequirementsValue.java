package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of DECISION_REQUIREMENTS records: a deployed DMN graph and its resource (base64). */
public record DecisionRequirementsValue(
    String decisionRequirementsId,
    String decisionRequirementsName,
    int decisionRequirementsVersion,
    long decisionRequirementsKey,
    String namespace,
    String resourceName,
    String checksum,
    String resource,
    long deploymentKey,
    boolean duplicate,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a DECISION_REQUIREMENTS record; a field that is missing or of another type
   * is an error.
   */
  public static DecisionRequirementsValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.DECISION_REQUIREMENTS, json);
    return new DecisionRequirementsValue(
        read.string("decisionRequirementsId"),
        read.string("decisionRequirementsName"),
        read.int32("decisionRequirementsVersion"),
        read.int64("decisionRequirementsKey"),
        read.string("namespace"),
        read.string("resourceName"),
        read.string("checksum"),
        read.string("resource"),
        read.int64("deploymentKey"),
        read.bool("duplicate"),
        read.string("tenantId"));
  }

  /** The typed value of a DECISION_REQUIREMENTS record. */
  public static DecisionRequirementsValue of(Record record) {
    if (record.typedValue() instanceof DecisionRequirementsValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a DECISION_REQUIREMENTS record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.DECISION_REQUIREMENTS;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("decisionRequirementsId", decisionRequirementsId);
    out.put("decisionRequirementsName", decisionRequirementsName);
    out.put("decisionRequirementsVersion", decisionRequirementsVersion);
    out.put("decisionRequirementsKey", decisionRequirementsKey);
    out.put("namespace", namespace);
    out.put("resourceName", resourceName);
    out.put("checksum", checksum);
    out.put("resource", resource);
    out.put("deploymentKey", deploymentKey);
    out.put("duplicate", duplicate);
    out.put("tenantId", tenantId);
  }
}
