package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.ProcessDefinition;

/** The values of PROCESS_INSTANCE records: of an element instance, and of a sequence flow taken. */
public final class ElementValues {

  private ElementValues() {}

  /** The value of an element instance's lifecycle records. */
  public static Map<String, Object> of(ElementInstance instance) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", instance.bpmnProcessId());
    value.put("version", instance.version());
    value.put("processDefinitionKey", instance.processDefinitionKey());
    value.put("processInstanceKey", instance.processInstanceKey);
    value.put("elementId", instance.element().id());
    value.put("flowScopeKey", instance.flowScopeKey);
    value.put("bpmnElementType", instance.type().name());
    value.put("bpmnEventType", eventType(instance.element()));
    value.put("parentProcessInstanceKey", instance.parentProcessInstanceKey());
    value.put("parentElementInstanceKey", instance.parentElementInstanceKey());
    value.put("tenantId", instance.tenantId);
    return value;
  }

  /** The value of a new element instance ({@code key}) of an element in a flow scope instance. */
  public static Map<String, Object> of(
      ElementInstance flowScope, long key, ExecutableElement element) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", flowScope.bpmnProcessId());
    value.put("version", flowScope.version());
    value.put("processDefinitionKey", flowScope.processDefinitionKey());
    value.put("processInstanceKey", flowScope.processInstanceKey);
    value.put("elementId", element.id());
    value.put("flowScopeKey", flowScope.key);
    value.put("bpmnElementType", element.type().name());
    value.put("bpmnEventType", eventType(element));
    value.put("parentProcessInstanceKey", -1L);
    value.put("parentElementInstanceKey", -1L);
    value.put("tenantId", flowScope.tenantId);
    return value;
  }

  /** The value of a new element instance of a process definition's element (a process instance). */
  public static Map<String, Object> of(
      ProcessDefinition definition,
      long processInstanceKey,
      ExecutableElement element,
      long flowScopeKey) {
    Map<String, Object> value =
        of(
            definition,
            processInstanceKey,
            element.id(),
            element.type(),
            flowScopeKey,
            definition.tenantId());
    value.put("bpmnEventType", eventType(element));
    return value;
  }

  /** The value of SEQUENCE_FLOW_TAKEN for a flow taken in a flow scope instance. */
  public static Map<String, Object> sequenceFlow(
      ProcessDefinition definition, ElementInstance flowScope, SequenceFlow flow) {
    return of(
        definition,
        flowScope.processInstanceKey,
        flow.id(),
        BpmnElementType.SEQUENCE_FLOW,
        flowScope.key,
        flowScope.tenantId);
  }

  private static Map<String, Object> of(
      ProcessDefinition definition,
      long processInstanceKey,
      String elementId,
      BpmnElementType type,
      long flowScopeKey,
      String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", definition.bpmnProcessId());
    value.put("version", definition.version());
    value.put("processDefinitionKey", definition.key());
    value.put("processInstanceKey", processInstanceKey);
    value.put("elementId", elementId);
    value.put("flowScopeKey", flowScopeKey);
    value.put("bpmnElementType", type.name());
    value.put("bpmnEventType", eventType(type));
    value.put("parentProcessInstanceKey", -1L);
    value.put("parentElementInstanceKey", -1L);
    value.put("tenantId", tenantId);
    return value;
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
