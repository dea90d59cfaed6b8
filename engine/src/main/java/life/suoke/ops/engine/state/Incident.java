package life.suoke.ops.engine.state;

/** An open incident: execution of an element instance (or its job) is stuck until resolved. */
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
    long creationTime) {}
