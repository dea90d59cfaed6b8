package life.suoke.ops.engine.processing.bpmn;

import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;

/**
 * An element processor that takes part in the lifecycle of the element instances directly inside
 * its own (a multi-instance body and its inner instances). A child of such a container has
 * variables of its own before its input mappings, so its input mappings are evaluated in its own
 * scope. A failure of either step is the child's: the lifecycle raises it on the child.
 */
public interface BpmnContainerProcessor {

  /**
   * A child is activating, before its input mappings: sets its variables. A failure keeps the child
   * in ACTIVATING.
   */
  Outcome<Void> onChildActivating(
      ProcessingContext ctx, ElementInstance container, ElementInstance child);

  /**
   * A child leaves COMPLETING (its output mappings and end listeners done), instead of its own
   * element processor's {@code finalizeCompletion}. A failure keeps the child in COMPLETING.
   */
  Outcome<Void> onChildCompleting(
      ProcessingContext ctx, ElementInstance container, ElementInstance child);
}
