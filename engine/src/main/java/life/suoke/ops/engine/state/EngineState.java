package life.suoke.ops.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.value.RecordValues;

/**
 * The engine's whole runtime state, in memory: the domain states (deployments, element instances,
 * variables, jobs, timers, messages, signals, user tasks, incidents, event triggers, compensation
 * subscriptions, batch operations), the key and position counters and the clock. It changes only by
 * applying events (live, right after a processor writes them, and at start when the log is
 * replayed): {@link #apply} looks up the event's applier in {@link EventAppliers}, and only
 * appliers call the domains' package-private methods that change them. So replaying the log
 * rebuilds exactly the state the engine had. Only the processing thread touches it.
 *
 * <p>The rest of the engine reads through the methods here, which delegate to the domains, or
 * through a domain's view ({@link #jobState()}, ...), whose public methods only read.
 */
public final class EngineState {

  private static final long KEY_PARTITION_BITS = ((long) Record.PARTITION_ID) << 51;

  long lastKeyCounter;
  long lastPosition;

  final DeploymentState deployments;
  final ElementInstanceState elementInstances = new ElementInstanceState();
  final VariableState variables = new VariableState();
  final JobState jobs = new JobState();
  final TimerState timers = new TimerState();
  final MessageState messages = new MessageState();
  final SignalState signals = new SignalState();
  final UserTaskState userTasks = new UserTaskState();
  final IncidentState incidents = new IncidentState();
  final EventTriggerState eventTriggers = new EventTriggerState();
  final CompensationState compensation = new CompensationState();
  final BatchOperationState batchOperations = new BatchOperationState();

  final EngineClock clock;

  /**
   * An empty state.
   *
   * @param transformer turns a deployed resource back into its executable processes (used when
   *     replaying and when loading a snapshot)
   */
  public EngineState(
      BiFunction<String, byte[], List<ExecutableProcess>> transformer, EngineClock clock) {
    this.deployments = new DeploymentState(transformer);
    this.clock = clock;
  }

  public EngineClock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- keys and positions

  public long nextKey() {
    return KEY_PARTITION_BITS + (++lastKeyCounter);
  }

  public long lastPosition() {
    return lastPosition;
  }

  public long nextPosition() {
    return ++lastPosition;
  }

  // ---------------------------------------------------------------- applying events

  /**
   * Applies one record: its position is the last one, an event's key counts as taken, and an event
   * that changes the state has its applier run. Commands and rejections change nothing but the
   * position.
   */
  public void apply(Record record) {
    if (record.position() > lastPosition) {
      lastPosition = record.position();
    }
    if (record.recordType() != RecordType.EVENT) {
      // A command may name any key (a client's typo too): only events carry keys this engine made.
      return;
    }
    if (record.key() > KEY_PARTITION_BITS) {
      lastKeyCounter = Math.max(lastKeyCounter, record.key() - KEY_PARTITION_BITS);
    }
    assert RecordValues.holdsExactly(record.valueType(), record.value());
    EventApplier applier = EventAppliers.applier(record.intent());
    if (applier != null) {
      applier.apply(record, this);
    }
  }

  /**
   * Makes a freshly transformed process available to the applier of its PROCESS CREATED event, so
   * that it is not transformed twice (the one change made outside an applier: a cache, empty
   * between batches, that a replay does without).
   */
  public void stageExecutable(long processDefinitionKey, ExecutableProcess process) {
    deployments.stageExecutable(processDefinitionKey, process);
  }

  // ---------------------------------------------------------------- the domains (read-only views)

  public DeploymentState deploymentState() {
    return deployments;
  }

  public ElementInstanceState elementInstanceState() {
    return elementInstances;
  }

  public VariableState variableState() {
    return variables;
  }

  public JobState jobState() {
    return jobs;
  }

  public TimerState timerState() {
    return timers;
  }

  public MessageState messageState() {
    return messages;
  }

  public SignalState signalState() {
    return signals;
  }

  public UserTaskState userTaskState() {
    return userTasks;
  }

  public IncidentState incidentState() {
    return incidents;
  }

  public EventTriggerState eventTriggerState() {
    return eventTriggers;
  }

  public CompensationState compensationState() {
    return compensation;
  }

  public BatchOperationState batchOperationState() {
    return batchOperations;
  }

  // ---------------------------------------------------------------- deployments

  public ProcessDefinition process(long key) {
    return deployments.process(key);
  }

  public ProcessDefinition latestProcess(String tenantId, String bpmnProcessId) {
    return deployments.latestProcess(tenantId, bpmnProcessId);
  }

  public ProcessDefinition process(String tenantId, String bpmnProcessId, int version) {
    return deployments.process(tenantId, bpmnProcessId, version);
  }

