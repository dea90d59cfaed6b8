package life.suoke.ops.engine.state;

import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableFlowScope;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.AdHocSubProcessInstructionIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.value.AdHocSubProcessInstructionValue;
import life.suoke.ops.engine.record.value.ProcessInstanceValue;

/** The appliers of PROCESS_INSTANCE and AD_HOC_SUB_PROCESS_INSTRUCTION events. */
final class ProcessInstanceAppliers {

  private ProcessInstanceAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register(
        (e, s) -> activating(e, s.deployments, s.elementInstances, s.eventTriggers),
        ProcessInstanceIntent.ELEMENT_ACTIVATING);
    registry.register(
        (e, s) -> s.elementInstances.activated(e.key()), ProcessInstanceIntent.ELEMENT_ACTIVATED);
    registry.register(
        (e, s) -> s.elementInstances.setState(e.key(), ElementInstance.State.COMPLETING),
        ProcessInstanceIntent.ELEMENT_COMPLETING);
    registry.register(
        (e, s) -> s.elementInstances.setState(e.key(), ElementInstance.State.TERMINATING),
        ProcessInstanceIntent.ELEMENT_TERMINATING);
    registry.register(
        (e, s) -> left(e, s.elementInstances, s.variables, s.eventTriggers, s.messages),
        ProcessInstanceIntent.ELEMENT_COMPLETED,
        ProcessInstanceIntent.ELEMENT_TERMINATED);
    registry.register(
        (e, s) -> migrated(e, s.deployments, s.elementInstances, s.messages),
        ProcessInstanceIntent.ELEMENT_MIGRATED);
    registry.register(
        (e, s) -> sequenceFlowTaken(e, s.deployments, s.elementInstances),
        ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN);
    registry.register(
        (e, s) -> sequenceFlowDeleted(e, s.deployments, s.elementInstances),
        ProcessInstanceIntent.SEQUENCE_FLOW_DELETED);
    registry.register(
        (e, s) -> adHocCompletionConditionFulfilled(e, s.elementInstances),
        AdHocSubProcessInstructionIntent.COMPLETED);
  }

  /**
   * A new element instance: a child of its flow scope, which counts it and gives it the token that
   * led to it; a called process instance is linked to its caller; an interrupting event subprocess
   * drops the flows of its scope, and the start event of an event subprocess takes over its
   * trigger.
   */
  static void activating(
      Record event,
      DeploymentState deployments,
      ElementInstanceState instances,
      EventTriggerState triggers) {
    ProcessInstanceValue v = ProcessInstanceValue.of(event);
    long key = event.key();
    ProcessDefinition definition = deployments.process(v.processDefinitionKey());
    ExecutableElement element = element(definition, v);
    long flowScopeKey = v.flowScopeKey();
    ElementInstance instance =
        new ElementInstance(
            key,
            v.processInstanceKey(),
            definition.key(),
            definition.bpmnProcessId(),
            definition.version(),
            SharedStrings.shared(v.tenantId()),
            flowScopeKey,
            element,
            event.timestamp());
    instances.add(instance);
    long parentElementInstanceKey = v.parentElementInstanceKey();
    if (flowScopeKey == -1 && parentElementInstanceKey > 0) {
      instances.calledBy(instance, parentElementInstanceKey, v.parentProcessInstanceKey());
    }
    ElementInstance flowScope = instances.elementInstance(flowScopeKey);
    if (flowScope == null) {
      return;
    }
    instances.enterFlowScope(flowScope, instance);
    if (element.type() == BpmnElementType.EVENT_SUB_PROCESS
        && ((ExecutableFlowScope) element).subProcessStartEvent().interrupting()) {
      instances.dropTakenFlows(flowScope);
    } else if (element.type() == BpmnElementType.START_EVENT
        && flowScope.type() == BpmnElementType.EVENT_SUB_PROCESS) {
      triggers.handOver(flowScope.flowScopeKey, element.id(), key);
    }
  }

  /**
   * The element of a record in its process: an inner instance of a multi-instance body has the
   * body's id.
   */
  private static ExecutableElement element(ProcessDefinition definition, ProcessInstanceValue v) {
    ExecutableElement element = definition.executable().element(v.elementId());
    if (element instanceof ExecutableMultiInstanceBody body
        && !BpmnElementType.MULTI_INSTANCE_BODY.name().equals(v.bpmnElementType())) {
      element = body.innerActivity();
    }
    return element;
  }

  /**
   * ELEMENT_COMPLETED or ELEMENT_TERMINATED: the instance is gone with its variables, its children
   * index, the triggers waiting in it and, for a process instance a message started, its hold on
   * the correlation key.
   */
  static void left(
      Record event,
      ElementInstanceState instances,
      VariableState variables,
      EventTriggerState triggers,
      MessageState messages) {
    long key = event.key();
    instances.remove(key, event.intent() == ProcessInstanceIntent.ELEMENT_COMPLETED);
    variables.removeScope(key);
    triggers.left(key);
    messages.instanceEnded(key);
  }

  /**
   * A process instance migration moved an element instance to another process definition (and maybe
   * another element id): the instance keeps its key, state, variables and children.
   */
  static void migrated(
      Record event,
      DeploymentState deployments,
      ElementInstanceState instances,
      MessageState messages) {
    ElementInstance instance = instances.elementInstance(event.key());
    if (instance == null) {
      return;
    }
    ProcessInstanceValue v = ProcessInstanceValue.of(event);
    ProcessDefinition target = deployments.process(v.processDefinitionKey());
    ExecutableElement element = element(target, v);
    if (!target.bpmnProcessId().equals(instance.bpmnProcessId)) {
      messages.instanceMigrated(event.key(), instance.tenantId, target.bpmnProcessId());
    }
    instances.migrate(instance, target, element);
  }

  static void sequenceFlowTaken(
      Record event, DeploymentState deployments, ElementInstanceState instances) {
    ProcessInstanceValue v = ProcessInstanceValue.of(event);
    long flowScopeKey = v.flowScopeKey();
    if (instances.elementInstance(flowScopeKey) == null) {
      return;
    }
    instances.takeFlow(
        flowScopeKey, deployments.process(v.processDefinitionKey()).executable(), v.elementId());
  }

  static void sequenceFlowDeleted(
      Record event, DeploymentState deployments, ElementInstanceState instances) {
    ProcessInstanceValue v = ProcessInstanceValue.of(event);
    instances.deleteTakenFlow(
        v.flowScopeKey(), deployments.process(v.processDefinitionKey()), v.elementId());
  }

  /** A job result fulfilled an ad-hoc subprocess's completion condition. */
  static void adHocCompletionConditionFulfilled(Record event, ElementInstanceState instances) {
    instances.adHocCompletionConditionFulfilled(
        event.key(), AdHocSubProcessInstructionValue.of(event).cancelRemainingInstances());
  }
}
