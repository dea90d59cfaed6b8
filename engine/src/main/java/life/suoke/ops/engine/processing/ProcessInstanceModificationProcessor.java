package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.api.ProcessInstanceModification;
import life.suoke.ops.engine.api.ProcessInstanceModification.ActivateInstruction;
import life.suoke.ops.engine.api.ProcessInstanceModification.VariableInstruction;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.processing.FlowScopeActivation.Scope;
import life.suoke.ops.engine.processing.FlowScopeActivation.Step;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.record.intent.ProcessInstanceModificationIntent;
import life.suoke.ops.engine.record.value.ProcessInstanceModificationValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * Process instance modification (Zeebe's PROCESS_INSTANCE_MODIFICATION MODIFY command): activates
 * elements, creating the flow scope instances they need, and terminates element instances, with
 * Zeebe's rules and rejections.
 *
 * <p>The command is applied whole or not at all. Everything that can reject it, including what
 * Zeebe only finds out while applying (a flow scope with several instances and no ancestor chosen,
 * a boundary event of a new flow scope whose expression fails, the termination of an instance that
 * a call activity created), is worked out on a plan before the first record is written.
 *
 * <p>Order of the records, as in Zeebe: for each activate instruction, the variables of the flow
 * scopes it uses and the flow scope instances it creates (activating, variables, activated, then
 * their boundary events); then the terminations (an element instance with everything inside it,
 * then each flow scope left with nothing active and not needed by an activation, up to the process
 * instance); then MODIFIED; then the activated elements run, each after its own variables are set.
 */
final class ProcessInstanceModificationProcessor {

  private static final String PROCESS_INSTANCE_NOT_FOUND =
      "Expected to modify process instance but no process instance found with key '%d'";
  private static final String ELEMENT_NOT_FOUND =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " with an element that could not be found: '%s'";
  private static final String ELEMENT_UNSUPPORTED =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " for elements that are unsupported: '%s'. %s.";
  private static final String EVENT_BASED_GATEWAY_TARGET =
      "The activation of events belonging to an event-based gateway is not supported";
  private static final String INSIDE_AD_HOC_SUB_PROCESS =
      "The activation of elements inside an ad-hoc subprocess is not supported by this engine yet";
  private static final String UNSUPPORTED_TYPE =
      "The activation of elements with type '%s' is not supported. Supported element types are: %s";
  private static final String ACTIVATES_MULTI_INSTANCE =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " that would result in the activation of multi-instance element '%s', which is currently unsupported.";
  private static final String TERMINATE_INSTANCE_NOT_FOUND =
      "Expected to modify instance of process '%s' but it contains one or more terminate instructions"
          + " with an element instance that could not be found: '%s'";
  private static final String VARIABLE_SCOPE_NOT_FOUND =
      "Expected to modify instance of process '%s' but it contains one or more variable instructions"
          + " with a scope element id that could not be found: '%s'";
  private static final String VARIABLE_SCOPE_NOT_FLOW_SCOPE =
      "Expected to modify instance of process '%s' but it contains one or more variable instructions"
          + " with a scope element that doesn't belong to the activating element's flow scope."
          + " These variables should be set before or after the modification.";
  private static final String MORE_THAN_ONE_FLOW_SCOPE_INSTANCE =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " for an element that has a flow scope with more than one active instance: '%s'. Can't decide"
          + " in which instance of the flow scope the element should be activated. Please specify an"
          + " ancestor element instance key for this activate instruction.";
  private static final String CHILD_PROCESS_INSTANCE_TERMINATED =
      "Expected to modify instance of process '%s' but the given instructions would terminate"
          + " the instance. The instance was created by a call activity in the parent process."
          + " To terminate this instance please modify the parent process instead.";
  private static final String ANCESTOR_NOT_FOUND =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " with an ancestor scope key that does not exist, or is not in an active state: '%s'";
  private static final String ANCESTOR_WRONG_PROCESS_INSTANCE =
      "Expected to modify instance of process '%s' but it contains one or more activate"
          + " instructions with an ancestor scope key that does not belong to the modified process"
          + " instance: '%s'";
  private static final String ANCESTOR_NOT_ANCESTOR_OF_ELEMENT =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " with an ancestor scope key that is not an ancestor of the element to activate:%s";
  private static final String NOT_ANCESTOR_LINE =
      "\n- instance '%s' of element '%s' is not an ancestor of element '%s'";
  private static final String FLOW_SCOPE_TERMINATED =
      "Expected to modify instance of process '%s' but it contains one or more activate instructions"
          + " for elements whose required flow scope instance is also being terminated: %s."
          + " Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.";
  private static final String FLOW_SCOPE_CONFLICT =
      "element '%s' requires flow scope instance '%d' which is being terminated";

  private final BpmnBehaviors bpmn;
  private final BpmnStateTransitions transitions;

  ProcessInstanceModificationProcessor(BpmnBehaviors bpmn, BpmnStateTransitions transitions) {
    this.bpmn = bpmn;
    this.transitions = transitions;
  }

  /** The MODIFY command's record value, as the gateways received it. */
  static Map<String, Object> commandValue(
      long processInstanceKey, ProcessInstanceModification modification, String tenantId) {
    List<Object> activations = new ArrayList<>();
    for (ActivateInstruction instruction : modification.activateInstructions()) {
      activations.add(activateValue(instruction, Set.of()));
    }
    return recordValue(
            processInstanceKey, activations, modification.terminateInstructions(), tenantId)
        .toJson();
  }

  /** Modifies the process instance, or throws the rejection without having written anything. */
  void modify(
      ProcessingContext ctx, long processInstanceKey, ProcessInstanceModification modification) {
    ElementInstance processInstance = ctx.state().elementInstance(processInstanceKey);
    if (processInstance == null || processInstance.type() != BpmnElementType.PROCESS) {
      throw Rejection.notFound(PROCESS_INSTANCE_NOT_FOUND, processInstanceKey);
    }
    Modification run = new Modification(ctx, processInstance, modification);
    run.validate();
    run.plan();
    run.apply();
  }

  // ------------------------------------------------------------------ one command

  private record Activation(
      ActivateInstruction instruction, ExecutableElement element, List<Step> scopes) {}

  private final class Modification {
    final ProcessingContext ctx;
    final EngineState state;
    final ElementInstance processInstance;
    final ExecutableProcess process;
    final String processId;
    final ProcessInstanceModification request;
    final FlowScopeActivation scopes;
    final List<Activation> activations = new ArrayList<>();

    Modification(
        ProcessingContext ctx,
        ElementInstance processInstance,
        ProcessInstanceModification request) {
      this.ctx = ctx;
      this.state = ctx.state();
      this.processInstance = processInstance;
      ProcessDefinition definition = state.process(processInstance.processDefinitionKey());
      this.process = definition.executable();
      this.processId = processInstance.bpmnProcessId();
      this.request = request;
      this.scopes = new FlowScopeActivation(ctx, bpmn, transitions, definition);
    }

    // ---------------------------------------------------------------- validation (Zeebe's order)

    void validate() {
      List<ActivateInstruction> activate = request.activateInstructions();
      Set<String> unknown = new LinkedHashSet<>();
      for (ActivateInstruction instruction : activate) {
        if (process.element(instruction.elementId()) == null
            && process.sequenceFlow(instruction.elementId()) == null) {
          unknown.add(instruction.elementId());
        }
      }
      if (!unknown.isEmpty()) {
        throw Rejection.invalidArgument(ELEMENT_NOT_FOUND, processId, String.join("', '", unknown));
      }
      validateSupported(activate);
      Set<String> unknownInstances = new LinkedHashSet<>();
      for (long key : request.terminateInstructions()) {
        ElementInstance instance = state.elementInstance(key);
        // an element instance of another process instance is not one this modification can see
        if (instance == null || instance.processInstanceKey != processInstance.key) {
          unknownInstances.add(String.valueOf(key));
        }
      }
      if (!unknownInstances.isEmpty()) {
        throw Rejection.invalidArgument(
            TERMINATE_INSTANCE_NOT_FOUND, processId, String.join("', '", unknownInstances));
      }
      Set<String> unknownScopes = new LinkedHashSet<>();
      for (ActivateInstruction instruction : activate) {
        for (VariableInstruction variables : instruction.variableInstructions()) {
          if (!variables.scopeId().isEmpty() && process.element(variables.scopeId()) == null) {
            unknownScopes.add(variables.scopeId());
          }
        }
      }
      if (!unknownScopes.isEmpty()) {
        throw Rejection.invalidArgument(
            VARIABLE_SCOPE_NOT_FOUND, processId, String.join("', '", unknownScopes));
      }
      for (ActivateInstruction instruction : activate) {
        ExecutableElement element = process.element(instruction.elementId());
        for (VariableInstruction variables : instruction.variableInstructions()) {
          String scopeId = variables.scopeId();
          if (!scopeId.isEmpty()
              && !scopeId.equals(element.id())
              && !isFlowScopeOf(element, scopeId)) {
            throw Rejection.invalidArgument(VARIABLE_SCOPE_NOT_FLOW_SCOPE, processId);
          }
        }
      }
      validateAncestors(activate);
      validateNoActivationInTerminatedScope(activate);
    }

    private void validateSupported(List<ActivateInstruction> activate) {
      Set<String> eventBasedTargets = new LinkedHashSet<>();
      for (ActivateInstruction instruction : activate) {
        ExecutableElement element = process.element(instruction.elementId());
        if (element instanceof ExecutableCatchEvent event && event.eventBasedGatewayId() != null) {
          eventBasedTargets.add(element.id());
        }
      }
      if (!eventBasedTargets.isEmpty()) {
        throw Rejection.invalidArgument(
            ELEMENT_UNSUPPORTED,
            processId,
            String.join("', '", eventBasedTargets),
            EVENT_BASED_GATEWAY_TARGET);
      }
      Set<String> ids = new LinkedHashSet<>();
      Set<String> types = new LinkedHashSet<>();
      for (ActivateInstruction instruction : activate) {
        ExecutableElement element = process.element(instruction.elementId());
        BpmnElementType type = element == null ? BpmnElementType.SEQUENCE_FLOW : element.type();
        if (!FlowScopeActivation.isActivatable(type)) {
          ids.add(instruction.elementId());
          types.add(type.name());
        }
      }
      if (!ids.isEmpty()) {
        throw Rejection.invalidArgument(
            ELEMENT_UNSUPPORTED,
            processId,
            String.join("', '", ids),
            String.format(
                UNSUPPORTED_TYPE,
                String.join("', '", types),
                FlowScopeActivation.ACTIVATABLE_TYPES));
      }
      Set<String> insideAdHoc = new LinkedHashSet<>();
      for (ActivateInstruction instruction : activate) {
        ExecutableElement element = process.element(instruction.elementId());
        if (element != null
            && FlowScopeActivation.flowScopesOf(process, element).stream()
                .anyMatch(scope -> scope.type() == BpmnElementType.AD_HOC_SUB_PROCESS)) {
          insideAdHoc.add(element.id());
        }
      }
      if (!insideAdHoc.isEmpty()) {
        throw Rejection.invalidArgument(
            ELEMENT_UNSUPPORTED,
            processId,
            String.join("', '", insideAdHoc),
            INSIDE_AD_HOC_SUB_PROCESS);
      }
    }

    private void validateAncestors(List<ActivateInstruction> activate) {
      Map<Long, ElementInstance> ancestors = new LinkedHashMap<>();
      Set<String> missing = new LinkedHashSet<>();
      for (ActivateInstruction instruction : activate) {
        long key = instruction.ancestorElementInstanceKey();
        if (key <= 0 || ancestors.containsKey(key)) {
          continue;
        }
        ElementInstance ancestor = state.elementInstance(key);
        ancestors.put(key, ancestor);
        if (ancestor == null || !ancestor.isActive()) {
          missing.add(String.valueOf(key));
        }
      }
      if (!missing.isEmpty()) {
        throw Rejection.invalidArgument(
            ANCESTOR_NOT_FOUND, processId, String.join("', '", missing));
      }
      Set<String> foreign = new LinkedHashSet<>();
      for (ElementInstance ancestor : ancestors.values()) {
        if (ancestor.processInstanceKey != processInstance.key) {
          foreign.add(String.valueOf(ancestor.key));
        }
      }
      if (!foreign.isEmpty()) {
        throw Rejection.invalidArgument(
            ANCESTOR_WRONG_PROCESS_INSTANCE, processId, String.join("', '", foreign));
      }
      StringBuilder notAncestors = new StringBuilder();
      for (ActivateInstruction instruction : activate) {
        ElementInstance ancestor = ancestors.get(instruction.ancestorElementInstanceKey());
        if (ancestor != null
            && !isFlowScopeOf(process.element(instruction.elementId()), ancestor.element().id())) {
          notAncestors.append(
              String.format(
                  NOT_ANCESTOR_LINE,
                  ancestor.key,
                  ancestor.element().id(),
                  instruction.elementId()));
        }
      }
      if (notAncestors.length() > 0) {
        throw Rejection.invalidArgument(ANCESTOR_NOT_ANCESTOR_OF_ELEMENT, processId, notAncestors);
      }
    }

    private void validateNoActivationInTerminatedScope(List<ActivateInstruction> activate) {
      List<String> conflicts = new ArrayList<>();
      for (long terminatedKey : new LinkedHashSet<>(request.terminateInstructions())) {
        ElementInstance terminated = state.elementInstance(terminatedKey);
        for (ActivateInstruction instruction : activate) {
          boolean conflict =
              instruction.ancestorElementInstanceKey() > 0
                  ? instruction.ancestorElementInstanceKey() == terminatedKey
                  : isFlowScopeOf(
                      process.element(instruction.elementId()), terminated.element().id());
          if (conflict) {
            conflicts.add(
                String.format(FLOW_SCOPE_CONFLICT, instruction.elementId(), terminatedKey));
          }
        }
      }
      if (!conflicts.isEmpty()) {
        throw Rejection.invalidArgument(
            FLOW_SCOPE_TERMINATED, processId, String.join(", ", conflicts));
      }
    }

    /**
     * Whether the element with {@code scopeId} is a flow scope of the element, at any depth (the
     * process is one).
     */
    private boolean isFlowScopeOf(ExecutableElement element, String scopeId) {
      return FlowScopeActivation.flowScopesOf(process, element).stream()
          .anyMatch(scope -> scope.id().equals(scopeId));
    }

    // ---------------------------------------------------------------- plan

    void plan() {
      for (ActivateInstruction instruction : request.activateInstructions()) {
        ExecutableElement element = process.element(instruction.elementId());
        List<Step> steps =
            scopes.plan(
                element,
                scopes.scopeOf(processInstance),
                (parent, scopeElement) ->
                    chooseFlowScope(parent, scopeElement, instruction.ancestorElementInstanceKey()),
                scopeId -> documents(instruction, scopeId));
        activations.add(new Activation(instruction, element, steps));
      }
      checkTerminations();
    }

    /**
     * Zeebe does not create a multi-instance body, or an inner instance of one, to activate an
     * element inside it: the element goes into an existing inner instance or is rejected.
     */
    private Scope chooseFlowScope(Scope parent, ExecutableElement scopeElement, long ancestorKey) {
      Scope chosen = reusable(parent, scopeElement, ancestorKey);
      if (chosen == null
          && (scopeElement.type() == BpmnElementType.MULTI_INSTANCE_BODY
              || parent.element.type() == BpmnElementType.MULTI_INSTANCE_BODY)) {
        throw Rejection.invalidArgument(ACTIVATES_MULTI_INSTANCE, processId, scopeElement.id());
      }
      return chosen;
    }

    /**
     * Zeebe's choice of the instance of a flow scope to activate in: the only one, unless the
     * chosen ancestor is above it (then a new one); among several, the chosen ancestor or the one
     * above it; none: a new one (null).
     */
    private Scope reusable(Scope parent, ExecutableElement scopeElement, long ancestorKey) {
      List<Scope> candidates = scopes.instancesOf(parent, scopeElement);
      if (candidates.isEmpty()) {
        return null;
      }
      boolean ancestorChosen = ancestorKey != ProcessInstanceModification.NO_ANCESTOR;
      if (candidates.size() == 1) {
        Scope only = candidates.get(0);
        return ancestorChosen && hasAncestor(only, ancestorKey) ? null : only;
      }
      if (!ancestorChosen) {
        throw Rejection.invalidArgument(
            MORE_THAN_ONE_FLOW_SCOPE_INSTANCE, processId, scopeElement.id());
      }
      for (Scope candidate : candidates) {
        if (candidate.key == ancestorKey) {
          return candidate;
        }
      }
      for (Scope candidate : candidates) {
        if (hasAncestor(candidate, ancestorKey)) {
          return null;
        }
      }
      ElementInstance chosen = state.elementInstance(ancestorKey);
      for (Scope candidate : candidates) {
        if (candidate.existing != null && isAbove(candidate.key, chosen)) {
          return candidate;
        }
      }
      throw Rejection.invalidArgument(
          MORE_THAN_ONE_FLOW_SCOPE_INSTANCE, processId, scopeElement.id());
    }

    private boolean hasAncestor(Scope scope, long ancestorKey) {
      for (Scope above = scopes.parentOf(scope); above != null; above = scopes.parentOf(above)) {
        if (above.existing != null && above.key == ancestorKey) {
          return true;
        }
      }
      return false;
    }

    private boolean isAbove(long key, ElementInstance instance) {
      for (long scope = instance.flowScopeKey; scope != -1; scope = state.parentScope(scope)) {
        if (scope == key) {
          return true;
        }
      }
      return false;
    }

    /**
     * The variable documents of an activate instruction for one scope element (empty scope id: the
     * process).
     */
    private List<Map<String, Object>> documents(
        ActivateInstruction instruction, String scopeElementId) {
      List<Map<String, Object>> documents = new ArrayList<>();
      for (VariableInstruction variables : instruction.variableInstructions()) {
        if (variables.scopeId().equals(scopeElementId)
            || (variables.scopeId().isEmpty() && scopeElementId.equals(processId))) {
          documents.add(variables.variables());
        }
      }
      return documents;
    }

    private Set<Long> requiredScopes() {
      Set<Long> required = new HashSet<>();
      for (Activation activation : activations) {
        for (Step step : activation.scopes()) {
          required.add(step.scope().key);
        }
      }
      return required;
    }

    /**
     * Runs the terminations on paper: the instances that would end, and whether that would end a
     * process instance a call activity created (Zeebe rejects that: modify the parent instead).
     */
    private void checkTerminations() {
      Set<Long> required = requiredScopes();
      Set<Long> ended = new HashSet<>();
      for (long key : request.terminateInstructions()) {
        if (ended.contains(key)) {
          continue;
        }
        ElementInstance instance = state.elementInstance(key);
        rejectIfCalledInstance(instance);
        endWithChildren(instance, ended);
        for (long scopeKey = instance.flowScopeKey; scopeKey != -1 && !ended.contains(scopeKey); ) {
          ElementInstance scope = state.elementInstance(scopeKey);
          boolean anyActive =
              state.children(scopeKey).stream().anyMatch(child -> !ended.contains(child.key));
          if (anyActive || scope.activeFlows() > 0 || required.contains(scopeKey)) {
            break;
          }
          rejectIfCalledInstance(scope);
          ended.add(scopeKey);
          scopeKey = scope.flowScopeKey;
        }
      }
    }

    private void rejectIfCalledInstance(ElementInstance instance) {
      if (instance.type() == BpmnElementType.PROCESS && instance.parentElementInstanceKey() > 0) {
        throw Rejection.invalidArgument(CHILD_PROCESS_INSTANCE_TERMINATED, processId);
      }
    }

    private void endWithChildren(ElementInstance instance, Set<Long> ended) {
      ended.add(instance.key);
      for (ElementInstance child : state.children(instance.key)) {
        endWithChildren(child, ended);
      }
    }

    // ---------------------------------------------------------------- apply

    void apply() {
      List<Object> activated = new ArrayList<>();
      for (Activation activation : activations) {
        Set<Long> ancestorScopeKeys = new LinkedHashSet<>();
        for (Step step : activation.scopes()) {
          Scope scope = step.scope();
          List<Map<String, Object>> documents =
              documents(activation.instruction(), scope.element.id());
          if (step.create()) {
            scopes.create(scope, documents);
          } else {
            documents.forEach(document -> bpmn.variables().setLocal(ctx, scope.key, document));
          }
          ancestorScopeKeys.add(scope.key);
        }
        Scope flowScope = activation.scopes().get(activation.scopes().size() - 1).scope();
        scopes.activateLater(
            flowScope,
            activation.element(),
            documents(activation.instruction(), activation.element().id()));
        activated.add(activateValue(activation.instruction(), ancestorScopeKeys));
      }
      terminate(requiredScopes());
      ctx.event(
          ProcessInstanceModificationIntent.MODIFIED,
          processInstance.key,
          recordValue(
              processInstance.key,
              activated,
              request.terminateInstructions(),
              processInstance.tenantId));
    }

    private void terminate(Set<Long> required) {
      for (long key : request.terminateInstructions()) {
        ElementInstance instance = state.elementInstance(key);
        if (instance == null) {
          continue; // ended with an earlier instruction
        }
        long flowScopeKey = instance.flowScopeKey;
        transitions.terminate(ctx, instance);
        ElementInstance scope = flowScopeKey == -1 ? null : state.elementInstance(flowScopeKey);
        while (scope != null
            && onlyTerminatingChildren(state, scope)
            && !required.contains(scope.key)) {
          long next = scope.flowScopeKey;
          transitions.terminate(ctx, scope);
          scope = next == -1 ? null : state.elementInstance(next);
        }
      }
    }
  }

  /**
   * Whether a flow scope is left with nothing running: no sequence flow taken and no child that is
   * not already being terminated.
   */
  private static boolean onlyTerminatingChildren(EngineState state, ElementInstance scope) {
    return scope.activeFlows() == 0
        && state.children(scope.key).stream()
            .allMatch(child -> child.state() == ElementInstance.State.TERMINATING);
  }

  // ------------------------------------------------------------------ record values

  private static Map<String, Object> activateValue(
      ActivateInstruction instruction, Set<Long> ancestorScopeKeys) {
    List<Map<String, Object>> variables = new ArrayList<>();
    for (VariableInstruction variable : instruction.variableInstructions()) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("variables", variable.variables());
      value.put("elementId", variable.scopeId());
      variables.add(value);
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("elementId", instruction.elementId());
    value.put("ancestorScopeKey", instruction.ancestorElementInstanceKey());
    value.put("variableInstructions", variables);
    value.put("ancestorScopeKeys", List.copyOf(ancestorScopeKeys));
    return value;
  }

  private static ProcessInstanceModificationValue recordValue(
      long processInstanceKey, List<Object> activations, List<Long> terminations, String tenantId) {
    List<Object> terminate = new ArrayList<>();
    for (long key : terminations) {
      terminate.add(Map.of("elementInstanceKey", key));
    }
    return new ProcessInstanceModificationValue(
        processInstanceKey, activations, terminate, List.of(), tenantId);
  }
}
