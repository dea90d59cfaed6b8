package life.suoke.ops.engine.state;

import java.util.Map;

/** A job of a service-like task, waiting for a worker. */
public final class Job {

  public enum State {
    ACTIVATABLE,
    ACTIVATED,
    FAILED,
    ERROR_THROWN,
    BACKOFF
  }

  public final long key;
  public final String type;
  public final Map<String, String> customHeaders;
  public final long elementInstanceKey;
  public final long processInstanceKey;

  long processDefinitionKey;

  String bpmnProcessId;
  int processDefinitionVersion;
  String elementId;
  public final String tenantId;
  State state = State.ACTIVATABLE;
  int retries;
  String worker = "";
  long deadline = -1;
  long recurAt = -1;
  String errorMessage = "";
  String errorCode = "";

  String kind = "BPMN_ELEMENT";

  String listenerEventType = "UNSPECIFIED";

  public boolean isExecutionListener() {
    return "EXECUTION_LISTENER".equals(kind);
  }

  public Job(
      long key,
      String type,
      int retries,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      String elementId,
      String tenantId) {
    this.key = key;
    this.type = type;
    this.retries = retries;
    this.customHeaders = customHeaders;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.processDefinitionVersion = processDefinitionVersion;
    this.elementId = elementId;
    this.tenantId = tenantId;
  }

  /** Changed by a process instance migration (the job's type and everything else stay). */
  public long processDefinitionKey() {
    return processDefinitionKey;
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  public int processDefinitionVersion() {
    return processDefinitionVersion;
  }

  public String elementId() {
    return elementId;
  }

  public State state() {
    return state;
  }

  public int retries() {
    return retries;
  }

  public String worker() {
    return worker;
  }

  public long deadline() {
    return deadline;
  }

  public long recurAt() {
    return recurAt;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public String errorCode() {
    return errorCode;
  }

  /**
   * Zeebe's {@code jobKind}: {@code BPMN_ELEMENT}, or {@code EXECUTION_LISTENER} for a listener's
   * job.
   */
  public String kind() {
    return kind;
  }

  /**
   * Zeebe's {@code jobListenerEventType}: {@code START} or {@code END} for a listener's job, else
   * {@code UNSPECIFIED}.
   */
  public String listenerEventType() {
    return listenerEventType;
  }
}
