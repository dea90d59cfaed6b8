package life.suoke.ops.engine.processing.bpmn;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableActivity;
import life.suoke.ops.engine.model.ExecutableCallActivity;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutionListener;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.processing.EngineListener;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ElementValues;
import life.suoke.ops.engine.processing.bpmn.behavior.EventSubprocessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.value.ProcessInstanceValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.EventTrigger;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * The lifecycle of element instances, the same for every element: it writes the lifecycle records,
 * runs the steps all elements share (input and output mappings, execution listeners, termination
 * with everything inside, the end of a process instance) and hands each element's own steps to its
 * processor, looked up by element type ({@link BpmnElementProcessors}). It holds the behaviours
 * ({@link BpmnBehaviors}), which reach it back only through {@link BpmnStateTransitions}.
 */
public final class BpmnElementLifecycle implements BpmnStateTransitions {

  private final BpmnBehaviors behaviors;
  private final BpmnElementProcessors processors;
  private final EngineListener listener;

  public BpmnElementLifecycle(ExpressionBehavior expressions, EngineListener listener) {
    this.listener = listener;
    this.behaviors = new BpmnBehaviors(expressions, listener, this);
    this.processors = new BpmnElementProcessors(behaviors, this);
  }

  public BpmnBehaviors behaviors() {
    return behaviors;
  }

  public BpmnElementProcessors processors() {
    return processors;
  }

  // ------------------------------------------------------------------ creation

  @Override
  public ElementInstance createProcessInstance(
      ProcessingContext ctx,
      ProcessDefinition definition,
      Map<String, Object> initialVariables,
      ExecutableElement start,
      ElementInstance caller) {
    EngineState state = ctx.state();
    long key = state.nextKey();
    ExecutableElement processElement = definition.executable().processElement();
    ProcessInstanceValue value = ElementValues.of(definition, key, processElement, -1);
    if (caller != null) {
      value = value.withParent(caller.processInstanceKey, caller.key);
    }
    ctx.event(ProcessInstanceIntent.ELEMENT_ACTIVATING, key, value);
    ElementInstance instance = state.elementInstance(key);
    behaviors.variables().setLocal(ctx, key, initialVariables);
    if (behaviors.executionListeners().processStartListenerPending(ctx, instance, start)) {
      return instance;
    }
    activated(ctx, instance);
    ctx.followUp(() -> activate(ctx, instance, start));
    return instance;
  }

  // ------------------------------------------------------------------ activation

  @Override
  public void activate(
      ProcessingContext ctx, ElementInstance flowScope, ExecutableElement element) {
    activate(ctx, flowScope, element, null, -1);
  }

  @Override
  public void activateTriggered(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      Map<String, Object> eventVariables) {
    activate(ctx, flowScope, element, eventVariables, -1);
  }

  @Override
  public void activateWithKey(
      ProcessingContext ctx, ElementInstance flowScope, ExecutableElement element, long key) {
    activate(ctx, flowScope, element, null, key);
  }

  /**
   * {@code triggeredWith}: non-null for an event that has already happened, which completes at once
   * with those variables; {@code chosenKey}: the key chosen before, or -1 for a new one.
   */
  private void activate(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      Map<String, Object> triggeredWith,
      long chosenKey) {
    EngineState state = ctx.state();
    ElementInstance scope = state.elementInstance(flowScope.key);
    if (scope == null
        || scope.state() != ElementInstance.State.ACTIVATED
        || scope.interruptingElementId() != null
            && !scope.interruptingElementId().equals(element.id())) {
      return; // the scope was left or interrupted by an event subprocess meanwhile: nothing starts
      // in it (Zeebe's rule)
    }
    long key = chosenKey != -1 ? chosenKey : state.nextKey();
    ctx.event(
        ProcessInstanceIntent.ELEMENT_ACTIVATING, key, ElementValues.of(flowScope, key, element));
    ElementInstance instance = state.elementInstance(key);
    if (triggeredWith != null) {
      activated(ctx, instance);
      complete(ctx, instance, triggeredWith);
      return;
    }
    continueActivation(ctx, instance);
  }

