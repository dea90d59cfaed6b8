package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.JobDefinition;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.model.UserTaskDefinition;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.EventTrigger;
import life.suoke.ops.engine.state.Incident;
import life.suoke.ops.engine.state.Job;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.TimerInstance;
import life.suoke.ops.engine.state.UserTask;

/**
 * The BPMN semantics: how each kind of element is activated, completed and terminated, how sequence
 * flows are taken and joined, and when an incident stops the flow.
 */
final class BpmnProcessor {

  private final ExpressionBehavior expressions;
  private final VariableBehavior variables;
  private final EngineListener listener;
  private final TimerBehavior timers;
  private final MessageBehavior messages;
  private final SignalBehavior signals;
  private final MultiInstanceBehavior multiInstance;
  private final DecisionBehavior decisions;
  private final EventSubprocessBehavior eventSubprocesses;
  private final ExecutionListenerBehavior executionListeners;
  private final TaskListenerBehavior taskListeners;
  private final UserTaskProcessor userTasks;
  private final CompensationBehavior compensation;
  private final LinkedFormBehavior linkedForms;
  private final AdHocSubProcessBehavior adHocSubProcesses;

  BpmnProcessor(
      ExpressionBehavior expressions, VariableBehavior variables, EngineListener listener) {
    this.expressions = expressions;
    this.variables = variables;
    this.listener = listener;
    this.timers = new TimerBehavior(expressions);
    this.messages = new MessageBehavior(this);
    this.signals = new SignalBehavior(this);
    this.multiInstance = new MultiInstanceBehavior(this, expressions, variables);
    this.decisions = new DecisionBehavior(this, expressions);
    this.eventSubprocesses = new EventSubprocessBehavior(this);
    this.executionListeners = new ExecutionListenerBehavior(this, expressions, listener);
    this.taskListeners = new TaskListenerBehavior(this, expressions, listener);
    this.userTasks = new UserTaskProcessor(this);
    this.compensation = new CompensationBehavior(this);
    this.linkedForms = new LinkedFormBehavior(this, expressions);
    this.adHocSubProcesses = new AdHocSubProcessBehavior(this, expressions, variables);
  }

  AdHocSubProcessBehavior adHocSubProcesses() {
    return adHocSubProcesses;
  }

  TaskListenerBehavior taskListeners() {
    return taskListeners;
  }

  UserTaskProcessor userTasks() {
    return userTasks;
  }

  EngineListener listener() {
    return listener;
  }

  /**
   * The assignee the model gives a user task, evaluated now; empty if none or if it cannot be
   * evaluated.
   */
  String initialAssignee(ProcessingContext ctx, ElementInstance instance) {
    UserTaskDefinition definition = instance.element.userTaskDefinition();
    if (definition == null || definition.assignee() == null) {
      return "";
    }
    try {
      return expressions.string(ctx.state(), definition.assignee(), instance.key);
    } catch (ExpressionFailure failure) {
      return "";
    }
  }

  ExecutionListenerBehavior executionListeners() {
    return executionListeners;
  }

  MessageBehavior messages() {
    return messages;
  }

  SignalBehavior signals() {
    return signals;
  }

  TimerBehavior timers() {
    return timers;
  }

  DecisionBehavior decisions() {
    return decisions;
  }

  VariableBehavior variables() {
    return variables;
  }

  ExpressionBehavior expressions() {
    return expressions;
  }

  // ------------------------------------------------------------------ creation

  ElementInstance createProcessInstance(
      ProcessingContext ctx, ProcessDefinition definition, Map<String, Object> initialVariables) {
    return createProcessInstance(
        ctx, definition, initialVariables, definition.executable().noneStartEvent());
  }

  ElementInstance createProcessInstance(
      ProcessingContext ctx,
      ProcessDefinition definition,
      Map<String, Object> initialVariables,
      ExecutableElement start) {
    return createProcessInstance(ctx, definition, initialVariables, start, null);
  }

  private ElementInstance createProcessInstance(
      ProcessingContext ctx,
      ProcessDefinition definition,
      Map<String, Object> initialVariables,
      ExecutableElement start,
      ElementInstance caller) {
    EngineState state = ctx.state();
    long key = state.nextKey();
    ExecutableElement processElement = definition.executable().processElement();
    Map<String, Object> value = elementValue(definition, key, processElement, -1);
    if (caller != null) {
      value.put("parentProcessInstanceKey", caller.processInstanceKey);
      value.put("parentElementInstanceKey", caller.key);
    }
    ctx.event(ValueType.PROCESS_INSTANCE, "ELEMENT_ACTIVATING", key, value);
    ElementInstance instance = state.elementInstance(key);
    variables.setLocal(ctx, key, initialVariables);
    if (executionListeners.processStartListenerPending(ctx, instance, start)) {
      return instance;
    }
    activatedProcess(ctx, instance, start);
    return instance;
  }

  private void activatedProcess(
      ProcessingContext ctx, ElementInstance instance, ExecutableElement start) {
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_ACTIVATED", instance.key, elementValue(instance));
    ctx.followUp(() -> activate(ctx, instance, start));
  }

  // ------------------------------------------------------------------ activation

  void activate(ProcessingContext ctx, ElementInstance flowScope, ExecutableElement element) {
    activate(ctx, flowScope, element, null);
  }

  /**
   * Activates an element. {@code triggeredWith} is non-null for an event that has already happened
   * (a triggered boundary event, the catch event chosen by an event-based gateway): it completes
   * right away with those variables.
   */
  void activate(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      Map<String, Object> triggeredWith) {
    activate(ctx, flowScope, element, triggeredWith, -1);
  }

  /**
   * Activates an element under a key chosen before (a compensation handler, named by its
   * subscription).
   */
  void activateWithKey(
      ProcessingContext ctx, ElementInstance flowScope, ExecutableElement element, long key) {
    activate(ctx, flowScope, element, null, key);
  }

  private void activate(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      Map<String, Object> triggeredWith,
      long chosenKey) {
    EngineState state = ctx.state();
    ElementInstance scope = state.elementInstance(flowScope.key);
    if (scope == null
        || scope.state != ElementInstance.State.ACTIVATED
        || scope.interruptingElementId != null
            && !scope.interruptingElementId.equals(element.id())) {
      return; // the scope was left or interrupted by an event subprocess meanwhile: nothing starts
      // in it (Zeebe's rule)
    }
    long key = chosenKey != -1 ? chosenKey : state.nextKey();
    ctx.event(
        ValueType.PROCESS_INSTANCE,
        "ELEMENT_ACTIVATING",
        key,
        elementValue(flowScope, key, element));
    ElementInstance instance = state.elementInstance(key);
    if (triggeredWith != null) {
      activated(ctx, instance);
      complete(ctx, instance, triggeredWith);
      return;
    }
    continueActivation(ctx, instance);
  }

  /**
   * Activates an element where a process instance modification puts it: the modification's
   * variables for the element are set in its own scope first, then it runs like any element.
   */
  void activateWithLocalVariables(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      List<Map<String, Object>> localVariables) {
    long key = ctx.state().nextKey();
    ctx.event(
        ValueType.PROCESS_INSTANCE,
        "ELEMENT_ACTIVATING",
        key,
        elementValue(flowScope, key, element));
    localVariables.forEach(document -> variables.setLocal(ctx, key, document));
    continueActivation(ctx, ctx.state().elementInstance(key));
  }

