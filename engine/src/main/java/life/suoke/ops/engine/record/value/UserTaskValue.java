package life.suoke.ops.engine.record.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of USER_TASK records: a Camunda user task and the change in progress.
 *
 * <p>{@code deniedReason} is null when the record does not carry it; every other field is required.
 */
public record UserTaskValue(
    long userTaskKey,
    String assignee,
    List<String> candidateGroupsList,
    List<String> candidateUsersList,
    String dueDate,
    String followUpDate,
    long formKey,
    List<String> changedAttributes,
    Map<String, Object> variables,
    String action,
    String externalFormReference,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String elementName,
    String bpmnProcessId,
    long processDefinitionKey,
    int processDefinitionVersion,
    String tenantId,
    long creationTimestamp,
    int priority,
    String deniedReason)
    implements RecordValue {

  /**
   * Reads the value of a USER_TASK record; a field that is missing or of another type is an error.
   */
  public static UserTaskValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.USER_TASK, json);
    return new UserTaskValue(
        read.int64("userTaskKey"),
        read.string("assignee"),
        read.strings("candidateGroupsList"),
        read.strings("candidateUsersList"),
        read.string("dueDate"),
        read.string("followUpDate"),
        read.int64("formKey"),
        read.strings("changedAttributes"),
        read.object("variables"),
        read.string("action"),
        read.string("externalFormReference"),
        read.int64("processInstanceKey"),
        read.int64("elementInstanceKey"),
        read.string("elementId"),
        read.string("elementName"),
        read.string("bpmnProcessId"),
        read.int64("processDefinitionKey"),
        read.int32("processDefinitionVersion"),
        read.string("tenantId"),
        read.int64("creationTimestamp"),
        read.int32("priority"),
        read.optionalString("deniedReason"));
  }

  /** The typed value of a USER_TASK record. */
  public static UserTaskValue of(Record record) {
    if (record.typedValue() instanceof UserTaskValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a USER_TASK record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.USER_TASK;
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(31);
    json.put("userTaskKey", userTaskKey);
    json.put("assignee", assignee);
    json.put("candidateGroupsList", candidateGroupsList);
    json.put("candidateUsersList", candidateUsersList);
    json.put("dueDate", dueDate);
    json.put("followUpDate", followUpDate);
    json.put("formKey", formKey);
    json.put("changedAttributes", changedAttributes);
    json.put("variables", variables);
    json.put("action", action);
    json.put("externalFormReference", externalFormReference);
    json.put("processInstanceKey", processInstanceKey);
    json.put("elementInstanceKey", elementInstanceKey);
    json.put("elementId", elementId);
    json.put("elementName", elementName);
    json.put("bpmnProcessId", bpmnProcessId);
    json.put("processDefinitionKey", processDefinitionKey);
    json.put("processDefinitionVersion", processDefinitionVersion);
    json.put("tenantId", tenantId);
    json.put("creationTimestamp", creationTimestamp);
    json.put("priority", priority);
    if (deniedReason != null) {
      json.put("deniedReason", deniedReason);
    }
    return json;
  }
}