  @Override
  public void activateWithLocalVariables(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      List<Map<String, Object>> localVariables) {
    long key = ctx.state().nextKey();
    ctx.event(
        ProcessInstanceIntent.ELEMENT_ACTIVATING, key, ElementValues.of(flowScope, key, element));
    localVariables.forEach(document -> behaviors.variables().setLocal(ctx, key, document));
    continueActivation(ctx, ctx.state().elementInstance(key));
  }

  @Override
  public ElementInstance enter(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      List<Map<String, Object>> localVariables) {
    long key = ctx.state().nextKey();
    return entered(ctx, key, ElementValues.of(flowScope, key, element), localVariables);
  }

  @Override
  public ElementInstance enterProcessInstance(
      ProcessingContext ctx, ProcessDefinition definition, List<Map<String, Object>> variables) {
    long key = ctx.state().nextKey();
    ExecutableElement processElement = definition.executable().processElement();
    return entered(ctx, key, ElementValues.of(definition, key, processElement, -1), variables);
  }

  private ElementInstance entered(
      ProcessingContext ctx,
      long key,
      ProcessInstanceValue value,
      List<Map<String, Object>> localVariables) {
    ctx.event(ProcessInstanceIntent.ELEMENT_ACTIVATING, key, value);
    localVariables.forEach(document -> behaviors.variables().setLocal(ctx, key, document));
    ElementInstance instance = ctx.state().elementInstance(key);
    activated(ctx, instance);
    return instance;
  }

  @Override
  public void continueActivation(ProcessingContext ctx, ElementInstance instance) {
    ElementInstance container = flowScopeOf(ctx.state(), instance);
    BpmnContainerProcessor containerProcessor =
        container == null ? null : processors.container(container.type());
    if (containerProcessor != null) {
      Outcome<Void> childActivating =
          containerProcessor.onChildActivating(ctx, container, instance);
      if (childActivating.isFailure()) {
        raise(ctx, instance, childActivating);
        return;
      }
    }
    processors.get(instance.type()).onActivating(ctx, instance);
    // a child of a container with variables of its own (a multi-instance body's inner instance: its
    // item and loopCounter) sees them
    long mappingScope = containerProcessor != null ? instance.key : instance.flowScopeKey;
    Outcome<Void> mapped = behaviors.variables().applyInputMappings(ctx, instance, mappingScope);
    if (mapped.isFailure()) {
      raise(ctx, instance, mapped);
      return;
    }
    if (behaviors.executionListeners().startListenerPending(ctx, instance)) {
      return;
    }
    finalizeActivation(ctx, instance);
  }

