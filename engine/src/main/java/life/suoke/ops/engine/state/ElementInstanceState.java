package life.suoke.ops.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The live element instances (a process instance is one, with no flow scope) and the children of
 * each scope, with what a scope counts: its active children, the sequence flows taken into it whose
 * target is not active yet, and the tokens waiting at its joining gateways. Its public methods only
 * read; the appliers of PROCESS_INSTANCE events change it, and those of jobs, user tasks,
 * incidents, event triggers and ad-hoc subprocess instructions set what an instance refers to.
 */
public final class ElementInstanceState {

  private final Map<Long, ElementInstance> instances = new HashMap<>();
  private final KeyIndex<Long> childrenByScope = new KeyIndex<>();

  // ---------------------------------------------------------------- reads

  public ElementInstance elementInstance(long key) {
    return instances.get(key);
  }

  public Collection<ElementInstance> elementInstances() {
    return Collections.unmodifiableCollection(instances.values());
  }

  /** Live children of a scope, oldest first. */
  public List<ElementInstance> children(long scopeKey) {
    return childrenByScope.resolve(scopeKey, instances::get);
  }

  /** Scope key of the parent scope of a variable scope, -1 at the process instance. */
  public long parentScope(long scopeKey) {
    ElementInstance instance = instances.get(scopeKey);
    return instance == null ? -1 : instance.flowScopeKey;
  }

