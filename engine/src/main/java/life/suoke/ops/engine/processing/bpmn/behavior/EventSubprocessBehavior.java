package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableActivity;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableFlowScope;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.value.ProcessEventValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.EventTrigger;
import life.suoke.ops.engine.state.TimerInstance;

/**
 * Event subprocesses with Zeebe's semantics ("Event subprocess" docs):
 *
 * <ul>
 *   <li>the timers, message subscriptions and signal subscriptions of the event subprocesses of a
 *       scope (process instance, subprocess, event subprocess) belong to the scope's element
 *       instance; they are opened when the scope's start event completes, with their expressions
 *       evaluated in the scope, and closed when the scope completes or is terminated;
 *   <li>a trigger (a timer, message or signal, or an error or escalation caught by the start event)
 *       writes PROCESS_EVENT TRIGGERING with the event's variables. An interrupting event
 *       subprocess first closes the other event subprocess subscriptions of its scope and
 *       terminates everything else in it; the scope is then interrupted, and it completes when the
 *       event subprocess completes. A non-interrupting one runs alongside, as often as it is
 *       triggered;
 *   <li>the start event hands the event's variables on when it completes (PROCESS_EVENT TRIGGERED):
 *       as local variables for its output mappings if it has some, otherwise propagated like a
 *       job's result (to the nearest scope that has them, else the process instance).
 * </ul>
 */
public final class EventSubprocessBehavior {

  private final TimerBehavior timers;
  private final MessageBehavior messages;
  private final SignalBehavior signals;
  private final CatchEventBehavior catchEvents;
  private final BpmnStateTransitions transitions;

  EventSubprocessBehavior(
      TimerBehavior timers,
      MessageBehavior messages,
      SignalBehavior signals,
      CatchEventBehavior catchEvents,
      BpmnStateTransitions transitions) {
    this.timers = timers;
    this.messages = messages;
    this.signals = signals;
    this.catchEvents = catchEvents;
    this.transitions = transitions;
  }

  /**
   * The catch events of a scope for errors and escalations thrown inside it, in Zeebe's order of
   * precedence: the start events of its event subprocesses, then its boundary events.
   */
  public static List<ExecutableCatchEvent> catchEvents(ExecutableElement scope) {
    List<ExecutableCatchEvent> starts = eventSubprocessStartEvents(scope);
    List<ExecutableBoundaryEvent> boundaries =
        scope instanceof ExecutableActivity activity ? activity.boundaryEvents() : List.of();
    if (starts.isEmpty()) {
      // already read-only: a view, not a copy, of the boundary events
      return java.util.Collections.unmodifiableList(boundaries);
    }
    List<ExecutableCatchEvent> events = new ArrayList<>(starts);
    events.addAll(boundaries);
    return events;
  }

  /** The start events of the event subprocesses directly inside a scope (empty if none). */
  public static List<ExecutableCatchEvent> eventSubprocessStartEvents(ExecutableElement scope) {
    return scope instanceof ExecutableFlowScope flowScope
        ? flowScope.eventSubprocessStartEvents()
        : List.of();
  }

  /** Whether a catch event is the start event of an event subprocess. */
  public static boolean isEventSubprocessStart(ExecutableElement event) {
    return event.type() == BpmnElementType.START_EVENT && event.flowScopeId() != null;
  }

