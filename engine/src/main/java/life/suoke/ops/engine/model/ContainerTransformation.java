package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.ModelElements.blankToNull;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.ModelElements.optional;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAdHoc;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** The executable parts of containers: multi-instance bodies and ad-hoc subprocesses. */
final class ContainerTransformation {

  private ContainerTransformation() {}

  /**
   * The element of an ad-hoc subprocess's inner instances: Zeebe's {@code <id>#innerInstance}, the
   * flow scope of the subprocess's elements.
   */
  static ExecutableFlowScope adHocInnerInstance(ExecutableAdHocSubProcess adHoc) {
    ExecutableFlowScope innerInstance =
        new ExecutableFlowScope(
            adHoc.id() + AdHocSubProcess.INNER_INSTANCE_ID_POSTFIX,
            null,
            BpmnElementType.AD_HOC_SUB_PROCESS_INNER_INSTANCE);
    innerInstance.setFlowScopeId(adHoc.id());
    return innerInstance;
  }

  /**
   * An ad-hoc subprocess's definition, once its elements are built. The elements it can activate
   * are those without incoming sequence flows, other than boundary events (Zeebe's rule; its
   * validators allow no start or end events and this engine no event subprocesses here).
   */
  static AdHocSubProcess adHocSubProcess(
      io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess adHoc,
      ExecutableFlowScope innerInstance,
      ExecutableProcess executable) {
    ZeebeAdHoc zeebeAdHoc = extension(adHoc, ZeebeAdHoc.class);
    Set<String> flowTargets = new HashSet<>();
    for (FlowElement element : adHoc.getFlowElements()) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flowTargets.add(flow.getTarget().getId());
      }
    }
    Map<String, ExecutableElement> activatable = new LinkedHashMap<>();
    List<Map<String, Object>> metadata = new ArrayList<>();
    for (FlowElement element : adHoc.getFlowElements()) {
      if (element instanceof FlowNode node
          && !(node instanceof BoundaryEvent)
          && !flowTargets.contains(node.getId())) {
        activatable.put(node.getId(), executable.element(node.getId()));
        metadata.add(adHocElementMetadata(node));
      }
    }
    String condition =
        adHoc.getCompletionCondition() == null
            ? null
            : blankToNull(adHoc.getCompletionCondition().getTextContent());
    return new AdHocSubProcess(
        zeebeAdHoc == null ? null : optional(zeebeAdHoc.getActiveElementsCollection()),
        condition == null ? null : Expression.parse(condition),
        adHoc.isCancelRemainingInstances(),
        zeebeAdHoc == null ? null : blankToNull(zeebeAdHoc.getOutputCollection()),
        zeebeAdHoc == null ? null : optional(zeebeAdHoc.getOutputElement()),
        innerInstance,
        java.util.Collections.unmodifiableMap(activatable),
        List.copyOf(metadata));
  }

  /**
   * An element's entry of {@code adHocSubProcessElements}: its id, and its name, documentation and
   * {@code zeebe:properties} where it has them (Zeebe leaves out empty ones).
   */
  static Map<String, Object> adHocElementMetadata(FlowNode node) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("elementId", node.getId());
    if (blankToNull(node.getName()) != null) {
      entry.put("elementName", node.getName());
    }
    String documentation =
        node.getDocumentations().stream()
            .map(ModelElementInstance::getTextContent)
            .findFirst()
            .orElse(null);
    if (blankToNull(documentation) != null) {
      entry.put("documentation", documentation);
    }
    ZeebeProperties properties = extension(node, ZeebeProperties.class);
    if (properties != null && !properties.getProperties().isEmpty()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (ZeebeProperty property : properties.getProperties()) {
        values.put(property.getName(), property.getValue() == null ? "" : property.getValue());
      }
      entry.put("properties", values);
    }
    return entry;
  }

  /**
   * The element the process addresses by the node's id: the node itself, or for a multi-instance
   * activity a {@link BpmnElementType#MULTI_INSTANCE_BODY} with the same id wrapping it (the body
   * takes the sequence flows and boundary events; the inner activity keeps the rest).
   */
  static ExecutableElement multiInstanceBody(FlowNode node, ExecutableElement built) {
    if (!(built instanceof ExecutableActivity inner)
        || !(node instanceof Activity activity)
        || !(activity.getLoopCharacteristics()
            instanceof MultiInstanceLoopCharacteristics multiInstance)) {
      return built;
    }
    ZeebeLoopCharacteristics loop = extension(multiInstance, ZeebeLoopCharacteristics.class);
    String condition =
        multiInstance.getCompletionCondition() == null
            ? null
            : blankToNull(multiInstance.getCompletionCondition().getTextContent());
    LoopCharacteristics characteristics =
        new LoopCharacteristics(
            multiInstance.isSequential(),
            Expression.parse(loop.getInputCollection()),
            blankToNull(loop.getInputElement()),
            blankToNull(loop.getOutputCollection()),
            optional(loop.getOutputElement()),
            condition == null ? null : Expression.parse(condition));
    ExecutableMultiInstanceBody body = new ExecutableMultiInstanceBody(inner, characteristics);
    body.setFlowScopeId(built.flowScopeId());
    return body;
  }
}
