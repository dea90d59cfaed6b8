package life.suoke.ops.engine.state;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The pending event triggers (PROCESS_EVENT records), in creation order. A trigger normally lives
 * only within one batch (TRIGGERING, then the event subprocess and its start event, then
 * TRIGGERED); it stays longer when an incident stops the event subprocess before its start event
 * completes, or while elements it interrupts wait for their canceling listeners. An interrupting
 * boundary event whose activity waits for them is kept the same way, in the activity (dropped with
 * it if its flow scope ends first). Its public methods only read; the appliers of PROCESS_EVENT
 * events change it, and those of PROCESS_INSTANCE events hand a trigger on to the start event that
 * takes it and drop the triggers of an instance that ends.
 */
public final class EventTriggerState {

  private final Map<Long, EventTrigger> pending = new LinkedHashMap<>();

  /** The oldest pending trigger of a catch event in a scope (an element instance key), or null. */
  public EventTrigger eventTrigger(long scopeKey, String elementId) {
    for (EventTrigger trigger : pending.values()) {
      if (trigger.scopeKey == scopeKey && trigger.elementId.equals(elementId)) {
        return trigger;
      }
    }
    return null;
  }

  /** Whether any trigger waits in a scope. */
  public boolean hasEventTrigger(long scopeKey) {
    for (EventTrigger trigger : pending.values()) {
      if (trigger.scopeKey == scopeKey) {
        return true;
      }
    }
    return false;
  }

  /** TRIGGERING: the trigger waits in its scope. */
  void add(EventTrigger trigger) {
    pending.put(trigger.key, trigger);
  }

  /** TRIGGERED: a catch event took it. */
  void remove(long key) {
    pending.remove(key);
  }

  /**
   * The start event of an event subprocess is activating: it takes over the trigger of its id
   * waiting in the event subprocess's scope, if any.
   */
  void handOver(long scopeKey, String elementId, long startEventKey) {
    if (pending.isEmpty()) {
      return;
    }
    EventTrigger trigger = eventTrigger(scopeKey, elementId);
    if (trigger != null) {
      trigger.scopeKey = startEventKey;
    }
  }

  /** An element instance ended: triggers still waiting in it are dropped. */
  void left(long key) {
    if (!pending.isEmpty()) {
      pending.values().removeIf(trigger -> trigger.scopeKey == key);
    }
  }

  void write(Out out) {
    out.i32(pending.size());
    for (EventTrigger t : pending.values()) {
      out.i64(t.key);
      out.i64(t.scopeKey);
      out.sym(t.elementId);
      out.value(t.variables);
      out.i64(t.processInstanceKey);
    }
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      EventTrigger t = new EventTrigger(in.i64(), in.i64(), in.sym(), in.mapValue(), in.i64());
      pending.put(t.key, t);
    }
  }
}
