package life.suoke.ops.engine.processing.bpmn;

import java.util.Map;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * What one family of BPMN elements does in the lifecycle of its element instances. The lifecycle
 * ({@link BpmnElementLifecycle}) writes the records and runs the steps all elements share: input
 * mappings and start listeners before {@link #finalizeActivation}, output mappings and end
 * listeners before {@link #finalizeCompletion}; termination is the same for every element. An
 * element processor uses the behaviours ({@code BpmnBehaviors}) and goes on through {@code
 * BpmnStateTransitions}; it never calls another element processor.
 */
public interface BpmnElementProcessor {

  /**
   * The element is activating, before its input mappings: variables it sets in its own scope first
   * (an ad-hoc subprocess's).
   */
  default void onActivating(ProcessingContext ctx, ElementInstance instance) {}

  /**
   * The element's own activation, once its input mappings and start listeners are done: it writes
   * ELEMENT_ACTIVATED and does what the element does: create a job, open subscriptions, choose
   * flows, activate what it contains, or complete at once. A failure keeps it in ACTIVATING.
   */
  Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance);

  /**
   * The element is completing, before its output mappings: the variables it completes with (those
   * of the event that happened, say).
   */
  default Map<String, Object> onCompleting(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    return resultVariables;
  }

  /**
   * The element leaves COMPLETING, once its output mappings and end listeners are done: usually
   * ELEMENT_COMPLETED and its outgoing flows ({@code BpmnStateTransitions.completed}). A failure
   * keeps it in COMPLETING.
   */
  Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance);

  /**
   * As a flow scope: whether the element completes by itself once nothing runs in it any more (the
   * process, a subprocess), rather than deciding itself when it is done (a multi-instance body, an
   * ad-hoc subprocess).
   */
  default boolean completesWhenEmpty() {
    return true;
  }
}
