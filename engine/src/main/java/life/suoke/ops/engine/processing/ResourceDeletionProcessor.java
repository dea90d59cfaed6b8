package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.processing.bpmn.behavior.DecisionBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.processing.bpmn.behavior.TimerBehavior;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.DecisionIntent;
import life.suoke.ops.engine.record.intent.DecisionRequirementsIntent;
import life.suoke.ops.engine.record.intent.FormIntent;
import life.suoke.ops.engine.record.intent.ProcessIntent;
import life.suoke.ops.engine.record.intent.ResourceDeletionIntent;
import life.suoke.ops.engine.record.value.DecisionRequirementsValue;
import life.suoke.ops.engine.record.value.DecisionValue;
import life.suoke.ops.engine.record.value.FormValue;
import life.suoke.ops.engine.record.value.ProcessValue;
import life.suoke.ops.engine.record.value.ResourceDeletionValue;
import life.suoke.ops.engine.state.DeployedResource;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.TimerInstance;

/**
 * Deletes a deployed process definition, decision requirements graph or form by its key, with the
 * rules of Zeebe 8.8's documentation ("Resource deletion"), so that a faulty version can no longer
 * be started, called or evaluated:
 *
 * <ul>
 *   <li>A process definition with running instances is not deleted (INVALID_STATE); cancel or
 *       complete them first.
 *   <li>The deleted version's timer start events are closed. Deleting the latest version of a
 *       process makes the version before it the latest: new instances by process id, call
 *       activities and message and signal start events (which always look at the latest version)
 *       use it, and its timer start events are opened again. With no version left, creating an
 *       instance by id is NOT_FOUND and a call activity raises an incident.
 *   <li>A graph goes with its decisions; a business rule task that then finds no decision raises an
 *       incident. A user task that links a form by id links the latest version that is left.
 *   <li>Versions are never reused: the next deployment counts on from the deleted version.
 * </ul>
 *
 * <p>Every check comes before the first record, so a rejected deletion changes nothing. A
 * decision's own key is not a resource to delete (NOT_FOUND), as in Zeebe: its graph is.
 */
final class ResourceDeletionProcessor {

  private final TimerBehavior timers;
  private final DecisionBehavior decisions;

  ResourceDeletionProcessor(TimerBehavior timers, DecisionBehavior decisions) {
    this.timers = timers;
    this.decisions = decisions;
  }

  /**
   * The DELETE command's value (Zeebe's {@code ResourceDeletionRecord}); the tenant is the
   * resource's, once found.
   */
  static ResourceDeletionValue value(long resourceKey, String tenantId) {
    return new ResourceDeletionValue(resourceKey, tenantId);
  }

  void delete(ProcessingContext ctx, long resourceKey) {
    EngineState state = ctx.state();
    ProcessDefinition process = state.process(resourceKey);
    if (process != null) {
      deleteProcess(ctx, process);
      return;
    }
    DeployedResource resource = state.resource(resourceKey);
    if (resource == null || resource.kind().equals(ValueType.DECISION.name())) {
      throw Rejection.notFound(
          "Expected to delete resource but no resource found with key `%d`", resourceKey);
    }
    long key = state.nextKey();
    ResourceDeletionValue value = value(resourceKey, resource.tenantId());
    ctx.event(ResourceDeletionIntent.DELETING, key, value);
    if (resource.kind().equals(ValueType.FORM.name())) {
      ctx.event(FormIntent.DELETED, state.nextKey(), formValue(resource));
    } else {
      deleteDecisionRequirements(ctx, resource);
    }
    ctx.event(ResourceDeletionIntent.DELETED, key, value);
  }

