package life.suoke.ops.engine.processing.bpmn.task;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
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
  public void finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    var called = instance.element.calledElement();
    String processId;
    try {
      processId = behaviors.expressions().string(state, called.processId(), instance.key);
    } catch (ExpressionFailure failure) {
      behaviors.incidents().raise(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    ProcessDefinition caller = state.process(instance.processDefinitionKey);
    ProcessDefinition child = null;
    if ("deployment".equals(called.bindingType())) {
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
      behaviors
          .incidents()
          .raise(
              ctx,
              instance,
              "CALLED_ELEMENT_ERROR",
              String.format(
                  "Expected process with BPMN process id '%s' to be deployed, but not found.",
                  processId),
              -1);
      return;
    }
    if (child.executable().noneStartEvent() == null) {
      behaviors
          .incidents()
          .raise(
              ctx,
              instance,
              "CALLED_ELEMENT_ERROR",
              String.format(
                  "Expected process with BPMN process id '%s' to have a none start event, but not found.",
                  processId),
              -1);
      return;
    }
    if (!behaviors.catchEvents().activatedWithBoundaryEvents(ctx, instance)) {
      return;
    }
    Map<String, Object> childVariables =
        called.propagateAllParentVariables()
            ? state.visibleVariables(instance.key)
            : localValues(state, instance.key);
    ProcessDefinition calledProcess = child;
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
  public void finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element.outgoing());
  }
}
