package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.processing.FlowScopeActivation.Scope;
import life.suoke.ops.engine.processing.FlowScopeActivation.Step;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * A process instance created at user-defined elements instead of its none start event (Zeebe's
 * start instructions of CreateProcessInstance, "Process instance creation": each instruction starts
 * before an element; several start several elements, the same one as often as it is named).
 *
 * <p>Zeebe refuses elements it cannot start at, with one check over every instruction after the
 * other: an id that is no element of the process, an element inside a multi-instance subprocess
 * (and, in this engine, inside an ad-hoc subprocess), a start event (also of an event subprocess),
 * boundary event or sequence flow, a catch event after an event-based gateway. The process instance
 * is created with the command's variables without taking its start event (so without its start
 * listeners), and the subprocesses around each element as flow scopes (their start events not taken
 * either, their boundary events and event subprocesses open); everything is planned before the
 * first record, so a catch event that cannot be opened rejects the command with nothing written.
 * The elements run after the CREATED record, in the order of the instructions, like any element
 * (input mappings, listeners).
 */
final class StartInstructions {

  private static final String ELEMENT_NOT_FOUND =
      "Expected to create instance of process with start instructions but no element found with id '%s'.";
  private static final String INSIDE_MULTI_INSTANCE =
      "Expected to create instance of process with start instructions but the element with id '%s' is inside a"
          + " multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.";
  private static final String INSIDE_AD_HOC_SUB_PROCESS =
      "Expected to create instance of process with start instructions but the element with id '%s' is inside an"
          + " ad-hoc subprocess. The creation of elements inside an ad-hoc subprocess is not supported by this engine yet.";
  private static final String UNSUPPORTED_TYPE =
      "Expected to create instance of process with start instructions but the element with id '%s' targets unsupported"
          + " element type '%s'. Supported element types are: %s";
  private static final String EVENT_BASED_GATEWAY_TARGET =
      "Expected to create instance of process with start instructions but the element with id '%s' belongs to an"
          + " event-based gateway. The creation of elements belonging to an event-based gateway is not supported.";

  private final BpmnBehaviors bpmn;
  private final BpmnStateTransitions transitions;

  StartInstructions(BpmnBehaviors bpmn, BpmnStateTransitions transitions) {
    this.bpmn = bpmn;
    this.transitions = transitions;
  }

  /** The instructions as the PROCESS_INSTANCE_CREATION record holds them. */
  static List<Object> recordValue(List<String> elementIds) {
    List<Object> instructions = new ArrayList<>();
    for (String elementId : elementIds) {
      Map<String, Object> instruction = new LinkedHashMap<>();
      instruction.put("elementId", elementId);
      instructions.add(instruction);
    }
    return instructions;
  }

  /**
   * Creates the instance and plans its elements, or throws the rejection without having written
   * anything.
   */
  ElementInstance create(
      ProcessingContext ctx,
      ProcessDefinition definition,
      Map<String, Object> variables,
      List<String> elementIds) {
    ExecutableProcess process = definition.executable();
    validate(process, elementIds);
    FlowScopeActivation scopes = new FlowScopeActivation(ctx, bpmn, transitions, definition);
    Scope processInstance = scopes.newProcessInstance(variables);
    List<List<Step>> paths = new ArrayList<>();
    for (String elementId : elementIds) {
      paths.add(
          scopes.plan(
              process.element(elementId),
              processInstance,
              (parent, scopeElement) ->
                  scopes.instancesOf(parent, scopeElement).stream().findFirst().orElse(null),
              scopeElementId -> List.of()));
    }
    scopes.create(processInstance, List.of(variables));
    for (int i = 0; i < elementIds.size(); i++) {
      List<Step> path = paths.get(i);
      for (Step step : path) {
        if (step.create()) {
          scopes.create(step.scope(), List.of());
        }
      }
      scopes.activateLater(
          path.get(path.size() - 1).scope(), process.element(elementIds.get(i)), List.of());
    }
    return ctx.state().elementInstance(processInstance.key);
  }

  // ------------------------------------------------------------------ validation (Zeebe's order)

  private static void validate(ExecutableProcess process, List<String> elementIds) {
    for (String elementId : elementIds) {
      if (process.element(elementId) == null && process.sequenceFlow(elementId) == null) {
        throw Rejection.invalidArgument(ELEMENT_NOT_FOUND, elementId);
      }
    }
    for (String elementId : elementIds) {
      if (isInside(process, elementId, BpmnElementType.MULTI_INSTANCE_BODY)) {
        throw Rejection.invalidArgument(INSIDE_MULTI_INSTANCE, elementId);
      }
    }
    for (String elementId : elementIds) {
      if (isInside(process, elementId, BpmnElementType.AD_HOC_SUB_PROCESS)) {
        throw Rejection.invalidArgument(INSIDE_AD_HOC_SUB_PROCESS, elementId);
      }
    }
    for (String elementId : elementIds) {
      ExecutableElement element = process.element(elementId);
      BpmnElementType type = element == null ? BpmnElementType.SEQUENCE_FLOW : element.type();
      if (!FlowScopeActivation.isActivatable(type)) {
        throw Rejection.invalidArgument(
            UNSUPPORTED_TYPE, elementId, type, FlowScopeActivation.ACTIVATABLE_TYPES);
      }
    }
    for (String elementId : elementIds) {
      if (process.element(elementId) instanceof ExecutableCatchEvent event
          && event.eventBasedGatewayId() != null) {
        throw Rejection.invalidArgument(EVENT_BASED_GATEWAY_TARGET, elementId);
      }
    }
  }

  /**
   * Whether an element (a sequence flow: its source) lies inside a flow scope of a type (a
   * multi-instance body, an ad-hoc subprocess), at any depth.
   */
  private static boolean isInside(
      ExecutableProcess process, String elementId, BpmnElementType scopeType) {
    ExecutableElement element = process.element(elementId);
    if (element == null) {
      SequenceFlow flow = process.sequenceFlow(elementId);
      element = process.element(flow.sourceId());
    }
    return FlowScopeActivation.flowScopesOf(process, element).stream()
        .anyMatch(scope -> scope.type() == scopeType);
  }
}
