package life.suoke.ops.engine.record.value;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of JOB records: a job of an element instance, as its workers see it.
 *
 * <p>{@code result} is null when the record does not carry it; every other field is required.
 */
public record JobValue(
    String type,
    String worker,
    int retries,
    long retryBackoff,
    long recurringTime,
    long deadline,
    long timeout,
    String errorMessage,
    String errorCode,
    Map<String, Object> customHeaders,
    Map<String, Object> variables,
    String elementId,
    long elementInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    long processInstanceKey,
    String tenantId,
    String jobKind,
    String jobListenerEventType,
    Map<String, Object> result)
    implements RecordValue {

  /** A builder that starts from this value: the same job with some fields changed. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.worker = worker;
    b.retries = retries;
    b.retryBackoff = retryBackoff;
    b.recurringTime = recurringTime;
    b.deadline = deadline;
    b.timeout = timeout;
    b.errorMessage = errorMessage;
    b.errorCode = errorCode;
    b.customHeaders = customHeaders;
    b.variables = variables;
    b.elementId = elementId;
    b.elementInstanceKey = elementInstanceKey;
    b.bpmnProcessId = bpmnProcessId;
    b.processDefinitionVersion = processDefinitionVersion;
    b.processDefinitionKey = processDefinitionKey;
    b.processInstanceKey = processInstanceKey;
    b.tenantId = tenantId;
    b.jobKind = jobKind;
    b.jobListenerEventType = jobListenerEventType;
    b.result = result;
    return b;
  }

  /** The fields of a job value being put together; {@link #build()} makes the value. */
  public static final class Builder {
    public String type;
    public String worker;
    public int retries;
    public long retryBackoff;
    public long recurringTime;
    public long deadline;
    public long timeout;
    public String errorMessage;
    public String errorCode;
    public Map<String, Object> customHeaders;
    public Map<String, Object> variables;
    public String elementId;
    public long elementInstanceKey;
    public String bpmnProcessId;
    public int processDefinitionVersion;
    public long processDefinitionKey;
    public long processInstanceKey;
    public String tenantId;
    public String jobKind;
    public String jobListenerEventType;
    public Map<String, Object> result;

    public JobValue build() {
      return new JobValue(
          type,
          worker,
          retries,
          retryBackoff,
          recurringTime,
          deadline,
          timeout,
          errorMessage,
          errorCode,
          customHeaders,
          variables,
          elementId,
          elementInstanceKey,
          bpmnProcessId,
          processDefinitionVersion,
          processDefinitionKey,
          processInstanceKey,
          tenantId,
          jobKind,
          jobListenerEventType,
          result);
    }
  }

  /** Reads the value of a JOB record; a field that is missing or of another type is an error. */
  public static JobValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.JOB, json);
    return new JobValue(
        read.string("type"),
        read.string("worker"),
        read.int32("retries"),
        read.int64("retryBackoff"),
        read.int64("recurringTime"),
        read.int64("deadline"),
        read.int64("timeout"),
        read.string("errorMessage"),
        read.string("errorCode"),
        read.object("customHeaders"),
        read.object("variables"),
        read.string("elementId"),
        read.int64("elementInstanceKey"),
        read.string("bpmnProcessId"),
        read.int32("processDefinitionVersion"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.string("tenantId"),
        read.string("jobKind"),
        read.string("jobListenerEventType"),
        read.optionalObject("result"));
  }

  /** The typed value of a JOB record. */
  public static JobValue of(Record record) {
    if (record.typedValue() instanceof JobValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a JOB record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.JOB;
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(30);
    json.put("type", type);
    json.put("worker", worker);
    json.put("retries", retries);
    json.put("retryBackoff", retryBackoff);
    json.put("recurringTime", recurringTime);
    json.put("deadline", deadline);
    json.put("timeout", timeout);
    json.put("errorMessage", errorMessage);
    json.put("errorCode", errorCode);
    json.put("customHeaders", customHeaders);
    json.put("variables", variables);
    json.put("elementId", elementId);
    json.put("elementInstanceKey", elementInstanceKey);
    json.put("bpmnProcessId", bpmnProcessId);
    json.put("processDefinitionVersion", processDefinitionVersion);
    json.put("processDefinitionKey", processDefinitionKey);
    json.put("processInstanceKey", processInstanceKey);
    json.put("tenantId", tenantId);
    json.put("jobKind", jobKind);
    json.put("jobListenerEventType", jobListenerEventType);
    if (result != null) {
      json.put("result", result);
    }
    return json;
  }
}
