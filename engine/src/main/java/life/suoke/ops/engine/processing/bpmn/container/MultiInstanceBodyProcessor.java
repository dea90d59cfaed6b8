package life.suoke.ops.engine.processing.bpmn.container;

import java.util.List;
import life.suoke.ops.engine.model.LoopCharacteristics;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnContainerProcessor;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.processing.bpmn.behavior.MultiInstanceBehavior;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * Multi-instance bodies ({@link MultiInstanceBehavior} for the loop's variables): activated with
 * the activity's boundary events, a body reads its input collection and activates one inner
 * instance per item, all at once (parallel) or one after the other (sequential). An inner instance
 * gets its loop variables before its input mappings; when it completes, its output is collected and
 * the completion condition may end the loop, terminating the inner instances still active. The body
 * completes when no inner instance is left, and its output collection goes to its flow scope.
 */
public final class MultiInstanceBodyProcessor
    implements BpmnElementProcessor, BpmnContainerProcessor {

  private final BpmnBehaviors behaviors;
  private final MultiInstanceBehavior multiInstance;
  private final BpmnStateTransitions transitions;

  /**
   * While a body creates its inner instances: its key and the collection it just read, so that each
   * inner instance of that batch takes its item without reading the collection again.
   */
  private long creatingBody = -1;

  private List<Object> creatingCollection;

  public MultiInstanceBodyProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.multiInstance = behaviors.multiInstance();
    this.transitions = transitions;
  }

  /**
   * Activates a body: reads the collection, opens the boundary events, creates the inner
   * instance(s).
   */
  @Override
  public void finalizeActivation(ProcessingContext ctx, ElementInstance body) {
    LoopCharacteristics loop = body.element.loopCharacteristics();
    List<Object> collection;
    try {
      collection = multiInstance.inputCollection(ctx, body);
    } catch (ExpressionFailure failure) {
      behaviors.incidents().raise(ctx, body, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    if (!behaviors.catchEvents().activatedWithBoundaryEvents(ctx, body)) {
      return;
    }
    multiInstance.initOutputCollection(ctx, body, collection.size());
    if (collection.isEmpty()) {
      transitions.complete(ctx, body, null);
      return;
    }
    int instances = loop.sequential() ? 1 : collection.size();
    creatingBody = body.key;
    creatingCollection = collection;
    try {
      for (int i = 0; i < instances; i++) {
        transitions.activate(ctx, body, body.element.innerActivity());
      }
    } finally {
      creatingBody = -1;
      creatingCollection = null;
    }
  }

  /**
   * An inner instance is activating: its item (from the collection just read, or read again), the
   * output element variable and {@code loopCounter}.
   */
  @Override
  public boolean onChildActivating(
      ProcessingContext ctx, ElementInstance body, ElementInstance inner) {
    try {
      List<Object> collection =
          body.key == creatingBody ? creatingCollection : multiInstance.inputCollection(ctx, body);
      multiInstance.setLoopVariables(ctx, body, inner, collection);
      return true;
    } catch (ExpressionFailure failure) {
      behaviors.incidents().raise(ctx, inner, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return false;
    }
  }

  /**
   * An inner instance leaves COMPLETING: its output is collected (a failure leaves it completing
   * with an incident), it completes without taking flows, and the loop goes on.
   */
  @Override
  public void onChildCompleting(
      ProcessingContext ctx, ElementInstance body, ElementInstance inner) {
    boolean completionConditionMet;
    try {
      completionConditionMet = multiInstance.collectOutput(ctx, body, inner);
    } catch (ExpressionFailure failure) {
      behaviors.incidents().raise(ctx, inner, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    transitions.completed(ctx, inner, List.of());
    innerCompleted(ctx, body, completionConditionMet);
  }

  /**
   * An inner instance completed: the loop ends if the completion condition was met (the inner
   * instances still active are terminated), a sequential body creates its next inner instance, and
   * the body completes once none is left.
   */
  private void innerCompleted(
      ProcessingContext ctx, ElementInstance body, boolean completionConditionMet) {
    if (body.state != ElementInstance.State.ACTIVATED) {
      return;
    }
    EngineState state = ctx.state();
    if (completionConditionMet) {
      for (ElementInstance inner : state.children(body.key)) {
        if (inner.isActive()) {
          transitions.terminate(ctx, inner);
        }
      }
      if (body.activeChildren == 0) {
        // else once the last one is terminated (canceling listeners)
        transitions.complete(ctx, body, null);
      }
      return;
    }
    LoopCharacteristics loop = body.element.loopCharacteristics();
    if (loop.sequential()) {
      List<Object> collection;
      try {
        collection = multiInstance.inputCollection(ctx, body);
      } catch (ExpressionFailure failure) {
        behaviors.incidents().raise(ctx, body, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
        return;
      }
      if (body.loopCounter < collection.size()) {
        transitions.activate(ctx, body, body.element.innerActivity());
        return;
      }
    }
    if (body.activeChildren == 0) {
      transitions.complete(ctx, body, null);
    }
  }

  /** The body completes: its output collection goes to its flow scope. */
  @Override
  public void finalizeCompletion(ProcessingContext ctx, ElementInstance body) {
    multiInstance.propagateOutput(ctx, body);
    transitions.completed(ctx, body, body.element.outgoing());
  }

  @Override
  public boolean completesWhenEmpty() {
    return false;
  }
}
