package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.value.TimerValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.TimerInstance;
import life.suoke.ops.engine.timer.TimerSchedule;

/** Creates and cancels timers (TIMER records); when they fire is decided by the engine clock. */
public final class TimerBehavior {

  private final ExpressionBehavior expressions;

  TimerBehavior(ExpressionBehavior expressions) {
    this.expressions = expressions;
  }

  /** A timer to create once the element instance is activated. */
  public record PlannedTimer(ExecutableCatchEvent timerEvent, long dueDate, int repetitions) {}

  /**
   * Evaluates the timers of an activity's timer boundary events in its scope; a failure is thrown
   * to the caller.
   */
  public List<PlannedTimer> planBoundaryTimers(ProcessingContext ctx, ElementInstance activity)
      throws ExpressionFailure {
    List<ExecutableBoundaryEvent> boundaries = CatchEventBehavior.boundaryEvents(activity);
    if (boundaries.isEmpty()) {
      return List.of();
    }
    List<PlannedTimer> planned = new ArrayList<>();
    for (ExecutableCatchEvent boundary : boundaries) {
      if (boundary.eventType() == BpmnEventType.TIMER) {
        planned.add(plan(ctx, boundary, activity.key));
      }
    }
    return planned;
  }

  public PlannedTimer plan(ProcessingContext ctx, ExecutableCatchEvent timerEvent, long scopeKey)
      throws ExpressionFailure {
    TimerSchedule schedule = expressions.timer(ctx.state(), timerEvent.timerDefinition(), scopeKey);
    return new PlannedTimer(timerEvent, dueDate(schedule, ctx.now()), schedule.repetitions());
  }

  /**
   * The same, against variables the caller looks up (a scope a process instance modification is
   * still planning).
   */
  public PlannedTimer plan(
      ProcessingContext ctx,
      ExecutableCatchEvent timerEvent,
      java.util.function.Function<String, Object> variables)
      throws ExpressionFailure {
    TimerSchedule schedule = expressions.timer(timerEvent.timerDefinition(), variables);
    return new PlannedTimer(timerEvent, dueDate(schedule, ctx.now()), schedule.repetitions());
  }

  private static long dueDate(TimerSchedule schedule, long now) throws ExpressionFailure {
    try {
      return schedule.dueDate(now);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new ExpressionFailure(
          "Expected a timer due date within the supported range, but " + e.getMessage());
    }
  }

  public void create(ProcessingContext ctx, ElementInstance waiting, PlannedTimer timer) {
    write(
        ctx,
        waiting.key,
        waiting.processInstanceKey,
        waiting.processDefinitionKey(),
        waiting.bpmnProcessId(),
        timer.timerEvent().id(),
        timer.dueDate(),
        timer.repetitions(),
        waiting.tenantId);
  }

  public void createStartTimer(
      ProcessingContext ctx, ProcessDefinition definition, PlannedTimer timer) {
    write(
        ctx,
        -1,
        -1,
        definition.key(),
        definition.bpmnProcessId(),
        timer.timerEvent().id(),
        timer.dueDate(),
        timer.repetitions(),
        definition.tenantId());
  }

  /** Schedules the next occurrence of a cycle that just fired, if it has repetitions left. */
  public void reschedule(
      ProcessingContext ctx, TimerInstance fired, ExecutableCatchEvent timerEvent, long scopeKey) {
    if (!TimerSchedule.repeatsAfter(fired.repetitions())) {
      return;
    }
    Outcome<TimerSchedule> evaluated =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> expressions.timer(ctx.state(), timerEvent.timerDefinition(), scopeKey));
    if (evaluated.isFailure()) {
      // the cycle cannot be evaluated any more: it ends here, without an incident. Zeebe 8.8 raises
      // none either (its processing of the timer fails and the instance is stuck), and nothing in
      // the state would say which timer to set again when an incident were resolved.
      return;
    }
    TimerSchedule schedule = evaluated.value();
    if (schedule.kind() != life.suoke.ops.engine.model.TimerDefinition.Kind.CYCLE) {
      return;
    }
    long next = schedule.nextDueDate(fired.dueDate(), ctx.now());
    write(
        ctx,
        fired.elementInstanceKey(),
        fired.processInstanceKey(),
        fired.processDefinitionKey(),
        fired.bpmnProcessId(),
        fired.targetElementId(),
        next,
        TimerSchedule.repetitionsAfterTrigger(fired.repetitions()),
        fired.tenantId());
  }

  public void cancelAll(ProcessingContext ctx, long elementInstanceKey) {
    EngineState state = ctx.state();
    for (TimerInstance timer : state.timersOf(elementInstanceKey)) {
      ctx.event(TimerIntent.CANCELED, timer.key(), value(timer));
    }
  }

  public void cancel(ProcessingContext ctx, TimerInstance timer) {
    ctx.event(TimerIntent.CANCELED, timer.key(), value(timer));
  }

  public void triggered(ProcessingContext ctx, TimerInstance timer) {
    ctx.event(TimerIntent.TRIGGERED, timer.key(), value(timer));
  }

  private static void write(
      ProcessingContext ctx,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String targetElementId,
      long dueDate,
      int repetitions,
      String tenantId) {
    ctx.event(
        TimerIntent.CREATED,
        ctx.state().nextKey(),
        new TimerValue(
            elementInstanceKey,
            processInstanceKey,
            processDefinitionKey,
            bpmnProcessId,
            targetElementId,
            dueDate,
            repetitions,
            tenantId));
  }

  public static TimerValue value(TimerInstance timer) {
    return new TimerValue(
        timer.elementInstanceKey(),
        timer.processInstanceKey(),
        timer.processDefinitionKey(),
        timer.bpmnProcessId(),
        timer.targetElementId(),
        timer.dueDate(),
        timer.repetitions(),
        timer.tenantId());
  }
}
