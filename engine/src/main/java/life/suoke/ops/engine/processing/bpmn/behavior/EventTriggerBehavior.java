package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.EscalationIntent;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.value.EscalationValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.TimerInstance;

/**
 * Events that happen to waiting element instances: a timer that fires, a boundary event (or the
 * event an event-based gateway waits for) that a timer, message or signal triggers, and errors and
 * escalations thrown to the nearest element that catches them.
 */
public final class EventTriggerBehavior {

  private final TimerBehavior timers;
  private final MessageBehavior messages;
  private final SignalBehavior signals;
  private final EventSubprocessBehavior eventSubprocesses;
  private final BpmnStateTransitions transitions;

  EventTriggerBehavior(
      TimerBehavior timers,
      MessageBehavior messages,
      SignalBehavior signals,
      EventSubprocessBehavior eventSubprocesses,
      BpmnStateTransitions transitions) {
    this.timers = timers;
    this.messages = messages;
    this.signals = signals;
    this.eventSubprocesses = eventSubprocesses;
    this.transitions = transitions;
  }

  /**
   * A timer fired: complete its catch event, interrupt or branch off its activity, or start an
   * instance.
   */
  public void triggerTimer(ProcessingContext ctx, TimerInstance timer) {
    EngineState state = ctx.state();
    if (state.timer(timer.key()) == null) {
      return; // canceled by a timer that fired before it in the same round
    }
    ProcessDefinition definition = state.process(timer.processDefinitionKey());
    ExecutableCatchEvent timerEvent =
        (ExecutableCatchEvent) definition.executable().element(timer.targetElementId());
    timers.triggered(ctx, timer);
    if (timer.elementInstanceKey() == -1) {
      transitions.createProcessInstance(ctx, definition, Map.of(), timerEvent);
      timers.reschedule(ctx, timer, timerEvent, -1);
      return;
    }
    ElementInstance waiting = state.elementInstance(timer.elementInstanceKey());
    if (waiting == null) {
      return;
    }
    if (waiting.element().id().equals(timer.targetElementId())) {
      messages.closeAll(ctx, waiting.key);
      signals.closeAll(ctx, waiting.key);
      transitions.complete(ctx, waiting, null);
      return;
    }
    if (!timerEvent.interrupting() && waiting.type() != BpmnElementType.EVENT_BASED_GATEWAY) {
      timers.reschedule(ctx, timer, timerEvent, waiting.key);
    }
    triggerBoundaryEvent(ctx, waiting, timerEvent, Map.of());
  }

  /**
   * A boundary event (or the event chosen by an event-based gateway, or the start event of an event
   * subprocess) happened on a waiting element: an interrupting one terminates the element first;
   * then the event is activated in the element's flow scope and completes with the event's
   * variables.
   */
  public void triggerBoundaryEvent(
      ProcessingContext ctx,
      ElementInstance waiting,
      ExecutableCatchEvent event,
      Map<String, Object> eventVariables) {
    if (EventSubprocessBehavior.isEventSubprocessStart(event)) {
      eventSubprocesses.trigger(ctx, waiting, event, eventVariables);
      return;
    }
    EngineState state = ctx.state();
    Map<String, Object> triggeredWith = eventVariables == null ? Map.of() : eventVariables;
    ElementInstance flowScope = state.elementInstance(waiting.flowScopeKey);
    if (waiting.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      // the gateway completes and takes the flow to the event, which completes at once
      transitions.completeGatewayAtEvent(ctx, waiting, event, triggeredWith);
      return;
    }
    if (event.interrupting() && !transitions.terminate(ctx, waiting)) {
      // the element waits for canceling listeners: the event is kept and happens once it is
      // terminated
      ctx.event(
          ProcessEventIntent.TRIGGERING,
          state.nextKey(),
          EventSubprocessBehavior.processEventValue(
              waiting, waiting.key, event.id(), triggeredWith));
      return;
    }
    transitions.activateTriggered(ctx, flowScope, event, triggeredWith);
  }

  // ------------------------------------------------------------------ errors and escalations

  /** The catch event of an error or escalation, and the element instance it is attached to. */
  private record Catch(ElementInstance scope, ExecutableCatchEvent boundary) {}

  /**
   * The nearest catch event of an error or escalation thrown at {@code from}: a boundary event of
   * {@code from}, then the event subprocesses and boundary events of each scope around it (Zeebe's
   * order: event subprocesses first, then boundary events; an exact code wins over a catch-all of
   * the same element). The search stops at a scope that an event subprocess interrupted.
   */
  private static Catch findCatch(
      EngineState state, ElementInstance from, BpmnEventType type, String code) {
    for (ElementInstance scope = from;
        scope != null && scope.interruptingElementId() == null;
        scope = outerScope(state, scope)) {
      ExecutableCatchEvent exact = null;
      ExecutableCatchEvent catchAll = null;
      for (ExecutableCatchEvent boundary : EventSubprocessBehavior.catchEvents(scope.element())) {
        if (boundary.eventType() != type) {
          continue;
        }
        life.suoke.ops.engine.model.Expression catchCode =
            type == BpmnEventType.ERROR
                ? boundary.errorDefinition().errorCode()
                : boundary.escalationDefinition().code();
        if (catchCode == null) {
          catchAll = catchAll == null ? boundary : catchAll;
        } else if (catchCode.source().equals(code) && exact == null) {
          exact = boundary;
        }
      }
      if (exact != null || catchAll != null) {
        return new Catch(scope, exact != null ? exact : catchAll);
      }
    }
    return null;
  }

