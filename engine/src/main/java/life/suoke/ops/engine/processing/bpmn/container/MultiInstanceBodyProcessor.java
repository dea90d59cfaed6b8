package life.suoke.ops.engine.processing.bpmn.container;

import java.util.List;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnContainerProcessor;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.MultiInstanceBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
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
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance body) {
    Outcome<List<Object>> collection = multiInstance.inputCollection(ctx, body);
    if (collection.isFailure()) {
      return Outcome.failure(collection.failure());
    }
    return behaviors
        .catchEvents()
        .activatedWithBoundaryEvents(ctx, body)
        .map(
            activated -> {
              createInnerInstances(ctx, body, collection.value());
              return null;
            });
  }

  private void createInnerInstances(
      ProcessingContext ctx, ElementInstance body, List<Object> collection) {
    multiInstance.initOutputCollection(ctx, body, collection.size());
    if (collection.isEmpty()) {
      transitions.complete(ctx, body, null);
      return;
    }
    int instances =
        body.element(ExecutableMultiInstanceBody.class).loopCharacteristics().sequential()
            ? 1
            : collection.size();
    creatingBody = body.key;
    creatingCollection = collection;
    try {
      for (int i = 0; i < instances; i++) {
        transitions.activate(
            ctx, body, body.element(ExecutableMultiInstanceBody.class).innerActivity());
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
  public Outcome<Void> onChildActivating(
      ProcessingContext ctx, ElementInstance body, ElementInstance inner) {
    Outcome<List<Object>> collection =
        body.key == creatingBody
            ? Outcome.success(creatingCollection)
            : multiInstance.inputCollection(ctx, body);
    return collection.flatMap(items -> multiInstance.setLoopVariables(ctx, body, inner, items));
  }

  /**
   * An inner instance leaves COMPLETING: its output is collected (a failure leaves it completing),
   * it completes without taking flows, and the loop goes on.
   */
  @Override
  public Outcome<Void> onChildCompleting(
      ProcessingContext ctx, ElementInstance body, ElementInstance inner) {
    return multiInstance
        .collectOutput(ctx, body, inner)
        .map(
            completionConditionMet -> {
              transitions.completed(ctx, inner, List.of());
              // the failure to go on is the body's, received here
              innerCompleted(ctx, body, completionConditionMet)
                  .ifFailure(failure -> behaviors.incidents().raise(ctx, body, failure));
              return null;
            });
  }

  /**
   * An inner instance completed: the loop ends if the completion condition was met (the inner
   * instances still active are terminated), a sequential body creates its next inner instance, and
   * the body completes once none is left. A sequential body whose collection cannot be read again
   * fails.
   */
  private Outcome<Void> innerCompleted(
      ProcessingContext ctx, ElementInstance body, boolean completionConditionMet) {
    if (body.state() != ElementInstance.State.ACTIVATED) {
      return Outcome.success();
    }
    EngineState state = ctx.state();
    if (completionConditionMet) {
      for (ElementInstance inner : state.children(body.key)) {
        if (inner.isActive()) {
          transitions.terminate(ctx, inner);
        }
      }
      if (body.activeChildren() == 0) {
        // else once the last one is terminated (canceling listeners)
        transitions.complete(ctx, body, null);
      }
      return Outcome.success();
    }
    if (body.element(ExecutableMultiInstanceBody.class).loopCharacteristics().sequential()) {
      Outcome<List<Object>> collection = multiInstance.inputCollection(ctx, body);
      if (collection.isFailure()) {
        return Outcome.failure(collection.failure());
      }
      if (body.loopCounter() < collection.value().size()) {
        transitions.activate(
            ctx, body, body.element(ExecutableMultiInstanceBody.class).innerActivity());
        return Outcome.success();
      }
    }
    if (body.activeChildren() == 0) {
      transitions.complete(ctx, body, null);
    }
    return Outcome.success();
  }

  /** The body completes: its output collection goes to its flow scope. */
  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance body) {
    multiInstance.propagateOutput(ctx, body);
    transitions.completed(ctx, body, body.element().outgoing());
    return Outcome.success();
  }

  @Override
  public boolean completesWhenEmpty() {
    return false;
  }
}
