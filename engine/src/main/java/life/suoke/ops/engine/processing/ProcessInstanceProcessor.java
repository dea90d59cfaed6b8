package life.suoke.ops.engine.processing;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableAdHocSubProcess;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.IncidentBehavior;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceCreationIntent;
import life.suoke.ops.engine.record.value.ProcessInstanceCreationValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Incident;
import life.suoke.ops.engine.state.Job;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * Creating process instances (at the none start event or at start instructions) and cancelling
 * them, setting variables, resolving incidents.
 */
final class ProcessInstanceProcessor {

  private final BpmnBehaviors bpmn;
  private final BpmnStateTransitions transitions;
  private final EngineListener listener;
  private final StartInstructions atElements;

  ProcessInstanceProcessor(
      BpmnBehaviors bpmn, BpmnStateTransitions transitions, EngineListener listener) {
    this.bpmn = bpmn;
    this.transitions = transitions;
    this.listener = listener;
    this.atElements = new StartInstructions(bpmn, transitions);
  }

  /**
   * @param startInstructions the ids of the elements to start at; empty: the none start event
   */
  ProcessInstanceCreated create(
      ProcessingContext ctx,
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions) {
    EngineState state = ctx.state();
    ProcessDefinition definition;
    if (processDefinitionKey > 0) {
      definition = state.process(processDefinitionKey);
      if (definition == null) {
        throw Rejection.notFound(
            "Expected to find process definition with key '%d', but none found",
            processDefinitionKey);
      }
    } else if (version < 0) {
      definition = state.latestProcess(tenantId, bpmnProcessId);
      if (definition == null) {
        throw Rejection.notFound(
            "Expected to find process definition with process ID '%s', but none found",
            bpmnProcessId);
      }
    } else {
      definition = state.process(tenantId, bpmnProcessId, version);
      if (definition == null) {
        throw Rejection.notFound(
            "Expected to find process definition with process ID '%s' and version '%d', but none found",
            bpmnProcessId, version);
      }
    }
    if (startInstructions.isEmpty() && definition.executable().noneStartEvent() == null) {
      throw Rejection.invalidState(
          "Expected to create instance of process with none start event, but there is no such event");
    }
    Map<String, Object> initialVariables = variables == null ? Map.of() : variables;
    ElementInstance instance =
        startInstructions.isEmpty()
            ? transitions.createProcessInstance(
                ctx, definition, initialVariables, definition.executable().noneStartEvent())
            : atElements.create(ctx, definition, initialVariables, startInstructions);
    ProcessInstanceCreationValue value =
        new ProcessInstanceCreationValue(
            definition.bpmnProcessId(),
            definition.version(),
            definition.key(),
            instance.key,
            initialVariables,
            StartInstructions.recordValue(startInstructions),
            tenantId);
    ctx.event(ProcessInstanceCreationIntent.CREATED, instance.key, value);
    return new ProcessInstanceCreated(
        definition.key(),
        definition.bpmnProcessId(),
        definition.version(),
        instance.key,
        tenantId,
        Map.of());
  }

  void cancel(ProcessingContext ctx, long processInstanceKey) {
    ElementInstance instance = ctx.state().elementInstance(processInstanceKey);
    if (instance == null || instance.type() != BpmnElementType.PROCESS) {
      throw Rejection.notFound(
          "Expected to cancel a process instance with key '%d', but no such process was found",
          processInstanceKey);
    }
    if (instance.parentElementInstanceKey() > 0) {
      throw Rejection.invalidState(
          "Expected to cancel a process instance with key '%d', but it is created by a parent process instance. Cancel the root process instance '%d' instead.",
          processInstanceKey, instance.parentProcessInstanceKey());
    }
    if (instance.state() == ElementInstance.State.TERMINATING) {
      throw Rejection.invalidState(
          "Expected to cancel a process instance with key '%d', but it is already being terminated",
          processInstanceKey);
    }
    transitions.terminate(ctx, instance);
  }

  void setVariables(
      ProcessingContext ctx, long scopeKey, Map<String, Object> variables, boolean local) {
    ElementInstance scope = ctx.state().elementInstance(scopeKey);
    if (scope == null) {
      throw Rejection.notFound(
          "Expected to update variables for element with key '%d', but no such element was found",
          scopeKey);
    }
    if (local) {
      bpmn.variables().setLocal(ctx, scopeKey, variables);
    } else {
      bpmn.variables().mergePropagating(ctx, scopeKey, variables);
    }
  }

  void resolveIncident(ProcessingContext ctx, long incidentKey) {
    EngineState state = ctx.state();
    Incident incident = state.incident(incidentKey);
    if (incident == null) {
      throw Rejection.notFound(
          "Expected to resolve incident with key '%d', but no such incident was found",
          incidentKey);
    }
    Job job = incident.jobKey() > 0 ? state.job(incident.jobKey()) : null;
    if (job != null && job.retries() <= 0) {
      // the job could not be worked on: Zeebe refuses, the retries are to be updated first
      throw new Rejection(
          RejectionType.INVALID_STATE,
          String.format(
              "Expected to resolve incident with key '%d', but job with key '%d' has no retries left."
                  + " Please update the job retries and retry resolving the incident",
              incidentKey, job.key));
    }
    ctx.event(IncidentIntent.RESOLVED, incidentKey, IncidentBehavior.incidentValue(incident));
    if (job != null) {
      listener.jobsAvailable(job.type);
      return;
    }
    ElementInstance instance = state.elementInstance(incident.elementInstanceKey());
    if (instance == null) {
      return;
    }
    if ((instance.state() == ElementInstance.State.ACTIVATED
            || instance.state() == ElementInstance.State.TERMINATING)
        && instance.userTaskKey() != -1) {
      ctx.followUp(
          () ->
              bpmn.userTasks().retryListener(ctx, instance)); // a task listener's expression failed
    } else if (instance.state() == ElementInstance.State.ACTIVATED
        && instance.element() instanceof ExecutableAdHocSubProcess adHoc
        && adHoc.jobDefinition() != null) {
      // its job could not be created again after an inner instance completed
      ctx.followUp(
          () ->
              bpmn.adHocSubProcesses()
                  .askWorker(ctx, instance)
                  .ifFailure(failure -> bpmn.incidents().raise(ctx, instance, failure)));
    } else if (instance.state() == ElementInstance.State.ACTIVATING) {
      ctx.followUp(() -> transitions.continueActivation(ctx, instance));
    } else if (instance.state() == ElementInstance.State.COMPLETING) {
      ctx.followUp(() -> transitions.continueCompletion(ctx, instance, null));
    }
  }
}
