package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutionListener;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.ProcessEventIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.value.ProcessEventValue;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * Execution listeners ({@code zeebe:executionListeners}), Zeebe's semantics: the start listeners of
 * an element run one after the other, each as a job of kind {@code EXECUTION_LISTENER}, after its
 * input mappings and before its behaviour, while the element stays in ACTIVATING; the end listeners
 * run after its output mappings, before ELEMENT_COMPLETED, while it stays in COMPLETING.
 *
 * <p>Which listener is next is the element instance's {@code executionListenerIndex}, which the
 * state derives from the listener jobs created for it (reset on ELEMENT_ACTIVATED and when an
 * incident of the element itself is resolved), so a restart continues with the right listener.
 * Variables a start listener completes with are local to the element; those of an end listener are
 * set in the element's flow scope (for the process: in the process instance).
 */
public final class ExecutionListenerBehavior {

  private final ExpressionBehavior expressions;
  private final VariableBehavior variables;
  private final JobBehavior jobs;
  private final IncidentBehavior incidents;
  private final BpmnStateTransitions transitions;

  ExecutionListenerBehavior(
      ExpressionBehavior expressions,
      VariableBehavior variables,
      JobBehavior jobs,
      IncidentBehavior incidents,
      BpmnStateTransitions transitions) {
    this.expressions = expressions;
    this.variables = variables;
    this.jobs = jobs;
    this.incidents = incidents;
    this.transitions = transitions;
  }

  /**
   * Starts the next start listener of an element in ACTIVATING; false if none is left (the
   * element's behaviour goes on). True means the element waits (for the job, or on an incident).
   */
  public boolean startListenerPending(ProcessingContext ctx, ElementInstance instance) {
    return createNext(ctx, instance, ExecutionListener.EventType.START);
  }

  /**
   * Like {@link #startListenerPending} for a process instance. A process started at a message,
   * timer or signal start event remembers that event durably, as Zeebe does: a PROCESS_EVENT
   * TRIGGERING record in the process instance's scope, taken (TRIGGERED) when its start listeners
   * are done, so that a restart in between starts at the same event.
   */
  public boolean processStartListenerPending(
      ProcessingContext ctx, ElementInstance instance, ExecutableElement start) {
    if (!createNext(ctx, instance, ExecutionListener.EventType.START)) {
      return false;
    }
    ExecutableElement none =
        ctx.state().process(instance.processDefinitionKey()).executable().noneStartEvent();
    if (start != null
        && start != none
        && ctx.state().eventTrigger(instance.key, start.id()) == null) {
      ctx.event(
          ProcessEventIntent.TRIGGERING,
          ctx.state().nextKey(),
          processEventValue(instance, start.id()));
    }
    return true;
  }

  /**
   * The start event of a process instance whose start listeners are done: the remembered one, else
   * the none start event.
   */
  public ExecutableElement takeProcessStart(ProcessingContext ctx, ElementInstance instance) {
    var executable = ctx.state().process(instance.processDefinitionKey()).executable();
    List<ExecutableElement> starts = new java.util.ArrayList<>();
    starts.addAll(executable.messageStartEvents());
    starts.addAll(executable.timerStartEvents());
    starts.addAll(executable.signalStartEvents());
    for (ExecutableElement start : starts) {
      life.suoke.ops.engine.state.EventTrigger trigger =
          ctx.state().eventTrigger(instance.key, start.id());
      if (trigger != null) {
        ctx.event(
            ProcessEventIntent.TRIGGERED, trigger.key, processEventValue(instance, start.id()));
        return start;
      }
    }
    return executable.noneStartEvent();
  }

  private static ProcessEventValue processEventValue(
      ElementInstance instance, String startEventId) {
    return EventSubprocessBehavior.processEventValue(
        instance, instance.key, startEventId, Map.of());
  }

  /** Starts the next end listener of an element in COMPLETING; false if none is left. */
  public boolean endListenerPending(ProcessingContext ctx, ElementInstance instance) {
    return createNext(ctx, instance, ExecutionListener.EventType.END);
  }

  /**
   * A listener job was completed: its variables are set, then the next listener or the element goes
   * on.
   */
  public void listenerCompleted(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> jobVariables) {
    ctx.command(
        ProcessInstanceIntent.COMPLETE_EXECUTION_LISTENER,
        instance.key,
        ElementValues.of(instance).toJson());
    boolean start = instance.state() == ElementInstance.State.ACTIVATING;
    if (jobVariables != null && !jobVariables.isEmpty()) {
      long scope = start || instance.flowScopeKey == -1 ? instance.key : instance.flowScopeKey;
      variables.setLocal(ctx, scope, jobVariables);
    }
    if (start) {
      if (!startListenerPending(ctx, instance)) {
        transitions.finalizeActivation(ctx, instance);
      }
    } else if (instance.state() == ElementInstance.State.COMPLETING) {
      if (!endListenerPending(ctx, instance)) {
        transitions.finalizeCompletion(ctx, instance);
      }
    }
  }

  /**
   * Creates the job of the element's next listener of a kind; false if none is left. A listener
   * whose type or retries cannot be evaluated is an incident the element waits on (true): this is
   * where that failure is received and raised.
   */
  private boolean createNext(
      ProcessingContext ctx, ElementInstance instance, ExecutionListener.EventType eventType) {
    List<ExecutionListener> listeners = instance.element().executionListeners(eventType);
    ElementInstance live = ctx.state().elementInstance(instance.key);
    int index = live == null ? 0 : live.executionListenerIndex();
    if (index >= listeners.size()) {
      return false;
    }
    ExecutionListener next = listeners.get(index);
    Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () ->
                new JobBehavior.PlannedJob(
                    expressions.jobType(ctx.state(), next.type(), instance.key),
                    expressions.integer(ctx.state(), next.retries(), instance.key),
                    Map.of()))
        .map(
            job -> {
              jobs.create(
                  ctx,
                  instance,
                  job.type(),
                  job.retries(),
                  job.headers(),
                  "EXECUTION_LISTENER",
                  eventType.name());
              return null;
            })
        .ifFailure(failure -> incidents.raise(ctx, instance, failure));
    return true;
  }
}