  /**
   * The start event of a scope is completing: opens the timers and subscriptions of the scope's
   * event subprocesses. Fails (an incident on the start event) if an expression (a timer, message
   * name, correlation key or signal name) cannot be evaluated in the scope.
   */
  public Outcome<Void> subscribe(ProcessingContext ctx, ElementInstance startEvent) {
    ElementInstance scope = ctx.state().elementInstance(startEvent.flowScopeKey);
    if (scope == null || eventSubprocessStartEvents(scope.element()).isEmpty()) {
      return Outcome.success();
    }
    CatchEventBehavior.Planned planned = new CatchEventBehavior.Planned();
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> {
              for (ExecutableCatchEvent start : eventSubprocessStartEvents(scope.element())) {
                switch (start.eventType()) {
                  case TIMER -> planned.timers.add(timers.plan(ctx, start, scope.key));
                  case MESSAGE ->
                      planned.messages.add(
                          messages.plan(ctx, start, scope.key, start.interrupting()));
                  case SIGNAL ->
                      planned.signals.add(
                          signals.plan(ctx, start, scope.key, start.interrupting()));
                  default -> {} // errors and escalations are caught when they are thrown
                }
              }
              return planned;
            })
        .map(
            opened -> {
              catchEvents.open(ctx, scope, opened);
              return null;
            });
  }

  /**
   * The event of an event subprocess's start event happened in its scope: the event subprocess is
   * activated (an interrupting one after everything else in the scope is terminated). An event for
   * a scope that is no longer active, or that another interrupting event subprocess already
   * interrupted, is discarded, as in Zeebe.
   */
  public void trigger(
      ProcessingContext ctx,
      ElementInstance scope,
      ExecutableCatchEvent startEvent,
      Map<String, Object> variables) {
    EngineState state = ctx.state();
    ElementInstance live = state.elementInstance(scope.key);
    if (live == null
        || live.state() != ElementInstance.State.ACTIVATED
        || live.interruptingElementId() != null
            && !live.interruptingElementId().equals(startEvent.flowScopeId())) {
      return;
    }
    ExecutableElement eventSubprocess =
        state.process(scope.processDefinitionKey()).executable().element(startEvent.flowScopeId());
    ctx.event(
        ProcessEventIntent.TRIGGERING,
        state.nextKey(),
        processEventValue(
            scope, scope.key, startEvent.id(), variables == null ? Map.of() : variables));
    if (startEvent.interrupting()) {
      closeSubscriptions(ctx, scope);
      for (ElementInstance child : state.children(scope.key)) {
        transitions.terminate(ctx, child);
      }
      if (live.activeChildren() > 0) {
        return; // waiting for canceling listeners: activated once the last element is terminated
      }
    }
    transitions.activate(ctx, scope, eventSubprocess);
  }

  /**
   * Activates the interrupting event subprocess that was triggered in a scope while elements of the
   * scope waited for their canceling listeners, once the last of them is terminated; false if none
   * waits.
   */
  public boolean activateInterrupting(ProcessingContext ctx, ElementInstance scope) {
    if (scope.interruptingElementId() == null) {
      return false;
    }
    ExecutableFlowScope eventSubprocess =
        (ExecutableFlowScope)
            ctx.state()
                .process(scope.processDefinitionKey())
                .executable()
                .element(scope.interruptingElementId());
    if (ctx.state().eventTrigger(scope.key, eventSubprocess.subProcessStartEvent().id()) == null) {
      return false; // already activated
    }
    transitions.activate(ctx, scope, eventSubprocess);
    return true;
  }

  /**
   * The start event of an event subprocess is completing: it consumes the trigger it took over on
   * activation (TRIGGERED) and returns the event's variables; null if it has none (already consumed
   * before an incident, or not the start event of an event subprocess).
   */
  public Map<String, Object> takeTrigger(ProcessingContext ctx, ElementInstance startEvent) {
    EventTrigger trigger = ctx.state().eventTrigger(startEvent.key, startEvent.element().id());
    if (trigger == null) {
      return null;
    }
    ctx.event(
        ProcessEventIntent.TRIGGERED,
        trigger.key,
        processEventValue(startEvent, startEvent.key, startEvent.element().id(), Map.of()));
    return trigger.variables;
  }

  /**
   * Closes the timers and subscriptions of the event subprocesses of a scope, not those of its
   * boundary events.
   */
  private void closeSubscriptions(ProcessingContext ctx, ElementInstance scope) {
    EngineState state = ctx.state();
    var executable = state.process(scope.processDefinitionKey()).executable();
    java.util.function.Predicate<String> eventSubprocessStart =
        id -> isEventSubprocessStart(executable.element(id));
    for (TimerInstance timer : state.timersOf(scope.key)) {
      if (eventSubprocessStart.test(timer.targetElementId())) {
        timers.cancel(ctx, timer);
      }
    }
    messages.closeWhere(ctx, scope.key, eventSubprocessStart);
    signals.closeWhere(ctx, scope.key, eventSubprocessStart);
  }

  public static ProcessEventValue processEventValue(
      ElementInstance instance,
      long scopeKey,
      String targetElementId,
      Map<String, Object> variables) {
    return new ProcessEventValue(
        scopeKey,
        targetElementId,
        variables,
        instance.processDefinitionKey(),
        instance.processInstanceKey,
        instance.tenantId);
  }
}
