package life.suoke.ops.engine.model;

/**
 * The event type of an element, with Zeebe's names (the {@code bpmnEventType} of process instance
 * records): {@code UNSPECIFIED} for elements that are not events (tasks, gateways, the process,
 * sequence flows), {@code NONE} for an event without event definition, otherwise the kind of its
 * event definition.
 */
public enum BpmnEventType {
  UNSPECIFIED,
  CONDITIONAL,
  ERROR,
  ESCALATION,
  LINK,
  MESSAGE,
  NONE,
  SIGNAL,
  TERMINATE,
  TIMER,
  COMPENSATION
}
