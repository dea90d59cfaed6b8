package life.suoke.ops.engine.state;

/**
 * A scheduled timer. {@code elementInstanceKey} is the element instance waiting for it (the
 * intermediate timer event, or the activity a boundary timer is attached to), or -1 for a timer
 * start event; {@code targetElementId} is the timer event that fires.
 *
 * @param repetitions how often it still fires including this time; -1 is unbounded
 */
public record TimerInstance(
    long key,
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String targetElementId,
    long dueDate,
    int repetitions,
    String tenantId) {}
