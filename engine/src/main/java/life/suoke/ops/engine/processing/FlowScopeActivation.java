package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.CatchEventBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.EventSubprocessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.JsonValues;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.Variable;

/**
 * Activating elements that no sequence flow led to: the activate instructions of a process instance
 * modification and the start instructions of a process instance creation. Such an element needs an
 * instance of each of its flow scopes (the process instance, subprocesses, event subprocesses);
 * each one is an instance that exists or that the command already planned (the command chooses), or
 * a new one. As in Zeebe, a new flow scope instance is entered without its start event: it is
 * activated with its variables and opens its boundary events and the start events of its event
 * subprocesses at once, their expressions seeing the variables the command sets.
 *
 * <p>Planning and writing are apart so that a command is applied whole or not at all: {@link #plan}
 * works out every scope, and evaluates the catch events of the new ones (one that cannot be opened
 * rejects the command), before {@link #create} and {@link #activateLater} write anything. One
 * instance serves one command.
 */
final class FlowScopeActivation {

  /**
   * Zeebe's list of the element types that modification and start instructions activate, in its
   * declaration order and without PROCESS: this engine does not start a process inside its own
   * instance.
   */
  static final String ACTIVATABLE_TYPES =
      "[SUB_PROCESS, EVENT_SUB_PROCESS, AD_HOC_SUB_PROCESS, AD_HOC_SUB_PROCESS_INNER_INSTANCE, INTERMEDIATE_CATCH_EVENT,"
          + " INTERMEDIATE_THROW_EVENT, END_EVENT, SERVICE_TASK, RECEIVE_TASK, USER_TASK, MANUAL_TASK, TASK,"
          + " EXCLUSIVE_GATEWAY, PARALLEL_GATEWAY, EVENT_BASED_GATEWAY, INCLUSIVE_GATEWAY, MULTI_INSTANCE_BODY,"
          + " CALL_ACTIVITY, BUSINESS_RULE_TASK, SCRIPT_TASK, SEND_TASK]";

  private static final String SUBSCRIPTION_FAILED =
      "Expected to subscribe to catch event(s) of '%s' but %s";

  /**
   * An element instance an activation goes through: one that exists, or one the command creates
   * (with the catch events it will open, planned ahead).
   */
  static final class Scope {
    final ElementInstance existing;
    final ExecutableElement element;
    final Scope parent;
    final List<Scope> created = new ArrayList<>();

    /** Local variables the command sets here, as expressions will read them. */
    final Map<String, Object> pending = new HashMap<>();

    /** The timers and subscriptions of a new one's catch events. */
    final CatchEventBehavior.Planned catchEvents = new CatchEventBehavior.Planned();

    long key;

    private Scope(ElementInstance existing, ExecutableElement element, Scope parent) {
      this.existing = existing;
      this.element = element;
      this.parent = parent;
      this.key = existing == null ? -1 : existing.key;
    }
  }

  /** A flow scope on the way to an element, and whether this activation creates it. */
  record Step(Scope scope, boolean create) {}

  /**
   * The command's choice of the instance of a flow scope element under its parent: an existing or
   * planned one, or null for a new one.
   */
  @FunctionalInterface
  interface Choice {
    Scope choose(Scope parent, ExecutableElement scopeElement);
  }

  private final ProcessingContext ctx;
  private final EngineState state;
  private final BpmnBehaviors bpmn;
  private final BpmnStateTransitions transitions;
  private final ProcessDefinition definition;
  private final Map<Long, Scope> existing = new HashMap<>();

  FlowScopeActivation(
      ProcessingContext ctx,
      BpmnBehaviors bpmn,
      BpmnStateTransitions transitions,
      ProcessDefinition definition) {
    this.ctx = ctx;
    this.state = ctx.state();
    this.bpmn = bpmn;
    this.transitions = transitions;
    this.definition = definition;
  }

  /**
   * Whether elements of a type can be activated so: not start events, boundary events, sequence
   * flows or the process.
   */
  static boolean isActivatable(BpmnElementType type) {
    return type != BpmnElementType.START_EVENT
        && type != BpmnElementType.BOUNDARY_EVENT
        && type != BpmnElementType.SEQUENCE_FLOW
        && type != BpmnElementType.PROCESS;
  }

  /**
   * The flow scope elements of an element, the process first; inside a multi-instance subprocess
   * its body and then the inner activity (the instance that holds the element).
   */
  static List<ExecutableElement> flowScopesOf(
      ExecutableProcess process, ExecutableElement element) {
    List<ExecutableElement> flowScopes = new ArrayList<>();
    for (String id = flowScopeId(process, element);
        id != null;
        id = flowScopeId(process, process.element(id))) {
      ExecutableElement scopeElement = process.element(id);
      if (scopeElement instanceof ExecutableMultiInstanceBody body) {
        flowScopes.add(0, body.innerActivity());
      }
      flowScopes.add(0, scopeElement);
    }
    return flowScopes;
  }

  private static String flowScopeId(ExecutableProcess process, ExecutableElement element) {
    if (element.type() == BpmnElementType.PROCESS) {
      return null;
    }
    return element.flowScopeId() != null ? element.flowScopeId() : process.bpmnProcessId();
  }

  // ------------------------------------------------------------------ plan

  /** An element instance that exists, as a scope (the same object every time). */
  Scope scopeOf(ElementInstance instance) {
    return existing.computeIfAbsent(
        instance.key, key -> new Scope(instance, instance.element(), null));
  }

  /**
   * A process instance the command creates, with its variables; the start events of its event
   * subprocesses are planned.
   */
  Scope newProcessInstance(Map<String, Object> variables) {
    Scope processInstance = new Scope(null, definition.executable().processElement(), null);
    setPending(processInstance, List.of(variables));
    planCatchEvents(processInstance);
    return processInstance;
  }

