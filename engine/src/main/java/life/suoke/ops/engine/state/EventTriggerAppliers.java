package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.map;
import static life.suoke.ops.engine.record.Values.str;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;

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
    Map<String, Object> v = event.value();
    long scopeKey = lng(v, "scopeKey");
    String elementId = str(v, "targetElementId");
    triggers.add(
        new EventTrigger(
            event.key(),
            scopeKey,
            elementId,
            new LinkedHashMap<>(map(v, "variables")),
            lng(v, "processInstanceKey")));
    ProcessDefinition definition = deployments.process(lng(v, "processDefinitionKey"));
    ExecutableElement target =
        definition == null ? null : definition.executable().element(elementId);
    ElementInstance scope = instances.elementInstance(scopeKey);
    if (target != null
        && scope != null
        && target.type() == BpmnElementType.START_EVENT
        && target.interrupting()
        && target.flowScopeId() != null
        && definition.executable().element(target.flowScopeId()).type()
            == BpmnElementType.EVENT_SUB_PROCESS) {
      instances.interruptedBy(scope, target.flowScopeId());
    }
  }
}