  @Override
  public void finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    raise(ctx, instance, processors.get(instance.type()).finalizeActivation(ctx, instance));
  }

  @Override
  public void activated(ProcessingContext ctx, ElementInstance instance) {
    ctx.event(ProcessInstanceIntent.ELEMENT_ACTIVATED, instance.key, ElementValues.of(instance));
  }

  // ------------------------------------------------------------------ completion

  @Override
  public void complete(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    ElementInstance live = ctx.state().elementInstance(instance.key);
    if (live == null || live.state() == ElementInstance.State.TERMINATING) {
      return; // terminated meanwhile, e.g. by the interrupting event subprocess its own signal
      // triggered
    }
    ctx.event(ProcessInstanceIntent.ELEMENT_COMPLETING, instance.key, ElementValues.of(instance));
    continueCompletion(ctx, instance, resultVariables);
  }

  @Override
  public void completeGateway(
      ProcessingContext ctx, ElementInstance gateway, List<SequenceFlow> flowsToTake) {
    requireType(gateway, BpmnElementType.EXCLUSIVE_GATEWAY, BpmnElementType.INCLUSIVE_GATEWAY);
    ctx.event(ProcessInstanceIntent.ELEMENT_COMPLETING, gateway.key, ElementValues.of(gateway));
    completed(ctx, gateway, flowsToTake);
  }

  @Override
  public void completeGatewayAtEvent(
      ProcessingContext ctx,
      ElementInstance gateway,
      ExecutableElement event,
      Map<String, Object> eventVariables) {
    requireType(gateway, BpmnElementType.EVENT_BASED_GATEWAY);
    ElementInstance flowScope = ctx.state().elementInstance(gateway.flowScopeKey);
    ctx.event(ProcessInstanceIntent.ELEMENT_COMPLETING, gateway.key, ElementValues.of(gateway));
    SequenceFlow toEvent =
        gateway.element().outgoing().stream()
            .filter(flow -> flow.targetId().equals(event.id()))
            .findFirst()
            .orElseThrow();
    left(ctx, gateway);
    // the event is activated as one that happened, not as the flow's target
    behaviors.flows().taken(ctx, flowScope, toEvent);
    ctx.followUp(() -> activateTriggered(ctx, flowScope, event, eventVariables));
  }

  /**
   * The transitions that leave out steps every other element has are for the elements Zeebe leaves
   * them out for: a call for any other is a mistake.
   */
  private static void requireType(ElementInstance instance, BpmnElementType... types) {
    if (!List.of(types).contains(instance.type())) {
      throw new IllegalArgumentException(
          "Expected an element of type " + List.of(types) + ", but got " + instance.type());
    }
  }

  @Override
  public void continueCompletion(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    ExecutableElement element = instance.element();
    Map<String, Object> completedWith =
        processors.get(instance.type()).onCompleting(ctx, instance, resultVariables);
    Outcome<Void> mapped = behaviors.variables().applyOutputs(ctx, instance, completedWith);
    if (mapped.isFailure()) {
      raise(ctx, instance, mapped);
      return;
    }
    if (!element.executionListeners(ExecutionListener.EventType.END).isEmpty()) {
      // the element stops waiting for its events before its end listeners run
      behaviors.catchEvents().closeAll(ctx, instance.key);
    }
    if (behaviors.executionListeners().endListenerPending(ctx, instance)) {
      return;
    }
    finalizeCompletion(ctx, instance);
  }

  @Override
  public void finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    ElementInstance container = flowScopeOf(ctx.state(), instance);
    BpmnContainerProcessor containerProcessor =
        container == null ? null : processors.container(container.type());
    raise(
        ctx,
        instance,
        containerProcessor != null
            ? containerProcessor.onChildCompleting(ctx, container, instance)
            : processors.get(instance.type()).finalizeCompletion(ctx, instance));
  }

  /**
   * The lifecycle receives the failures of the element's steps: the incident is raised on the
   * element instance, which stays where it is (ACTIVATING, COMPLETING) until it is resolved.
   */
  private void raise(ProcessingContext ctx, ElementInstance instance, Outcome<?> outcome) {
    outcome.ifFailure(failure -> behaviors.incidents().raise(ctx, instance, failure));
  }

  @Override
  public void completed(
      ProcessingContext ctx, ElementInstance instance, List<SequenceFlow> flowsToTake) {
    if (instance.type() == BpmnElementType.PROCESS) {
      ProcessInstanceValue value = ElementValues.of(instance);
      behaviors.catchEvents().closeAll(ctx, instance.key);
      processInstanceCompleted(ctx, instance, value);
      return;
    }
    left(ctx, instance);
    ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey);
    if (flowsToTake.isEmpty()) {
      completeFlowScopeIfDone(ctx, flowScope);
      return;
    }
    for (SequenceFlow flow : flowsToTake) {
      behaviors.flows().take(ctx, flowScope, flow);
    }
  }

  /**
   * An element (not a process instance) is left: it stops waiting for its events, leaves its
   * compensation subscription, and ELEMENT_COMPLETED is written.
   */
  private void left(ProcessingContext ctx, ElementInstance instance) {
    ProcessInstanceValue value = ElementValues.of(instance);
    behaviors.catchEvents().closeAll(ctx, instance.key);
    behaviors.compensation().subscribe(ctx, instance);
    ctx.event(ProcessInstanceIntent.ELEMENT_COMPLETED, instance.key, value);
    behaviors.compensation().completed(ctx, instance);
  }

  /**
   * A flow scope in which nothing runs any more completes (in a follow-up, if still so then),
   * unless it decides itself when it completes.
   */
  private void completeFlowScopeIfDone(ProcessingContext ctx, ElementInstance flowScope) {
    if (flowScope != null
        && processors.get(flowScope.type()).completesWhenEmpty()
        && flowScope.state() == ElementInstance.State.ACTIVATED
        && flowScope.activeChildren() == 0
        && flowScope.activeFlows() == 0) {
      ctx.followUp(
          () -> {
            if (flowScope.state() == ElementInstance.State.ACTIVATED
                && flowScope.activeChildren() == 0
                && flowScope.activeFlows() == 0) {
              complete(ctx, flowScope, null);
            }
          });
    }
  }

  // ------------------------------------------------------------------ the end of a process
  // instance

  /**
   * A process instance completed: its compensation subscriptions go, the next message buffered for
   * its correlation key may start an instance, the waiting client hears of it after the commit, and
   * the call activity that called it completes with its variables.
   */
  private void processInstanceCompleted(
      ProcessingContext ctx, ElementInstance instance, ProcessInstanceValue value) {
    EngineState state = ctx.state();
    Map<String, Object> finalVariables = state.visibleVariables(instance.key);
    String startedByMessage = state.messageStartCorrelationKey(instance.key);
    ctx.event(ProcessInstanceIntent.ELEMENT_COMPLETED, instance.key, value);
    behaviors.compensation().deleteAll(ctx, instance);
    startNextBufferedMessage(ctx, instance, startedByMessage);
    ctx.afterCommit(() -> listener.processInstanceCompleted(instance.key, finalVariables));
    if (instance.parentElementInstanceKey() > 0) {
      calledProcessCompleted(ctx, instance, finalVariables);
    }
  }

  /** A called process instance completed: its caller completes with the child's variables. */
  private void calledProcessCompleted(
      ProcessingContext ctx, ElementInstance child, Map<String, Object> childVariables) {
    ElementInstance caller = ctx.state().elementInstance(child.parentElementInstanceKey());
    if (caller == null || caller.state() != ElementInstance.State.ACTIVATED) {
      return;
    }
    var called = caller.element(ExecutableCallActivity.class).calledElement();
    boolean passVariables =
        called.propagateAllChildVariables() || !caller.element().outputMappings().isEmpty();
    ctx.followUp(() -> complete(ctx, caller, passVariables ? childVariables : Map.of()));
  }

  /**
   * After a process instance a message started: the next buffered message for its correlation key
   * may start one.
   */
  private void startNextBufferedMessage(
      ProcessingContext ctx, ElementInstance processInstance, String correlationKey) {
    if (correlationKey != null) {
      ctx.followUp(
          () ->
              behaviors
                  .messages()
                  .startNextBuffered(
                      ctx,
                      processInstance.tenantId,
                      processInstance.bpmnProcessId(),
                      correlationKey));
    }
  }

  // ------------------------------------------------------------------ termination

  @Override
  public boolean terminate(ProcessingContext ctx, ElementInstance instance) {
    if (instance.state() == ElementInstance.State.TERMINATING) {
      return false;
    }
    EngineState state = ctx.state();
    ctx.event(ProcessInstanceIntent.ELEMENT_TERMINATING, instance.key, ElementValues.of(instance));
    for (ElementInstance child : state.children(instance.key)) {
      terminate(ctx, child);
    }
    ElementInstance called = calledInstance(state, instance);
    if (called != null && called.isActive()) {
      terminate(ctx, called);
    }
    behaviors.jobs().cancel(ctx, instance);
    behaviors.catchEvents().closeAll(ctx, instance.key);
    behaviors.incidents().resolveAll(ctx, instance.key);
    if (behaviors.userTasks().cancel(ctx, instance)
        || !state.children(instance.key).isEmpty()
        || calledInstance(state, instance) != null) {
      return false;
    }
    terminated(ctx, instance);
    return true;
  }

  /** The process instance a call activity started and that has not ended yet, or null. */
  private static ElementInstance calledInstance(EngineState state, ElementInstance instance) {
    return instance.calledChildKey() == -1
        ? null
        : state.elementInstance(instance.calledChildKey());
  }

  private void terminated(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    boolean processInstance = instance.type() == BpmnElementType.PROCESS;
    String startedByMessage =
        processInstance ? state.messageStartCorrelationKey(instance.key) : null;
    ctx.event(ProcessInstanceIntent.ELEMENT_TERMINATED, instance.key, ElementValues.of(instance));
    if (processInstance) {
      behaviors.compensation().deleteAll(ctx, instance);
      startNextBufferedMessage(ctx, instance, startedByMessage);
      ctx.afterCommit(() -> listener.processInstanceTerminated(instance.key));
    }
  }

  /**
   * Ends an element whose termination waited (for the canceling listeners of its user task, or for
   * what was inside it to end), then goes on with what waited for it: the termination of its flow
   * scope or calling element, or, in a flow scope still active, the interrupting event that
   * terminated it (a boundary event, an event subprocess), or the completion of the scope (after a
   * terminate end event, or the completion condition of a multi-instance body or an ad-hoc
   * subprocess).
   */
  @Override
  public void continueTermination(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    EventTrigger boundaryEvent = boundaryEventTrigger(state, instance);
    terminated(ctx, instance);
    ElementInstance waiting =
        instance.type() == BpmnElementType.PROCESS
            ? state.elementInstance(instance.parentElementInstanceKey())
            : state.elementInstance(instance.flowScopeKey);
    if (waiting == null) {
      return;
    }
    if (waiting.state() == ElementInstance.State.TERMINATING) {
      if (state.children(waiting.key).isEmpty() && calledInstance(state, waiting) == null) {
        continueTermination(ctx, waiting);
      }
      return;
    }
    if (waiting.state() != ElementInstance.State.ACTIVATED) {
      return;
    }
    if (boundaryEvent != null) {
      ExecutableElement event =
          state
              .process(instance.processDefinitionKey())
              .executable()
              .element(boundaryEvent.elementId);
      ctx.event(
          ProcessEventIntent.TRIGGERED,
          boundaryEvent.key,
          EventSubprocessBehavior.processEventValue(instance, instance.key, event.id(), Map.of()));
      activateTriggered(ctx, waiting, event, boundaryEvent.variables);
    } else if (waiting.activeChildren() == 0
        && !behaviors.eventSubprocesses().activateInterrupting(ctx, waiting)) {
      if (!processors.get(waiting.type()).completesWhenEmpty()) {
        complete(ctx, waiting, null);
      } else {
        completeFlowScopeIfDone(ctx, waiting);
      }
    }
  }

  /**
   * The interrupting boundary event that happened while the element waited for its termination, or
   * null.
   */
  private static EventTrigger boundaryEventTrigger(EngineState state, ElementInstance instance) {
    if (!(instance.element() instanceof ExecutableActivity activity)) {
      return null;
    }
    for (ExecutableElement event : activity.boundaryEvents()) {
      EventTrigger trigger = state.eventTrigger(instance.key, event.id());
      if (trigger != null) {
        return trigger;
      }
    }
    return null;
  }

  private static ElementInstance flowScopeOf(EngineState state, ElementInstance instance) {
    return instance.flowScopeKey == -1 ? null : state.elementInstance(instance.flowScopeKey);
  }
}