  /**
   * The scope an instance is in: its existing flow scope instance, or the planned parent of a new
   * one.
   */
  Scope parentOf(Scope scope) {
    if (scope.existing == null) {
      return scope.parent;
    }
    long flowScopeKey = scope.existing.flowScopeKey;
    ElementInstance flowScope = flowScopeKey == -1 ? null : state.elementInstance(flowScopeKey);
    return flowScope == null ? null : scopeOf(flowScope);
  }

  /** The instances of a flow scope element under a scope: the existing ones, then those planned. */
  List<Scope> instancesOf(Scope parent, ExecutableElement scopeElement) {
    List<Scope> instances = new ArrayList<>();
    if (parent.existing != null) {
      for (ElementInstance child : state.children(parent.existing.key)) {
        if (child.element().id().equals(scopeElement.id())) {
          instances.add(scopeOf(child));
        }
      }
    }
    for (Scope created : parent.created) {
      if (created.element.id().equals(scopeElement.id())) {
        instances.add(created);
      }
    }
    return instances;
  }

  /**
   * The flow scopes of an element from the process instance ({@code processInstance}) down, each
   * chosen or planned new, with the variable documents {@code documents} gives for a scope element
   * id (those for a multi-instance activity's id belong to its inner instance, not the body).
   */
  List<Step> plan(
      ExecutableElement element,
      Scope processInstance,
      Choice choice,
      Function<String, List<Map<String, Object>>> documents) {
    List<Step> steps = new ArrayList<>();
    setPending(processInstance, documents.apply(processInstance.element.id()));
    steps.add(new Step(processInstance, false));
    Scope current = processInstance;
    List<ExecutableElement> flowScopes = flowScopesOf(definition.executable(), element);
    for (ExecutableElement scopeElement : flowScopes.subList(1, flowScopes.size())) {
      Scope chosen = choice.choose(current, scopeElement);
      boolean create = chosen == null;
      if (create) {
        chosen = new Scope(null, scopeElement, current);
        current.created.add(chosen);
      }
      setPending(
          chosen,
          scopeElement.type() == BpmnElementType.MULTI_INSTANCE_BODY
              ? List.of()
              : documents.apply(scopeElement.id()));
      if (create) {
        planCatchEvents(chosen);
      }
      steps.add(new Step(chosen, create));
      current = chosen;
    }
    return steps;
  }

  private void setPending(Scope scope, List<Map<String, Object>> documents) {
    for (Map<String, Object> document : documents) {
      document.forEach((name, value) -> scope.pending.put(name, asRead(value)));
    }
  }

  /** A value as a variable read back from its JSON holds it. */
  private static Object asRead(Object value) {
    return JsonValues.read(JsonValues.write(value));
  }

  /** The variables visible from a scope, with what the command sets before it gets there. */
  private Function<String, Object> variablesSeenFrom(Scope start) {
    return name -> {
      for (Scope scope = start; scope != null; scope = parentOf(scope)) {
        if (scope.pending.containsKey(name)) {
          Object value = scope.pending.get(name);
          return value == null ? FeelEvaluator.NULL_VALUE : value;
        }
        if (scope.existing != null) {
          Variable variable = state.localVariables(scope.key).get(name);
          if (variable != null) {
            return variable.value() == null ? FeelEvaluator.NULL_VALUE : variable.value();
          }
        }
      }
      return null;
    };
  }

  /**
   * A new flow scope instance opens its boundary events and the start events of its event
   * subprocesses (its start event, which would open them, is skipped); one that cannot be opened
   * rejects the command (Zeebe).
   */
  private void planCatchEvents(Scope scope) {
    Function<String, Object> variables = variablesSeenFrom(scope);
    try {
      for (ExecutableCatchEvent event : EventSubprocessBehavior.catchEvents(scope.element)) {
        switch (event.eventType()) {
          case TIMER -> scope.catchEvents.timers.add(bpmn.timers().plan(ctx, event, variables));
          case MESSAGE ->
              scope.catchEvents.messages.add(
                  bpmn.messages().plan(event, variables, event.interrupting()));
          case SIGNAL ->
              scope.catchEvents.signals.add(
                  bpmn.signals().plan(event, variables, event.interrupting()));
          default -> {}
        }
      }
    } catch (ExpressionFailure failure) {
      throw Rejection.invalidArgument(
          SUBSCRIPTION_FAILED, scope.element.id(), failure.getMessage());
    }
  }

  // ------------------------------------------------------------------ write

  /**
   * Creates a planned flow scope instance (the process instance, or one inside its planned parent,
   * which exists by now): ELEMENT_ACTIVATING, its variables, ELEMENT_ACTIVATED, then its timers and
   * subscriptions.
   */
  void create(Scope scope, List<Map<String, Object>> documents) {
    ElementInstance created =
        scope.parent == null
            ? transitions.enterProcessInstance(ctx, definition, documents)
            : transitions.enter(
                ctx, state.elementInstance(scope.parent.key), scope.element, documents);
    scope.key = created.key;
    bpmn.catchEvents().open(ctx, created, scope.catchEvents);
  }

  /**
   * The element runs after the command's records, in its flow scope instance (if that is still
   * active then), with its own variables set right after it starts activating.
   */
  void activateLater(
      Scope flowScope, ExecutableElement element, List<Map<String, Object>> localVariables) {
    long flowScopeKey = flowScope.key;
    ctx.followUp(
        () -> {
          ElementInstance instance = ctx.state().elementInstance(flowScopeKey);
          if (instance != null && instance.isActive()) {
            transitions.activateWithLocalVariables(ctx, instance, element, localVariables);
          }
        });
  }
}
