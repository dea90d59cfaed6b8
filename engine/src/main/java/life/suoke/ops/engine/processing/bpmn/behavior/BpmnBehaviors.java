package life.suoke.ops.engine.processing.bpmn.behavior;

import life.suoke.ops.engine.processing.EngineListener;

/**
 * The steps element processors share, and the commands' processors reach: one instance of each
 * behaviour per engine, wired here once. No behaviour calls an element processor: where a step has
 * to activate, complete or terminate an element instance, it goes through {@link
 * BpmnStateTransitions}.
 */
public final class BpmnBehaviors {

  private final ExpressionBehavior expressions;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final LinkedFormBehavior linkedForms;
  private final TimerBehavior timers;
  private final MessageBehavior messages;
  private final SignalBehavior signals;
  private final CatchEventBehavior catchEvents;
  private final JobBehavior jobs;
  private final FlowBehavior flows;
  private final EventSubprocessBehavior eventSubprocesses;
  private final EventTriggerBehavior eventTriggers;
  private final CompensationBehavior compensation;
  private final DecisionBehavior decisions;
  private final ExecutionListenerBehavior executionListeners;
  private final TaskListenerBehavior taskListeners;
  private final UserTaskBehavior userTasks;
  private final MultiInstanceBehavior multiInstance;
  private final AdHocSubProcessBehavior adHocSubProcesses;

  public BpmnBehaviors(
      ExpressionBehavior expressions, EngineListener listener, BpmnStateTransitions transitions) {
    this.expressions = expressions;
    this.variables = new VariableBehavior(expressions);
    this.incidents = new IncidentBehavior();
    this.linkedForms = new LinkedFormBehavior(expressions);
    this.timers = new TimerBehavior(expressions);
    this.messages = new MessageBehavior(expressions, transitions, this);
    this.signals = new SignalBehavior(expressions, transitions, this);
    this.catchEvents = new CatchEventBehavior(timers, messages, signals, transitions);
    this.jobs = new JobBehavior(expressions, linkedForms, catchEvents, listener);
    this.flows = new FlowBehavior(transitions);
    this.eventSubprocesses =
        new EventSubprocessBehavior(timers, messages, signals, catchEvents, transitions);
    this.eventTriggers =
        new EventTriggerBehavior(timers, messages, signals, eventSubprocesses, transitions);
    this.compensation = new CompensationBehavior(transitions);
    this.decisions = new DecisionBehavior(expressions);
    this.executionListeners =
        new ExecutionListenerBehavior(expressions, variables, jobs, incidents, transitions);
    this.taskListeners = new TaskListenerBehavior(expressions, jobs, incidents);
    this.userTasks = new UserTaskBehavior(expressions, taskListeners, listener, transitions);
    this.multiInstance = new MultiInstanceBehavior(expressions, variables);
    this.adHocSubProcesses =
        new AdHocSubProcessBehavior(
            expressions, variables, jobs, catchEvents, incidents, transitions);
  }

  public ExpressionBehavior expressions() {
    return expressions;
  }

  public VariableBehavior variables() {
    return variables;
  }

  public IncidentBehavior incidents() {
    return incidents;
  }

  public LinkedFormBehavior linkedForms() {
    return linkedForms;
  }

  public TimerBehavior timers() {
    return timers;
  }

  public MessageBehavior messages() {
    return messages;
  }

  public SignalBehavior signals() {
    return signals;
  }

  public CatchEventBehavior catchEvents() {
    return catchEvents;
  }

  public JobBehavior jobs() {
    return jobs;
  }

  public FlowBehavior flows() {
    return flows;
  }

  public EventSubprocessBehavior eventSubprocesses() {
    return eventSubprocesses;
  }

  public EventTriggerBehavior eventTriggers() {
    return eventTriggers;
  }

  public CompensationBehavior compensation() {
    return compensation;
  }

  public DecisionBehavior decisions() {
    return decisions;
  }

  public ExecutionListenerBehavior executionListeners() {
    return executionListeners;
  }

  public TaskListenerBehavior taskListeners() {
    return taskListeners;
  }

  public UserTaskBehavior userTasks() {
    return userTasks;
  }

  public MultiInstanceBehavior multiInstance() {
    return multiInstance;
  }

  public AdHocSubProcessBehavior adHocSubProcesses() {
    return adHocSubProcesses;
  }
}
