package life.suoke.ops.engine.processing.bpmn.behavior;

import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.record.value.ProcessInstanceValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.ProcessDefinition;

/** The values of PROCESS_INSTANCE records: of an element instance, and of a sequence flow taken. */
public final class ElementValues {

  private ElementValues() {}

  /** The value of an element instance's lifecycle records. */
  public static ProcessInstanceValue of(ElementInstance instance) {
    return new ProcessInstanceValue(
        instance.bpmnProcessId(),
        instance.version(),
        instance.processDefinitionKey(),
        instance.processInstanceKey,
        instance.element().id(),
        instance.flowScopeKey,
        instance.type().name(),
        eventType(instance.element()),
        instance.parentProcessInstanceKey(),
        instance.parentElementInstanceKey(),
        instance.tenantId);
  }

  /** The value of a new element instance ({@code key}) of an element in a flow scope instance. */
  public static ProcessInstanceValue of(
      ElementInstance flowScope, long key, ExecutableElement element) {
    return new ProcessInstanceValue(
        flowScope.bpmnProcessId(),
        flowScope.version(),
        flowScope.processDefinitionKey(),
        flowScope.processInstanceKey,
        element.id(),
        flowScope.key,
        element.type().name(),
        eventType(element),
        -1L,
        -1L,
        flowScope.tenantId);
  }

  /** The value of a new element instance of a process definition's element (a process instance). */
  public static ProcessInstanceValue of(
      ProcessDefinition definition,
      long processInstanceKey,
      ExecutableElement element,
      long flowScopeKey) {
    return of(
        definition,
        processInstanceKey,
        element.id(),
        element.type(),
        eventType(element),
        flowScopeKey,
        definition.tenantId());
  }

  /** The value of SEQUENCE_FLOW_TAKEN for a flow taken in a flow scope instance. */
  public static ProcessInstanceValue sequenceFlow(
      ProcessDefinition definition, ElementInstance flowScope, SequenceFlow flow) {
    return of(
        definition,
        flowScope.processInstanceKey,
        flow.id(),
        BpmnElementType.SEQUENCE_FLOW,
        eventType(BpmnElementType.SEQUENCE_FLOW),
        flowScope.key,
        flowScope.tenantId);
  }

  private static ProcessInstanceValue of(
      ProcessDefinition definition,
      long processInstanceKey,
      String elementId,
      BpmnElementType type,
      String eventType,
      long flowScopeKey,
      String tenantId) {
    return new ProcessInstanceValue(
        definition.bpmnProcessId(),
        definition.version(),
        definition.key(),
        processInstanceKey,
        elementId,
        flowScopeKey,
        type.name(),
        eventType,
        -1L,
        -1L,
        tenantId);
  }

  private static String eventType(BpmnElementType type) {
    return type == BpmnElementType.START_EVENT || type == BpmnElementType.END_EVENT
        ? "NONE"
        : "UNSPECIFIED";
  }

  private static String eventType(ExecutableElement element) {
    BpmnEventType type = element.eventType();
    return type == null || type == BpmnEventType.UNSPECIFIED
        ? eventType(element.type())
        : type.name();
  }
}
