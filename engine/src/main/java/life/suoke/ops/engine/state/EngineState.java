package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.integer;
import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.map;
import static life.suoke.ops.engine.record.Values.str;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.Values;

/**
 * The engine's whole runtime state, in memory. It changes only by applying events (live, right
 * after a processor writes them, and at start when the log is replayed), so replaying the log
 * rebuilds exactly the state the engine had. Only the processing thread touches it.
 */
public final class EngineState {

  private static final long KEY_PARTITION_BITS = ((long) Record.PARTITION_ID) << 51;

  /** Turns a deployed resource back into its executable processes (used when replaying). */
  final BiFunction<String, byte[], List<ExecutableProcess>> transformer;

  long lastKeyCounter;
  long lastPosition;

  final Map<Long, ProcessDefinition> processesByKey = new HashMap<>();
  final Map<String, NavigableMap<Integer, ProcessDefinition>> processVersions = new HashMap<>();
  final Map<Long, ExecutableProcess> stagedExecutables = new HashMap<>();
  final Map<String, NavigableMap<Integer, DeployedResource>> resourceVersions = new HashMap<>();
  final Map<Long, DeployedResource> resourcesByKey = new HashMap<>();
  final Map<Long, Long> decisionRequirementsByDecision = new HashMap<>();

  /**
   * The highest version ever deployed per kind, tenant and id, deleted ones included: versions are
   * never reused.
   */
  final Map<String, Integer> lastVersions = new HashMap<>();

  final Map<Long, ElementInstance> elementInstances = new HashMap<>();
  final KeyIndex<Long> childrenByScope = new KeyIndex<>();
  final Map<Long, ScopeVariables> variables = new HashMap<>();

  final Map<Long, Job> jobs = new HashMap<>();
  final KeyIndex<String> activatableJobs = new KeyIndex<>();
  final TreeSet<long[]> jobDeadlines = new TreeSet<>(TIME_THEN_KEY);
  final TreeSet<long[]> jobBackoffs = new TreeSet<>(TIME_THEN_KEY);

  final Map<Long, TimerInstance> timers = new HashMap<>();
  final TreeSet<long[]> timerDueDates = new TreeSet<>(TIME_THEN_KEY);
  final KeyIndex<Long> timersByElementInstance = new KeyIndex<>();

  final Map<Long, BufferedMessage> messages = new HashMap<>();
  final KeyIndex<String> messagesByCorrelation = new KeyIndex<>();
  final TreeSet<long[]> messageDeadlines = new TreeSet<>(TIME_THEN_KEY);
  final Map<String, Long> messageIds = new HashMap<>();
  final Map<Long, MessageSubscription> subscriptions = new HashMap<>();
  final KeyIndex<String> subscriptionsByCorrelation = new KeyIndex<>();
  final KeyIndex<Long> subscriptionsByElementInstance = new KeyIndex<>();
  final Map<Long, SignalSubscription> signalSubscriptions = new HashMap<>();
  final KeyIndex<String> signalSubscriptionsByName = new KeyIndex<>();
  final KeyIndex<Long> signalSubscriptionsByElementInstance = new KeyIndex<>();
  final Map<String, Long> messageStartedInstances = new HashMap<>();
  final Map<Long, String> messageStartedByInstance = new HashMap<>();

  final Map<Long, UserTask> userTasks = new LinkedHashMap<>();
  final EventTriggers eventTriggers = new EventTriggers();
  final CompensationSubscriptions compensationSubscriptions = new CompensationSubscriptions();
  final Map<Long, Incident> incidents = new LinkedHashMap<>();
  final BatchOperations batchOperations = new BatchOperations();

