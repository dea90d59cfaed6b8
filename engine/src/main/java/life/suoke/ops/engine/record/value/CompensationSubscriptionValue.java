package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of COMPENSATION_SUBSCRIPTION records: a completed activity that a compensation event
 * can undo.
 */
public record CompensationSubscriptionValue(
    String tenantId,
    long processInstanceKey,
    long processDefinitionKey,
    String compensableActivityId,
    long compensableActivityScopeKey,
    long compensableActivityInstanceKey,
    String compensationHandlerId,
    long compensationHandlerInstanceKey,
    String throwEventId,
    long throwEventInstanceKey,
    Map<String, Object> variables)
    implements RecordValue {

  /** This subscription triggered by a throw event, with its handler's instance (-1 if none). */
  public CompensationSubscriptionValue triggered(
      String throwEventId, long throwEventInstanceKey, long compensationHandlerInstanceKey) {
    return new CompensationSubscriptionValue(
        tenantId,
        processInstanceKey,
        processDefinitionKey,
        compensableActivityId,
        compensableActivityScopeKey,
        compensableActivityInstanceKey,
        compensationHandlerId,
        compensationHandlerInstanceKey,
        throwEventId,
        throwEventInstanceKey,
        variables);
  }

  /** This subscription moved by a process instance migration to another process's activity. */
  public CompensationSubscriptionValue migrated(
      long processDefinitionKey, String compensableActivityId, String compensationHandlerId) {
    return new CompensationSubscriptionValue(
        tenantId,
        processInstanceKey,
        processDefinitionKey,
        compensableActivityId,
        compensableActivityScopeKey,
        compensableActivityInstanceKey,
        compensationHandlerId,
        compensationHandlerInstanceKey,
        throwEventId,
        throwEventInstanceKey,
        variables);
  }

  /**
   * Reads the value of a COMPENSATION_SUBSCRIPTION record; a field that is missing or of another
   * type is an error.
   */
  public static CompensationSubscriptionValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.COMPENSATION_SUBSCRIPTION, json);
    return new CompensationSubscriptionValue(
        read.string("tenantId"),
        read.int64("processInstanceKey"),
        read.int64("processDefinitionKey"),
        read.string("compensableActivityId"),
        read.int64("compensableActivityScopeKey"),
        read.int64("compensableActivityInstanceKey"),
        read.string("compensationHandlerId"),
        read.int64("compensationHandlerInstanceKey"),
        read.string("throwEventId"),
        read.int64("throwEventInstanceKey"),
        read.object("variables"));
  }

  /** The typed value of a COMPENSATION_SUBSCRIPTION record. */
  public static CompensationSubscriptionValue of(Record record) {
    if (record.typedValue() instanceof CompensationSubscriptionValue value) {
      return value;
    }
    throw new IllegalArgumentException(
        "Not a COMPENSATION_SUBSCRIPTION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.COMPENSATION_SUBSCRIPTION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("tenantId", tenantId);
    out.put("processInstanceKey", processInstanceKey);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("compensableActivityId", compensableActivityId);
    out.put("compensableActivityScopeKey", compensableActivityScopeKey);
    out.put("compensableActivityInstanceKey", compensableActivityInstanceKey);
    out.put("compensationHandlerId", compensationHandlerId);
    out.put("compensationHandlerInstanceKey", compensationHandlerInstanceKey);
    out.put("throwEventId", throwEventId);
    out.put("throwEventInstanceKey", throwEventInstanceKey);
    out.put("variables", variables);
  }
}
