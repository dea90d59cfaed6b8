package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.map;
import static life.suoke.ops.engine.record.Values.str;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.record.Record;

/**
 * The event subprocess part of the state, changed only by EngineState's appliers: pending event
 * triggers (PROCESS_EVENT records) and the marks an interrupting event subprocess leaves on its
 * scope. A trigger normally lives only within one batch (TRIGGERING, then the event subprocess and
 * its start event, then TRIGGERED); it stays longer when an incident stops the event subprocess
 * before its start event completes, or while elements it interrupts wait for their canceling
 * listeners. An interrupting boundary event whose activity waits for them is kept the same way, in
 * the activity (dropped with it if its flow scope ends first).
 */
final class EventTriggers {

  final Map<Long, EventTrigger> pending = new LinkedHashMap<>();

  /** The oldest pending trigger of a catch event in a scope, or null. */
  EventTrigger find(long scopeKey, String elementId) {
    for (EventTrigger trigger : pending.values()) {
      if (trigger.scopeKey == scopeKey && trigger.elementId.equals(elementId)) {
        return trigger;
      }
    }
    return null;
  }

  /** Whether any trigger waits in a scope. */
  boolean hasAny(long scopeKey) {
    for (EventTrigger trigger : pending.values()) {
      if (trigger.scopeKey == scopeKey) {
        return true;
      }
    }
    return false;
  }

  /**
   * TRIGGERING stores the trigger in its scope; if it is the start event of an interrupting event
   * subprocess, the scope is marked as interrupted by that event subprocess. TRIGGERED removes it.
   */
  void apply(
      Record record,
      Map<String, Object> v,
      ProcessDefinition definition,
      Map<Long, ElementInstance> instances) {
    if ("TRIGGERED".equals(record.intent())) {
      pending.remove(record.key());
      return;
    }
    if (!"TRIGGERING".equals(record.intent())) {
      return;
    }
    long scopeKey = lng(v, "scopeKey");
    String elementId = str(v, "targetElementId");
    pending.put(
        record.key(),
        new EventTrigger(
            record.key(),
            scopeKey,
            elementId,
            new LinkedHashMap<>(map(v, "variables")),
            lng(v, "processInstanceKey")));
    ExecutableElement target =
        definition == null ? null : definition.executable().element(elementId);
    ElementInstance scope = instances.get(scopeKey);
    if (target != null
        && scope != null
        && target.type() == BpmnElementType.START_EVENT
        && target.interrupting()
        && target.flowScopeId() != null
        && definition.executable().element(target.flowScopeId()).type()
            == BpmnElementType.EVENT_SUB_PROCESS) {
      scope.interruptingElementId = target.flowScopeId();
    }
  }

  /**
   * An element instance is activating: an interrupting event subprocess clears the sequence flows
   * still counted in its scope (their targets were terminated or will never be activated); the
   * start event of an event subprocess takes over the trigger waiting in the event subprocess's
   * scope.
   */
  void activating(long key, ExecutableElement element, ElementInstance flowScope) {
    if (element.type() == BpmnElementType.EVENT_SUB_PROCESS
        && element.subProcessStartEvent().interrupting()) {
      flowScope.activeFlows = 0;
      flowScope.joinTokens = null;
      flowScope.pendingFlows = null;
    } else if (element.type() == BpmnElementType.START_EVENT
        && flowScope.type() == BpmnElementType.EVENT_SUB_PROCESS
        && !pending.isEmpty()) {
      EventTrigger trigger = find(flowScope.flowScopeKey, element.id());
      if (trigger != null) {
        trigger.scopeKey = key;
      }
    }
  }

  /** An element instance ended: triggers still waiting in it are dropped. */
  void left(long key) {
    if (!pending.isEmpty()) {
      pending.values().removeIf(trigger -> trigger.scopeKey == key);
    }
  }
}
