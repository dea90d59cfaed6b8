package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One flow node (or the process itself) ready to execute. */
public final class ExecutableElement {

  private final String id;
  private final String name;
  private final BpmnElementType type;
  private final List<SequenceFlow> incoming = new ArrayList<>();
  private final List<SequenceFlow> outgoing = new ArrayList<>();
  private final List<Mapping> inputMappings = new ArrayList<>();
  private final List<Mapping> outputMappings = new ArrayList<>();
  private JobDefinition jobDefinition;
  private UserTaskDefinition userTaskDefinition;
  private String defaultFlowId;
  private Map<String, String> taskHeaders = Map.of();
  private BpmnEventType eventType;
  private TimerDefinition timerDefinition;
  private String attachedToId;
  private boolean interrupting = true;
  private final List<ExecutableElement> boundaryEvents = new ArrayList<>();
  private MessageDefinition messageDefinition;
  private ErrorDefinition errorDefinition;
  private EscalationDefinition escalationDefinition;
  private SignalDefinition signalDefinition;
  private final List<ExecutableElement> eventBasedTargets = new ArrayList<>();
  private String eventBasedGatewayId;
  private String flowScopeId;
  private CalledElement calledElement;
  private String linkName;
  private ExecutableElement linkTarget;
  private ExecutableElement subProcessStartEvent;
  private final List<ExecutableElement> eventSubprocessStartEvents = new ArrayList<>();
  private Expression script;
  private String resultVariable;
  private LoopCharacteristics loopCharacteristics;
  private ExecutableElement innerActivity;
  private CalledDecision calledDecision;
  private List<ExecutionListener> executionListeners = List.of();
  private List<TaskListener> taskListeners = List.of();
  private String compensationTargetId;
  private AdHocSubProcess adHocSubProcess;

  public ExecutableElement(String id, String name, BpmnElementType type) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.eventType = type.isEvent() ? BpmnEventType.NONE : BpmnEventType.UNSPECIFIED;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public BpmnElementType type() {
    return type;
  }

  public List<SequenceFlow> incoming() {
    return incoming;
  }

  public List<SequenceFlow> outgoing() {
    return outgoing;
  }

  public List<Mapping> inputMappings() {
    return inputMappings;
  }

  public List<Mapping> outputMappings() {
    return outputMappings;
  }

  /**
   * The job of a service task, send task, job-worker user task, or job-based message throw event
   * (intermediate throw or end event with {@link #eventType()} {@code MESSAGE}); null otherwise.
   */
  public JobDefinition jobDefinition() {
    return jobDefinition;
  }

  /** For user tasks with {@code zeebe:userTask}; null otherwise. */
  public UserTaskDefinition userTaskDefinition() {
    return userTaskDefinition;
  }

  /** The default flow of an exclusive gateway, null if none. */
  public String defaultFlowId() {
    return defaultFlowId;
  }

  public void setJobDefinition(JobDefinition jobDefinition) {
    this.jobDefinition = jobDefinition;
  }

  public void setUserTaskDefinition(UserTaskDefinition userTaskDefinition) {
    this.userTaskDefinition = userTaskDefinition;
  }

  public void setDefaultFlowId(String defaultFlowId) {
    this.defaultFlowId = defaultFlowId;
  }

  /**
   * The static {@code zeebe:taskHeaders} of a task, in modelling order (empty if none). For a job
   * they are also in {@link JobDefinition#headers()}; a Camunda user task keeps them here.
   */
  public Map<String, String> taskHeaders() {
    return taskHeaders;
  }

  public void setTaskHeaders(Map<String, String> taskHeaders) {
    this.taskHeaders = taskHeaders == null ? Map.of() : taskHeaders;
  }

  /**
   * The event type (Zeebe's {@code bpmnEventType}): {@code UNSPECIFIED} for non-events, {@code
   * NONE} for an event without definition, otherwise the kind of its definition: {@code TIMER},
   * {@code MESSAGE}, {@code SIGNAL}, {@code ERROR}, {@code ESCALATION} or {@code TERMINATE}.
   * Receive tasks and event-based gateways are not events ({@code UNSPECIFIED}), as in Zeebe.
   */
  public BpmnEventType eventType() {
    return eventType;
  }

