package life.suoke.ops.engine.state;

/**
 * An element instance waiting for a message: a message catch event or receive task (the waiting
 * instance is the event itself), or an activity with a message boundary event (the waiting instance
 * is the activity; {@code elementId} is the boundary event).
 */
public record MessageSubscription(
    long key,
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String elementId,
    String messageName,
    String correlationKey,
    boolean interrupting,
    String tenantId) {}
