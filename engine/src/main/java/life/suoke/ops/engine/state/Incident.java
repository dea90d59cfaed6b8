package life.suoke.ops.engine.state;

/**
 * An open incident: execution of an element instance (or its job) is stuck until resolved. {@code
 * elementInstancePath}, {@code processDefinitionPath} and {@code callingElementPath} are where it
 * sits in its call hierarchy, as its CREATED record says (its RESOLVED record repeats them).
 */
public record Incident(
    long key,
    String errorType,
    String errorMessage,
    long elementInstanceKey,
    long jobKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String elementId,
    long variableScopeKey,
    String tenantId,
    long creationTime,
    Object elementInstancePath,
    Object processDefinitionPath,
    Object callingElementPath) {}
