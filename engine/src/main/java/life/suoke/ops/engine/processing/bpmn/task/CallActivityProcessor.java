package life.suoke.ops.engine.processing.bpmn.task;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.model.ExecutableCallActivity;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * Call activities: start an instance of the called process (latest version, or the one deployed
 * together with the caller) with the caller's variables, and complete with the child's variables
 * when the child completes (the lifecycle's end of a process instance).
 */
public final class CallActivityProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public CallActivityProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    Outcome<ProcessDefinition> child =
        Outcome.evaluate(
                ErrorType.EXTRACT_VALUE_ERROR,
                () ->
                    behaviors
                        .expressions()
                        .string(
                            ctx.state(),
                            instance
                                .element(ExecutableCallActivity.class)
                                .calledElement()
                                .processId(),
                            instance.key))
            .flatMap(processId -> calledProcess(ctx.state(), instance, processId));
    if (child.isFailure()) {
      return Outcome.failure(child.failure());
    }
    return behaviors
        .catchEvents()
        .activatedWithBoundaryEvents(ctx, instance)
        .map(
            activated -> {
              callProcess(ctx, instance, child.value());
              return null;
            });
  }

  /**
   * The process to call: the latest version, or the one deployed with the caller; it must have a
   * none start event.
   */
  private static Outcome<ProcessDefinition> calledProcess(
      EngineState state, ElementInstance instance, String processId) {
    ProcessDefinition caller = state.process(instance.processDefinitionKey());
    ProcessDefinition child = null;
    if ("deployment"
        .equals(instance.element(ExecutableCallActivity.class).calledElement().bindingType())) {
      for (ProcessDefinition candidate : state.processes()) {
        if (candidate.deploymentKey() == caller.deploymentKey()
            && candidate.bpmnProcessId().equals(processId)) {
          child = candidate;
        }
      }
    } else {
      child = state.latestProcess(instance.tenantId, processId);
    }
    if (child == null) {
      return Outcome.failure(
          ErrorType.CALLED_ELEMENT_ERROR,
          String.format(
              "Expected process with BPMN process id '%s' to be deployed, but not found.",
              processId));
    }
    if (child.executable().noneStartEvent() == null) {
      return Outcome.failure(
          ErrorType.CALLED_ELEMENT_ERROR,
          String.format(
              "Expected process with BPMN process id '%s' to have a none start event, but not found.",
              processId));
    }
    return Outcome.success(child);
  }

  /**
   * Starts the called process instance, after the caller's records, with the caller's variables.
   */
  private void callProcess(
      ProcessingContext ctx, ElementInstance instance, ProcessDefinition calledProcess) {
    EngineState state = ctx.state();
    Map<String, Object> childVariables =
        instance.element(ExecutableCallActivity.class).calledElement().propagateAllParentVariables()
            ? state.visibleVariables(instance.key)
            : localValues(state, instance.key);
    ctx.followUp(
        () ->
            transitions.createProcessInstance(
                ctx,
                calledProcess,
                childVariables,
                calledProcess.executable().noneStartEvent(),
                instance));
  }

  private static Map<String, Object> localValues(EngineState state, long scopeKey) {
    Map<String, Object> values = new LinkedHashMap<>();
    state.localVariables(scopeKey).forEach((name, variable) -> values.put(name, variable.value()));
    return values;
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
