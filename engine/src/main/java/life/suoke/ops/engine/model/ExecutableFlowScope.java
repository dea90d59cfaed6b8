package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An element that contains a flow: the process, an embedded subprocess, an event subprocess, or the
 * inner instance of an ad-hoc subprocess. It starts at its start event (the process at the start
 * event that created it) and opens the start events of the event subprocesses directly inside it.
 */
public final class ExecutableFlowScope extends ExecutableActivity {

  private ExecutableCatchEvent startEvent;
  private final List<ExecutableCatchEvent> eventSubprocessStartEvents = new ArrayList<>();

  ExecutableFlowScope(String id, String name, BpmnElementType type) {
    super(id, name, type);
  }

  /**
   * The none start event of an embedded subprocess, or the start event of an event subprocess; null
   * for the process (it has several) and an ad-hoc inner instance (it has none).
   */
  public ExecutableCatchEvent subProcessStartEvent() {
    return startEvent;
  }

  void setSubProcessStartEvent(ExecutableCatchEvent startEvent) {
    this.startEvent = startEvent;
  }

  /**
   * The start events of the event subprocesses directly inside (timer, message, signal, error or
   * escalation), in document order; empty if none. Their timers and subscriptions are open while
   * the scope is active.
   */
  public List<ExecutableCatchEvent> eventSubprocessStartEvents() {
    return Collections.unmodifiableList(eventSubprocessStartEvents);
  }

  void addEventSubprocessStartEvent(ExecutableCatchEvent startEvent) {
    eventSubprocessStartEvents.add(startEvent);
  }
}
