package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of DEPLOYMENT records: the resources of a deployment and the metadata of what it
 * deployed.
 */
public record DeploymentValue(
    List<Object> resources,
    List<Object> processesMetadata,
    List<Object> decisionRequirementsMetadata,
    List<Object> decisionsMetadata,
    List<Object> formMetadata,
    long deploymentKey,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a DEPLOYMENT record; a field that is missing or of another type is an error.
   */
  public static DeploymentValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.DEPLOYMENT, json);
    return new DeploymentValue(
        read.array("resources"),
        read.array("processesMetadata"),
        read.array("decisionRequirementsMetadata"),
        read.array("decisionsMetadata"),
        read.array("formMetadata"),
        read.int64("deploymentKey"),
        read.string("tenantId"));
  }

  /** The typed value of a DEPLOYMENT record. */
  public static DeploymentValue of(Record record) {
    if (record.typedValue() instanceof DeploymentValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a DEPLOYMENT record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.DEPLOYMENT;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("resources", resources);
    out.put("processesMetadata", processesMetadata);
    out.put("decisionRequirementsMetadata", decisionRequirementsMetadata);
    out.put("decisionsMetadata", decisionsMetadata);
    out.put("formMetadata", formMetadata);
    out.put("deploymentKey", deploymentKey);
    out.put("tenantId", tenantId);
  }
}
