package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.model.ExecutableActivity;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * What an element instance waits for: the timers, message subscriptions and signal subscriptions of
 * its own catch event (a catch event, a receive task, the events after an event-based gateway) and
 * of its boundary events. They are all evaluated before anything is written, so that a failing
 * expression leaves the element in ACTIVATING with an incident; then the element is ACTIVATED and
 * they are opened (timers, then signals, then messages). They are closed when the element ends.
 */
public final class CatchEventBehavior {

  private final TimerBehavior timers;
  private final MessageBehavior messages;
  private final SignalBehavior signals;
  private final BpmnStateTransitions transitions;

  CatchEventBehavior(
      TimerBehavior timers,
      MessageBehavior messages,
      SignalBehavior signals,
      BpmnStateTransitions transitions) {
    this.timers = timers;
    this.messages = messages;
    this.signals = signals;
    this.transitions = transitions;
  }

  /** Timers and subscriptions evaluated for an element instance, to open once it is activated. */
  public static final class Planned {
    public final List<TimerBehavior.PlannedTimer> timers = new ArrayList<>();
    public final List<MessageBehavior.PlannedSubscription> messages = new ArrayList<>();
    public final List<SignalBehavior.PlannedSubscription> signals = new ArrayList<>();

    public boolean isEmpty() {
      return timers.isEmpty() && messages.isEmpty() && signals.isEmpty();
    }
  }

  /**
   * Writes ACTIVATED for an activity and opens its boundary events. They are evaluated first, so
   * that a failing expression leaves the activity in ACTIVATING (the failure, nothing written).
   */
  public Outcome<Void> activatedWithBoundaryEvents(
      ProcessingContext ctx, ElementInstance instance) {
    return activatedWithEvents(ctx, instance, new Planned());
  }

  /**
   * Writes ACTIVATED and opens what the element waits for: its own events ({@code own}, evaluated
   * by the caller) and its boundary events. Everything is evaluated first, so a failing expression
   * leaves the element in ACTIVATING (the failure, nothing written).
   */
  public Outcome<Void> activatedWithEvents(
      ProcessingContext ctx, ElementInstance instance, Planned own) {
    Planned planned = new Planned();
    planned.timers.addAll(own.timers);
    planned.messages.addAll(own.messages);
    planned.signals.addAll(own.signals);
    Outcome<Planned> boundaries =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> {
              planned.timers.addAll(timers.planBoundaryTimers(ctx, instance));
              planned.messages.addAll(messages.planBoundaries(ctx, instance));
              planned.signals.addAll(signals.planBoundaries(ctx, instance));
              return planned;
            });
    return boundaries.map(
        opened -> {
          transitions.activated(ctx, instance);
          open(ctx, instance, opened);
          return null;
        });
  }

  /** Opens the timers and subscriptions planned for a waiting element instance. */
  public void open(ProcessingContext ctx, ElementInstance waiting, Planned planned) {
    for (TimerBehavior.PlannedTimer timer : planned.timers) {
      timers.create(ctx, waiting, timer);
    }
    signals.open(ctx, waiting, planned.signals);
    messages.open(ctx, waiting, planned.messages);
  }

  /** Closes every timer and subscription of an element instance. */
  public void closeAll(ProcessingContext ctx, long elementInstanceKey) {
    timers.cancelAll(ctx, elementInstanceKey);
    messages.closeAll(ctx, elementInstanceKey);
    signals.closeAll(ctx, elementInstanceKey);
  }

  /**
   * The boundary events of an element instance's element: an activity's, none for a throw event
   * that waits for its job.
   */
  static List<ExecutableBoundaryEvent> boundaryEvents(ElementInstance instance) {
    return instance.element() instanceof ExecutableActivity activity
        ? activity.boundaryEvents()
        : List.of();
  }
}
