package life.suoke.ops.engine.processing;

import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.processing.bpmn.BpmnElementLifecycle;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionBehavior;
import life.suoke.ops.engine.state.EngineClock;

/**
 * The processors of one engine, wired to each other and to the listener that hears what a committed
 * batch changed. The processing loop runs them on due work (time-outs, timers, batch operation
 * chunks), the engine's commands run them for each call; both on the loop's thread.
 */
record EngineProcessors(
    BpmnBehaviors bpmn,
    JobProcessor jobs,
    UserTaskProcessor userTasks,
    DeploymentProcessor deployments,
    ResourceDeletionProcessor deletions,
    ProcessInstanceProcessor instances,
    ProcessInstanceModificationProcessor modifications,
    ProcessInstanceMigrationProcessor migrations,
    BatchOperationProcessor batches) {

  static EngineProcessors wire(
      BpmnTransformer transformer, EngineClock clock, EngineListener listener) {
    ExpressionBehavior expressions = new ExpressionBehavior(clock.asClock());
    // the element lifecycle, with its behaviours and its element processors
    BpmnElementLifecycle lifecycle = new BpmnElementLifecycle(expressions, listener);
    BpmnBehaviors bpmn = lifecycle.behaviors();
    BpmnStateTransitions transitions = lifecycle;
    JobProcessor jobs = new JobProcessor(bpmn, transitions, listener);
    ProcessInstanceProcessor instances = new ProcessInstanceProcessor(bpmn, transitions, listener);
    ProcessInstanceModificationProcessor modifications =
        new ProcessInstanceModificationProcessor(bpmn, transitions);
    ProcessInstanceMigrationProcessor migrations = new ProcessInstanceMigrationProcessor(bpmn);
    return new EngineProcessors(
        bpmn,
        jobs,
        new UserTaskProcessor(bpmn.userTasks()),
        new DeploymentProcessor(transformer, bpmn.timers(), bpmn.decisions()),
        new ResourceDeletionProcessor(bpmn.timers(), bpmn.decisions()),
        instances,
        modifications,
        migrations,
        new BatchOperationProcessor(instances, jobs, migrations, modifications));
  }
}
