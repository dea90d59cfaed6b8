package life.suoke.ops.engine.state;

/**
 * An element instance waiting for a signal: a signal catch event (the waiting instance is the event
 * itself), an activity with a signal boundary event, or an event-based gateway.
 */
public record SignalSubscription(
    long key,
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String elementId,
    String signalName,
    boolean interrupting,
    String tenantId) {}