  public Collection<ProcessDefinition> processes() {
    return deployments.processes();
  }

  /** The highest version of a process below the given one that is not deleted, or null. */
  public ProcessDefinition previousProcess(ProcessDefinition definition) {
    return deployments.previousProcess(definition);
  }

  /**
   * The highest version ever deployed of a process ({@code PROCESS}), decision requirements graph,
   * decision or form id, 0 if none: a deleted version still counts, since a version is never
   * reused.
   */
  public int lastVersion(String kind, String tenantId, String id) {
    return deployments.lastVersion(kind, tenantId, id);
  }

  public DeployedResource latestResource(String kind, String tenantId, String resourceId) {
    return deployments.latestResource(kind, tenantId, resourceId);
  }

  /**
   * Every version of a deployed form, decision or decision requirements graph, the newest first.
   */
  public Collection<DeployedResource> resourceVersions(
      String kind, String tenantId, String resourceId) {
    return deployments.resourceVersions(kind, tenantId, resourceId);
  }

  public DeployedResource resource(long key) {
    return deployments.resource(key);
  }

  public Collection<DeployedResource> resources() {
    return deployments.resources();
  }

  /** The key of the decision requirements graph a deployed decision belongs to, or -1. */
  public long decisionRequirementsKey(long decisionKey) {
    return deployments.decisionRequirementsKey(decisionKey);
  }

  // ---------------------------------------------------------------- element instances

  /**
   * Whether a process instance of this definition is running (a called instance counts for its own
   * definition). A scan of the running element instances: it serves resource deletion, which is
   * rare.
   */
  public boolean hasRunningInstances(long processDefinitionKey) {
    return elementInstances.hasRunningInstances(processDefinitionKey);
  }

  public ElementInstance elementInstance(long key) {
    return elementInstances.elementInstance(key);
  }

  public Collection<ElementInstance> elementInstances() {
    return elementInstances.elementInstances();
  }

  /** Live children of a scope, oldest first. */
  public List<ElementInstance> children(long scopeKey) {
    return elementInstances.children(scopeKey);
  }

  /**
   * A parallel gateway with several incoming flows waits for a token on each; an inclusive gateway
   * with several incoming flows waits for the tokens that can still arrive.
   */
  public static boolean isJoin(ExecutableElement element) {
    return ElementInstanceState.isJoin(element);
  }

  /** The incoming flows of a joining gateway that hold a token in a scope. */
  public Set<String> joinTokenFlows(long flowScopeKey, ExecutableElement gateway) {
    return elementInstances.joinTokenFlows(flowScopeKey, gateway);
  }

  /** Whether a token has arrived on every incoming flow of a joining gateway. */
  public boolean joinComplete(long flowScopeKey, ExecutableElement gateway) {
    return elementInstances.joinComplete(flowScopeKey, gateway);
  }

  // ---------------------------------------------------------------- variables

  public Map<String, Variable> localVariables(long scopeKey) {
    return variables.localVariables(scopeKey);
  }

  /** Scope key of the parent scope of a variable scope, -1 at the process instance. */
  public long parentScope(long scopeKey) {
    return elementInstances.parentScope(scopeKey);
  }

  /** The variable visible from a scope: the nearest definition walking up the scopes. */
  public Variable visibleVariable(long scopeKey, String name) {
    for (long scope = scopeKey; scope != -1; scope = parentScope(scope)) {
      Variable variable = localVariables(scope).get(name);
      if (variable != null) {
        return variable;
      }
    }
    return null;
  }

