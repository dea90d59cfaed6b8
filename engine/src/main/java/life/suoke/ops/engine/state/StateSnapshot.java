package life.suoke.ops.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The engine's whole state as bytes at a log position, and back: a start loads the newest snapshot
 * and replays only the records after its position, so that start time does not grow with history.
 *
 * <p>Everything the appliers keep is written, indexes included (their groups keep their order,
 * which decides, for example, which activatable job a worker gets first). The executable processes
 * are not: they are transformed again from their deployed resources, as a replay would. An element
 * instance names its element by id (and whether it is an inner instance of a multi-instance body,
 * which shares the body's id).
 *
 * <p>The format starts with a magic number and {@link #FORMAT}; a snapshot of another format is
 * refused, and the engine then replays the whole log. Change {@link #FORMAT} whenever what is
 * written changes.
 */
public final class StateSnapshot {

  /** The version of the layout written here. */
  public static final int FORMAT = 1;

  private static final int MAGIC = 0x534B5353; // "SKSS"

  private StateSnapshot() {}

  /**
   * The committed state at {@code position} as bytes, and how long writing them took (the pause of
   * the processing thread).
   */
  public record Image(long position, byte[] data, long writeMillis) {}

  /**
   * Writes the state. Must run on the thread that owns it, with every applied event committed, so
   * that {@link EngineState#lastPosition()} is the image's position.
   */
  public static Image write(EngineState state) {
    if (!state.stagedExecutables.isEmpty()) {
      throw new IllegalStateException("a deployment is half applied; no snapshot now");
    }
    long started = System.nanoTime();
    Out out = new Out();
    out.i32(MAGIC);
    out.i32(FORMAT);
    out.i64(state.lastPosition);
    out.i64(state.lastKeyCounter);
    out.i64(state.clock.isPinned() ? state.clock.getAsLong() : -1);
    writeDeployments(state, out);
    writeElementInstances(state, out);
    writeVariables(state, out);
    writeJobs(state, out);
    writeTimers(state, out);
    writeMessages(state, out);
    writeUserTasks(state, out);
    writeEventTriggers(state, out);
    writeCompensation(state, out);
    writeIncidents(state, out);
    writeBatchOperations(state, out);
    out.i32(MAGIC);
    byte[] data = out.toByteArray();
    return new Image(state.lastPosition, data, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Reads a state written by {@link #write}, transforming the deployed processes with {@code
   * transformer} and pinning {@code clock} as it was pinned. Throws IllegalStateException if the
   * bytes are not a snapshot of this {@link #FORMAT}.
   */
  public static EngineState read(
      byte[] data,
      BiFunction<String, byte[], List<ExecutableProcess>> transformer,
      EngineClock clock) {
    In in = new In(data);
    if (in.i32() != MAGIC) {
      throw new IllegalStateException("not an engine state snapshot");
    }
    int format = in.i32();
    if (format != FORMAT) {
      throw new IllegalStateException(
          "snapshot format " + format + " is not the format this engine reads (" + FORMAT + ")");
    }
    EngineState state = new EngineState(transformer, clock);
    state.lastPosition = in.i64();
    state.lastKeyCounter = in.i64();
    long pinned = in.i64();
    if (pinned >= 0) {
      clock.pin(pinned);
    } else {
      clock.reset();
    }
    readDeployments(state, in);
    readElementInstances(state, in);
    readVariables(state, in);
    readJobs(state, in);
    readTimers(state, in);
    readMessages(state, in);
    readUserTasks(state, in);
    readEventTriggers(state, in);
    readCompensation(state, in);
    readIncidents(state, in);
    readBatchOperations(state, in);
    if (in.i32() != MAGIC) {
      throw new IllegalStateException("snapshot is damaged: its end marker is missing");
    }
    in.expectEnd();
    return state;
  }

  // ---------------------------------------------------------------- deployments

  private static void writeDeployments(EngineState state, Out out) {
    out.i32(state.processesByKey.size());
    for (ProcessDefinition p : state.processesByKey.values()) {
      out.i64(p.key());
      out.sym(p.bpmnProcessId());
      out.i32(p.version());
      out.sym(p.versionTag());
      out.sym(p.resourceName());
      out.str(p.checksum());
      out.bytes(p.resource());
      out.i64(p.deploymentKey());
      out.sym(p.tenantId());
    }
    out.i32(state.resourcesByKey.size());
    for (DeployedResource r : state.resourcesByKey.values()) {
      out.i64(r.key());
      out.sym(r.kind());
      out.sym(r.resourceId());
      out.sym(r.name());
      out.i32(r.version());
      out.sym(r.resourceName());
      out.str(r.checksum());
      out.bytes(r.resource());
      out.i64(r.deploymentKey());
      out.sym(r.tenantId());
      out.sym(r.versionTag());
    }
    out.i32(state.decisionRequirementsByDecision.size());
    state.decisionRequirementsByDecision.forEach(
        (decision, drg) -> {
          out.i64(decision);
          out.i64(drg);
        });
    out.i32(state.lastVersions.size());
    state.lastVersions.forEach(
        (id, version) -> {
          out.sym(id);
          out.i32(version);
        });
  }

  private static void readDeployments(EngineState state, In in) {
    Map<String, List<ExecutableProcess>> transformed = new java.util.HashMap<>();
    for (int n = in.i32(); n > 0; n--) {
      long key = in.i64();
      String bpmnProcessId = in.sym();
      int version = in.i32();
      String versionTag = in.sym();
      String resourceName = in.sym();
      String checksum = in.str();
      byte[] resource = in.bytes();
      long deploymentKey = in.i64();
      String tenantId = in.sym();
      ExecutableProcess executable =
          transformed
              .computeIfAbsent(
                  resourceName + "\u0000" + checksum,
                  k -> state.transformer.apply(resourceName, resource))
              .stream()
              .filter(p -> p.bpmnProcessId().equals(bpmnProcessId))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Process " + bpmnProcessId + " missing from its resource"));
      ProcessDefinition definition =
          new ProcessDefinition(
              key,
              bpmnProcessId,
              version,
              versionTag,
              resourceName,
              checksum,
              resource,
              deploymentKey,
              tenantId,
              executable);
      state.processesByKey.put(key, definition);
      state
          .processVersions
          .computeIfAbsent(tenantId + "\u0000" + bpmnProcessId, k -> new TreeMap<>())
          .put(version, definition);
    }
    for (int n = in.i32(); n > 0; n--) {
      DeployedResource r =
          new DeployedResource(
              in.i64(),
              in.sym(),
              in.sym(),
              in.sym(),
              in.i32(),
              in.sym(),
              in.str(),
              in.bytes(),
              in.i64(),
              in.sym(),
              in.sym());
      state.resourcesByKey.put(r.key(), r);
      state
          .resourceVersions
          .computeIfAbsent(
              r.kind() + "\u0000" + r.tenantId() + "\u0000" + r.resourceId(), k -> new TreeMap<>())
          .put(r.version(), r);
    }
    for (int n = in.i32(); n > 0; n--) {
      state.decisionRequirementsByDecision.put(in.i64(), in.i64());
    }
    for (int n = in.i32(); n > 0; n--) {
      state.lastVersions.put(in.sym(), in.i32());
    }
  }

  // ---------------------------------------------------------------- element instances

  private static void writeElementInstances(EngineState state, Out out) {
    out.i32(state.elementInstances.size());
    for (ElementInstance e : state.elementInstances.values()) {
      out.i64(e.key);
      out.i64(e.processInstanceKey);
      out.i64(e.processDefinitionKey);
      out.sym(e.bpmnProcessId);
      out.i32(e.version);
      out.sym(e.tenantId);
      out.i64(e.flowScopeKey);
      writeElement(state, e, out);
      out.i64(e.startTime);
      out.enumeration(e.state);
      out.i32(e.activeChildren);
      out.i32(e.activeFlows);
      out.i64(e.jobKey);
      out.i64(e.userTaskKey);
      out.i64(e.incidentKey);
      out.i32(e.executionListenerIndex);
      out.value(e.joinTokens);
      out.value(e.pendingFlows);
      out.i64(e.parentElementInstanceKey);
      out.i64(e.parentProcessInstanceKey);
      out.i64(e.calledChildKey);
      out.i32(e.loopCounter);
      out.i32(e.completedChildren);
      out.i32(e.terminatedChildren);
      out.sym(e.interruptingElementId);
      out.bool(e.adHocCompletionConditionFulfilled);
      out.bool(e.adHocCancelRemainingInstances);
    }
    writeIndex(state.childrenByScope, out, true);
  }

  /** The element by id, and whether it is the inner activity of the body of that id. */
  private static void writeElement(EngineState state, ElementInstance e, Out out) {
    ExecutableProcess process = state.processesByKey.get(e.processDefinitionKey).executable();
    ExecutableElement byId = process.element(e.element.id());
    boolean inner = byId != e.element;
    if (inner
        && !(byId != null
            && byId.type() == BpmnElementType.MULTI_INSTANCE_BODY
            && byId.innerActivity() == e.element)) {
      throw new IllegalStateException(
          "element instance "
              + e.key
              + " is at "
              + e.element.id()
              + ", which its process "
              + e.processDefinitionKey
              + " does not have");
    }
    out.sym(e.element.id());
    out.bool(inner);
  }

  @SuppressWarnings("unchecked")
  private static void readElementInstances(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      long key = in.i64();
      long processInstanceKey = in.i64();
      long processDefinitionKey = in.i64();
      String bpmnProcessId = in.sym();
      int version = in.i32();
      String tenantId = in.sym();
      long flowScopeKey = in.i64();
      String elementId = in.sym();
      boolean inner = in.bool();
      ProcessDefinition definition = state.processesByKey.get(processDefinitionKey);
      if (definition == null) {
        throw new IllegalStateException(
            "element instance " + key + " of unknown process " + processDefinitionKey);
      }
      ExecutableElement element = definition.executable().element(elementId);
      if (inner) {
        element = element.innerActivity();
      }
      ElementInstance e =
          new ElementInstance(
              key,
              processInstanceKey,
              processDefinitionKey,
              bpmnProcessId,
              version,
              tenantId,
              flowScopeKey,
              element,
              in.i64());
      e.state = in.enumeration(ElementInstance.State.values());
      e.activeChildren = in.i32();
      e.activeFlows = in.i32();
      e.jobKey = in.i64();
      e.userTaskKey = in.i64();
      e.incidentKey = in.i64();
      e.executionListenerIndex = in.i32();
      e.joinTokens = (Map<String, Map<String, Integer>>) in.value();
      e.pendingFlows = (Map<String, Integer>) in.value();
      e.parentElementInstanceKey = in.i64();
      e.parentProcessInstanceKey = in.i64();
      e.calledChildKey = in.i64();
      e.loopCounter = in.i32();
      e.completedChildren = in.i32();
      e.terminatedChildren = in.i32();
      e.interruptingElementId = in.sym();
      e.adHocCompletionConditionFulfilled = in.bool();
      e.adHocCancelRemainingInstances = in.bool();
      state.elementInstances.put(key, e);
    }
    readLongIndex(state.childrenByScope, in);
  }

  // ---------------------------------------------------------------- variables

  private static void writeVariables(EngineState state, Out out) {
    out.i32(state.variables.size());
    state.variables.forEach(
        (scope, vars) -> {
          out.i64(scope);
          out.i32(vars.size());
          for (Variable v : vars.values()) {
            out.i64(v.key());
            out.sym(v.name());
            out.str(v.json());
          }
        });
  }

  private static void readVariables(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      long scope = in.i64();
      ScopeVariables vars = new ScopeVariables();
      for (int m = in.i32(); m > 0; m--) {
        vars.set(new Variable(in.i64(), in.sym(), in.str()));
      }
      state.variables.put(scope, vars);
    }
  }

  // ---------------------------------------------------------------- jobs

  private static void writeJobs(EngineState state, Out out) {
    out.i32(state.jobs.size());
    for (Job j : state.jobs.values()) {
      out.i64(j.key);
      out.sym(j.type);
      out.i32(j.retries);
      out.i32(j.customHeaders.size());
      j.customHeaders.forEach(
          (name, value) -> {
            out.sym(name);
            out.sym(value);
          });
      out.i64(j.elementInstanceKey);
      out.i64(j.processInstanceKey);
      out.i64(j.processDefinitionKey);
      out.sym(j.bpmnProcessId);
      out.i32(j.processDefinitionVersion);
      out.sym(j.elementId);
      out.sym(j.tenantId);
      out.enumeration(j.state);
      out.sym(j.worker);
      out.i64(j.deadline);
      out.i64(j.recurAt);
      out.str(j.errorMessage);
      out.sym(j.errorCode);
      out.sym(j.kind);
      out.sym(j.listenerEventType);
    }
    writeIndex(state.activatableJobs, out, false);
    writeSchedule(state.jobDeadlines, out);
    writeSchedule(state.jobBackoffs, out);
  }

  private static void readJobs(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      long key = in.i64();
      String type = in.sym();
      int retries = in.i32();
      int headerCount = in.i32();
      Map<String, String> headers = new LinkedHashMap<>();
      for (int h = 0; h < headerCount; h++) {
        headers.put(in.sym(), in.sym());
      }
      Job j =
          new Job(
              key, type, retries, headers, in.i64(), in.i64(), in.i64(), in.sym(), in.i32(),
              in.sym(), in.sym());
      j.state = in.enumeration(Job.State.values());
      j.worker = in.sym();
      j.deadline = in.i64();
      j.recurAt = in.i64();
      j.errorMessage = in.str();
      j.errorCode = in.sym();
      j.kind = in.sym();
      j.listenerEventType = in.sym();
      state.jobs.put(key, j);
    }
    readStringIndex(state.activatableJobs, in);
    readSchedule(state.jobDeadlines, in);
    readSchedule(state.jobBackoffs, in);
  }

  // ---------------------------------------------------------------- timers

  private static void writeTimers(EngineState state, Out out) {
    out.i32(state.timers.size());
    for (TimerInstance t : state.timers.values()) {
      out.i64(t.key());
      out.i64(t.elementInstanceKey());
      out.i64(t.processInstanceKey());
      out.i64(t.processDefinitionKey());
      out.sym(t.bpmnProcessId());
      out.sym(t.targetElementId());
      out.i64(t.dueDate());
      out.i32(t.repetitions());
      out.sym(t.tenantId());
    }
    writeSchedule(state.timerDueDates, out);
    writeIndex(state.timersByElementInstance, out, true);
  }

  private static void readTimers(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      TimerInstance t =
          new TimerInstance(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.sym(), in.i64(), in.i32(),
              in.sym());
      state.timers.put(t.key(), t);
    }
    readSchedule(state.timerDueDates, in);
    readLongIndex(state.timersByElementInstance, in);
  }

  // ---------------------------------------------------------------- messages and signals

  private static void writeMessages(EngineState state, Out out) {
    out.i32(state.messages.size());
    for (BufferedMessage m : state.messages.values()) {
      out.i64(m.key);
      out.sym(m.name);
      out.str(m.correlationKey);
      out.str(m.messageId);
      out.value(m.variables);
      out.i64(m.deadline);
      out.sym(m.tenantId);
      out.longs(m.correlatedInstances.stream().mapToLong(Long::longValue).toArray());
      out.i32(m.correlatedProcesses.size());
      m.correlatedProcesses.forEach(out::sym);
    }
    writeIndex(state.messagesByCorrelation, out, false);
    writeSchedule(state.messageDeadlines, out);
    out.i32(state.messageIds.size());
    state.messageIds.forEach(
        (id, key) -> {
          out.str(id);
          out.i64(key);
        });
    out.i32(state.subscriptions.size());
    for (MessageSubscription s : state.subscriptions.values()) {
      out.i64(s.key());
      out.i64(s.elementInstanceKey());
      out.i64(s.processInstanceKey());
      out.i64(s.processDefinitionKey());
      out.sym(s.bpmnProcessId());
      out.sym(s.elementId());
      out.sym(s.messageName());
      out.str(s.correlationKey());
      out.bool(s.interrupting());
      out.sym(s.tenantId());
    }
    writeIndex(state.subscriptionsByCorrelation, out, false);
    writeIndex(state.subscriptionsByElementInstance, out, true);
    out.i32(state.signalSubscriptions.size());
    for (SignalSubscription s : state.signalSubscriptions.values()) {
      out.i64(s.key());
      out.i64(s.elementInstanceKey());
      out.i64(s.processInstanceKey());
      out.i64(s.processDefinitionKey());
      out.sym(s.bpmnProcessId());
      out.sym(s.elementId());
      out.sym(s.signalName());
      out.bool(s.interrupting());
      out.sym(s.tenantId());
    }
    writeIndex(state.signalSubscriptionsByName, out, false);
    writeIndex(state.signalSubscriptionsByElementInstance, out, true);
    out.i32(state.messageStartedInstances.size());
    state.messageStartedInstances.forEach(
        (entry, key) -> {
          out.str(entry);
          out.i64(key);
        });
    out.i32(state.messageStartedByInstance.size());
    state.messageStartedByInstance.forEach(
        (key, entry) -> {
          out.i64(key);
          out.str(entry);
        });
  }

  @SuppressWarnings("unchecked")
  private static void readMessages(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      BufferedMessage m =
          new BufferedMessage(
              in.i64(),
              in.sym(),
              in.str(),
              in.str(),
              (Map<String, Object>) in.value(),
              in.i64(),
              in.sym());
      for (long instance : in.longs()) {
        m.correlatedInstances.add(instance);
      }
      for (int p = in.i32(); p > 0; p--) {
        m.correlatedProcesses.add(in.sym());
      }
      state.messages.put(m.key, m);
    }
    readStringIndex(state.messagesByCorrelation, in);
    readSchedule(state.messageDeadlines, in);
    for (int n = in.i32(); n > 0; n--) {
      state.messageIds.put(in.str(), in.i64());
    }
    for (int n = in.i32(); n > 0; n--) {
      MessageSubscription s =
          new MessageSubscription(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.sym(), in.sym(), in.str(),
              in.bool(), in.sym());
      state.subscriptions.put(s.key(), s);
    }
    readStringIndex(state.subscriptionsByCorrelation, in);
    readLongIndex(state.subscriptionsByElementInstance, in);
    for (int n = in.i32(); n > 0; n--) {
      SignalSubscription s =
          new SignalSubscription(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.sym(), in.sym(), in.bool(),
              in.sym());
      state.signalSubscriptions.put(s.key(), s);
    }
    readStringIndex(state.signalSubscriptionsByName, in);
    readLongIndex(state.signalSubscriptionsByElementInstance, in);
    for (int n = in.i32(); n > 0; n--) {
      state.messageStartedInstances.put(in.str(), in.i64());
    }
    for (int n = in.i32(); n > 0; n--) {
      state.messageStartedByInstance.put(in.i64(), in.str());
    }
  }

  // ---------------------------------------------------------------- user tasks

  private static void writeUserTasks(EngineState state, Out out) {
    out.i32(state.userTasks.size());
    for (UserTask t : state.userTasks.values()) {
      out.i64(t.key);
      out.i64(t.elementInstanceKey);
      out.i64(t.processInstanceKey);
      out.i64(t.processDefinitionKey);
      out.sym(t.bpmnProcessId);
      out.i32(t.processDefinitionVersion);
      out.sym(t.elementId);
      out.sym(t.elementName);
      out.sym(t.tenantId);
      out.i64(t.creationTime);
      out.enumeration(t.state);
      out.sym(t.assignee);
      writeSymbols(t.candidateGroups, out);
      writeSymbols(t.candidateUsers, out);
      out.str(t.dueDate);
      out.str(t.followUpDate);
      out.i32(t.priority);
      out.i64(t.formDefinitionKey);
      out.str(t.externalFormReference);
      out.i64(t.completionTime);
      out.value(t.transition);
      out.i32(t.taskListenerIndex);
    }
  }

  @SuppressWarnings("unchecked")
  private static void readUserTasks(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      UserTask t =
          new UserTask(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.i32(), in.sym(), in.sym(),
              in.sym(), in.i64());
      t.state = in.enumeration(UserTask.State.values());
      t.assignee = in.sym();
      t.candidateGroups = readSymbols(in);
      t.candidateUsers = readSymbols(in);
      t.dueDate = emptyShared(in.str());
      t.followUpDate = emptyShared(in.str());
      t.priority = in.i32();
      t.formDefinitionKey = in.i64();
      t.externalFormReference = emptyShared(in.str());
      t.completionTime = in.i64();
      t.transition = (Map<String, Object>) in.value();
      t.taskListenerIndex = in.i32();
      state.userTasks.put(t.key, t);
    }
  }

  private static String emptyShared(String value) {
    return value != null && value.isEmpty() ? "" : value;
  }

  private static void writeSymbols(List<String> values, Out out) {
    out.i32(values.size());
    values.forEach(out::sym);
  }

  private static List<String> readSymbols(In in) {
    int size = in.i32();
    String[] values = new String[size];
    for (int i = 0; i < size; i++) {
      values[i] = in.sym();
    }
    return List.of(values);
  }

  // ---------------------------------------------------------------- triggers, compensation

  private static void writeEventTriggers(EngineState state, Out out) {
    Map<Long, EventTrigger> pending = state.eventTriggers.pending;
    out.i32(pending.size());
    for (EventTrigger t : pending.values()) {
      out.i64(t.key);
      out.i64(t.scopeKey);
      out.sym(t.elementId);
      out.value(t.variables);
      out.i64(t.processInstanceKey);
    }
  }

  private static void readEventTriggers(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      EventTrigger t = new EventTrigger(in.i64(), in.i64(), in.sym(), in.mapValue(), in.i64());
      state.eventTriggers.pending.put(t.key, t);
    }
  }

  private static void writeCompensation(EngineState state, Out out) {
    Map<Long, Map<Long, CompensationSubscription>> all =
        state.compensationSubscriptions.byProcessInstance;
    out.i32(all.size());
    all.forEach(
        (processInstanceKey, subscriptions) -> {
          out.i64(processInstanceKey);
          out.i32(subscriptions.size());
          for (CompensationSubscription s : subscriptions.values()) {
            out.i64(s.key());
            out.value(s.value());
          }
        });
  }

  private static void readCompensation(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      long processInstanceKey = in.i64();
      Map<Long, CompensationSubscription> subscriptions = new LinkedHashMap<>();
      for (int m = in.i32(); m > 0; m--) {
        long key = in.i64();
        subscriptions.put(key, new CompensationSubscription(key, in.mapValue()));
      }
      state.compensationSubscriptions.byProcessInstance.put(processInstanceKey, subscriptions);
    }
  }

  // ---------------------------------------------------------------- incidents, batches

  private static void writeIncidents(EngineState state, Out out) {
    out.i32(state.incidents.size());
    for (Incident i : state.incidents.values()) {
      out.i64(i.key());
      out.sym(i.errorType());
      out.str(i.errorMessage());
      out.i64(i.elementInstanceKey());
      out.i64(i.jobKey());
      out.i64(i.processInstanceKey());
      out.i64(i.processDefinitionKey());
      out.sym(i.bpmnProcessId());
      out.sym(i.elementId());
      out.i64(i.variableScopeKey());
      out.sym(i.tenantId());
      out.i64(i.creationTime());
      out.value(i.elementInstancePath());
      out.value(i.processDefinitionPath());
      out.value(i.callingElementPath());
    }
  }

  private static void readIncidents(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      Incident i =
          new Incident(
              in.i64(),
              in.sym(),
              in.str(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.i64(),
              in.sym(),
              in.sym(),
              in.i64(),
              in.sym(),
              in.i64(),
              in.value(),
              in.value(),
              in.value());
      state.incidents.put(i.key(), i);
    }
  }

  private static void writeBatchOperations(EngineState state, Out out) {
    Collection<BatchOperation> batches = state.batchOperations.batches.values();
    out.i32(batches.size());
    for (BatchOperation b : batches) {
      out.i64(b.key);
      out.sym(b.type);
      out.str(b.filter);
      out.value(b.value);
      out.i64(b.createdPosition);
      out.i64(b.startTime);
      out.enumeration(b.state);
      out.bool(b.initialized);
      out.str(b.searchCursor);
      out.i32(b.executed);
      out.i32(b.completed);
      out.i32(b.failed);
      out.i64(b.endTime);
      out.i32(b.itemCount());
      int held = b.heldItems();
      out.i32(held);
      for (int i = 0; i < held; i++) {
        out.i64(b.itemKey(i));
        out.i64(b.processInstanceKey(i));
      }
    }
    out.longs(state.batchOperations.runnable.stream().mapToLong(Long::longValue).toArray());
  }

  private static void readBatchOperations(EngineState state, In in) {
    for (int n = in.i32(); n > 0; n--) {
      BatchOperation b =
          new BatchOperation(in.i64(), in.sym(), in.str(), in.mapValue(), in.i64(), in.i64());
      b.state = in.enumeration(BatchOperation.State.values());
      b.initialized = in.bool();
      b.searchCursor = in.str();
      b.executed = in.i32();
      b.completed = in.i32();
      b.failed = in.i32();
      b.endTime = in.i64();
      int count = in.i32();
      int held = in.i32();
      long[] itemKeys = new long[held];
      long[] processInstanceKeys = new long[held];
      for (int i = 0; i < held; i++) {
        itemKeys[i] = in.i64();
        processInstanceKeys[i] = in.i64();
      }
      b.restoreItems(count, itemKeys, processInstanceKeys);
      state.batchOperations.batches.put(b.key, b);
    }
    for (long key : in.longs()) {
      state.batchOperations.runnable.add(key);
    }
  }

  // ---------------------------------------------------------------- indexes and schedules

  private static <G> void writeIndex(KeyIndex<G> index, Out out, boolean longGroups) {
    out.i32(index.groupCount());
    index.forEachGroup(
        (group, keys) -> {
          if (longGroups) {
            out.i64((Long) group);
          } else {
            out.str((String) group);
          }
          out.i32(keys.size());
          for (long key : keys) {
            out.i64(key);
          }
        });
  }

  private static void readLongIndex(KeyIndex<Long> index, In in) {
    for (int n = in.i32(); n > 0; n--) {
      long group = in.i64();
      for (int m = in.i32(); m > 0; m--) {
        index.add(group, in.i64());
      }
    }
  }

  private static void readStringIndex(KeyIndex<String> index, In in) {
    for (int n = in.i32(); n > 0; n--) {
      String group = in.str();
      for (int m = in.i32(); m > 0; m--) {
        index.add(group, in.i64());
      }
    }
  }

  private static void writeSchedule(TreeSet<long[]> schedule, Out out) {
    out.i32(schedule.size());
    for (long[] entry : schedule) {
      out.i64(entry[0]);
      out.i64(entry[1]);
    }
  }

  private static void readSchedule(TreeSet<long[]> schedule, In in) {
    List<long[]> entries = new ArrayList<>();
    for (int n = in.i32(); n > 0; n--) {
      entries.add(new long[] {in.i64(), in.i64()});
    }
    schedule.addAll(entries);
  }
}