  /**
   * Runs the activation of an element in ACTIVATING; also the retry after an incident is resolved.
   */
  void continueActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = instance.element;
    ElementInstance body = MultiInstanceBehavior.bodyOf(ctx.state(), instance);
    if (body != null) {
      try {
        multiInstance.setLoopVariables(ctx, body, instance);
      } catch (ExpressionFailure failure) {
        raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
        return;
      }
    }
    if (element.type() == BpmnElementType.AD_HOC_SUB_PROCESS) {
      adHocSubProcesses.setActivationVariables(ctx, instance);
    }
    if (!element.inputMappings().isEmpty()) {
      try {
        // an inner instance of a multi-instance body sees its own item and loopCounter
        long scope = body != null ? instance.key : instance.flowScopeKey;
        Map<String, Object> locals =
            expressions.inputMappings(ctx.state(), element.inputMappings(), scope);
        variables.setLocal(ctx, instance.key, locals);
      } catch (ExpressionFailure failure) {
        raiseIncident(ctx, instance, "IO_MAPPING_ERROR", failure.getMessage(), -1);
        return;
      }
    }
    if (executionListeners.startListenerPending(ctx, instance)) {
      return;
    }
    finalizeActivation(ctx, instance);
  }

  /**
   * The element's own behaviour on activation, once its input mappings and start listeners are
   * done.
   */
  void finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = instance.element;
    switch (element.type()) {
      case PROCESS ->
          activatedProcess(ctx, instance, executionListeners.takeProcessStart(ctx, instance));
      case SERVICE_TASK, SEND_TASK -> activateJobTask(ctx, instance, element.jobDefinition());
      case USER_TASK -> {
        if (element.userTaskDefinition() != null) {
          activateUserTask(ctx, instance, element.userTaskDefinition());
        } else {
          activateJobTask(ctx, instance, element.jobDefinition());
        }
      }
      case EXCLUSIVE_GATEWAY -> activateExclusiveGateway(ctx, instance);
      case INCLUSIVE_GATEWAY -> activateInclusiveGateway(ctx, instance);
      case EVENT_BASED_GATEWAY -> activateEventBasedGateway(ctx, instance);
      case SUB_PROCESS, EVENT_SUB_PROCESS -> {
        if (activatedWithBoundaryTimers(ctx, instance)) {
          ExecutableElement start = element.subProcessStartEvent();
          ctx.followUp(() -> activate(ctx, instance, start));
        }
      }
      case AD_HOC_SUB_PROCESS -> adHocSubProcesses.activate(ctx, instance);
      case CALL_ACTIVITY -> activateCallActivity(ctx, instance);
      case MULTI_INSTANCE_BODY -> multiInstance.activateBody(ctx, instance);
      case SCRIPT_TASK -> {
        if (element.script() == null) {
          activateJobTask(ctx, instance, element.jobDefinition());
        } else {
          activateScriptTask(ctx, instance);
        }
      }
      case BUSINESS_RULE_TASK -> {
        if (element.calledDecision() == null) {
          activateJobTask(ctx, instance, element.jobDefinition());
        } else {
          activateBusinessRuleTask(ctx, instance);
        }
      }
      case RECEIVE_TASK -> activateCatchingElement(ctx, instance, true);
      case INTERMEDIATE_CATCH_EVENT -> activateCatchingElement(ctx, instance, false);
      case INTERMEDIATE_THROW_EVENT, END_EVENT -> activateThrowEvent(ctx, instance);
      default -> {
        activated(ctx, instance);
        complete(ctx, instance, null);
      }
    }
  }

  private void activated(ProcessingContext ctx, ElementInstance instance) {
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_ACTIVATED", instance.key, elementValue(instance));
  }

  private void activateJobTask(
      ProcessingContext ctx, ElementInstance instance, JobDefinition definition) {
    PlannedJob job = planJob(ctx, instance, definition);
    if (job != null && activatedWithBoundaryTimers(ctx, instance)) {
      createJob(ctx, instance, job, "BPMN_ELEMENT");
    }
  }

  /** A job's type, retries and headers, evaluated in its element's scope. */
  record PlannedJob(String type, int retries, Map<String, String> headers) {}

  /**
   * Evaluates the job of an element (and finds the form a job-worker user task links to); null
   * after raising the incident that stops the element.
   */
  PlannedJob planJob(ProcessingContext ctx, ElementInstance instance, JobDefinition definition) {
    String type;
    int retries;
    Map<String, String> headers;
    try {
      type = expressions.jobType(ctx.state(), definition.type(), instance.key);
      retries =
          definition.retries() == null
              ? 3
              : expressions.integer(ctx.state(), definition.retries(), instance.key);
      headers = expressions.jobHeaders(ctx.state(), definition, instance.key);
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return null;
    }
    if (definition.linkedForm() != null) {
      Long formKey = linkedForms.formKey(ctx, instance, definition.linkedForm());
      if (formKey == null) {
        return null;
      }
      headers = new LinkedHashMap<>(headers);
      headers.put(JobDefinition.FORM_KEY_HEADER, String.valueOf(formKey));
    }
    return new PlannedJob(type, retries, headers);
  }

  /** Writes the CREATED record of an element's job (of a kind) and tells its workers. */
  void createJob(ProcessingContext ctx, ElementInstance instance, PlannedJob job, String jobKind) {
    Map<String, Object> value =
        JobProcessor.newJobValue(
            job.type(), job.retries(), job.headers(), instance, jobKind, "UNSPECIFIED");
    ctx.event(ValueType.JOB, "CREATED", ctx.state().nextKey(), value);
    ctx.afterCommit(() -> listener.jobsAvailable(job.type()));
  }

  private void activateUserTask(
      ProcessingContext ctx, ElementInstance instance, UserTaskDefinition definition) {
    EngineState state = ctx.state();
    Map<String, Object> task = new LinkedHashMap<>();
    try {
      task.put(
          "assignee",
          definition.assignee() == null
              ? ""
              : expressions.string(state, definition.assignee(), instance.key));
      task.put(
          "candidateGroupsList",
          definition.candidateGroups() == null
              ? List.of()
              : expressions.stringList(state, definition.candidateGroups(), instance.key));
      task.put(
          "candidateUsersList",
          definition.candidateUsers() == null
              ? List.of()
              : expressions.stringList(state, definition.candidateUsers(), instance.key));
      task.put(
          "dueDate",
          definition.dueDate() == null
              ? ""
              : expressions.dateTime(state, definition.dueDate(), instance.key));
      task.put(
          "followUpDate",
          definition.followUpDate() == null
              ? ""
              : expressions.dateTime(state, definition.followUpDate(), instance.key));
      task.put("priority", expressions.priority(state, definition.priority(), instance.key));
      task.put(
          "externalFormReference",
          definition.externalReference() == null
              ? ""
              : expressions.string(state, definition.externalReference(), instance.key));
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    int priority = ((Number) task.get("priority")).intValue();
    if (priority < 0 || priority > 100) {
      raiseIncident(
          ctx,
          instance,
          "EXTRACT_VALUE_ERROR",
          "Expected priority to be in the range [0,100], but was " + priority + ".",
          -1);
      return;
    }
    long formKey = -1;
    if (definition.linkedForm() != null) {
      Long linked = linkedForms.formKey(ctx, instance, definition.linkedForm());
      if (linked == null) {
        return;
      }
      formKey = linked;
    }
    if (!activatedWithBoundaryTimers(ctx, instance)) {
      return;
    }
    String assignee = (String) task.get("assignee");
    long key = state.nextKey();
    task.put("assignee", "");
    task.put("formKey", formKey);
    task.put("userTaskKey", key);
    task.put("elementId", instance.element.id());
    task.put("elementName", instance.element.name() == null ? "" : instance.element.name());
    task.put("elementInstanceKey", instance.key);
    task.put("bpmnProcessId", instance.bpmnProcessId);
    task.put("processDefinitionVersion", instance.version);
    task.put("processDefinitionKey", instance.processDefinitionKey);
    task.put("processInstanceKey", instance.processInstanceKey);
    task.put("tenantId", instance.tenantId);
    task.put("creationTimestamp", ctx.now());
    task.put("changedAttributes", List.of());
    task.put("action", "");
    task.put("variables", Map.of());
    if (!instance
        .element
        .taskListeners(life.suoke.ops.engine.model.TaskListener.EventType.CREATING)
        .isEmpty()) {
      userTasks.create(
          ctx, key, task); // the model's assignee is assigned once the creating listeners are done
      return;
    }
    ctx.event(ValueType.USER_TASK, "CREATING", key, task);
    ctx.event(ValueType.USER_TASK, "CREATED", key, task);
    if (!assignee.isEmpty()
        && !instance
            .element
            .taskListeners(life.suoke.ops.engine.model.TaskListener.EventType.ASSIGNING)
            .isEmpty()) {
      Map<String, Object> assigned = new LinkedHashMap<>(task);
      assigned.put("assignee", assignee);
      assigned.put("changedAttributes", List.of("assignee"));
      assigned.put("action", "assign");
      ctx.event(ValueType.USER_TASK, "ASSIGNING", key, assigned);
      if (!taskListeners.listenerPending(ctx, key)) {
        userTasks.finishTransition(ctx, key);
      }
    } else if (!assignee.isEmpty()) {
      Map<String, Object> assigned = new LinkedHashMap<>(task);
      assigned.put("assignee", assignee);
      assigned.put("changedAttributes", List.of("assignee"));
      assigned.put("action", "assign");
      ctx.event(ValueType.USER_TASK, "ASSIGNING", key, assigned);
      ctx.event(ValueType.USER_TASK, "ASSIGNED", key, assigned);
    }
  }

  /**
   * Writes ACTIVATED for an activity and opens its timer boundary events. The timers are evaluated
   * first, so that a failing timer expression leaves the activity in ACTIVATING with an incident.
   */
  boolean activatedWithBoundaryTimers(ProcessingContext ctx, ElementInstance instance) {
    return activatedWithEvents(ctx, instance, List.of(), List.of(), List.of());
  }

  /**
   * Writes ACTIVATED and opens what the element waits for: its own event (a catch event, receive
   * task or event-based gateway) and its boundary events. Everything is evaluated first, so a
   * failing expression leaves the element in ACTIVATING with an incident.
   */
  private boolean activatedWithEvents(
      ProcessingContext ctx,
      ElementInstance instance,
      List<TimerBehavior.PlannedTimer> ownTimers,
      List<MessageBehavior.PlannedSubscription> ownMessages,
      List<SignalBehavior.PlannedSubscription> ownSignals) {
    List<TimerBehavior.PlannedTimer> plannedTimers = new ArrayList<>(ownTimers);
    List<MessageBehavior.PlannedSubscription> plannedMessages = new ArrayList<>(ownMessages);
    List<SignalBehavior.PlannedSubscription> plannedSignals = new ArrayList<>(ownSignals);
    try {
      plannedTimers.addAll(timers.planBoundaryTimers(ctx, instance));
      plannedMessages.addAll(messages.planBoundaries(ctx, instance));
      plannedSignals.addAll(signals.planBoundaries(ctx, instance));
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return false;
    }
    activated(ctx, instance);
    for (TimerBehavior.PlannedTimer timer : plannedTimers) {
      timers.create(ctx, instance, timer);
    }
    signals.open(ctx, instance, plannedSignals);
    messages.open(ctx, instance, plannedMessages);
    return true;
  }

  /**
   * A catch event or receive task: waits for its timer, message or signal (and its boundary
   * events).
   */
  private void activateCatchingElement(
      ProcessingContext ctx, ElementInstance instance, boolean receiveTask) {
    ExecutableElement element = instance.element;
    List<TimerBehavior.PlannedTimer> ownTimers = new ArrayList<>();
    List<MessageBehavior.PlannedSubscription> ownMessages = new ArrayList<>();
    List<SignalBehavior.PlannedSubscription> ownSignals = new ArrayList<>();
    try {
      if (receiveTask || element.eventType() == BpmnEventType.MESSAGE) {
        ownMessages.add(messages.plan(ctx, element, instance.key, true));
      } else if (element.eventType() == BpmnEventType.TIMER) {
        ownTimers.add(timers.plan(ctx, element, instance.key));
      } else if (element.eventType() == BpmnEventType.SIGNAL) {
        ownSignals.add(signals.plan(ctx, element, instance.key, true));
      }
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    if (ownTimers.isEmpty() && ownMessages.isEmpty() && ownSignals.isEmpty()) {
      activated(ctx, instance);
      complete(ctx, instance, null);
      return;
    }
    activatedWithEvents(ctx, instance, ownTimers, ownMessages, ownSignals);
  }

  /**
   * A call activity starts an instance of the called process (latest version, or the one deployed
   * together with the caller) with the caller's variables, and completes with the child's variables
   * when the child completes.
   */
  private void activateCallActivity(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    var called = instance.element.calledElement();
    String processId;
    try {
      processId = expressions.string(state, called.processId(), instance.key);
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
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
      raiseIncident(
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
      raiseIncident(
          ctx,
          instance,
          "CALLED_ELEMENT_ERROR",
          String.format(
              "Expected process with BPMN process id '%s' to have a none start event, but not found.",
              processId),
          -1);
      return;
    }
    if (!activatedWithBoundaryTimers(ctx, instance)) {
      return;
    }
    Map<String, Object> childVariables =
        called.propagateAllParentVariables()
            ? state.visibleVariables(instance.key)
            : localValues(state, instance.key);
    ProcessDefinition calledProcess = child;
    ctx.followUp(
        () ->
            createProcessInstance(
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

  /** A called process instance completed: its caller completes with the child's variables. */
  private void childCompleted(
      ProcessingContext ctx, ElementInstance child, Map<String, Object> childVariables) {
    ElementInstance caller = ctx.state().elementInstance(child.parentElementInstanceKey);
    if (caller == null || caller.state != ElementInstance.State.ACTIVATED) {
      return;
    }
    var called = caller.element.calledElement();
    boolean passVariables =
        called.propagateAllChildVariables() || !caller.element.outputMappings().isEmpty();
    ctx.followUp(() -> complete(ctx, caller, passVariables ? childVariables : Map.of()));
  }

  /** A FEEL script task: its result is the result variable, written like a job's result. */
  private void activateScriptTask(ProcessingContext ctx, ElementInstance instance) {
    Object result;
    try {
      result = expressions.evaluate(ctx.state(), instance.element.script(), instance.key);
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    if (!activatedWithBoundaryTimers(ctx, instance)) {
      return;
    }
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put(instance.element.resultVariable(), result);
    complete(ctx, instance, variables);
  }

  /**
   * A business rule task that calls a decision: evaluated on activation (a failure is an incident,
   * and resolving it evaluates again); it completes right away with the result variable, which its
   * output mappings may then map (Zeebe opens no boundary events for it).
   */
  private void activateBusinessRuleTask(ProcessingContext ctx, ElementInstance instance) {
    Map<String, Object> result = decisions.evaluateCalledDecision(ctx, instance);
    if (result == null) {
      return;
    }
    activated(ctx, instance);
    complete(ctx, instance, result);
  }

  /** An event-based gateway waits for the first of the events after it. */
  private void activateEventBasedGateway(ProcessingContext ctx, ElementInstance instance) {
    List<TimerBehavior.PlannedTimer> plannedTimers = new ArrayList<>();
    List<MessageBehavior.PlannedSubscription> plannedMessages = new ArrayList<>();
    List<SignalBehavior.PlannedSubscription> plannedSignals = new ArrayList<>();
    try {
      for (ExecutableElement target : instance.element.eventBasedTargets()) {
        switch (target.eventType()) {
          case TIMER -> plannedTimers.add(timers.plan(ctx, target, instance.key));
          case MESSAGE -> plannedMessages.add(messages.plan(ctx, target, instance.key, true));
          case SIGNAL -> plannedSignals.add(signals.plan(ctx, target, instance.key, true));
          default -> {}
        }
      }
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    activated(ctx, instance);
    for (TimerBehavior.PlannedTimer timer : plannedTimers) {
      timers.create(ctx, instance, timer);
    }
    signals.open(ctx, instance, plannedSignals);
    messages.open(ctx, instance, plannedMessages);
  }

  /** Throw and end events: none, terminate, message (a job), error, escalation, signal. */
  private void activateThrowEvent(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = instance.element;
    BpmnEventType type = element.eventType() == null ? BpmnEventType.NONE : element.eventType();
    switch (type) {
      case MESSAGE -> activateJobTask(ctx, instance, element.jobDefinition());
      case ERROR -> throwErrorEvent(ctx, instance);
      case ESCALATION -> throwEscalationEvent(ctx, instance);
      case SIGNAL -> {
        String name;
        try {
          name =
              expressions.string(
                  ctx.state(), element.signalDefinition().signalName(), instance.key);
        } catch (ExpressionFailure failure) {
          raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
          return;
        }
        activated(ctx, instance);
        signals.broadcast(ctx, name, Map.of(), instance.tenantId);
        complete(ctx, instance, null);
      }
      case TERMINATE -> {
        activated(ctx, instance);
        terminateEndEvent(ctx, instance);
      }
      case COMPENSATION -> {
        activated(ctx, instance);
        if (!compensation.trigger(ctx, instance)) {
          complete(
              ctx, instance, null); // nothing to compensate; otherwise it waits for the handlers
        }
      }
      case LINK -> {
        activated(ctx, instance);
        ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey);
        ExecutableElement target = element.linkTarget();
        // The catch event is activated before the throw event's completion is checked against its
        // scope.
        ctx.followUp(() -> activate(ctx, flowScope, target));
        complete(ctx, instance, null);
      }
      default -> {
        activated(ctx, instance);
        complete(ctx, instance, null);
      }
    }
  }

  // ------------------------------------------------------------------ errors and escalations

  private record Catch(ElementInstance scope, ExecutableElement boundary) {}

  /**
   * The nearest catch event of an error or escalation thrown at {@code from}: a boundary event of
   * {@code from}, then the event subprocesses and boundary events of each scope around it (Zeebe's
   * order: event subprocesses first, then boundary events; an exact code wins over a catch-all of
   * the same element). The search stops at a scope that an event subprocess interrupted.
   */
  private static Catch findCatch(
      EngineState state, ElementInstance from, BpmnEventType type, String code) {
    for (ElementInstance scope = from;
        scope != null && scope.interruptingElementId == null;
        scope = outerScope(state, scope)) {
      ExecutableElement exact = null;
      ExecutableElement catchAll = null;
      for (ExecutableElement boundary : EventSubprocessBehavior.catchEvents(scope.element)) {
        if (boundary.eventType() != type) {
          continue;
        }
        life.suoke.ops.engine.model.Expression catchCode =
            type == BpmnEventType.ERROR
                ? boundary.errorDefinition().errorCode()
                : boundary.escalationDefinition().code();
        if (catchCode == null) {
          catchAll = catchAll == null ? boundary : catchAll;
        } else if (catchCode.source().equals(code) && exact == null) {
          exact = boundary;
        }
      }
      if (exact != null || catchAll != null) {
        return new Catch(scope, exact != null ? exact : catchAll);
      }
    }
    return null;
  }

  /**
   * The scope around an element instance where an uncaught error or escalation goes next: its flow
   * scope, and beyond a called process instance the call activity that called it (Zeebe propagates
   * both to the caller).
   */
  private static ElementInstance outerScope(EngineState state, ElementInstance scope) {
    if (scope.flowScopeKey != -1) {
      return state.elementInstance(scope.flowScopeKey);
    }
    return scope.parentElementInstanceKey > 0
        ? state.elementInstance(scope.parentElementInstanceKey)
        : null;
  }

  /**
   * Throws a BPMN error: the nearest catching boundary event interrupts its activity and takes
   * over, with the error's variables (and the code and message in the variables the catch event
   * names). Returns false if nothing catches it.
   */
  boolean throwError(
      ProcessingContext ctx,
      ElementInstance from,
      String code,
      String message,
      Map<String, Object> errorVariables) {
    Catch caught = findCatch(ctx.state(), from, BpmnEventType.ERROR, code);
    if (caught == null) {
      return false;
    }
    Map<String, Object> variables =
        new LinkedHashMap<>(errorVariables == null ? Map.of() : errorVariables);
    var definition = caught.boundary().errorDefinition();
    if (definition.errorCodeVariable() != null && !definition.errorCodeVariable().isBlank()) {
      variables.put(definition.errorCodeVariable(), code);
    }
    if (definition.errorMessageVariable() != null && !definition.errorMessageVariable().isBlank()) {
      variables.put(definition.errorMessageVariable(), message == null ? "" : message);
    }
    triggerBoundaryEvent(ctx, caught.scope(), caught.boundary(), variables);
    return true;
  }

  /**
   * Zeebe's incident message for an error that nothing catches: it names the error codes of the
   * catch events that were tried (those of every scope from {@code from} outwards).
   */
  static String unhandledErrorMessage(
      EngineState state, ElementInstance from, String code, String message) {
    List<String> available = new ArrayList<>();
    for (ElementInstance scope = from;
        scope != null && scope.interruptingElementId == null;
        scope = outerScope(state, scope)) {
      EventSubprocessBehavior.catchEvents(scope.element).stream()
          .filter(
              event ->
                  event.eventType() == BpmnEventType.ERROR && !event.errorDefinition().isCatchAll())
          .map(event -> event.errorDefinition().errorCode().source())
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(available::add);
    }
    return String.format(
        "Expected to throw an error event with the code '%s'%s, but it was not caught.%s",
        code,
        message == null || message.isEmpty() ? "" : String.format(" with message '%s'", message),
        available.isEmpty()
            ? " No error events are available in the scope."
            : String.format(" Available error events are [%s]", String.join(", ", available)));
  }

  private void throwErrorEvent(ProcessingContext ctx, ElementInstance instance) {
    String code;
    try {
      code =
          expressions.string(
              ctx.state(), instance.element.errorDefinition().errorCode(), instance.key);
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey);
    if (!throwError(ctx, flowScope, code, "", Map.of())) {
      raiseIncident(
          ctx,
          instance,
          "UNHANDLED_ERROR_EVENT",
          unhandledErrorMessage(ctx.state(), flowScope, code, ""),
          -1);
    }
  }

  /**
   * Throws an escalation: the nearest catching boundary event takes over (interrupting its activity
   * or not); an escalation nobody catches does not stop the flow (Zeebe's rule).
   */
  private void throwEscalationEvent(ProcessingContext ctx, ElementInstance instance) {
    String code;
    try {
      code =
          expressions.string(
              ctx.state(), instance.element.escalationDefinition().code(), instance.key);
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
      return;
    }
    activated(ctx, instance);
    ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey);
    Catch caught = findCatch(ctx.state(), flowScope, BpmnEventType.ESCALATION, code);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("processInstanceKey", instance.processInstanceKey);
    value.put("escalationCode", code);
    value.put("throwElementId", instance.element.id());
    value.put("catchElementId", caught == null ? "" : caught.boundary().id());
    value.put("tenantId", instance.tenantId);
    ctx.event(
        ValueType.ESCALATION,
        caught == null ? "NOT_ESCALATED" : "ESCALATED",
        ctx.state().nextKey(),
        value);
    if (caught == null) {
      complete(ctx, instance, null);
      return;
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    var definition = caught.boundary().escalationDefinition();
    if (definition.codeVariable() != null && !definition.codeVariable().isBlank()) {
      variables.put(definition.codeVariable(), code);
    }
    boolean interrupting = caught.boundary().interrupting();
    if (!interrupting) {
      complete(ctx, instance, null);
    }
    triggerBoundaryEvent(ctx, caught.scope(), caught.boundary(), variables);
  }

  /**
   * A boundary event (or the event chosen by an event-based gateway) happened on a waiting element:
   * an interrupting one terminates the element first; then the event is activated in the element's
   * flow scope and completes with the event's variables.
   */
  void triggerBoundaryEvent(
      ProcessingContext ctx,
      ElementInstance waiting,
      ExecutableElement event,
      Map<String, Object> eventVariables) {
    if (EventSubprocessBehavior.isEventSubprocessStart(event)) {
      eventSubprocesses.trigger(ctx, waiting, event, eventVariables);
      return;
    }
    EngineState state = ctx.state();
    Map<String, Object> triggeredWith = eventVariables == null ? Map.of() : eventVariables;
    ElementInstance flowScope = state.elementInstance(waiting.flowScopeKey);
    if (waiting.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      ctx.event(
          ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETING", waiting.key, elementValue(waiting));
      SequenceFlow chosen =
          waiting.element.outgoing().stream()
              .filter(flow -> flow.targetId().equals(event.id()))
              .findFirst()
              .orElseThrow();
      timers.cancelAll(ctx, waiting.key);
      messages.closeAll(ctx, waiting.key);
      signals.closeAll(ctx, waiting.key);
      ctx.event(
          ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETED", waiting.key, elementValue(waiting));
      ProcessDefinition definition = state.process(flowScope.processDefinitionKey);
      ctx.event(
          ValueType.PROCESS_INSTANCE,
          "SEQUENCE_FLOW_TAKEN",
          state.nextKey(),
          elementValue(
              definition,
              flowScope.processInstanceKey,
              chosen.id(),
              BpmnElementType.SEQUENCE_FLOW,
              flowScope.key,
              flowScope.tenantId));
      ctx.followUp(() -> activate(ctx, flowScope, event, triggeredWith));
      return;
    }
    if (event.interrupting() && !terminate(ctx, waiting)) {
      // the element waits for canceling listeners: the event is kept and happens once it is
      // terminated
      ctx.event(
          ValueType.PROCESS_EVENT,
          "TRIGGERING",
          state.nextKey(),
          EventSubprocessBehavior.processEventValue(
              waiting, waiting.key, event.id(), triggeredWith));
      return;
    }
    activate(ctx, flowScope, event, triggeredWith);
  }

  /**
   * A terminate end event ends its flow scope: every other element instance in it is terminated,
   * then the scope completes.
   */
  private void terminateEndEvent(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETING", instance.key, elementValue(instance));
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETED", instance.key, elementValue(instance));
    ElementInstance flowScope = state.elementInstance(instance.flowScopeKey);
    boolean siblingsTerminated = true;
    for (ElementInstance sibling : state.children(flowScope.key)) {
      siblingsTerminated &= terminate(ctx, sibling);
    }
    if (!siblingsTerminated) {
      return; // the scope completes once the last one is terminated (continueTermination)
    }
    ctx.followUp(
        () -> {
          if (flowScope.state == ElementInstance.State.ACTIVATED) {
            complete(ctx, flowScope, null);
          }
        });
  }

  /**
   * A timer fired: complete its catch event, interrupt or branch off its activity, or start an
   * instance.
   */
  void triggerTimer(ProcessingContext ctx, TimerInstance timer) {
    EngineState state = ctx.state();
    if (state.timer(timer.key()) == null) {
      return; // canceled by a timer that fired before it in the same round
    }
    ProcessDefinition definition = state.process(timer.processDefinitionKey());
    ExecutableElement timerEvent = definition.executable().element(timer.targetElementId());
    timers.triggered(ctx, timer);
    if (timer.elementInstanceKey() == -1) {
      createProcessInstance(ctx, definition, Map.of(), timerEvent);
      timers.reschedule(ctx, timer, timerEvent, -1);
      return;
    }
    ElementInstance waiting = state.elementInstance(timer.elementInstanceKey());
    if (waiting == null) {
      return;
    }
    if (waiting.element.id().equals(timer.targetElementId())) {
      messages.closeAll(ctx, waiting.key);
      signals.closeAll(ctx, waiting.key);
      complete(ctx, waiting, null);
      return;
    }
    if (!timerEvent.interrupting() && waiting.type() != BpmnElementType.EVENT_BASED_GATEWAY) {
      timers.reschedule(ctx, timer, timerEvent, waiting.key);
    }
    triggerBoundaryEvent(ctx, waiting, timerEvent, Map.of());
  }

  private void activateExclusiveGateway(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement gateway = instance.element;
    SequenceFlow chosen = null;
    try {
      for (SequenceFlow flow : gateway.outgoing()) {
        if (flow.id().equals(gateway.defaultFlowId())) {
          continue;
        }
        if (flow.condition() == null
            || expressions.condition(ctx.state(), flow.condition(), instance.key)) {
          chosen = flow;
          break;
        }
      }
    } catch (ExpressionFailure failure) {
      raiseIncident(ctx, instance, "CONDITION_ERROR", failure.getMessage(), -1);
      return;
    }
    if (chosen == null && gateway.defaultFlowId() != null) {
      chosen =
          ctx.state()
              .process(instance.processDefinitionKey)
              .executable()
              .sequenceFlow(gateway.defaultFlowId());
    }
    if (chosen == null && !gateway.outgoing().isEmpty()) {
      raiseIncident(
          ctx,
          instance,
          "CONDITION_ERROR",
          "Expected at least one condition to evaluate to true, or to have a default flow",
          -1);
      return;
    }
    activated(ctx, instance);
    SequenceFlow taken = chosen;
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETING", instance.key, elementValue(instance));
    completed(ctx, instance, taken == null ? List.of() : List.of(taken));
  }

  /**
   * An inclusive gateway takes every outgoing flow whose condition holds (a single flow without
   * condition is simply taken); if none holds, its default flow; with neither, an incident.
   */
  private void activateInclusiveGateway(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement gateway = instance.element;
    List<SequenceFlow> chosen = new ArrayList<>();
    List<SequenceFlow> outgoing = gateway.outgoing();
    if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
      chosen.add(outgoing.get(0));
    } else {
      try {
        for (SequenceFlow flow : outgoing) {
          if (flow.id().equals(gateway.defaultFlowId()) || flow.condition() == null) {
            continue;
          }
          if (expressions.condition(ctx.state(), flow.condition(), instance.key)) {
            chosen.add(flow);
          }
        }
      } catch (ExpressionFailure failure) {
        raiseIncident(ctx, instance, "CONDITION_ERROR", failure.getMessage(), -1);
        return;
      }
      if (chosen.isEmpty() && gateway.defaultFlowId() != null) {
        chosen.add(
            ctx.state()
                .process(instance.processDefinitionKey)
                .executable()
                .sequenceFlow(gateway.defaultFlowId()));
      }
      if (chosen.isEmpty() && !outgoing.isEmpty()) {
        raiseIncident(
            ctx,
            instance,
            "CONDITION_ERROR",
            "Expected at least one condition to evaluate to true, or to have a default flow",
            -1);
        return;
      }
    }
    activated(ctx, instance);
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETING", instance.key, elementValue(instance));
    completed(ctx, instance, chosen);
  }

  // ------------------------------------------------------------------ completion

  /**
   * Completes a waiting element (a task whose job or user task is done, or a pass-through element).
   */
  void complete(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    ElementInstance live = ctx.state().elementInstance(instance.key);
    if (live == null || live.state == ElementInstance.State.TERMINATING) {
      return; // terminated meanwhile, e.g. by the interrupting event subprocess its own signal
      // triggered
    }
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETING", instance.key, elementValue(instance));
    continueCompletion(ctx, instance, resultVariables);
  }

  /**
   * Runs the completion of an element in COMPLETING; also the retry after an incident is resolved.
   */
  void continueCompletion(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables) {
    ExecutableElement element = instance.element;
    if (element.type() == BpmnElementType.START_EVENT) {
      Map<String, Object> eventVariables = eventSubprocesses.takeTrigger(ctx, instance);
      resultVariables = eventVariables != null ? eventVariables : resultVariables;
    }
    if (element.type() == BpmnElementType.AD_HOC_SUB_PROCESS) {
      adHocSubProcesses.propagateOutput(ctx, instance);
    }
    if (!element.outputMappings().isEmpty()) {
      if (resultVariables != null && !resultVariables.isEmpty()) {
        variables.setLocal(ctx, instance.key, resultVariables);
      }
      try {
        Map<String, Object> outputs =
            expressions.outputMappings(
                ctx.state(), element.outputMappings(), instance.key, instance.flowScopeKey);
        long target = instance.flowScopeKey == -1 ? instance.key : instance.flowScopeKey;
        variables.mergePropagating(ctx, target, outputs);
      } catch (ExpressionFailure failure) {
        raiseIncident(ctx, instance, "IO_MAPPING_ERROR", failure.getMessage(), -1);
        return;
      }
    } else if (resultVariables != null && !resultVariables.isEmpty()) {
      variables.mergePropagating(ctx, instance.key, resultVariables);
    }
    if (!element
        .executionListeners(life.suoke.ops.engine.model.ExecutionListener.EventType.END)
        .isEmpty()) {
      // the element stops waiting for its events before its end listeners run
      timers.cancelAll(ctx, instance.key);
      messages.closeAll(ctx, instance.key);
      signals.closeAll(ctx, instance.key);
    }
    if (executionListeners.endListenerPending(ctx, instance)) {
      return;
    }
    finalizeCompletion(ctx, instance);
  }

  /** Leaves an element in COMPLETING, once its output mappings and end listeners are done. */
  void finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = instance.element;
    if (element.type() == BpmnElementType.START_EVENT
        && !eventSubprocesses.subscribe(ctx, instance)) {
      return;
    }
    if (instance.type() == BpmnElementType.AD_HOC_SUB_PROCESS_INNER_INSTANCE) {
      adHocSubProcesses.innerInstanceCompleting(ctx, instance);
      return;
    }
    ElementInstance body = MultiInstanceBehavior.bodyOf(ctx.state(), instance);
    if (body != null) {
      boolean completionConditionMet;
      try {
        completionConditionMet = multiInstance.collectOutput(ctx, body, instance);
      } catch (ExpressionFailure failure) {
        raiseIncident(ctx, instance, "EXTRACT_VALUE_ERROR", failure.getMessage(), -1);
        return;
      }
      completed(ctx, instance, List.of());
      multiInstance.innerCompleted(ctx, body, completionConditionMet);
      return;
    }
    if (instance.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
      multiInstance.propagateOutput(ctx, instance);
    }
    completed(ctx, instance, element.outgoing());
  }

  /**
   * Writes ELEMENT_COMPLETED and goes on: along the flows to take, or, with none, to the completion
   * of the flow scope.
   */
  void completed(ProcessingContext ctx, ElementInstance instance, List<SequenceFlow> flowsToTake) {
    EngineState state = ctx.state();
    Map<String, Object> value = elementValue(instance);
    timers.cancelAll(ctx, instance.key);
    messages.closeAll(ctx, instance.key);
    signals.closeAll(ctx, instance.key);
    if (instance.type() == BpmnElementType.PROCESS) {
      Map<String, Object> finalVariables = state.visibleVariables(instance.key);
      String startedByMessage = state.messageStartCorrelationKey(instance.key);
      ctx.event(ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETED", instance.key, value);
      compensation.deleteAll(ctx, instance);
      startNextBufferedMessage(ctx, instance, startedByMessage);
      ctx.afterCommit(() -> listener.processInstanceCompleted(instance.key, finalVariables));
      if (instance.parentElementInstanceKey > 0) {
        childCompleted(ctx, instance, finalVariables);
      }
      return;
    }
    compensation.subscribe(ctx, instance);
    ctx.event(ValueType.PROCESS_INSTANCE, "ELEMENT_COMPLETED", instance.key, value);
    compensation.completed(ctx, instance);
    ElementInstance flowScope = state.elementInstance(instance.flowScopeKey);
    if (flowsToTake.isEmpty()) {
      completeFlowScopeIfDone(ctx, flowScope);
      return;
    }
    for (SequenceFlow flow : flowsToTake) {
      takeSequenceFlow(ctx, flowScope, flow);
    }
  }

  private void takeSequenceFlow(
      ProcessingContext ctx, ElementInstance flowScope, SequenceFlow flow) {
    EngineState state = ctx.state();
    ProcessDefinition definition = state.process(flowScope.processDefinitionKey);
    ExecutableElement target = definition.executable().element(flow.targetId());
    Map<String, Object> value =
        elementValue(
            definition,
            flowScope.processInstanceKey,
            flow.id(),
            BpmnElementType.SEQUENCE_FLOW,
            flowScope.key,
            flowScope.tenantId);
    ctx.event(ValueType.PROCESS_INSTANCE, "SEQUENCE_FLOW_TAKEN", state.nextKey(), value);
    if (EngineState.isJoin(target) && target.type() == BpmnElementType.INCLUSIVE_GATEWAY) {
      // decided when the token arrives, after the flows taken with this one are counted
      ctx.followUp(
          () -> {
            if (flowScope.state == ElementInstance.State.ACTIVATED
                && InclusiveJoin.canActivate(state, flowScope, target)) {
              activate(ctx, flowScope, target);
            }
          });
    } else if (EngineState.isJoin(target)) {
      if (state.joinComplete(flowScope.key, target)) {
        ctx.followUp(() -> activate(ctx, flowScope, target));
      }
    } else {
      ctx.followUp(() -> activate(ctx, flowScope, target));
    }
  }

  private void completeFlowScopeIfDone(ProcessingContext ctx, ElementInstance flowScope) {
    if (flowScope != null
        && flowScope.type() != BpmnElementType.MULTI_INSTANCE_BODY // the body decides itself
        && flowScope.type() != BpmnElementType.AD_HOC_SUB_PROCESS // and so does an ad-hoc one
        && flowScope.state == ElementInstance.State.ACTIVATED
        && flowScope.activeChildren == 0
        && flowScope.activeFlows == 0) {
      ctx.followUp(
          () -> {
            if (flowScope.state == ElementInstance.State.ACTIVATED
                && flowScope.activeChildren == 0
                && flowScope.activeFlows == 0) {
              complete(ctx, flowScope, null);
            }
          });
    }
  }

  // ------------------------------------------------------------------ termination

  /**
   * Terminates an element instance and everything inside it, children first. Returns whether it is
   * terminated now. It is not while a user task in it waits for its canceling listeners: the
   * element stays TERMINATING and {@link #continueTermination} ends it once they are done. An
   * element already TERMINATING is left to end by itself.
   */
  boolean terminate(ProcessingContext ctx, ElementInstance instance) {
    if (instance.state == ElementInstance.State.TERMINATING) {
      return false;
    }
    EngineState state = ctx.state();
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_TERMINATING", instance.key, elementValue(instance));
    for (ElementInstance child : state.children(instance.key)) {
      terminate(ctx, child);
    }
    ElementInstance called = calledInstance(state, instance);
    if (called != null && called.isActive()) {
      terminate(ctx, called);
    }
    if (instance.jobKey != -1) {
      Job job = state.job(instance.jobKey);
      if (job != null) {
        ctx.event(ValueType.JOB, "CANCELED", job.key, JobProcessor.jobValue(job));
      }
    }
    timers.cancelAll(ctx, instance.key);
    messages.closeAll(ctx, instance.key);
    signals.closeAll(ctx, instance.key);
    for (Incident incident : new ArrayList<>(state.incidents())) {
      if (incident.elementInstanceKey() == instance.key) {
        ctx.event(ValueType.INCIDENT, "RESOLVED", incident.key(), incidentValue(incident));
      }
    }
    if (cancelUserTask(ctx, instance)
        || !state.children(instance.key).isEmpty()
        || calledInstance(state, instance) != null) {
      return false;
    }
    terminated(ctx, instance);
    return true;
  }

  /**
   * The user task of a terminated element is CANCELING, then CANCELED, as in Zeebe; with canceling
   * listeners it stays CANCELING until they are done (true). A command waiting for the task's other
   * listeners is rejected.
   */
  private boolean cancelUserTask(ProcessingContext ctx, ElementInstance instance) {
    UserTask task = instance.userTaskKey == -1 ? null : ctx.state().userTask(instance.userTaskKey);
    if (task == null) {
      return false;
    }
    if (task.transition != null && task.state != UserTask.State.CREATING) {
      long taskKey = task.key; // a command waiting for the task's listeners gets no answer any more
      ctx.afterCommit(
          () ->
              listener.userTaskTransitionEnded(
                  taskKey,
                  new Rejection(
                      life.suoke.ops.engine.record.RejectionType.INVALID_STATE,
                      String.format(
                          "Expected to finish the transition of user task with key '%d', but it was canceled",
                          taskKey))));
    }
    Map<String, Object> value = UserTaskProcessor.userTaskValue(task);
    ctx.event(ValueType.USER_TASK, "CANCELING", task.key, value);
    if (taskListeners.listenerPending(ctx, task.key)) {
      return true;
    }
    ctx.event(ValueType.USER_TASK, "CANCELED", task.key, value);
    return false;
  }

  /** The process instance a call activity started and that has not ended yet, or null. */
  private static ElementInstance calledInstance(EngineState state, ElementInstance instance) {
    return instance.calledChildKey == -1 ? null : state.elementInstance(instance.calledChildKey);
  }

  private void terminated(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    String startedByMessage =
        instance.type() == BpmnElementType.PROCESS
            ? state.messageStartCorrelationKey(instance.key)
            : null;
    ctx.event(
        ValueType.PROCESS_INSTANCE, "ELEMENT_TERMINATED", instance.key, elementValue(instance));
    if (instance.type() == BpmnElementType.PROCESS) {
      compensation.deleteAll(ctx, instance);
      startNextBufferedMessage(ctx, instance, startedByMessage);
      ctx.afterCommit(() -> listener.processInstanceTerminated(instance.key));
    }
  }

  /**
   * Ends an element whose termination waited (for the canceling listeners of its user task, or for
   * what was inside it to end), then goes on with what waited for it: the termination of its flow
   * scope or calling element, or, in a flow scope still active, the interrupting event that
   * terminated it (a boundary event, an event subprocess), or the completion of the scope (after a
   * terminate end event, or the completion condition of a multi-instance body or an ad-hoc
   * subprocess).
   */
  void continueTermination(ProcessingContext ctx, ElementInstance instance) {
    EngineState state = ctx.state();
    EventTrigger boundaryEvent = boundaryEventTrigger(state, instance);
    terminated(ctx, instance);
    ElementInstance waiting =
        instance.type() == BpmnElementType.PROCESS
            ? state.elementInstance(instance.parentElementInstanceKey)
            : state.elementInstance(instance.flowScopeKey);
    if (waiting == null) {
      return;
    }
    if (waiting.state == ElementInstance.State.TERMINATING) {
      if (state.children(waiting.key).isEmpty() && calledInstance(state, waiting) == null) {
        continueTermination(ctx, waiting);
      }
      return;
    }
    if (waiting.state != ElementInstance.State.ACTIVATED) {
      return;
    }
    if (boundaryEvent != null) {
      ExecutableElement event =
          state
              .process(instance.processDefinitionKey)
              .executable()
              .element(boundaryEvent.elementId);
      ctx.event(
          ValueType.PROCESS_EVENT,
          "TRIGGERED",
          boundaryEvent.key,
          EventSubprocessBehavior.processEventValue(instance, instance.key, event.id(), Map.of()));
      activate(ctx, waiting, event, boundaryEvent.variables);
    } else if (waiting.activeChildren == 0
        && !eventSubprocesses.activateInterrupting(ctx, waiting)) {
      if (waiting.type() == BpmnElementType.MULTI_INSTANCE_BODY
          || waiting.type() == BpmnElementType.AD_HOC_SUB_PROCESS) {
        complete(ctx, waiting, null);
      } else {
        completeFlowScopeIfDone(ctx, waiting);
      }
    }
  }

  /**
   * The interrupting boundary event that happened while the element waited for its termination, or
   * null.
   */
  private static EventTrigger boundaryEventTrigger(EngineState state, ElementInstance instance) {
    for (ExecutableElement event : instance.element.boundaryEvents()) {
      EventTrigger trigger = state.eventTrigger(instance.key, event.id());
      if (trigger != null) {
        return trigger;
      }
    }
    return null;
  }

  /**
   * Whether a flow scope is left with nothing running: no sequence flow taken and no child that is
   * not already being terminated.
   */
  static boolean onlyTerminatingChildren(EngineState state, ElementInstance scope) {
    return scope.activeFlows == 0
        && state.children(scope.key).stream()
            .allMatch(child -> child.state == ElementInstance.State.TERMINATING);
  }

  /**
   * After a process instance a message started: the next buffered message for its correlation key
   * may start one.
   */
  private void startNextBufferedMessage(
      ProcessingContext ctx, ElementInstance processInstance, String correlationKey) {
    if (correlationKey != null) {
      ctx.followUp(
          () ->
              messages.startNextBuffered(
                  ctx, processInstance.tenantId, processInstance.bpmnProcessId, correlationKey));
    }
  }

  // ------------------------------------------------------------------ incidents

  void raiseIncident(
      ProcessingContext ctx,
      ElementInstance instance,
      String errorType,
      String message,
      long jobKey) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("errorType", errorType);
    value.put("errorMessage", message);
    value.put("bpmnProcessId", instance.bpmnProcessId);
    value.put("processDefinitionKey", instance.processDefinitionKey);
    value.put("processInstanceKey", instance.processInstanceKey);
    value.put("elementId", instance.element.id());
    value.put("elementInstanceKey", instance.key);
    value.put("jobKey", jobKey);
    value.put("variableScopeKey", instance.key);
    value.put("tenantId", instance.tenantId);
    ElementTreePath path = ElementTreePath.of(ctx.state(), instance);
    value.put("elementInstancePath", path.elementInstancePath());
    value.put("processDefinitionPath", path.processDefinitionPath());
    value.put("callingElementPath", path.callingElementPath());
    ctx.event(ValueType.INCIDENT, "CREATED", ctx.state().nextKey(), value);
  }

  static Map<String, Object> incidentValue(Incident incident) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("errorType", incident.errorType());
    value.put("errorMessage", incident.errorMessage());
    value.put("bpmnProcessId", incident.bpmnProcessId());
    value.put("processDefinitionKey", incident.processDefinitionKey());
    value.put("processInstanceKey", incident.processInstanceKey());
    value.put("elementId", incident.elementId());
    value.put("elementInstanceKey", incident.elementInstanceKey());
    value.put("jobKey", incident.jobKey());
    value.put("variableScopeKey", incident.variableScopeKey());
    value.put("tenantId", incident.tenantId());
    value.put("elementInstancePath", incident.elementInstancePath());
    value.put("processDefinitionPath", incident.processDefinitionPath());
    value.put("callingElementPath", incident.callingElementPath());
    return value;
  }

  // ------------------------------------------------------------------ record values

  static Map<String, Object> elementValue(ElementInstance instance) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", instance.bpmnProcessId);
    value.put("version", instance.version);
    value.put("processDefinitionKey", instance.processDefinitionKey);
    value.put("processInstanceKey", instance.processInstanceKey);
    value.put("elementId", instance.element.id());
    value.put("flowScopeKey", instance.flowScopeKey);
    value.put("bpmnElementType", instance.type().name());
    value.put("bpmnEventType", eventType(instance.element));
    value.put("parentProcessInstanceKey", instance.parentProcessInstanceKey);
    value.put("parentElementInstanceKey", instance.parentElementInstanceKey);
    value.put("tenantId", instance.tenantId);
    return value;
  }

  static Map<String, Object> elementValue(
      ElementInstance flowScope, long key, ExecutableElement element) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", flowScope.bpmnProcessId);
    value.put("version", flowScope.version);
    value.put("processDefinitionKey", flowScope.processDefinitionKey);
    value.put("processInstanceKey", flowScope.processInstanceKey);
    value.put("elementId", element.id());
    value.put("flowScopeKey", flowScope.key);
    value.put("bpmnElementType", element.type().name());
    value.put("bpmnEventType", eventType(element));
    value.put("parentProcessInstanceKey", -1L);
    value.put("parentElementInstanceKey", -1L);
    value.put("tenantId", flowScope.tenantId);
    return value;
  }

  static Map<String, Object> elementValue(
      ProcessDefinition definition,
      long processInstanceKey,
      ExecutableElement element,
      long flowScopeKey) {
    Map<String, Object> value =
        elementValue(
            definition,
            processInstanceKey,
            element.id(),
            element.type(),
            flowScopeKey,
            definition.tenantId());
    value.put("bpmnEventType", eventType(element));
    return value;
  }

  private static Map<String, Object> elementValue(
      ProcessDefinition definition,
      long processInstanceKey,
      String elementId,
      BpmnElementType type,
      long flowScopeKey,
      String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", definition.bpmnProcessId());
    value.put("version", definition.version());
    value.put("processDefinitionKey", definition.key());
    value.put("processInstanceKey", processInstanceKey);
    value.put("elementId", elementId);
    value.put("flowScopeKey", flowScopeKey);
    value.put("bpmnElementType", type.name());
    value.put("bpmnEventType", eventType(type));
    value.put("parentProcessInstanceKey", -1L);
    value.put("parentElementInstanceKey", -1L);
    value.put("tenantId", tenantId);
    return value;
  }

  private static String eventType(BpmnElementType type) {
    return type == BpmnElementType.START_EVENT || type == BpmnElementType.END_EVENT
        ? "NONE"
        : "UNSPECIFIED";
  }

  private static String eventType(ExecutableElement element) {
    BpmnEventType type = element.eventType();
    return type == null || type == BpmnEventType.UNSPECIFIED
        ? eventType(element.type())
        : type.name();
  }
}