  public void setEventType(BpmnEventType eventType) {
    this.eventType = eventType;
  }

  /** The timer of a timer event ({@link #eventType()} {@code TIMER}); null otherwise. */
  public TimerDefinition timerDefinition() {
    return timerDefinition;
  }

  public void setTimerDefinition(TimerDefinition timerDefinition) {
    this.timerDefinition = timerDefinition;
  }

  /** For a boundary event: the id of the activity it is attached to; null otherwise. */
  public String attachedToId() {
    return attachedToId;
  }

  /**
   * For a boundary event: whether it interrupts (cancels) the activity when triggered, BPMN's
   * {@code cancelActivity} (true unless {@code cancelActivity="false"}). For the start event of an
   * event subprocess: BPMN's {@code isInterrupting} (true unless {@code isInterrupting="false"}).
   * True for every other element.
   */
  public boolean interrupting() {
    return interrupting;
  }

  public void setInterrupting(boolean interrupting) {
    this.interrupting = interrupting;
  }

  public void setBoundaryEvent(String attachedToId, boolean interrupting) {
    this.attachedToId = attachedToId;
    this.interrupting = interrupting;
  }

  /** For an activity: the boundary events attached to it, in document order (empty if none). */
  public List<ExecutableElement> boundaryEvents() {
    return boundaryEvents;
  }

  /**
   * The message of a message start event, message intermediate catch event, message boundary event
   * or receive task; null otherwise (also for job-based message throw and end events, whose job
   * worker publishes the message).
   */
  public MessageDefinition messageDefinition() {
    return messageDefinition;
  }

  public void setMessageDefinition(MessageDefinition messageDefinition) {
    this.messageDefinition = messageDefinition;
  }

  /** The error of an error end event or error boundary event; null otherwise. */
  public ErrorDefinition errorDefinition() {
    return errorDefinition;
  }

  public void setErrorDefinition(ErrorDefinition errorDefinition) {
    this.errorDefinition = errorDefinition;
  }

  /** The escalation of an escalation intermediate throw, end or boundary event; null otherwise. */
  public EscalationDefinition escalationDefinition() {
    return escalationDefinition;
  }

  public void setEscalationDefinition(EscalationDefinition escalationDefinition) {
    this.escalationDefinition = escalationDefinition;
  }

  /**
   * The signal of a signal start, intermediate catch, boundary, intermediate throw or end event;
   * null otherwise.
   */
  public SignalDefinition signalDefinition() {
    return signalDefinition;
  }

  public void setSignalDefinition(SignalDefinition signalDefinition) {
    this.signalDefinition = signalDefinition;
  }

  /**
   * For an event-based gateway: the intermediate catch events (message, timer or signal) its
   * outgoing sequence flows lead to, in the order of the flows. When the gateway is activated it
   * waits for all of them at once (it opens their subscriptions and timers); the first one
   * triggered wins, and the gateway is left through the flow to that event. Empty for other
   * elements.
   */
  public List<ExecutableElement> eventBasedTargets() {
    return eventBasedTargets;
  }

  /**
   * For an intermediate catch event that follows an event-based gateway: the id of the gateway
   * (whose only incoming flow leads to it, as Zeebe requires); null otherwise.
   */
  /** The name of a link throw or catch event; null otherwise. */
  public String linkName() {
    return linkName;
  }

  public void setLinkName(String linkName) {
    this.linkName = linkName;
  }

  /** For a link throw event: the link catch event it jumps to. */
  public ExecutableElement linkTarget() {
    return linkTarget;
  }

  public void setLinkTarget(ExecutableElement linkTarget) {
    this.linkTarget = linkTarget;
  }

  /** The called process of a call activity; null otherwise. */
  public CalledElement calledElement() {
    return calledElement;
  }

  public void setCalledElement(CalledElement calledElement) {
    this.calledElement = calledElement;
  }

  /** The id of the embedded subprocess this element is in, or null for the process itself. */
  public String flowScopeId() {
    return flowScopeId;
  }

  public void setFlowScopeId(String flowScopeId) {
    this.flowScopeId = flowScopeId;
  }

  /**
   * The none start event of an embedded subprocess, or the start event of an event subprocess; null
   * otherwise.
   */
  public ExecutableElement subProcessStartEvent() {
    return subProcessStartEvent;
  }

