package life.suoke.ops.engine.state;

import java.util.LinkedHashMap;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.value.ProcessEventValue;

/** The appliers of PROCESS_EVENT events (event triggers). */
final class EventTriggerAppliers {

  private EventTriggerAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> triggering(e, s.deployments, s.elementInstances, s.eventTriggers),
        ProcessEventIntent.TRIGGERING);
    registry.register((e, s) -> s.eventTriggers.remove(e.key()), ProcessEventIntent.TRIGGERED);
  }

  /**
   * The trigger waits in its scope; if it is for the start event of an interrupting event
   * subprocess, the scope is marked as interrupted by that event subprocess.
   */
  static void triggering(
      Record event,
      DeploymentState deployments,
      ElementInstanceState instances,
      EventTriggerState triggers) {
    ProcessEventValue v = ProcessEventValue.of(event);
    long scopeKey = v.scopeKey();
    String elementId = v.targetElementId();
    triggers.add(
        new EventTrigger(
            event.key(),
            scopeKey,
            elementId,
            new LinkedHashMap<>(v.variables()),
            v.processInstanceKey()));
    ProcessDefinition definition = deployments.process(v.processDefinitionKey());
    ExecutableElement target =
        definition == null ? null : definition.executable().element(elementId);
    ElementInstance scope = instances.elementInstance(scopeKey);
    if (target != null
        && scope != null
        && target instanceof ExecutableCatchEvent start
        && start.type() == BpmnElementType.START_EVENT
        && start.interrupting()
        && target.flowScopeId() != null
        && definition.executable().element(target.flowScopeId()).type()
            == BpmnElementType.EVENT_SUB_PROCESS) {
      instances.interruptedBy(scope, target.flowScopeId());
    }
  }
}
