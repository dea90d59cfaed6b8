package life.suoke.ops.engine.record.value;

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

  /** A builder that starts from this value: the same task with some fields changed. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.userTaskKey = userTaskKey;
    b.assignee = assignee;
    b.candidateGroupsList = candidateGroupsList;
    b.candidateUsersList = candidateUsersList;
    b.dueDate = dueDate;
    b.followUpDate = followUpDate;
    b.formKey = formKey;
    b.changedAttributes = changedAttributes;
    b.variables = variables;
    b.action = action;
    b.externalFormReference = externalFormReference;
    b.processInstanceKey = processInstanceKey;
    b.elementInstanceKey = elementInstanceKey;
    b.elementId = elementId;
    b.elementName = elementName;
    b.bpmnProcessId = bpmnProcessId;
    b.processDefinitionKey = processDefinitionKey;
    b.processDefinitionVersion = processDefinitionVersion;
    b.tenantId = tenantId;
    b.creationTimestamp = creationTimestamp;
    b.priority = priority;
    b.deniedReason = deniedReason;
    return b;
  }

  /**
   * The fields of a user task value being put together; {@link #build()} makes the value. {@code
   * deniedReason} stays null unless set.
   */
  public static final class Builder {
    public long userTaskKey;
    public String assignee;
    public List<String> candidateGroupsList;
    public List<String> candidateUsersList;
    public String dueDate;
    public String followUpDate;
    public long formKey;
    public List<String> changedAttributes;
    public Map<String, Object> variables;
    public String action;
    public String externalFormReference;
    public long processInstanceKey;
    public long elementInstanceKey;
    public String elementId;
    public String elementName;
    public String bpmnProcessId;
    public long processDefinitionKey;
    public int processDefinitionVersion;
    public String tenantId;
    public long creationTimestamp;
    public int priority;
    public String deniedReason;

    public UserTaskValue build() {
      return new UserTaskValue(
          userTaskKey,
          assignee,
          candidateGroupsList,
          candidateUsersList,
          dueDate,
          followUpDate,
          formKey,
          changedAttributes,
          variables,
          action,
          externalFormReference,
          processInstanceKey,
          elementInstanceKey,
          elementId,
          elementName,
          bpmnProcessId,
          processDefinitionKey,
          processDefinitionVersion,
          tenantId,
          creationTimestamp,
          priority,
          deniedReason);
    }

    /**
     * Sets one attribute a task listener may correct ({@code assignee}, {@code dueDate}, {@code
     * followUpDate}, {@code candidateGroupsList}, {@code candidateUsersList}, {@code priority})
     * from its JSON form.
     *
     * @throws IllegalArgumentException if the attribute cannot be corrected or the value is not of
     *     its type
     */
    public Builder correct(String attribute, Object value) {
      switch (attribute) {
        case "assignee" -> assignee = text(attribute, value);
        case "dueDate" -> dueDate = text(attribute, value);
        case "followUpDate" -> followUpDate = text(attribute, value);
        case "candidateGroupsList" -> candidateGroupsList = texts(attribute, value);
        case "candidateUsersList" -> candidateUsersList = texts(attribute, value);
        case "priority" -> {
          if (!(value instanceof Number n) || n.longValue() != n.intValue()) {
            throw new IllegalArgumentException(
                "A user task's priority must be an integer, not " + value);
          }
          priority = n.intValue();
        }
        default ->
            throw new IllegalArgumentException(
                "A user task's " + attribute + " cannot be corrected");
      }
      return this;
    }

    private static String text(String attribute, Object value) {
      if (value instanceof String s) {
        return s;
      }
      throw new IllegalArgumentException(
          "A user task's " + attribute + " must be a string, not " + value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String attribute, Object value) {
      if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
        return (List<String>) list;
      }
      throw new IllegalArgumentException(
          "A user task's " + attribute + " must be a list of strings, not " + value);
    }
  }

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
  public void writeFields(ValueFields out) {
    out.put("userTaskKey", userTaskKey);
    out.put("assignee", assignee);
    out.put("candidateGroupsList", candidateGroupsList);
    out.put("candidateUsersList", candidateUsersList);
    out.put("dueDate", dueDate);
    out.put("followUpDate", followUpDate);
    out.put("formKey", formKey);
    out.put("changedAttributes", changedAttributes);
    out.put("variables", variables);
    out.put("action", action);
    out.put("externalFormReference", externalFormReference);
    out.put("processInstanceKey", processInstanceKey);
    out.put("elementInstanceKey", elementInstanceKey);
    out.put("elementId", elementId);
    out.put("elementName", elementName);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processDefinitionVersion", processDefinitionVersion);
    out.put("tenantId", tenantId);
    out.put("creationTimestamp", creationTimestamp);
    out.put("priority", priority);
    if (deniedReason != null) {
      out.put("deniedReason", deniedReason);
    }
  }
}