  /**
   * Whether a process instance of this definition is running (a called instance counts for its own
   * definition). A scan of the running element instances: it serves resource deletion, which is
   * rare.
   */
  public boolean hasRunningInstances(long processDefinitionKey) {
    for (ElementInstance instance : instances.values()) {
      if (instance.processDefinitionKey == processDefinitionKey
          && instance.type() == BpmnElementType.PROCESS) {
        return true;
      }
    }
    return false;
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
  public Set<String> joinTokenFlows(long flowScopeKey, ExecutableElement gateway) {
    ElementInstance flowScope = instances.get(flowScopeKey);
    if (flowScope == null
        || flowScope.joinTokens == null
        || !flowScope.joinTokens.containsKey(gateway.id())) {
      return Set.of();
    }
    return Set.copyOf(flowScope.joinTokens.get(gateway.id()).keySet());
  }

  /** Whether a token has arrived on every incoming flow of a joining gateway. */
  public boolean joinComplete(long flowScopeKey, ExecutableElement gateway) {
    ElementInstance flowScope = instances.get(flowScopeKey);
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

  // ---------------------------------------------------------------- the lifecycle

  /** A new instance (ELEMENT_ACTIVATING), a child of its flow scope. */
  void add(ElementInstance instance) {
    instances.put(instance.key, instance);
    if (instance.flowScopeKey != -1) {
      childrenByScope.add(instance.flowScopeKey, instance.key);
    }
  }

  /** A process instance that a call activity's instance called. */
  void calledBy(
      ElementInstance instance, long parentElementInstanceKey, long parentProcessInstanceKey) {
    instance.parentElementInstanceKey = parentElementInstanceKey;
    instance.parentProcessInstanceKey = parentProcessInstanceKey;
    ElementInstance caller = instances.get(parentElementInstanceKey);
    if (caller != null) {
      caller.calledChildKey = instance.key;
    }
  }

  /**
   * A child is activating in its flow scope: it counts as active, takes the token that led to it,
   * and an inner instance of a multi-instance body gets its number.
   */
  void enterFlowScope(ElementInstance flowScope, ElementInstance child) {
    flowScope.activeChildren++;
    consumeIncomingToken(flowScope, child.element);
    if (flowScope.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
      child.loopCounter = ++flowScope.loopCounter;
    }
  }

  /**
   * An interrupting event subprocess activates in a scope: the sequence flows still counted there
   * are dropped (their targets were terminated or will never be activated).
   */
  void dropTakenFlows(ElementInstance flowScope) {
    flowScope.activeFlows = 0;
    flowScope.joinTokens = null;
    flowScope.pendingFlows = null;
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

  void setState(long key, ElementInstance.State state) {
    ElementInstance instance = instances.get(key);
    if (instance != null) {
      instance.state = state;
    }
  }

  /** ELEMENT_ACTIVATED: the end phase's execution listeners start from the first. */
  void activated(long key) {
    ElementInstance instance = instances.get(key);
    if (instance != null) {
      instance.state = ElementInstance.State.ACTIVATED;
      instance.executionListenerIndex = 0;
    }
  }

  /**
   * ELEMENT_COMPLETED or ELEMENT_TERMINATED: the instance and its children index are gone; its flow
   * scope counts it no more (and a multi-instance body counts how its inner instance ended).
   * Returns the instance, or null if it was not live.
   */
  ElementInstance remove(long key, boolean completed) {
    ElementInstance instance = instances.remove(key);
    childrenByScope.removeGroup(key);
    if (instance != null) {
      childrenByScope.remove(instance.flowScopeKey, key);
      ElementInstance flowScope = instances.get(instance.flowScopeKey);
      if (flowScope != null) {
        flowScope.activeChildren--;
        if (flowScope.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
          if (completed) {
            flowScope.completedChildren++;
          } else {
            flowScope.terminatedChildren++;
          }
        }
      }
    }
    return instance;
  }

  /**
   * A process instance migration moved an element instance to another process definition (and maybe
   * another element id): it keeps its key, state, variables and children; if it is the interrupting
   * event subprocess of its flow scope, the scope names its new id.
   */
  void migrate(ElementInstance instance, ProcessDefinition target, ExecutableElement element) {
    ElementInstance flowScope = instances.get(instance.flowScopeKey);
    if (flowScope != null && instance.element.id().equals(flowScope.interruptingElementId)) {
      flowScope.interruptingElementId = element.id();
    }
    instance.processDefinitionKey = target.key();
    instance.bpmnProcessId = target.bpmnProcessId();
    instance.version = target.version();
    instance.element = element;
  }

  /**
   * SEQUENCE_FLOW_TAKEN: a token on its way into a scope, held at the target if that is a joining
   * gateway.
   */
  void takeFlow(long flowScopeKey, ExecutableProcess process, String flowId) {
    ElementInstance flowScope = instances.get(flowScopeKey);
    if (flowScope == null) {
      return;
    }
    flowScope.activeFlows++;
    SequenceFlow flow = process.sequenceFlow(flowId);
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

  /**
   * SEQUENCE_FLOW_DELETED: a migration took a token waiting at a joining gateway off its flow (it
   * is put on the target's flow next).
   */
  void deleteTakenFlow(long flowScopeKey, ProcessDefinition definition, String flowId) {
    ElementInstance flowScope = instances.get(flowScopeKey);
    if (flowScope == null || definition == null || flowScope.joinTokens == null) {
      return;
    }
    SequenceFlow flow = definition.executable().sequenceFlow(flowId);
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

  // ---------------------------------------------------------------- what an instance refers to

  /**
   * A job of the instance was created: it is the instance's job, and an execution listener's job
   * moves the instance on to its next listener.
   */
  void jobCreated(ElementInstance instance, long jobKey, boolean executionListener) {
    instance.jobKey = jobKey;
    if (executionListener) {
      instance.executionListenerIndex++;
    }
  }

  /** The instance's job completed or was canceled. */
  void jobEnded(long elementInstanceKey, long jobKey) {
    ElementInstance instance = instances.get(elementInstanceKey);
    if (instance != null && instance.jobKey == jobKey) {
      instance.jobKey = -1;
    }
  }

  void userTaskCreated(long elementInstanceKey, long userTaskKey) {
    ElementInstance instance = instances.get(elementInstanceKey);
    if (instance != null) {
      instance.userTaskKey = userTaskKey;
    }
  }

  void userTaskEnded(long elementInstanceKey, long userTaskKey) {
    ElementInstance instance = instances.get(elementInstanceKey);
    if (instance != null && instance.userTaskKey == userTaskKey) {
      instance.userTaskKey = -1;
    }
  }

  void incidentCreated(long elementInstanceKey, long incidentKey) {
    ElementInstance instance = instances.get(elementInstanceKey);
    if (instance != null) {
      instance.incidentKey = incidentKey;
    }
  }

  /**
   * An incident of the instance was resolved; if it was the element's own (no job's), the element's
   * start or end phase runs again from its first execution listener.
   */
  void incidentResolved(long elementInstanceKey, long incidentKey, boolean ownIncident) {
    ElementInstance instance = instances.get(elementInstanceKey);
    if (instance == null) {
      return;
    }
    if (instance.incidentKey == incidentKey) {
      instance.incidentKey = -1;
    }
    if (ownIncident) {
      instance.executionListenerIndex = 0;
    }
  }

  /** An interrupting event subprocess was triggered in a scope. */
  void interruptedBy(ElementInstance scope, String eventSubprocessId) {
    scope.interruptingElementId = eventSubprocessId;
  }

  /** A job result fulfilled an ad-hoc subprocess's completion condition. */
  void adHocCompletionConditionFulfilled(long key, boolean cancelRemainingInstances) {
    ElementInstance adHoc = instances.get(key);
    if (adHoc != null) {
      adHoc.adHocCompletionConditionFulfilled = true;
      adHoc.adHocCancelRemainingInstances = cancelRemainingInstances;
    }
  }

  // ---------------------------------------------------------------- snapshot

  void write(Out out, DeploymentState deployments) {
    out.i32(instances.size());
    for (ElementInstance e : instances.values()) {
      out.i64(e.key);
      out.i64(e.processInstanceKey);
      out.i64(e.processDefinitionKey);
      out.sym(e.bpmnProcessId);
      out.i32(e.version);
      out.sym(e.tenantId);
      out.i64(e.flowScopeKey);
      writeElement(deployments, e, out);
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
    childrenByScope.write(out);
  }

  /**
   * The element by id, and whether it is the inner activity of the multi-instance body of that id.
   */
  private static void writeElement(DeploymentState deployments, ElementInstance e, Out out) {
    ExecutableProcess process = deployments.process(e.processDefinitionKey).executable();
    ExecutableElement byId = process.element(e.element.id());
    boolean inner = byId != e.element;
    if (inner
        && !(byId instanceof ExecutableMultiInstanceBody body
            && body.innerActivity() == e.element)) {
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

  /** Reads what {@link #write} wrote, finding each element in the deployed processes. */
  @SuppressWarnings("unchecked")
  void read(In in, DeploymentState deployments) {
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
      ProcessDefinition definition = deployments.process(processDefinitionKey);
      if (definition == null) {
        throw new IllegalStateException(
            "element instance " + key + " of unknown process " + processDefinitionKey);
      }
      ExecutableElement element = definition.executable().element(elementId);
      if (inner) {
        element = ((ExecutableMultiInstanceBody) element).innerActivity();
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
      instances.put(key, e);
    }
    KeyIndex.readKeyGroups(childrenByScope, in);
  }
}
