package life.suoke.ops.engine.state;

import java.util.Map;

/**
 * An event that has happened but whose catch event has not taken it yet (Zeebe's event trigger,
 * written as a PROCESS_EVENT TRIGGERING record and removed by TRIGGERED): the start event of an
 * event subprocess that a timer, message, signal, error or escalation triggered, with the event's
 * variables. It first belongs to the scope the event subprocess is in; the start event's instance
 * takes it over when it is activated, and hands its variables on when it completes. Also an
 * interrupting boundary event whose activity waits for its canceling listeners: it belongs to the
 * activity, and the boundary event is activated with its variables once the activity is terminated.
 */
public final class EventTrigger {

  public final long key;

  /**
   * The element instance the trigger belongs to now: the event subprocess's scope, then its start
   * event; or the activity of a boundary event.
   */
  long scopeKey;

  public final String elementId;
  public final Map<String, Object> variables;
  public final long processInstanceKey;

  EventTrigger(
      long key,
      long scopeKey,
      String elementId,
      Map<String, Object> variables,
      long processInstanceKey) {
    this.key = key;
    this.scopeKey = scopeKey;
    this.elementId = elementId;
    this.variables = variables;
    this.processInstanceKey = processInstanceKey;
  }

  public long scopeKey() {
    return scopeKey;
  }
}
