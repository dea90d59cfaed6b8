package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of AD_HOC_SUB_PROCESS_INSTRUCTION records: elements to activate in an ad-hoc
 * subprocess, and whether it completes.
 */
public record AdHocSubProcessInstructionValue(
    String adHocSubProcessInstanceKey,
    List<Object> activateElements,
    boolean cancelRemainingInstances,
    boolean completionConditionFulfilled,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a AD_HOC_SUB_PROCESS_INSTRUCTION record; a field that is missing or of
   * another type is an error.
   */
  public static AdHocSubProcessInstructionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, json);
    return new AdHocSubProcessInstructionValue(
        read.string("adHocSubProcessInstanceKey"),
        read.array("activateElements"),
        read.bool("cancelRemainingInstances"),
        read.bool("completionConditionFulfilled"),
        read.string("tenantId"));
  }

  /** The typed value of a AD_HOC_SUB_PROCESS_INSTRUCTION record. */
  public static AdHocSubProcessInstructionValue of(Record record) {
    if (record.typedValue() instanceof AdHocSubProcessInstructionValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a AD_HOC_SUB_PROCESS_INSTRUCTION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("adHocSubProcessInstanceKey", adHocSubProcessInstanceKey);
    out.put("activateElements", activateElements);
    out.put("cancelRemainingInstances", cancelRemainingInstances);
    out.put("completionConditionFulfilled", completionConditionFulfilled);
    out.put("tenantId", tenantId);
  }
}