  private void deleteProcess(ProcessingContext ctx, ProcessDefinition process) {
    EngineState state = ctx.state();
    if (state.hasRunningInstances(process.key())) {
      throw Rejection.invalidState(
          "Expected to delete resource with key `%d` but there are still running instances",
          process.key());
    }
    boolean latest = state.latestProcess(process.tenantId(), process.bpmnProcessId()) == process;
    ProcessDefinition previous = latest ? state.previousProcess(process) : null;
    List<TimerBehavior.PlannedTimer> reopened =
        previous == null ? List.of() : planStartTimers(ctx, previous);

    long key = state.nextKey();
    ResourceDeletionValue value = value(process.key(), process.tenantId());
    ctx.event(ResourceDeletionIntent.DELETING, key, value);
    ctx.event(ProcessIntent.DELETING, state.nextKey(), processValue(process));
    for (TimerInstance timer : List.copyOf(state.timers())) {
      if (timer.elementInstanceKey() == -1 && timer.processDefinitionKey() == process.key()) {
        timers.cancel(ctx, timer);
      }
    }
    for (TimerBehavior.PlannedTimer timer : reopened) {
      timers.createStartTimer(ctx, previous, timer);
    }
    ctx.event(ProcessIntent.DELETED, state.nextKey(), processValue(process));
    ctx.event(ResourceDeletionIntent.DELETED, key, value);
  }

  /**
   * The timers of a version's timer start events, evaluated now as at a deployment. They evaluated
   * when the version was deployed; one that no longer does rejects the deletion, as Zeebe's
   * processing fails on it.
   */
  private List<TimerBehavior.PlannedTimer> planStartTimers(
      ProcessingContext ctx, ProcessDefinition definition) {
    List<TimerBehavior.PlannedTimer> planned = new ArrayList<>();
    for (ExecutableCatchEvent start : definition.executable().timerStartEvents()) {
      try {
        planned.add(timers.plan(ctx, start, -1));
      } catch (ExpressionFailure failure) {
        throw new Rejection(
            RejectionType.PROCESSING_ERROR,
            String.format(
                "Expected to open the timer start event '%s' of process '%s' version %d again, but %s",
                start.id(),
                definition.bpmnProcessId(),
                definition.version(),
                failure.getMessage()));
      }
    }
    return planned;
  }

  /** Its decisions first, then the graph (Zeebe's order). */
  private void deleteDecisionRequirements(ProcessingContext ctx, DeployedResource graph) {
    EngineState state = ctx.state();
    List<DeployedResource> members =
        state.resources().stream()
            .filter(
                r ->
                    r.kind().equals(ValueType.DECISION.name())
                        && state.decisionRequirementsKey(r.key()) == graph.key())
            .toList();
    for (DeployedResource decision : members) {
      ctx.event(DecisionIntent.DELETED, state.nextKey(), decisionValue(decision, graph));
    }
    ctx.event(
        DecisionRequirementsIntent.DELETED, state.nextKey(), decisionRequirementsValue(graph));
    decisions.forget(graph.key());
  }

  /**
   * The PROCESS record of a deletion: the definition without its checksum and resource (left empty,
   * as Zeebe does).
   */
  private static ProcessValue processValue(ProcessDefinition process) {
    return new ProcessValue(
        process.bpmnProcessId(),
        process.version(),
        process.versionTag(),
        process.key(),
        process.resourceName(),
        "",
        "",
        process.deploymentKey(),
        false,
        process.tenantId());
  }

  private static DecisionValue decisionValue(DeployedResource decision, DeployedResource graph) {
    return new DecisionValue(
        decision.resourceId(),
        decision.name(),
        decision.version(),
        "",
        decision.key(),
        graph.resourceId(),
        graph.key(),
        decision.resourceName(),
        decision.checksum(),
        null,
        decision.deploymentKey(),
        false,
        decision.tenantId());
  }

  /**
   * The graph as deployed; its namespace is not kept in the state and is left empty, as in Zeebe's
   * deletion record.
   */
  private static DecisionRequirementsValue decisionRequirementsValue(DeployedResource graph) {
    return new DecisionRequirementsValue(
        graph.resourceId(),
        graph.name(),
        graph.version(),
        graph.key(),
        "",
        graph.resourceName(),
        graph.checksum(),
        Base64.getEncoder().encodeToString(graph.resource()),
        graph.deploymentKey(),
        false,
        graph.tenantId());
  }

  private static FormValue formValue(DeployedResource form) {
    return new FormValue(
        form.resourceId(),
        form.version(),
        "",
        form.key(),
        form.resourceName(),
        form.checksum(),
        Base64.getEncoder().encodeToString(form.resource()),
        form.deploymentKey(),
        false,
        form.tenantId());
  }
}