  public void setSubProcessStartEvent(ExecutableElement startEvent) {
    this.subProcessStartEvent = startEvent;
  }

  /**
   * For a process, embedded subprocess or event subprocess: the start events of the event
   * subprocesses directly inside it (timer, message, signal, error or escalation), in document
   * order; empty if none. Their timers and subscriptions are open while the scope is active.
   */
  public List<ExecutableElement> eventSubprocessStartEvents() {
    return eventSubprocessStartEvents;
  }

  /**
   * The FEEL expression of a script task ({@code zeebe:script}); null for job-based script tasks.
   */
  public Expression script() {
    return script;
  }

  /** The variable a script task's result is written to. */
  public String resultVariable() {
    return resultVariable;
  }

  public void setScript(Expression script, String resultVariable) {
    this.script = script;
    this.resultVariable = resultVariable;
  }

  /**
   * For a multi-instance body ({@link BpmnElementType#MULTI_INSTANCE_BODY}): its loop
   * characteristics; null otherwise.
   */
  public LoopCharacteristics loopCharacteristics() {
    return loopCharacteristics;
  }

  /**
   * For a multi-instance body: the activity each inner instance runs. The body has the activity's
   * id, its sequence flows and boundary events; the inner activity keeps everything else (its task
   * definition, mappings, called element, the elements of a subprocess).
   */
  public ExecutableElement innerActivity() {
    return innerActivity;
  }

  public void setMultiInstance(
      LoopCharacteristics loopCharacteristics, ExecutableElement innerActivity) {
    this.loopCharacteristics = loopCharacteristics;
    this.innerActivity = innerActivity;
  }

  /**
   * The decision a business rule task evaluates ({@code zeebe:calledDecision}); null for job-based
   * business rule tasks.
   */
  public CalledDecision calledDecision() {
    return calledDecision;
  }

  public void setCalledDecision(CalledDecision calledDecision) {
    this.calledDecision = calledDecision;
  }

  public String eventBasedGatewayId() {
    return eventBasedGatewayId;
  }

  public void setEventBasedGatewayId(String eventBasedGatewayId) {
    this.eventBasedGatewayId = eventBasedGatewayId;
  }

  /**
   * The {@code zeebe:executionListeners} of the element (or process), in modelling order; empty if
   * none.
   */
  public List<ExecutionListener> executionListeners() {
    return executionListeners;
  }

  public void setExecutionListeners(List<ExecutionListener> listeners) {
    this.executionListeners = List.copyOf(listeners);
  }

  /** The {@code zeebe:taskListeners} of a Camunda user task, in modelling order; empty if none. */
  public void setTaskListeners(List<TaskListener> listeners) {
    this.taskListeners = List.copyOf(listeners);
  }

  /** The task listeners of one transition, in modelling order (the order they run in). */
  public List<TaskListener> taskListeners(TaskListener.EventType eventType) {
    return taskListeners.stream().filter(listener -> listener.eventType() == eventType).toList();
  }

  /** The listeners of one event type, in modelling order (the order they run in). */
  public List<ExecutionListener> executionListeners(ExecutionListener.EventType eventType) {
    return executionListeners.stream()
        .filter(listener -> listener.eventType() == eventType)
        .toList();
  }

  /**
   * Compensation: for a compensation boundary event, the id of the compensation handler activity
   * associated with it; for a compensation throw or end event, the activity its {@code activityRef}
   * names (null: every completed activity of its scope). Null otherwise.
   */
  public String compensationTargetId() {
    return compensationTargetId;
  }

  public void setCompensationTargetId(String compensationTargetId) {
    this.compensationTargetId = compensationTargetId;
  }

  /** The compensation boundary event of an activity (or multi-instance body), or null. */
  public ExecutableElement compensationBoundaryEvent() {
    return boundaryEvents.stream()
        .filter(event -> event.eventType() == BpmnEventType.COMPENSATION)
        .findFirst()
        .orElse(null);
  }

  /** For an ad-hoc subprocess: what it activates and when it completes; null otherwise. */
  public AdHocSubProcess adHocSubProcess() {
    return adHocSubProcess;
  }

  public void setAdHocSubProcess(AdHocSubProcess adHocSubProcess) {
    this.adHocSubProcess = adHocSubProcess;
  }
}
