package life.suoke.ops.engine.api;

import java.util.Map;

/**
 * A job handed to a worker. {@code kind} is Zeebe's job kind ({@code BPMN_ELEMENT} or {@code
 * EXECUTION_LISTENER}), {@code listenerEventType} the listener's event ({@code START}, {@code END};
 * {@code UNSPECIFIED} for other jobs).
 */
public record ActivatedJob(
    long key,
    String type,
    long processInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String elementId,
    long elementInstanceKey,
    Map<String, String> customHeaders,
    String worker,
    int retries,
    long deadline,
    Map<String, Object> variables,
    String tenantId,
    String kind,
    String listenerEventType) {

  /** A job of a BPMN element (not a listener's). */
  public ActivatedJob(
      long key,
      String type,
      long processInstanceKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      long processDefinitionKey,
      String elementId,
      long elementInstanceKey,
      Map<String, String> customHeaders,
      String worker,
      int retries,
      long deadline,
      Map<String, Object> variables,
      String tenantId) {
    this(
        key,
        type,
        processInstanceKey,
        bpmnProcessId,
        processDefinitionVersion,
        processDefinitionKey,
        elementId,
        elementInstanceKey,
        customHeaders,
        worker,
        retries,
        deadline,
        variables,
        tenantId,
        "BPMN_ELEMENT",
        "UNSPECIFIED");
  }
}