  /** Every variable visible from a scope, nearer scopes shadowing outer ones. */
  public Map<String, Object> visibleVariables(long scopeKey) {
    List<Long> chain = new ArrayList<>();
    for (long scope = scopeKey; scope != -1; scope = parentScope(scope)) {
      chain.add(scope);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      for (Variable variable : localVariables(chain.get(i)).values()) {
        result.put(variable.name(), variable.value());
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- jobs

  public Job job(long key) {
    return jobs.job(key);
  }

  public Collection<Job> jobs() {
    return jobs.jobs();
  }

  /** Activatable jobs of a type, oldest first. */
  public Collection<Long> activatableJobs(String type) {
    return jobs.activatableJobs(type);
  }

  public boolean hasActivatableJobs(String type) {
    return jobs.hasActivatableJobs(type);
  }

  /** Earliest deadline of an activated job, or Long.MAX_VALUE. */
  public long nextJobDeadline() {
    return jobs.nextJobDeadline();
  }

  public List<Long> jobsTimedOutAt(long now) {
    return jobs.jobsTimedOutAt(now);
  }

  public long nextJobBackoff() {
    return jobs.nextJobBackoff();
  }

  public List<Long> jobsRecurringAt(long now) {
    return jobs.jobsRecurringAt(now);
  }

  // ---------------------------------------------------------------- timers

  public TimerInstance timer(long key) {
    return timers.timer(key);
  }

  public Collection<TimerInstance> timers() {
    return timers.timers();
  }

  /**
   * Timers waited on by an element instance (intermediate timer event, or boundary timers of an
   * activity).
   */
  public List<TimerInstance> timersOf(long elementInstanceKey) {
    return timers.timersOf(elementInstanceKey);
  }

  /** Earliest due date of a timer, or Long.MAX_VALUE. */
  public long nextTimerDueDate() {
    return timers.nextTimerDueDate();
  }

  /** Up to {@code limit} timers due at the given instant, in due order (then creation order). */
  public List<TimerInstance> timersDueAt(long now, int limit) {
    return timers.timersDueAt(now, limit);
  }

  // ---------------------------------------------------------------- messages and signals

  /**
   * The correlation key of the message that started a process instance at a message start event, or
   * null if no message (or one without correlation key) started it.
   */
  public String messageStartCorrelationKey(long processInstanceKey) {
    return messages.messageStartCorrelationKey(processInstanceKey);
  }

  /** Buffered messages with this name and correlation key, oldest first. */
  public List<BufferedMessage> bufferedMessages(
      String tenantId, String name, String correlationKey) {
    return messages.bufferedMessages(tenantId, name, correlationKey);
  }

  public BufferedMessage bufferedMessage(long key) {
    return messages.bufferedMessage(key);
  }

  /** Whether a message with this id is still buffered for the name and correlation key. */
  public boolean messageIdTaken(
      String tenantId, String name, String correlationKey, String messageId) {
    return messages.messageIdTaken(tenantId, name, correlationKey, messageId);
  }

  public long nextMessageDeadline() {
    return messages.nextMessageDeadline();
  }

  public List<BufferedMessage> messagesExpiredAt(long now) {
    return messages.messagesExpiredAt(now);
  }

  /** Open subscriptions for this name and correlation key, oldest first. */
  public List<MessageSubscription> subscriptions(
      String tenantId, String name, String correlationKey) {
    return messages.subscriptions(tenantId, name, correlationKey);
  }

  public List<MessageSubscription> subscriptionsOf(long elementInstanceKey) {
    return messages.subscriptionsOf(elementInstanceKey);
  }

  public MessageSubscription subscription(long key) {
    return messages.subscription(key);
  }

  /**
   * The active instance of a process that a message start event created for this correlation key,
   * or -1.
   */
  public long messageStartedInstance(String tenantId, String bpmnProcessId, String correlationKey) {
    return messages.messageStartedInstance(tenantId, bpmnProcessId, correlationKey);
  }

  /** Open signal subscriptions for a signal name, oldest first. */
  public List<SignalSubscription> signalSubscriptions(String tenantId, String signalName) {
    return signals.signalSubscriptions(tenantId, signalName);
  }

  public SignalSubscription signalSubscription(long key) {
    return signals.signalSubscription(key);
  }

  public List<SignalSubscription> signalSubscriptionsOf(long elementInstanceKey) {
    return signals.signalSubscriptionsOf(elementInstanceKey);
  }

  // ---------------------------------------------------------------- triggers, compensation

  /**
   * The oldest pending event trigger of a catch event in a scope (an element instance key), or
   * null.
   */
  public EventTrigger eventTrigger(long scopeKey, String elementId) {
    return eventTriggers.eventTrigger(scopeKey, elementId);
  }

  /** Whether an event (a trigger of an event subprocess) waits to be taken in this scope. */
  public boolean hasEventTrigger(long scopeKey) {
    return eventTriggers.hasEventTrigger(scopeKey);
  }

  /**
   * The compensation subscriptions of a process instance that are not completed, in creation order.
   */
  public List<CompensationSubscription> compensationSubscriptions(long processInstanceKey) {
    return compensation.compensationSubscriptions(processInstanceKey);
  }

  // ---------------------------------------------------------------- user tasks, incidents, batches

  public UserTask userTask(long key) {
    return userTasks.userTask(key);
  }

  public Collection<UserTask> userTasks() {
    return userTasks.userTasks();
  }

  public Incident incident(long key) {
    return incidents.incident(key);
  }

  public Collection<Incident> incidents() {
    return incidents.incidents();
  }

  public BatchOperation batchOperation(long key) {
    return batchOperations.batchOperation(key);
  }

  /**
   * Keys of the active batch operations (their items run, or they are to be completed), oldest
   * first.
   */
  public List<Long> runnableBatchOperations() {
    return batchOperations.runnableBatchOperations();
  }

  /** Every batch operation, oldest first. */
  public Collection<BatchOperation> batchOperations() {
    return batchOperations.batchOperations();
  }
}