  private static final Comparator<long[]> TIME_THEN_KEY =
      Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]);

  final EngineClock clock;

  public EngineState(
      BiFunction<String, byte[], List<ExecutableProcess>> transformer, EngineClock clock) {
    this.transformer = transformer;
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

  // ---------------------------------------------------------------- reads

  public ProcessDefinition process(long key) {
    return processesByKey.get(key);
  }

  public ProcessDefinition latestProcess(String tenantId, String bpmnProcessId) {
    NavigableMap<Integer, ProcessDefinition> versions =
        processVersions.get(tenantId + "\u0000" + bpmnProcessId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  public ProcessDefinition process(String tenantId, String bpmnProcessId, int version) {
    NavigableMap<Integer, ProcessDefinition> versions =
        processVersions.get(tenantId + "\u0000" + bpmnProcessId);
    return versions == null ? null : versions.get(version);
  }

  public Collection<ProcessDefinition> processes() {
    return processesByKey.values();
  }

  /** The highest version of a process below the given one that is not deleted, or null. */
  public ProcessDefinition previousProcess(ProcessDefinition definition) {
    NavigableMap<Integer, ProcessDefinition> versions =
        processVersions.get(definition.tenantId() + "\u0000" + definition.bpmnProcessId());
    var previous = versions == null ? null : versions.lowerEntry(definition.version());
    return previous == null ? null : previous.getValue();
  }

  /**
   * Whether a process instance of this definition is running (a called instance counts for its own
   * definition). A scan of the running element instances: it serves resource deletion, which is
   * rare.
   */
  public boolean hasRunningInstances(long processDefinitionKey) {
    for (ElementInstance instance : elementInstances.values()) {
      if (instance.processDefinitionKey == processDefinitionKey
          && instance.type() == BpmnElementType.PROCESS) {
        return true;
      }
    }
    return false;
  }

  /**
   * The highest version ever deployed of a process ({@code PROCESS}), decision requirements graph,
   * decision or form id, 0 if none: a deleted version still counts, since a version is never
   * reused.
   */
  public int lastVersion(String kind, String tenantId, String id) {
    return lastVersions.getOrDefault(kind + "\u0000" + tenantId + "\u0000" + id, 0);
  }

  private void countVersion(String kind, String tenantId, String id, int version) {
    lastVersions.merge(kind + "\u0000" + tenantId + "\u0000" + id, version, Math::max);
  }

  public DeployedResource latestResource(String kind, String tenantId, String resourceId) {
    NavigableMap<Integer, DeployedResource> versions =
        resourceVersions.get(kind + "\u0000" + tenantId + "\u0000" + resourceId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  /**
   * Every version of a deployed form, decision or decision requirements graph, the newest first.
   */
  public Collection<DeployedResource> resourceVersions(
      String kind, String tenantId, String resourceId) {
    NavigableMap<Integer, DeployedResource> versions =
        resourceVersions.get(kind + "\u0000" + tenantId + "\u0000" + resourceId);
    return versions == null ? List.of() : versions.descendingMap().values();
  }

  public DeployedResource resource(long key) {
    return resourcesByKey.get(key);
  }

  public Collection<DeployedResource> resources() {
    return resourcesByKey.values();
  }

  /** The key of the decision requirements graph a deployed decision belongs to, or -1. */
  public long decisionRequirementsKey(long decisionKey) {
    return decisionRequirementsByDecision.getOrDefault(decisionKey, -1L);
  }

  /** Makes a freshly transformed process available to the applier of its PROCESS CREATED event. */
  public void stageExecutable(long processDefinitionKey, ExecutableProcess process) {
    stagedExecutables.put(processDefinitionKey, process);
  }

  public ElementInstance elementInstance(long key) {
    return elementInstances.get(key);
  }

  public Collection<ElementInstance> elementInstances() {
    return elementInstances.values();
  }

  /** Live children of a scope, oldest first. */
  public List<ElementInstance> children(long scopeKey) {
    return childrenByScope.resolve(scopeKey, elementInstances::get);
  }

  public Map<String, Variable> localVariables(long scopeKey) {
    ScopeVariables local = variables.get(scopeKey);
    return local == null ? Map.of() : local;
  }

  /** Scope key of the parent scope of a variable scope, -1 at the process instance. */
  public long parentScope(long scopeKey) {
    ElementInstance instance = elementInstances.get(scopeKey);
    return instance == null ? -1 : instance.flowScopeKey;
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

  public Job job(long key) {
    return jobs.get(key);
  }

  public Collection<Job> jobs() {
    return jobs.values();
  }

  /** Activatable jobs of a type, oldest first. */
  public Collection<Long> activatableJobs(String type) {
    return activatableJobs.keys(type);
  }

  public boolean hasActivatableJobs(String type) {
    return !activatableJobs.isEmpty(type);
  }

  /** Earliest deadline of an activated job, or Long.MAX_VALUE. */
  public long nextJobDeadline() {
    return jobDeadlines.isEmpty() ? Long.MAX_VALUE : jobDeadlines.first()[0];
  }

  public List<Long> jobsTimedOutAt(long now) {
    return dueKeys(jobDeadlines, now, Integer.MAX_VALUE);
  }

  /** Keys of a schedule (time, key) that are due at the given instant, earliest first. */
  private static List<Long> dueKeys(TreeSet<long[]> schedule, long now, int limit) {
    List<Long> keys = new ArrayList<>();
    for (long[] entry : schedule) {
      if (entry[0] > now || keys.size() >= limit) {
        break;
      }
      keys.add(entry[1]);
    }
    return keys;
  }

  public long nextJobBackoff() {
    return jobBackoffs.isEmpty() ? Long.MAX_VALUE : jobBackoffs.first()[0];
  }

  public List<Long> jobsRecurringAt(long now) {
    return dueKeys(jobBackoffs, now, Integer.MAX_VALUE);
  }

  public TimerInstance timer(long key) {
    return timers.get(key);
  }

  public Collection<TimerInstance> timers() {
    return timers.values();
  }

  /**
   * Timers waited on by an element instance (intermediate timer event, or boundary timers of an
   * activity).
   */
  public List<TimerInstance> timersOf(long elementInstanceKey) {
    return timersByElementInstance.resolve(elementInstanceKey, timers::get);
  }

  /** Earliest due date of a timer, or Long.MAX_VALUE. */
  public long nextTimerDueDate() {
    return timerDueDates.isEmpty() ? Long.MAX_VALUE : timerDueDates.first()[0];
  }

  /** Up to {@code limit} timers due at the given instant, in due order (then creation order). */
  public List<TimerInstance> timersDueAt(long now, int limit) {
    return dueKeys(timerDueDates, now, limit).stream().map(timers::get).toList();
  }

  private static String correlation(String tenantId, String name, String correlationKey) {
    return tenantId + "\u0000" + name + "\u0000" + correlationKey;
  }

  /**
   * The correlation key of the message that started a process instance at a message start event, or
   * null if no message (or one without correlation key) started it.
   */
  public String messageStartCorrelationKey(long processInstanceKey) {
    String entry = messageStartedByInstance.get(processInstanceKey);
    return entry == null ? null : entry.substring(entry.lastIndexOf('\u0000') + 1);
  }

  /** Buffered messages with this name and correlation key, oldest first. */
  public List<BufferedMessage> bufferedMessages(
      String tenantId, String name, String correlationKey) {
    return messagesByCorrelation.resolve(
        correlation(tenantId, name, correlationKey), messages::get);
  }

  public BufferedMessage bufferedMessage(long key) {
    return messages.get(key);
  }

  /** Whether a message with this id is still buffered for the name and correlation key. */
  public boolean messageIdTaken(
      String tenantId, String name, String correlationKey, String messageId) {
    return messageId != null
        && !messageId.isEmpty()
        && messageIds.containsKey(
            correlation(tenantId, name, correlationKey) + "\u0000" + messageId);
  }

  public long nextMessageDeadline() {
    return messageDeadlines.isEmpty() ? Long.MAX_VALUE : messageDeadlines.first()[0];
  }

  public List<BufferedMessage> messagesExpiredAt(long now) {
    return dueKeys(messageDeadlines, now, Integer.MAX_VALUE).stream().map(messages::get).toList();
  }

  /** Open subscriptions for this name and correlation key, oldest first. */
  public List<MessageSubscription> subscriptions(
      String tenantId, String name, String correlationKey) {
    return subscriptionsByCorrelation.resolve(
        correlation(tenantId, name, correlationKey), subscriptions::get);
  }

  public List<MessageSubscription> subscriptionsOf(long elementInstanceKey) {
    return subscriptionsByElementInstance.resolve(elementInstanceKey, subscriptions::get);
  }

  public MessageSubscription subscription(long key) {
    return subscriptions.get(key);
  }

  /** Open signal subscriptions for a signal name, oldest first. */
  public List<SignalSubscription> signalSubscriptions(String tenantId, String signalName) {
    return signalSubscriptionsByName.resolve(
        tenantId + "\u0000" + signalName, signalSubscriptions::get);
  }

  public SignalSubscription signalSubscription(long key) {
    return signalSubscriptions.get(key);
  }

  public List<SignalSubscription> signalSubscriptionsOf(long elementInstanceKey) {
    return signalSubscriptionsByElementInstance.resolve(
        elementInstanceKey, signalSubscriptions::get);
  }

  /**
   * The active instance of a process that a message start event created for this correlation key,
   * or -1.
   */
  public long messageStartedInstance(String tenantId, String bpmnProcessId, String correlationKey) {
    Long key = messageStartedInstances.get(correlation(tenantId, bpmnProcessId, correlationKey));
    return key == null ? -1 : key;
  }

  /**
   * The oldest pending event trigger of a catch event in a scope (an element instance key), or
   * null.
   */
  public EventTrigger eventTrigger(long scopeKey, String elementId) {
    return eventTriggers.find(scopeKey, elementId);
  }

  /** Whether an event (a trigger of an event subprocess) waits to be taken in this scope. */
  public boolean hasEventTrigger(long scopeKey) {
    return eventTriggers.hasAny(scopeKey);
  }

  /**
   * The compensation subscriptions of a process instance that are not completed, in creation order.
   */
  public List<CompensationSubscription> compensationSubscriptions(long processInstanceKey) {
    return compensationSubscriptions.of(processInstanceKey);
  }

  public UserTask userTask(long key) {
    return userTasks.get(key);
  }

  public Collection<UserTask> userTasks() {
    return userTasks.values();
  }

  public BatchOperation batchOperation(long key) {
    return batchOperations.get(key);
  }

  /**
   * Keys of the active batch operations (their items run, or they are to be completed), oldest
   * first.
   */
  public List<Long> runnableBatchOperations() {
    return batchOperations.runnable();
  }

  /** Every batch operation, oldest first. */
  public Collection<BatchOperation> batchOperations() {
    return batchOperations.all();
  }

  public Incident incident(long key) {
    return incidents.get(key);
  }

  public Collection<Incident> incidents() {
    return incidents.values();
  }

  // ---------------------------------------------------------------- applying events

  /** Applies one record. Commands and rejections change nothing but the position and keys. */
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
    Map<String, Object> v = record.value();
    switch (record.valueType()) {
      case PROCESS -> applyProcess(record, v);
      case FORM, DECISION, DECISION_REQUIREMENTS -> applyResource(record, v);
      case PROCESS_INSTANCE -> applyProcessInstance(record, v);
      case VARIABLE -> {
        if (!"MIGRATED"
            .equals(
                record.intent())) { // a migration changes only the variable's process definition
          applyVariable(record, v);
        }
      }
      case JOB -> applyJob(record.key(), record.intent(), v);
      case JOB_BATCH -> applyJobBatch(v);
      case USER_TASK -> applyUserTask(record, v);
      case INCIDENT -> applyIncident(record, v);
      case CLOCK -> applyClock(record, v);
      case TIMER -> applyTimer(record, v);
      case MESSAGE -> applyMessage(record, v);
      case PROCESS_MESSAGE_SUBSCRIPTION -> applySubscription(record, v);
      case MESSAGE_START_EVENT_SUBSCRIPTION -> applyMessageStart(record, v);
      case SIGNAL_SUBSCRIPTION -> applySignalSubscription(record, v);
      case COMPENSATION_SUBSCRIPTION -> compensationSubscriptions.apply(record, v);
      case BATCH_OPERATION_CREATION,
          BATCH_OPERATION_CHUNK,
          BATCH_OPERATION_INITIALIZATION,
          BATCH_OPERATION_EXECUTION,
          BATCH_OPERATION_LIFECYCLE_MANAGEMENT ->
          batchOperations.apply(record, v);
      case AD_HOC_SUB_PROCESS_INSTRUCTION -> applyAdHocInstruction(record, v);
      case PROCESS_EVENT ->
          eventTriggers.apply(
              record, v, processesByKey.get(lng(v, "processDefinitionKey")), elementInstances);
      default -> {}
    }
  }

  private void applyProcess(Record record, Map<String, Object> v) {
    if ("DELETED".equals(record.intent())) {
      ProcessDefinition deleted = processesByKey.remove(lng(v, "processDefinitionKey"));
      if (deleted != null) {
        String id = deleted.tenantId() + "\u0000" + deleted.bpmnProcessId();
        NavigableMap<Integer, ProcessDefinition> versions = processVersions.get(id);
        versions.remove(deleted.version());
        if (versions.isEmpty()) {
          processVersions.remove(id);
        }
      }
      return;
    }
    if (!"CREATED".equals(record.intent())) {
      return;
    }
    long key = record.key();
    byte[] resource = Base64.getDecoder().decode(str(v, "resource"));
    String bpmnProcessId = str(v, "bpmnProcessId");
    ExecutableProcess executable = stagedExecutables.remove(key);
    if (executable == null) {
      executable =
          transformer.apply(str(v, "resourceName"), resource).stream()
              .filter(p -> p.bpmnProcessId().equals(bpmnProcessId))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Process " + bpmnProcessId + " missing from its resource"));
    }
    ProcessDefinition definition =
        new ProcessDefinition(
            key,
            bpmnProcessId,
            integer(v, "version"),
            str(v, "versionTag"),
            str(v, "resourceName"),
            str(v, "checksum"),
            resource,
            lng(v, "deploymentKey"),
            str(v, "tenantId"),
            executable);
    processesByKey.put(key, definition);
    processVersions
        .computeIfAbsent(definition.tenantId() + "\u0000" + bpmnProcessId, k -> new TreeMap<>())
        .put(definition.version(), definition);
    countVersion(
        ValueType.PROCESS.name(), definition.tenantId(), bpmnProcessId, definition.version());
  }

  private void applyResource(Record record, Map<String, Object> v) {
    if ("DELETED".equals(record.intent())) {
      deleteResource(record.valueType(), v);
      return;
    }
    if (!"CREATED".equals(record.intent())) {
      return;
    }
    String kind = record.valueType().name();
    String idField =
        switch (record.valueType()) {
          case FORM -> "formId";
          case DECISION -> "decisionId";
          default -> "decisionRequirementsId";
        };
    String name =
        switch (record.valueType()) {
          case FORM -> str(v, "formId");
          case DECISION -> str(v, "decisionName");
          default -> str(v, "decisionRequirementsName");
        };
    String resource = str(v, "resource");
    DeployedResource deployed =
        new DeployedResource(
            record.key(),
            kind,
            str(v, idField),
            name,
            integer(
                v,
                v.containsKey("decisionRequirementsVersion")
                    ? "decisionRequirementsVersion"
                    : "version"),
            str(v, "resourceName"),
            str(v, "checksum"),
            resource.isEmpty() ? new byte[0] : Base64.getDecoder().decode(resource),
            lng(v, "deploymentKey"),
            str(v, "tenantId"),
            str(v, "versionTag"));
    resourcesByKey.put(deployed.key(), deployed);
    if (record.valueType() == ValueType.DECISION) {
      decisionRequirementsByDecision.put(deployed.key(), lng(v, "decisionRequirementsKey"));
    }
    resourceVersions
        .computeIfAbsent(
            kind + "\u0000" + deployed.tenantId() + "\u0000" + deployed.resourceId(),
            k -> new TreeMap<>())
        .put(deployed.version(), deployed);
    countVersion(kind, deployed.tenantId(), deployed.resourceId(), deployed.version());
  }

  /**
   * A deleted form, decision or graph is gone; its version number stays taken (see {@link
   * #lastVersion}).
   */
  private void deleteResource(ValueType type, Map<String, Object> v) {
    String keyField =
        switch (type) {
          case FORM -> "formKey";
          case DECISION -> "decisionKey";
          default -> "decisionRequirementsKey";
        };
    DeployedResource deleted = resourcesByKey.remove(lng(v, keyField));
    if (deleted == null) {
      return;
    }
    decisionRequirementsByDecision.remove(deleted.key());
    String id = deleted.kind() + "\u0000" + deleted.tenantId() + "\u0000" + deleted.resourceId();
    NavigableMap<Integer, DeployedResource> versions = resourceVersions.get(id);
    versions.remove(deleted.version());
    if (versions.isEmpty()) {
      resourceVersions.remove(id);
    }
  }

  private void applyProcessInstance(Record record, Map<String, Object> v) {
    long key = record.key();
    switch (record.intent()) {
      case "ELEMENT_ACTIVATING" -> {
        ProcessDefinition definition = processesByKey.get(lng(v, "processDefinitionKey"));
        ExecutableElement element = definition.executable().element(str(v, "elementId"));
        if (element.type() == BpmnElementType.MULTI_INSTANCE_BODY
            && !BpmnElementType.MULTI_INSTANCE_BODY.name().equals(str(v, "bpmnElementType"))) {
          element = element.innerActivity(); // an inner instance of the body, with the same id
        }
        long flowScopeKey = lng(v, "flowScopeKey");
        ElementInstance instance =
            new ElementInstance(
                key,
                lng(v, "processInstanceKey"),
                definition.key(),
                definition.bpmnProcessId(),
                definition.version(),
                shared(str(v, "tenantId")),
                flowScopeKey,
                element,
                record.timestamp());
        elementInstances.put(key, instance);
        long parentElementInstanceKey = lng(v, "parentElementInstanceKey");
        if (flowScopeKey == -1 && parentElementInstanceKey > 0) {
          instance.parentElementInstanceKey = parentElementInstanceKey;
          instance.parentProcessInstanceKey = lng(v, "parentProcessInstanceKey");
          ElementInstance caller = elementInstances.get(parentElementInstanceKey);
          if (caller != null) {
            caller.calledChildKey = key;
          }
        }
        if (flowScopeKey != -1) {
          childrenByScope.add(flowScopeKey, key);
        }
        ElementInstance flowScope = elementInstances.get(flowScopeKey);
        if (flowScope != null) {
          flowScope.activeChildren++;
          consumeIncomingToken(flowScope, element);
          if (flowScope.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
            instance.loopCounter = ++flowScope.loopCounter;
          }
          eventTriggers.activating(key, element, flowScope);
        }
      }
      case "ELEMENT_ACTIVATED" -> {
        setState(key, ElementInstance.State.ACTIVATED);
        ElementInstance activated = elementInstances.get(key);
        if (activated != null) {
          activated.executionListenerIndex = 0;
        }
      }
      case "ELEMENT_COMPLETING" -> setState(key, ElementInstance.State.COMPLETING);
      case "ELEMENT_TERMINATING" -> setState(key, ElementInstance.State.TERMINATING);
      case "ELEMENT_COMPLETED", "ELEMENT_TERMINATED" -> {
        ElementInstance instance = elementInstances.remove(key);
        variables.remove(key);
        childrenByScope.removeGroup(key);
        eventTriggers.left(key);
        String startedBy = messageStartedByInstance.remove(key);
        if (startedBy != null) {
          messageStartedInstances.remove(startedBy);
        }
        if (instance != null) {
          childrenByScope.remove(instance.flowScopeKey, key);
          ElementInstance flowScope = elementInstances.get(instance.flowScopeKey);
          if (flowScope != null) {
            flowScope.activeChildren--;
            if (flowScope.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
              if (record.intent().equals("ELEMENT_COMPLETED")) {
                flowScope.completedChildren++;
              } else {
                flowScope.terminatedChildren++;
              }
            }
          }
        }
      }
      case "ELEMENT_MIGRATED" -> migrateElement(key, v);
      case "SEQUENCE_FLOW_DELETED" -> deleteTakenFlow(v);
      case "SEQUENCE_FLOW_TAKEN" -> {
        ElementInstance flowScope = elementInstances.get(lng(v, "flowScopeKey"));
        if (flowScope == null) {
          return;
        }
        flowScope.activeFlows++;
        ExecutableProcess process = processesByKey.get(lng(v, "processDefinitionKey")).executable();
        SequenceFlow flow = process.sequenceFlow(str(v, "elementId"));
        ExecutableElement target = process.element(flow.targetId());
        if (isJoin(target)) {
          flowScope.joinTokens(target.id()).merge(flow.id(), 1, Integer::sum);
        } else {
          if (flowScope.pendingFlows == null) {
            flowScope.pendingFlows = new HashMap<>();
          }
          flowScope.pendingFlows.merge(flow.id(), 1, Integer::sum);
        }
      }
      default -> {}
    }
  }

  /** A job result fulfilled an ad-hoc subprocess's completion condition. */
  private void applyAdHocInstruction(Record record, Map<String, Object> v) {
    ElementInstance adHoc = elementInstances.get(record.key());
    if ("COMPLETED".equals(record.intent()) && adHoc != null) {
      adHoc.adHocCompletionConditionFulfilled = true;
      adHoc.adHocCancelRemainingInstances = Boolean.TRUE.equals(v.get("cancelRemainingInstances"));
    }
  }

  /**
   * A process instance migration moved an element instance to another process definition (and maybe
   * another element id): the instance keeps its key, state, variables and children.
   */
  private void migrateElement(long key, Map<String, Object> v) {
    ElementInstance instance = elementInstances.get(key);
    if (instance == null) {
      return;
    }
    ProcessDefinition target = processesByKey.get(lng(v, "processDefinitionKey"));
    ExecutableElement element = target.executable().element(str(v, "elementId"));
    if (element.type() == BpmnElementType.MULTI_INSTANCE_BODY
        && !BpmnElementType.MULTI_INSTANCE_BODY.name().equals(str(v, "bpmnElementType"))) {
      element = element.innerActivity(); // an inner instance of the body, with the same id
    }
    ElementInstance flowScope = elementInstances.get(instance.flowScopeKey);
    if (flowScope != null && instance.element.id().equals(flowScope.interruptingElementId)) {
      flowScope.interruptingElementId =
          element.id(); // the interrupting event subprocess got its new id
    }
    String startedBy = messageStartedByInstance.get(key);
    if (startedBy != null && !target.bpmnProcessId().equals(instance.bpmnProcessId)) {
      String correlationKey = startedBy.substring(startedBy.lastIndexOf('\u0000') + 1);
      String moved = correlation(instance.tenantId, target.bpmnProcessId(), correlationKey);
      messageStartedInstances.remove(startedBy);
      messageStartedInstances.put(moved, key);
      messageStartedByInstance.put(key, moved);
    }
    instance.processDefinitionKey = target.key();
    instance.bpmnProcessId = target.bpmnProcessId();
    instance.version = target.version();
    instance.element = element;
  }

  /**
   * A migration took a token waiting at a joining gateway off its flow (it is put on the target's
   * flow next).
   */
  private void deleteTakenFlow(Map<String, Object> v) {
    ElementInstance flowScope = elementInstances.get(lng(v, "flowScopeKey"));
    ProcessDefinition definition = processesByKey.get(lng(v, "processDefinitionKey"));
    if (flowScope == null || definition == null || flowScope.joinTokens == null) {
      return;
    }
    SequenceFlow flow = definition.executable().sequenceFlow(str(v, "elementId"));
    Map<String, Integer> tokens = flow == null ? null : flowScope.joinTokens.get(flow.targetId());
    if (tokens == null || !tokens.containsKey(flow.id())) {
      return;
    }
    tokens.computeIfPresent(flow.id(), (id, count) -> count > 1 ? count - 1 : null);
    if (tokens.isEmpty()) {
      flowScope.joinTokens.remove(flow.targetId());
    }
    flowScope.activeFlows = Math.max(0, flowScope.activeFlows - 1);
  }

  /**
   * A parallel gateway with several incoming flows waits for a token on each; an inclusive gateway
   * with several incoming flows waits for the tokens that can still arrive.
   */
  public static boolean isJoin(ExecutableElement element) {
    return (element.type() == BpmnElementType.PARALLEL_GATEWAY
            || element.type() == BpmnElementType.INCLUSIVE_GATEWAY)
        && element.incoming().size() > 1;
  }

  /** The incoming flows of a joining gateway that hold a token in a scope. */
  public java.util.Set<String> joinTokenFlows(long flowScopeKey, ExecutableElement gateway) {
    ElementInstance flowScope = elementInstances.get(flowScopeKey);
    if (flowScope == null
        || flowScope.joinTokens == null
        || !flowScope.joinTokens.containsKey(gateway.id())) {
      return java.util.Set.of();
    }
    return java.util.Set.copyOf(flowScope.joinTokens.get(gateway.id()).keySet());
  }

  /** Whether a token has arrived on every incoming flow of a joining gateway. */
  public boolean joinComplete(long flowScopeKey, ExecutableElement gateway) {
    ElementInstance flowScope = elementInstances.get(flowScopeKey);
    if (flowScope == null || flowScope.joinTokens == null) {
      return false;
    }
    Map<String, Integer> tokens = flowScope.joinTokens.get(gateway.id());
    if (tokens == null) {
      return false;
    }
    for (SequenceFlow incoming : gateway.incoming()) {
      if (tokens.getOrDefault(incoming.id(), 0) < 1) {
        return false;
      }
    }
    return true;
  }

  private void consumeIncomingToken(ElementInstance flowScope, ExecutableElement element) {
    if (element.type() == BpmnElementType.START_EVENT || element.incoming().isEmpty()) {
      return;
    }
    if (isJoin(element)) {
      // one token per incoming flow that holds one (all of them for a parallel join)
      Map<String, Integer> tokens = flowScope.joinTokens(element.id());
      for (SequenceFlow incoming : element.incoming()) {
        if (tokens.containsKey(incoming.id())) {
          tokens.computeIfPresent(incoming.id(), (id, count) -> count > 1 ? count - 1 : null);
          flowScope.activeFlows--;
        }
      }
    } else if (flowScope.pendingFlows != null) {
      // consumes a flow taken towards this element; an element that a process instance modification
      // activates took none, and the count is left as it is (Zeebe's never drops below zero)
      for (SequenceFlow incoming : element.incoming()) {
        Integer count = flowScope.pendingFlows.get(incoming.id());
        if (count != null) {
          if (count > 1) {
            flowScope.pendingFlows.put(incoming.id(), count - 1);
          } else {
            flowScope.pendingFlows.remove(incoming.id());
            if (flowScope.pendingFlows.isEmpty()) {
              flowScope.pendingFlows = null; // a waiting scope keeps no empty map
            }
          }
          flowScope.activeFlows = Math.max(0, flowScope.activeFlows - 1);
          break;
        }
      }
    }
  }

  private void setState(long key, ElementInstance.State state) {
    ElementInstance instance = elementInstances.get(key);
    if (instance != null) {
      instance.state = state;
    }
  }

  private void applyVariable(Record record, Map<String, Object> v) {
    String json = str(v, "value");
    Variable variable = new Variable(record.key(), shared(str(v, "name")), json);
    variables.computeIfAbsent(lng(v, "scopeKey"), k -> new ScopeVariables()).set(variable);
  }

  private void applyJobBatch(Map<String, Object> v) {
    List<Number> keys = Values.list(v, "jobKeys");
    List<Map<String, Object>> values = Values.list(v, "jobs");
    for (int i = 0; i < keys.size(); i++) {
      applyJob(keys.get(i).longValue(), "ACTIVATED", values.get(i));
    }
  }

  private void applyJob(long key, String intent, Map<String, Object> v) {
    if ("CREATED".equals(intent)) {
      Map<String, Object> headers = map(v, "customHeaders");
      Map<String, String> customHeaders = new LinkedHashMap<>();
      headers.forEach((name, value) -> customHeaders.put(name, String.valueOf(value)));
      Job job =
          new Job(
              key,
              str(v, "type"),
              integer(v, "retries"),
              customHeaders,
              lng(v, "elementInstanceKey"),
              lng(v, "processInstanceKey"),
              lng(v, "processDefinitionKey"),
              str(v, "bpmnProcessId"),
              integer(v, "processDefinitionVersion"),
              str(v, "elementId"),
              str(v, "tenantId"));
      job.kind = String.valueOf(v.getOrDefault("jobKind", "BPMN_ELEMENT"));
      job.listenerEventType = String.valueOf(v.getOrDefault("jobListenerEventType", "UNSPECIFIED"));
      jobs.put(key, job);
      makeActivatable(job);
      ElementInstance instance = elementInstances.get(job.elementInstanceKey);
      if (instance != null) {
        instance.jobKey = key;
        if (job.isExecutionListener()) {
          instance.executionListenerIndex++;
        } else if ("TASK_LISTENER".equals(job.kind)
            && userTasks.get(instance.userTaskKey) != null) {
          userTasks.get(instance.userTaskKey).taskListenerIndex++;
        }
      }
      return;
    }
    Job job = jobs.get(key);
    if (job == null) {
      return;
    }
    switch (intent) {
      case "ACTIVATED" -> {
        leaveCurrentState(job);
        job.state = Job.State.ACTIVATED;
        job.worker = str(v, "worker");
        job.deadline = lng(v, "deadline");
        jobDeadlines.add(new long[] {job.deadline, key});
      }
      case "COMPLETED", "CANCELED" -> {
        leaveCurrentState(job);
        jobs.remove(key);
        ElementInstance instance = elementInstances.get(job.elementInstanceKey);
        if (instance != null && instance.jobKey == key) {
          instance.jobKey = -1;
        }
      }
      case "FAILED" -> {
        leaveCurrentState(job);
        job.retries = integer(v, "retries");
        job.errorMessage = str(v, "errorMessage");
        long backoff = lng(v, "retryBackoff");
        if (job.retries <= 0) {
          job.state = Job.State.FAILED;
        } else if (backoff > 0) {
          job.state = Job.State.BACKOFF;
          job.recurAt = lng(v, "recurringTime");
          jobBackoffs.add(new long[] {job.recurAt, key});
        } else {
          makeActivatable(job);
        }
      }
      case "TIMED_OUT", "RECURRED_AFTER_BACKOFF", "YIELDED" -> {
        leaveCurrentState(job);
        makeActivatable(job);
      }
      case "RETRIES_UPDATED" -> job.retries = integer(v, "retries");
      case "MIGRATED" -> {
        job.processDefinitionKey = lng(v, "processDefinitionKey");
        job.bpmnProcessId = str(v, "bpmnProcessId");
        job.processDefinitionVersion = integer(v, "processDefinitionVersion");
        job.elementId = str(v, "elementId");
      }
      case "TIMEOUT_UPDATED" -> {
        if (job.state == Job.State.ACTIVATED) {
          jobDeadlines.remove(new long[] {job.deadline, key});
          job.deadline = lng(v, "deadline");
          jobDeadlines.add(new long[] {job.deadline, key});
        }
      }
      case "ERROR_THROWN" -> {
        leaveCurrentState(job);
        job.state = Job.State.ERROR_THROWN;
        job.errorCode = str(v, "errorCode");
        job.errorMessage = str(v, "errorMessage");
      }
      default -> {}
    }
  }

  private void makeActivatable(Job job) {
    job.state = Job.State.ACTIVATABLE;
    job.worker = "";
    job.deadline = -1;
    activatableJobs.add(job.type, job.key);
  }

  private void leaveCurrentState(Job job) {
    switch (job.state) {
      case ACTIVATABLE -> {
        activatableJobs.remove(job.type, job.key);
      }
      case ACTIVATED -> jobDeadlines.remove(new long[] {job.deadline, job.key});
      case BACKOFF -> jobBackoffs.remove(new long[] {job.recurAt, job.key});
      default -> {}
    }
  }

  private void applyUserTask(Record record, Map<String, Object> v) {
    long key = record.key();
    if ("CREATING".equals(record.intent())) {
      UserTask task =
          new UserTask(
              key,
              lng(v, "elementInstanceKey"),
              lng(v, "processInstanceKey"),
              lng(v, "processDefinitionKey"),
              shared(str(v, "bpmnProcessId")),
              integer(v, "processDefinitionVersion"),
              shared(str(v, "elementId")),
              shared(str(v, "elementName")),
              shared(str(v, "tenantId")),
              lng(v, "creationTimestamp"));
      copyUserTaskAttributes(task, v);
      task.transition = new LinkedHashMap<>(v);
      userTasks.put(key, task);
      ElementInstance instance = elementInstances.get(task.elementInstanceKey);
      if (instance != null) {
        instance.userTaskKey = key;
      }
      return;
    }
    UserTask task = userTasks.get(key);
    if (task == null) {
      return;
    }
    switch (record.intent()) {
      case "CREATED", "ASSIGNED", "UPDATED" -> {
        copyUserTaskAttributes(task, v);
        task.state = UserTask.State.CREATED;
        task.transition = null;
      }
      case "ASSIGNMENT_DENIED", "UPDATE_DENIED", "COMPLETION_DENIED" -> {
        task.state = UserTask.State.CREATED; // back to the state before the denied transition
        task.transition = null;
      }
      case "CORRECTED" ->
          task.transition =
              new LinkedHashMap<>(v); // a task listener corrected the transition's record
      case "MIGRATED" -> {
        task.processDefinitionKey = lng(v, "processDefinitionKey");
        task.bpmnProcessId = str(v, "bpmnProcessId");
        task.processDefinitionVersion = integer(v, "processDefinitionVersion");
        task.elementId = str(v, "elementId");
        if (v.containsKey("elementName")) {
          task.elementName = str(v, "elementName");
        }
      }
      case "ASSIGNING", "CLAIMING" -> beginTransition(task, UserTask.State.ASSIGNING, v);
      case "UPDATING" -> beginTransition(task, UserTask.State.UPDATING, v);
      case "COMPLETING" -> beginTransition(task, UserTask.State.COMPLETING, v);
      case "CANCELING" -> beginTransition(task, UserTask.State.CANCELING, v);
      case "COMPLETED", "CANCELED" -> {
        userTasks.remove(key);
        ElementInstance instance = elementInstances.get(task.elementInstanceKey);
        if (instance != null && instance.userTaskKey == key) {
          instance.userTaskKey = -1;
        }
      }
      default -> {}
    }
  }

  private static void beginTransition(UserTask task, UserTask.State state, Map<String, Object> v) {
    task.state = state;
    task.transition = new LinkedHashMap<>(v);
    task.taskListenerIndex = 0;
  }

  /**
   * One copy of a string that many waiting instances hold (ids, names, tenants, groups): each
   * record brings its own copy, and the state keeps them for as long as the instances wait.
   */
  private static String shared(String value) {
    return value == null ? null : value.intern();
  }

  /** The one empty string for a field that is usually empty and otherwise unique (a due date). */
  private static String emptyShared(String value) {
    return value != null && value.isEmpty() ? "" : value;
  }

  private static List<String> shared(List<String> values) {
    return List.of(values.stream().map(EngineState::shared).toArray(String[]::new));
  }

  private static void copyUserTaskAttributes(UserTask task, Map<String, Object> v) {
    task.assignee = shared(str(v, "assignee"));
    task.candidateGroups = shared(Values.<String>list(v, "candidateGroupsList"));
    task.candidateUsers = shared(Values.<String>list(v, "candidateUsersList"));
    task.dueDate = emptyShared(str(v, "dueDate"));
    task.followUpDate = emptyShared(str(v, "followUpDate"));
    task.priority = v.containsKey("priority") ? integer(v, "priority") : 50;
    task.formDefinitionKey = lng(v, "formKey");
    task.externalFormReference = emptyShared(str(v, "externalFormReference"));
  }

  private void applyMessage(Record record, Map<String, Object> v) {
    long key = record.key();
    if ("PUBLISHED".equals(record.intent())) {
      if (lng(v, "timeToLive") <= 0) {
        return; // correlated right away or never: not buffered
      }
      BufferedMessage message =
          new BufferedMessage(
              key,
              str(v, "name"),
              str(v, "correlationKey"),
              str(v, "messageId"),
              map(v, "variables"),
              lng(v, "deadline"),
              str(v, "tenantId"));
      messages.put(key, message);
      String correlation = correlation(message.tenantId, message.name, message.correlationKey);
      messagesByCorrelation.add(correlation, key);
      messageDeadlines.add(new long[] {message.deadline, key});
      if (!message.messageId.isEmpty()) {
        messageIds.put(correlation + "\u0000" + message.messageId, key);
      }
    } else if ("EXPIRED".equals(record.intent())) {
      BufferedMessage message = messages.remove(key);
      if (message != null) {
        String correlation = correlation(message.tenantId, message.name, message.correlationKey);
        messagesByCorrelation.remove(correlation, key);
        messageDeadlines.remove(new long[] {message.deadline, key});
        if (!message.messageId.isEmpty()) {
          messageIds.remove(correlation + "\u0000" + message.messageId);
        }
      }
    }
  }

  private void applySubscription(Record record, Map<String, Object> v) {
    long key = record.key();
    switch (record.intent()) {
      case "CREATED" -> {
        MessageSubscription subscription =
            new MessageSubscription(
                key,
                lng(v, "elementInstanceKey"),
                lng(v, "processInstanceKey"),
                lng(v, "processDefinitionKey"),
                str(v, "bpmnProcessId"),
                str(v, "elementId"),
                str(v, "messageName"),
                str(v, "correlationKey"),
                Boolean.TRUE.equals(v.get("interrupting")),
                str(v, "tenantId"));
        subscriptions.put(key, subscription);
        subscriptionsByCorrelation.add(
            correlation(
                subscription.tenantId(), subscription.messageName(), subscription.correlationKey()),
            key);
        subscriptionsByElementInstance.add(subscription.elementInstanceKey(), key);
      }
      case "CORRELATED" -> {
        BufferedMessage message = messages.get(lng(v, "messageKey"));
        if (message != null) {
          message.correlatedInstances.add(lng(v, "processInstanceKey"));
        }
      }
      case "MIGRATED" -> {
        MessageSubscription old = subscriptions.get(key);
        if (old
            != null) { // same name, correlation key and waiting element instance: only the process
          // and catch event change
          subscriptions.put(
              key,
              new MessageSubscription(
                  key,
                  old.elementInstanceKey(),
                  old.processInstanceKey(),
                  lng(v, "processDefinitionKey"),
                  str(v, "bpmnProcessId"),
                  str(v, "elementId"),
                  old.messageName(),
                  old.correlationKey(),
                  Boolean.TRUE.equals(v.get("interrupting")),
                  old.tenantId()));
        }
      }
      case "DELETED" -> {
        MessageSubscription subscription = subscriptions.remove(key);
        if (subscription != null) {
          subscriptionsByCorrelation.remove(
              correlation(
                  subscription.tenantId(),
                  subscription.messageName(),
                  subscription.correlationKey()),
              key);
          subscriptionsByElementInstance.remove(subscription.elementInstanceKey(), key);
        }
      }
      default -> {}
    }
  }

  private void applySignalSubscription(Record record, Map<String, Object> v) {
    long key = record.key();
    if ("CREATED".equals(record.intent())) {
      SignalSubscription subscription =
          new SignalSubscription(
              key,
              lng(v, "catchEventInstanceKey"),
              lng(v, "processInstanceKey"),
              lng(v, "processDefinitionKey"),
              str(v, "bpmnProcessId"),
              str(v, "catchEventId"),
              str(v, "signalName"),
              Boolean.TRUE.equals(v.get("interrupting")),
              str(v, "tenantId"));
      signalSubscriptions.put(key, subscription);
      signalSubscriptionsByName.add(
          subscription.tenantId() + "\u0000" + subscription.signalName(), key);
      signalSubscriptionsByElementInstance.add(subscription.elementInstanceKey(), key);
    } else if ("MIGRATED".equals(record.intent())) {
      SignalSubscription old = signalSubscriptions.get(key);
      if (old != null) {
        signalSubscriptions.put(
            key,
            new SignalSubscription(
                key,
                old.elementInstanceKey(),
                old.processInstanceKey(),
                lng(v, "processDefinitionKey"),
                str(v, "bpmnProcessId"),
                str(v, "catchEventId"),
                old.signalName(),
                Boolean.TRUE.equals(v.get("interrupting")),
                old.tenantId()));
      }
    } else if ("DELETED".equals(record.intent())) {
      SignalSubscription subscription = signalSubscriptions.remove(key);
      if (subscription != null) {
        signalSubscriptionsByName.remove(
            subscription.tenantId() + "\u0000" + subscription.signalName(), key);
        signalSubscriptionsByElementInstance.remove(subscription.elementInstanceKey(), key);
      }
    }
  }

  private void applyMessageStart(Record record, Map<String, Object> v) {
    if (!"CORRELATED".equals(record.intent())) {
      return;
    }
    BufferedMessage message = messages.get(lng(v, "messageKey"));
    String bpmnProcessId = str(v, "bpmnProcessId");
    if (message != null) {
      message.correlatedProcesses.add(bpmnProcessId);
    }
    String correlationKey = str(v, "correlationKey");
    if (!correlationKey.isEmpty()) {
      String entry = correlation(str(v, "tenantId"), bpmnProcessId, correlationKey);
      long processInstanceKey = lng(v, "processInstanceKey");
      messageStartedInstances.put(entry, processInstanceKey);
      messageStartedByInstance.put(processInstanceKey, entry);
    }
  }

  private void applyTimer(Record record, Map<String, Object> v) {
    long key = record.key();
    if ("CREATED".equals(record.intent())) {
      TimerInstance timer =
          new TimerInstance(
              key,
              lng(v, "elementInstanceKey"),
              lng(v, "processInstanceKey"),
              lng(v, "processDefinitionKey"),
              str(v, "bpmnProcessId"),
              str(v, "targetElementId"),
              lng(v, "dueDate"),
              integer(v, "repetitions"),
              str(v, "tenantId"));
      timers.put(key, timer);
      timerDueDates.add(new long[] {timer.dueDate(), key});
      timersByElementInstance.add(timer.elementInstanceKey(), key);
    } else if ("MIGRATED".equals(record.intent())) {
      TimerInstance old = timers.get(key);
      if (old != null) { // same due date and repetitions, now for the target's catch event
        timers.put(
            key,
            new TimerInstance(
                key,
                old.elementInstanceKey(),
                old.processInstanceKey(),
                lng(v, "processDefinitionKey"),
                v.containsKey("bpmnProcessId") ? str(v, "bpmnProcessId") : old.bpmnProcessId(),
                str(v, "targetElementId"),
                old.dueDate(),
                old.repetitions(),
                old.tenantId()));
      }
    } else if ("TRIGGERED".equals(record.intent()) || "CANCELED".equals(record.intent())) {
      TimerInstance timer = timers.remove(key);
      if (timer != null) {
        timerDueDates.remove(new long[] {timer.dueDate(), key});
        timersByElementInstance.remove(timer.elementInstanceKey(), key);
      }
    }
  }

  private void applyClock(Record record, Map<String, Object> v) {
    if ("PINNED".equals(record.intent())) {
      clock.pin(lng(v, "time"));
    } else if ("RESETTED".equals(record.intent())) {
      clock.reset();
    }
  }

  private void applyIncident(Record record, Map<String, Object> v) {
    long key = record.key();
    if ("CREATED".equals(record.intent())) {
      Incident incident =
          new Incident(
              key,
              str(v, "errorType"),
              str(v, "errorMessage"),
              lng(v, "elementInstanceKey"),
              lng(v, "jobKey"),
              lng(v, "processInstanceKey"),
              lng(v, "processDefinitionKey"),
              str(v, "bpmnProcessId"),
              str(v, "elementId"),
              lng(v, "variableScopeKey"),
              str(v, "tenantId"),
              record.timestamp(),
              v.getOrDefault("elementInstancePath", java.util.List.of()),
              v.getOrDefault("processDefinitionPath", java.util.List.of()),
              v.getOrDefault("callingElementPath", java.util.List.of()));
      incidents.put(key, incident);
      ElementInstance instance = elementInstances.get(incident.elementInstanceKey());
      if (instance != null) {
        instance.incidentKey = key;
      }
    } else if ("MIGRATED".equals(record.intent())) {
      Incident old = incidents.get(key);
      if (old != null) {
        incidents.put(
            key,
            new Incident(
                key,
                old.errorType(),
                old.errorMessage(),
                old.elementInstanceKey(),
                old.jobKey(),
                old.processInstanceKey(),
                lng(v, "processDefinitionKey"),
                str(v, "bpmnProcessId"),
                str(v, "elementId"),
                old.variableScopeKey(),
                old.tenantId(),
                old.creationTime(),
                v.getOrDefault("elementInstancePath", old.elementInstancePath()),
                v.getOrDefault("processDefinitionPath", old.processDefinitionPath()),
                v.getOrDefault("callingElementPath", old.callingElementPath())));
      }
    } else if ("RESOLVED".equals(record.intent())) {
      Incident incident = incidents.remove(key);
      if (incident == null) {
        return;
      }
      ElementInstance instance = elementInstances.get(incident.elementInstanceKey());
      if (instance != null && instance.incidentKey == key) {
        instance.incidentKey = -1;
      }
      if (instance != null && incident.jobKey() <= 0) {
        instance.executionListenerIndex =
            0; // the element's start or end phase runs again from its first listener
      }
      Job job = incident.jobKey() > 0 ? jobs.get(incident.jobKey()) : null;
      if (job != null
          && (job.state == Job.State.FAILED || job.state == Job.State.ERROR_THROWN)
          && job.retries > 0) {
        makeActivatable(job);
      }
    }
  }
}
