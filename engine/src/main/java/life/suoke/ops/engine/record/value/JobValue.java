package life.suoke.ops.engine.record.value;

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
  public void writeFields(ValueFields out) {
    out.put("type", type);
    out.put("worker", worker);
    out.put("retries", retries);
    out.put("retryBackoff", retryBackoff);
    out.put("recurringTime", recurringTime);
    out.put("deadline", deadline);
    out.put("timeout", timeout);
    out.put("errorMessage", errorMessage);
    out.put("errorCode", errorCode);
    out.put("customHeaders", customHeaders);
    out.put("variables", variables);
    out.put("elementId", elementId);
    out.put("elementInstanceKey", elementInstanceKey);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("processDefinitionVersion", processDefinitionVersion);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("tenantId", tenantId);
    out.put("jobKind", jobKind);
    out.put("jobListenerEventType", jobListenerEventType);
    if (result != null) {
      out.put("result", result);
    }
  }
}