  /**
   * The scope around an element instance where an uncaught error or escalation goes next: its flow
   * scope, and beyond a called process instance the call activity that called it (Zeebe propagates
   * both to the caller).
   */
  private static ElementInstance outerScope(EngineState state, ElementInstance scope) {
    if (scope.flowScopeKey != -1) {
      return state.elementInstance(scope.flowScopeKey);
    }
    return scope.parentElementInstanceKey() > 0
        ? state.elementInstance(scope.parentElementInstanceKey())
        : null;
  }

  /**
   * Throws a BPMN error: the nearest catching boundary event interrupts its activity and takes
   * over, with the error's variables (and the code and message in the variables the catch event
   * names). Returns false if nothing catches it.
   */
  public boolean throwError(
      ProcessingContext ctx,
      ElementInstance from,
      String code,
      String message,
      Map<String, Object> errorVariables) {
    Catch caught = findCatch(ctx.state(), from, BpmnEventType.ERROR, code);
    if (caught == null) {
      return false;
    }
    Map<String, Object> variables =
        new LinkedHashMap<>(errorVariables == null ? Map.of() : errorVariables);
    var definition = caught.boundary().errorDefinition();
    if (definition.errorCodeVariable() != null && !definition.errorCodeVariable().isBlank()) {
      variables.put(definition.errorCodeVariable(), code);
    }
    if (definition.errorMessageVariable() != null && !definition.errorMessageVariable().isBlank()) {
      variables.put(definition.errorMessageVariable(), message == null ? "" : message);
    }
    triggerBoundaryEvent(ctx, caught.scope(), caught.boundary(), variables);
    return true;
  }

  /**
   * Zeebe's incident message for an error that nothing catches: it names the error codes of the
   * catch events that were tried (those of every scope from {@code from} outwards).
   */
  public static String unhandledErrorMessage(
      EngineState state, ElementInstance from, String code, String message) {
    List<String> available = new ArrayList<>();
    for (ElementInstance scope = from;
        scope != null && scope.interruptingElementId() == null;
        scope = outerScope(state, scope)) {
      EventSubprocessBehavior.catchEvents(scope.element()).stream()
          .filter(
              event ->
                  event.eventType() == BpmnEventType.ERROR && !event.errorDefinition().isCatchAll())
          .map(event -> event.errorDefinition().errorCode().source())
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(available::add);
    }
    return String.format(
        "Expected to throw an error event with the code '%s'%s, but it was not caught.%s",
        code,
        message == null || message.isEmpty() ? "" : String.format(" with message '%s'", message),
        available.isEmpty()
            ? " No error events are available in the scope."
            : String.format(" Available error events are [%s]", String.join(", ", available)));
  }

  /**
   * Throws an escalation from an activated throw or end event: the nearest catching boundary event
   * takes over (interrupting its activity or not), with the ESCALATION record ESCALATED; one nobody
   * catches is NOT_ESCALATED and does not stop the flow (Zeebe's rule). The throw event completes
   * unless an interrupting catch event ends it.
   */
  public void throwEscalation(ProcessingContext ctx, ElementInstance thrower, String code) {
    ElementInstance flowScope = ctx.state().elementInstance(thrower.flowScopeKey);
    Catch caught = findCatch(ctx.state(), flowScope, BpmnEventType.ESCALATION, code);
    EscalationValue value =
        new EscalationValue(
            thrower.processInstanceKey,
            code,
            thrower.element().id(),
            caught == null ? "" : caught.boundary().id(),
            thrower.tenantId);
    ctx.event(
        caught == null ? EscalationIntent.NOT_ESCALATED : EscalationIntent.ESCALATED,
        ctx.state().nextKey(),
        value);
    if (caught == null) {
      transitions.complete(ctx, thrower, null);
      return;
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    var definition = caught.boundary().escalationDefinition();
    if (definition.codeVariable() != null && !definition.codeVariable().isBlank()) {
      variables.put(definition.codeVariable(), code);
    }
    boolean interrupting = caught.boundary().interrupting();
    if (!interrupting) {
      transitions.complete(ctx, thrower, null);
    }
    triggerBoundaryEvent(ctx, caught.scope(), caught.boundary(), variables);
  }
}
